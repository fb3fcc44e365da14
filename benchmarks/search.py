"""Search benchmark: `python -m benchmarks search` (or `python -m benchmarks.search`), from the project root.

Builds a synthetic archive of N passages — the real corpus's passages (when ../shared/corpus is
present) plus generated passages whose words follow the corpus's own word frequencies, with a long
tail of rare words — in a separate database per engine (SQLite file under var/bench/, PostgreSQL
database `bench_search`), then measures:

- indexing throughput (passages/s through index.insert_rows + the engine's index maintenance) and size;
- latency of `search_run` (top-20 with snippets and facet counts, as an anonymous visitor) over a
  fixed, seeded mix of 200 queries: rare terms, common terms, phrases, faceted, prefix/exclusion;
  warm (the mix runs once before it is measured);
- the same passages and query mix in Tantivy (top-20, hit count, snippets, facet aggregations);
- semantic top-20 by numpy brute force over 100k stored float32 vectors (random unit vectors:
  latency does not depend on their content), plus the MiniLM query-encoding time when installed.

Each engine runs in its own subprocess; results land in var/bench/search-*.json and a Markdown
summary is printed. Usage:

    python -m benchmarks search --sizes 100000 [--engines sqlite,postgres,tantivy] [--semantic] [--reuse]

`--reuse` keeps an archive built by an earlier run (same size, same generator) and only re-runs the
queries; the indexing figures are then those of the run that built it. `--pg-db` names the
PostgreSQL database (default `bench_search`; it is dropped and re-created unless reused).
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from benchmarks import ROOT, child_env

SEED = 20261123
FORUMS = ["idm", "gfmd", "unitar-md", "puebla", "bali"]
DOC_TYPES = ["discussion_note", "summary_of_conclusions", "workshop_report", "background_paper", "presentation",
             "series_report", "agenda", "minutes", "other"]
EVENT_KINDS = ["workshop", "seminar", "briefing", "conference", "council_session", "side_event"]
COUNTRIES = ["CHE", "GHA", "SEN", "PHL", "MEX", "MAR", "BGD", "IND", "NGA", "ITA", "ESP", "FRA", "DEU", "USA", "BRA",
             "KEN", "ETH", "TUR", "JOR", "LKA", "NPL", "IDN", "THA", "ECU", "COL", "ARG", "EGY", "TUN", "MLI", "NER"]
BUILTIN_WORDS = (  # noqa: SIM905 — easier to read and edit as prose
    "migration migrants migrant mobility labour remittances diaspora integration return reintegration refugees asylum "
    "trafficking smuggling border borders visa visas recruitment employers workers domestic seasonal circular "
    "development cooperation partnership partnerships dialogue policy policies governance capacity building data "
    "statistics census survey health education schooling children women gender youth climate environment "
    "displacement disaster drought resilience urban cities municipalities consular protection rights human "
    "dignity discrimination xenophobia cohesion regularization detention alternatives naturalization citizenship "
    "skills qualifications recognition training brain drain circulation investment bonds transfer costs fees "
    "inclusion ministries coherence regional consultative processes member states observers secretariat "
    "recommendations commitments objectives compact global implementation review progress follow-up indicators"
).split()
OUT = ROOT / "var" / "bench"


# --- The synthetic archive -------------------------------------------------------------------------

def corpus_dir() -> Path:
    return ROOT.parent / "shared" / "corpus"


def _pseudo_words(rng, n):
    syllables = ["ka", "lo", "mi", "ter", "va", "sun", "dri", "ol", "pe", "rax", "ne", "tu", "bel", "gor", "fi", "zan"]
    words = set()
    while len(words) < n:
        words.add("".join(rng.choice(syllables, size=rng.integers(3, 6))))
    return sorted(words)


def vocabulary(_rng=None):
    """(words, probabilities): the corpus's word frequencies + domain words + a long tail of rare words.

    Deterministic (own seed), so the passages and the query mix share one vocabulary.
    """
    rng = np.random.default_rng(SEED - 1)
    counts = Counter(dict.fromkeys(BUILTIN_WORDS, 50))
    if corpus_dir().is_dir():
        for path in sorted(corpus_dir().glob("*.txt")):
            counts.update(re.findall(r"[^\W\d_]{2,}", path.read_text(errors="replace").lower()))
    for word in _pseudo_words(rng, 100_000):  # the long tail: names, typos, rare technical terms
        counts[word] += 0.05
    words = sorted(counts)
    weights = np.array([counts[w] for w in words], dtype=np.float64)
    return words, weights / weights.sum()


def corpus_passages():
    from colloquy.search.text import passages

    out = []
    if corpus_dir().is_dir():
        for path in sorted(corpus_dir().glob("*.txt")):
            out.extend(p.text for p in passages(path.read_text(errors="replace")))
    return out


def generate(n: int, batch: int = 5000):
    """Yield batches of passage dicts, deterministic for a given n (same stream for every engine)."""
    rng = np.random.default_rng(SEED)
    words, probs = vocabulary(rng)
    words = np.array(words, dtype=object)
    real = corpus_passages()
    i = 0
    while i < n:
        size = min(batch, n - i)
        lengths = rng.integers(60, 140, size=size)
        picks = rng.choice(len(words), size=int(lengths.sum()), p=probs)
        titles = rng.choice(len(words), size=(size, 4), p=probs)
        meta = rng.integers(0, 1 << 30, size=(size, 5))
        out, pos = [], 0
        for j in range(size):
            k = i + j
            body = real[k] if k < len(real) else " ".join(words[picks[pos : pos + lengths[j]]])
            pos += lengths[j]
            out.append({
                "id": k + 1, "doc": k // 20 + 1, "part": k % 20 + 1,
                "title": "Document " + " ".join(words[titles[j]]).capitalize(),
                "body": body,
                "forum": FORUMS[meta[j, 0] % len(FORUMS)], "year": 1995 + int(meta[j, 1] % 31),
                "doc_type": DOC_TYPES[meta[j, 2] % len(DOC_TYPES)],
                "event_kind": EVENT_KINDS[meta[j, 3] % len(EVENT_KINDS)],
                "country": COUNTRIES[meta[j, 4] % len(COUNTRIES)],
            })
        yield out
        i += size


def query_mix(n_passages: int):
    """The fixed mix of 200 queries: (category, q, filters, year_from, year_to)."""
    rng = np.random.default_rng(SEED + 1)
    words, probs = vocabulary(rng)
    order = np.argsort(-probs)
    stop = {"the", "of", "and", "to", "in", "a", "for", "on", "is", "by", "with", "as", "be", "that", "are", "an",
            "or", "at", "from", "this", "which", "it", "its", "was", "were", "has", "have", "their", "will", "such"}
    ranked = [words[i] for i in order if words[i] not in stop and len(words[i]) > 3]
    common = ranked[:40]
    medium = ranked[200:1200]
    rare = [w for w, p in zip(words, probs, strict=True) if p <= probs.min() * 1.01][:5000]
    sample = next(generate(min(n_passages, 5000)))
    mix = []
    for _ in range(60):
        mix.append(("rare", rare[int(rng.integers(len(rare)))], {}, None, None))
    for i in range(40):
        mix.append(("common", common[i % len(common)], {}, None, None))
    for _ in range(40):
        tokens = sample[int(rng.integers(len(sample)))]["body"].split()
        start = int(rng.integers(len(tokens) - 2))
        mix.append(("phrase", f'"{tokens[start]} {tokens[start + 1]}"', {}, None, None))
    for i in range(40):
        year = int(rng.integers(1995, 2021))
        filters = {"forum": [FORUMS[i % len(FORUMS)]]} if i % 2 else {"doc_type": [DOC_TYPES[i % len(DOC_TYPES)]]}
        mix.append(("faceted", medium[int(rng.integers(len(medium)))], filters, year, year + 4))
    for i in range(20):
        a, b = medium[int(rng.integers(len(medium)))], common[int(rng.integers(len(common)))]
        mix.append(("prefix_exclusion", f"{a[:4]}* -{b}" if i % 2 else f"{a} {b[:5]}*", {}, None, None))
    return mix


def percentiles(values):
    if not values:
        return {}
    arr = np.array(values)
    return {"n": len(values), "p50": round(float(np.percentile(arr, 50)), 1),
            "p95": round(float(np.percentile(arr, 95)), 1), "p99": round(float(np.percentile(arr, 99)), 1),
            "mean": round(float(arr.mean()), 1)}


def summarize(timings):
    """timings: [(category, ms, total hits)] → overall, per category, and common terms with > 10k hits."""
    out = {"all": percentiles([ms for _, ms, _ in timings])}
    for cat in sorted({c for c, _, _ in timings}):
        out[cat] = percentiles([ms for c, ms, _ in timings if c == cat])
    big = [ms for c, ms, total in timings if c == "common" and total > 10000]
    out["common_over_10k_hits"] = percentiles(big)
    return out


# --- Engines -------------------------------------------------------------------------------------

def _django(database_url: str):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colloquy.settings")
    os.environ["COLLOQUY_SEARCH_EMBED_ON_SAVE"] = "0"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _rows(batch):
    """The index rows of a batch of passages, made as they are written (insert_rows: while PostgreSQL
    consumes the COPY)."""
    from colloquy.search import facets as facet_defs
    from colloquy.search.index import grams_for
    from colloquy.search.models import SearchEntry
    from colloquy.search.registry import PUBLIC

    for p in batch:
        facets = {k: [p[k]] for k in ("forum", "year", "doc_type", "event_kind", "country")}
        tags, pairs = facet_defs.encode(facets, PUBLIC)
        yield SearchEntry(
            kind="passage", object_id=p["doc"], part=p["part"], title=p["title"], body=p["body"],
            tags=tags + " " + facet_defs.token("xk", "passage"), facets="kind=passage " + pairs,
            grams=grams_for(p["title"], p["body"]),
            url=f"/documents/{p['doc']}/#p-{p['part']}", anchor=f"para. {p['part']}", year=p["year"], checksum="")


def _previous(engine: str, size: int) -> dict | None:
    path = OUT / f"search-{engine}-{size}.json"
    return json.loads(path.read_text()) if path.exists() else None


def _reusable(engine: str, size: int, pg_db: str) -> bool:
    """True when an archive of exactly `size` passages from an earlier run is there to reuse."""
    previous = _previous(engine, size)
    if previous is None or "passages_per_s" not in previous:
        return False
    if engine == "sqlite":
        path = OUT / f"search-{size}.sqlite3"
        if not path.exists():
            return False
        import sqlite3

        with sqlite3.connect(path) as conn:
            try:
                return conn.execute("SELECT count(*) FROM search_entry").fetchone()[0] == size
            except sqlite3.Error:
                return False
    import psycopg

    try:
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{pg_db}") as conn:
            return conn.execute("SELECT count(*) FROM search_entry").fetchone()[0] == size
    except psycopg.Error:
        return False


def run_django_engine(engine: str, size: int, semantic: bool, reuse: bool = False,
                      pg_db: str = "bench_search") -> dict:
    from_scratch = time.perf_counter()
    reuse = reuse and _reusable(engine, size, pg_db)
    if engine == "sqlite":
        path = OUT / f"search-{size}.sqlite3"
        if not reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        _django(f"sqlite:///{path}")
    else:
        if not reuse:
            import psycopg

            with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{pg_db}"')
                conn.execute(f'CREATE DATABASE "{pg_db}"')
        _django(f"postgres://postgres@127.0.0.1:5432/{pg_db}")
    from colloquy.search.services import search_run

    if reuse:
        previous = _previous(engine, size)
        result = {k: previous[k] for k in ("engine", "size", "optimize_s", "index_s", "passages_per_s", "db_bytes",
                                           "fts_index_bytes") if k in previous}
        result["reused"] = True
    else:
        result = build_django_archive(engine, size)
    result["load_average"] = os.getloadavg()
    run_query_mix(result, size, search_run)
    if semantic:
        result["semantic"] = run_semantic(min(size, 100_000))
    result["wall_s"] = round(time.perf_counter() - from_scratch, 1)
    return result


def build_django_archive(engine: str, size: int) -> dict:
    from django.db import connection, transaction

    from colloquy.search.engines.factory import bulk_load
    from colloquy.search.index import insert_rows, optimize

    result = {"engine": engine, "size": size}
    started = time.perf_counter()
    generating = 0.0
    gen = generate(size)
    with bulk_load():  # the path `colloquy reindex` takes
        while True:
            t0 = time.perf_counter()
            batch = next(gen, None)
            generating += time.perf_counter() - t0
            if batch is None:
                break
            with transaction.atomic():
                insert_rows(_rows(batch))
    t0 = time.perf_counter()
    optimize()
    if engine == "postgres":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_entry")
    result["optimize_s"] = round(time.perf_counter() - t0, 1)
    elapsed = time.perf_counter() - started - generating
    result["index_s"] = round(elapsed, 1)
    result["passages_per_s"] = round(size / elapsed)
    with connection.cursor() as cursor:
        if engine == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            result["db_bytes"] = Path(connection.settings_dict["NAME"]).stat().st_size
            cursor.execute("SELECT (SELECT sum(length(block)) FROM search_fts_data), "
                           "(SELECT sum(length(block)) FROM search_grams_data)")
            words, pairs = cursor.fetchone()
            result["fts_index_bytes"] = words + (pairs or 0)
            result["pairs_index_bytes"] = pairs
        else:
            cursor.execute("SELECT pg_total_relation_size('search_entry'), pg_total_relation_size('search_match'), "
                           "pg_relation_size('search_match_gin')")
            entries, match, gin = cursor.fetchone()
            result["db_bytes"] = entries + match
            result["fts_index_bytes"] = gin
            result["match_table_bytes"] = match
    return result


def run_query_mix(result: dict, size: int, search_run) -> None:
    mix = query_mix(size)
    for _, q, filters, y0, y1 in mix:  # warm-up
        search_run(q=q, actor=None, filters=filters, year_from=y0, year_to=y1)
    timings = []
    for cat, q, filters, y0, y1 in mix:
        t0 = time.perf_counter()
        res = search_run(q=q, actor=None, filters=filters, year_from=y0, year_to=y1)
        timings.append((cat, (time.perf_counter() - t0) * 1000, res.total))
    result["latency_ms"] = summarize(timings)
    result["hits_per_category"] = {c: int(statistics.median([t for cc, _, t in timings if cc == c]))
                                   for c in {c for c, _, _ in timings}}


def run_semantic(n: int) -> dict:
    from django.db import connection, transaction

    from colloquy.search import semantic
    from colloquy.search.models import SearchEntry

    rng = np.random.default_rng(SEED + 2)
    ids = list(SearchEntry.objects.order_by("pk").values_list("pk", flat=True)[:n])
    t0 = time.perf_counter()
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        vectors = rng.standard_normal((len(chunk), semantic.DIM)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany("UPDATE search_entry SET vector = %s WHERE id = %s",
                               [(v.tobytes(), pk) for v, pk in zip(vectors, chunk, strict=True)])
    out = {"vectors": len(ids), "store_s": round(time.perf_counter() - t0, 1)}
    t0 = time.perf_counter()
    semantic.vector_index()
    out["load_s"] = round(time.perf_counter() - t0, 2)
    queries = rng.standard_normal((200, semantic.DIM)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    audiences = ["xvpublic"]
    for q in queries[:20]:
        semantic.nearest(q, audiences=audiences, k=20)
    times = []
    for q in queries:
        t0 = time.perf_counter()
        semantic.nearest(q, audiences=audiences, k=20)
        times.append((time.perf_counter() - t0) * 1000)
    out["top20_ms"] = percentiles(times)
    if semantic.available():
        semantic.encode(["warm up"])
        enc = []
        for text in ["money sent home by workers", "rescue at sea", "climate displacement in the Sahel"] * 7:
            t0 = time.perf_counter()
            semantic.encode([text])
            enc.append((time.perf_counter() - t0) * 1000)
        out["encode_query_ms"] = percentiles(enc)
        sample = [p["body"] for p in next(generate(256))]
        t0 = time.perf_counter()
        semantic.encode(sample)
        out["embed_passages_per_s"] = round(len(sample) / (time.perf_counter() - t0), 1)
    return out


def run_tantivy(size: int, reuse: bool = False) -> dict:
    import shutil

    import tantivy

    from colloquy.search.query import parse

    path = OUT / f"tantivy-{size}"
    previous = _previous("tantivy", size)
    reuse = reuse and previous is not None and "passages_per_s" in previous and (path / "meta.json").exists()
    if not reuse:
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("title", stored=True, tokenizer_name="folded_en")
    builder.add_text_field("body", stored=True, tokenizer_name="folded_en")
    for name in ("forum", "doc_type", "event_kind", "country"):
        builder.add_text_field(name, stored=True, fast=True, tokenizer_name="raw")
    builder.add_integer_field("year", stored=True, indexed=True, fast=True)
    schema = builder.build()
    index = tantivy.Index(schema, path=str(path), reuse=reuse)
    analyzer = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.lowercase())
                .filter(tantivy.Filter.ascii_fold()).filter(tantivy.Filter.stemmer("english")).build())
    index.register_tokenizer("folded_en", analyzer)
    if reuse:
        result = {k: previous[k] for k in ("engine", "size", "index_s", "passages_per_s", "db_bytes")}
        result["reused"] = True
    else:
        result = build_tantivy(index, path, size)
    index.reload()
    searcher = index.searcher()
    return run_tantivy_queries(result, index, schema, searcher, size, parse)


def build_tantivy(index, path, size: int) -> dict:
    import tantivy

    result = {"engine": "tantivy", "size": size}
    started, generating = time.perf_counter(), 0.0
    writer = index.writer(heap_size=256_000_000, num_threads=1)
    gen = generate(size)
    while True:
        t0 = time.perf_counter()
        batch = next(gen, None)
        generating += time.perf_counter() - t0
        if batch is None:
            break
        for p in batch:
            writer.add_document(tantivy.Document(**{k: p[k] for k in (
                "title", "body", "forum", "year", "doc_type", "event_kind", "country")}))
    writer.commit()
    writer.wait_merging_threads()
    elapsed = time.perf_counter() - started - generating
    result["index_s"] = round(elapsed, 1)
    result["passages_per_s"] = round(size / elapsed)
    result["db_bytes"] = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return result


def run_tantivy_queries(result, index, schema, searcher, size, parse) -> dict:
    import tantivy

    def to_query(q, filters, y0, y1):
        parsed = parse(q)
        parts = []
        prefixes = []
        for term in parsed.include:
            text = " ".join(term.words)
            if term.prefix and len(term.words) == 1:
                prefixes.append(term.words[0])  # the query parser's "x"* needs two words: use a regex query
            else:
                parts.append(f'+"{text}"*' if term.prefix else f'+"{text}"')
        excluded = [f'"{" ".join(term.words)}"' for term in parsed.exclude]
        for name, values in filters.items():
            parts.append("+(" + " ".join(f"{name}:{v}" for v in values) + ")")
        if y0 is not None:
            parts.append(f"+year:[{y0} TO {y1}]")
        return " ".join(parts), prefixes, excluded

    def build(text, prefixes, excluded, boosts=None):
        subqueries = [(tantivy.Occur.MustNot, index.parse_query(x, ["title", "body"])) for x in excluded]
        if text:
            subqueries.append((tantivy.Occur.Must, index.parse_query(text, ["title", "body"], field_boosts=boosts or {})))
        for word in prefixes:
            subqueries.append((tantivy.Occur.Must, tantivy.Query.boolean_query([
                (tantivy.Occur.Should, tantivy.Query.regex_query(schema, field, re.escape(word) + ".*"))
                for field in ("title", "body")])))
        return tantivy.Query.boolean_query(subqueries)

    aggs = {name: {"terms": {"field": name, "size": 12}} for name in ("forum", "doc_type", "event_kind", "country")}
    aggs["year"] = {"terms": {"field": "year", "size": 40}}

    def run(q, filters, y0, y1):
        query = build(*to_query(q, filters, y0, y1), boosts={"title": 10.0})
        res = searcher.search(query, 20, count=True)
        searcher.aggregate(query, aggs)
        for name in filters:  # each active facet counted without its own filter, like ours
            other = {k: v for k, v in filters.items() if k != name}
            searcher.aggregate(build(*to_query(q, other, y0, y1)), {name: aggs[name]})
        if y0 is not None:
            searcher.aggregate(build(*to_query(q, filters, None, None)), {"year": aggs["year"]})
        snippets = tantivy.SnippetGenerator.create(searcher, query, schema, "body")
        for _, address in res.hits:
            snippets.snippet_from_doc(searcher.doc(address)).to_html()
        return res.count

    mix = query_mix(size)
    result["load_average"] = os.getloadavg()
    for _, q, filters, y0, y1 in mix:
        run(q, filters, y0, y1)
    timings = []
    for cat, q, filters, y0, y1 in mix:
        t0 = time.perf_counter()
        total = run(q, filters, y0, y1)
        timings.append((cat, (time.perf_counter() - t0) * 1000, total))
    result["latency_ms"] = summarize(timings)
    result["hits_per_category"] = {c: int(statistics.median([t for cc, _, t in timings if cc == c]))
                                   for c in {c for c, _, _ in timings}}
    return result


# --- Orchestration ---------------------------------------------------------------------------------

def _child(args):
    if args.engine == "tantivy":
        result = run_tantivy(args.size, reuse=args.reuse)
    else:
        result = run_django_engine(args.engine, args.size, args.semantic, reuse=args.reuse, pg_db=args.pg_db)
    (OUT / f"search-{args.engine}-{args.size}.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result))


def _mb(n):
    return f"{n / 1e6:,.0f} MB" if n else "—"


def report(results: list[dict]) -> str:
    lines = ["| passages | engine | index passages/s | index size (FTS part) | p50 ms | p95 ms | p99 ms | "
             "common >10k hits p95 ms | p95 vs Tantivy |", "|---|---|---|---|---|---|---|---|---|"]
    by_size = {}
    for r in results:
        by_size.setdefault(r["size"], {})[r["engine"]] = r
    for size, engines in sorted(by_size.items()):
        ref = engines.get("tantivy", {}).get("latency_ms", {}).get("all", {}).get("p95")
        for name, r in engines.items():
            lat = r["latency_ms"]
            ratio = f"{lat['all']['p95'] / ref:.1f}×" if ref and name != "tantivy" else "1×" if name == "tantivy" else "—"
            lines.append(f"| {size:,} | {name} | {r['passages_per_s']:,} | {_mb(r.get('db_bytes'))} "
                         f"({_mb(r.get('fts_index_bytes'))}) | {lat['all']['p50']} | {lat['all']['p95']} | "
                         f"{lat['all']['p99']} | {lat['common_over_10k_hits'].get('p95', '—')} | {ratio} |")
    lines.append("")
    lines.append("Per category (p50 / p95 / p99 ms; median hits):")
    lines.append("")
    for r in results:
        cats = ", ".join(f"{c} {v['p50']}/{v['p95']}/{v['p99']} ({r['hits_per_category'].get(c, '—'):,} hits)"
                         for c, v in r["latency_ms"].items() if c not in ("all", "common_over_10k_hits") and v)
        load = ", ".join(f"{x:.2f}" for x in r.get("load_average", ()))
        lines.append(f"- {r['size']:,} {r['engine']}{' (archive reused)' if r.get('reused') else ''}: {cats}; "
                     f"load average before the queries {load or '—'}")
    for r in results:
        if "semantic" in r:
            s = r["semantic"]
            lines.append(f"- semantic ({r['engine']}, {s['vectors']:,} vectors): top-20 p50/p95/p99 "
                         f"{s['top20_ms']['p50']}/{s['top20_ms']['p95']}/{s['top20_ms']['p99']} ms; matrix load "
                         f"{s['load_s']} s; query encoding p95 {s.get('encode_query_ms', {}).get('p95', '—')} ms; "
                         f"embedding {s.get('embed_passages_per_s', '—')} passages/s")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="benchmarks.search", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100000")
    parser.add_argument("--engines", default="sqlite,postgres,tantivy")
    parser.add_argument("--semantic", action="store_true", help="Also measure semantic top-20 (first engine, ≤100k)")
    parser.add_argument("--reuse", action="store_true", help="Reuse an archive of the same size built earlier")
    parser.add_argument("--pg-db", default="bench_search", help="PostgreSQL database for the archive")
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    if args.engine:
        return _child(args)
    results = []
    for size in [int(s) for s in args.sizes.split(",")]:
        for i, engine in enumerate(args.engines.split(",")):
            cmd = [sys.executable, "-m", "benchmarks.search", "--engine", engine, "--size", str(size)]
            if args.semantic and i == 0 and size <= 100_000:
                cmd.append("--semantic")
            if args.reuse:
                cmd.append("--reuse")
            cmd += ["--pg-db", args.pg_db]
            print(f"… {engine} {size:,}", file=sys.stderr, flush=True)
            subprocess.run(cmd, check=True, cwd=ROOT, env=child_env())
            results.append(json.loads((OUT / f"search-{engine}-{size}.json").read_text()))
    text = report(results)
    (OUT / "search-report.md").write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
