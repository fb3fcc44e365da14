"""Relevance on the hand-built archive: for each query, the expected document ranks first."""

import pytest

CASES = [
    ("remittance transfer costs", "remittances"),
    ("diaspora bonds", "diaspora"),
    ("desertification drought", "climate"),
    ("trafficking victims", "trafficking"),
    ('"search and rescue"', "smuggling"),
    ("reintegration returnees", "return"),
    ("enrolment migrant children school", "schooling"),
    ("health care irregular clinics", "health"),
    ("censuses household surveys", "statistics"),
    ("consulates detained nationals", "consular"),
    ("domestic workers passports", "domestic"),
    ("diplomas recognised", "skills"),
    ("ethical recruitment nurses", "braindrain"),
    ("ancestral territories", "indigenous"),
    ("refugies apatrides", "refugies"),  # accents folded: réfugiés, apatrides
    ("réfugiés naturalisation", "refugies"),
    ("migracion trabajadores agricolas", "espanol"),  # migración, agrícolas
    ("biometric passports", "borders"),
    ("municipal welcome centres", "integration"),
    ("recruitment fees Gulf", "gulf"),
    ("quarantine seafarers", "pandemic"),
    ("detention alternatives asylum", "detention"),
    ("graduates scholarships", "youth"),
    ("reintegr*", "return"),  # prefix
]


@pytest.mark.parametrize(("q", "expected"), CASES)
def test_expected_document_ranks_first(archive, run, q, expected):
    result = run(q, filters={"kind": ["passage", "document"]})
    assert result.hits, f"no hit for {q!r}"
    assert result.hits[0].object_id == archive["docs"][expected].pk, [str(h.title) for h in result.hits]


def test_exclusion_removes_documents_with_the_excluded_word(archive, run):
    result = run("recruitment -Gulf -nurses", filters={"kind": ["passage"]})
    ids = {h.object_id for h in result.hits}
    assert archive["docs"]["gulf"].pk not in ids
    assert archive["docs"]["braindrain"].pk not in ids


def test_phrase_requires_adjacent_words(archive, run):
    assert run('"transfer fees"').total >= 1
    assert run('"fees transfer"').total == 0


def test_stemming_matches_other_word_forms(archive, run):
    hits = run("trafficked victim", filters={"kind": ["passage"]}).hits
    assert hits and hits[0].object_id == archive["docs"]["trafficking"].pk


@pytest.fixture
def labour_programme(db, make_event, make_session):
    """An event whose title says "labour migration", with sessions that say it themselves or only inherit it."""
    from colloquy.dialogues.models import Document

    event = make_event(title="Workshop on labour migration")
    inherited = [make_session(event, title="Discussion"), make_session(event, title="Registration"),
                 make_session(event, title="Opening", description="Welcome by the chair.")]
    own = [make_session(event, title="Labour migration statistics"),
           make_session(make_event(title="Intersessional meeting"), title="Opening",
                        description="Ministers review bilateral labour migration agreements.")]
    note = Document.objects.create(title="Recruitment corridors", text="Seasonal labour migration to farms in the "
                                   "south has grown, and the agreements that govern it have not kept pace.")
    return {"event": event, "inherited": inherited, "own": own, "note": note}


def test_a_session_ranks_on_its_own_text_before_its_events_title(labour_programme, run):
    hits = run("labour migration", per_page=50).hits
    order = [(h.kind, h.object_id) for h in hits]
    own = [("session", s.pk) for s in labour_programme["own"]]
    assert set(own) <= set(order), order
    last_own = max(order.index(key) for key in own)
    for session in labour_programme["inherited"]:
        key = ("session", session.pk)
        # a session that matches only by its event's title never outranks one that says the words itself,
        # nor the event, nor a document that says them
        if key in order:
            assert order.index(key) > last_own, [h.title for h in hits]
            assert order.index(key) > order.index(("event", labour_programme["event"].pk)), [h.title for h in hits]
            assert order.index(key) > order.index(("document", labour_programme["note"].pk)), [h.title for h in hits]


def test_a_session_is_still_found_by_its_own_title(labour_programme, run):
    discussion = labour_programme["inherited"][0]
    hit = next(h for h in run("discussion").hits if (h.kind, h.object_id) == ("session", discussion.pk))
    assert hit.anchor == "Workshop on labour migration"  # the hit still says which event it belongs to
