"""The chain head published outside the database, and the check of a database against it (issue 15).

At each cast the head (seq, entry hash) is on the public log page; at the close it goes into the results
e-mail to every focal point and onto the results page; `/ballots/<id>/head.json` is a signed export of the
whole list of entry hashes (HMAC-SHA256 under the ballot key, keys.py). `colloquy ballot-verify ID --against
FILE|URL` compares the database with any of these: a JSON export, or any text holding "#<seq> <hash>" (a
pasted e-mail, a saved results page). What this does and does not protect: docs/security.md.
"""

import hashlib
import hmac
import json
import re

from django.utils import timezone

from colloquy.ballots import chain
from colloquy.ballots.keys import ballot_key

SCHEMA = "colloquy.ballot-head/1"
HEAD_IN_TEXT = re.compile(r"#(\d+)\s+([0-9a-f]{64})\b")


def head_line(ballot) -> str:
    """How the head is printed on pages and in e-mails (and read back by HEAD_IN_TEXT); read fresh from the row."""
    seq, head = type(ballot).objects.values_list("log_seq", "log_head").get(pk=ballot.pk)
    return f"#{seq} {head or chain.genesis_hash(ballot.pk)}"


def _signature(document: dict) -> str:
    body = {k: v for k, v in document.items() if k != "signature"}
    return hmac.new(ballot_key(), chain.canonical(body), hashlib.sha256).hexdigest()


def head_document(ballot) -> dict:
    entries = list(ballot.log.order_by("seq").values_list("seq", "entry_hash"))
    document = {"schema": SCHEMA, "ballot": ballot.pk, "title": ballot.title, "state": ballot.state,
                "published_at": timezone.now().isoformat(timespec="seconds"),
                "seq": ballot.log_seq, "head": ballot.log_head or chain.genesis_hash(ballot.pk),
                "entries": [[seq, entry_hash] for seq, entry_hash in entries]}
    document["signature"] = _signature(document)
    return document


def parse_published(text: str, ballot_id: int) -> dict:
    """A published head from an export's JSON or from any text with "#<seq> <hash>" (the last one wins)."""
    try:
        document = json.loads(text)
    except ValueError:
        document = None
    if isinstance(document, dict) and document.get("schema") == SCHEMA:
        if document.get("ballot") != ballot_id:
            raise ValueError(f"the published head is for ballot {document.get('ballot')}, not {ballot_id}")
        return document
    found = HEAD_IN_TEXT.findall(text)
    if not found:
        raise ValueError("no chain head found (expected a head.json export or a line '#<seq> <sha-256>')")
    seq, head = found[-1]
    return {"seq": int(seq), "head": head, "entries": [[int(seq), head]]}


def compare(ballot, published: dict) -> list[str]:
    """Problems found comparing the database's log with a published head; the first divergence is named."""
    problems = []
    if "signature" in published and not hmac.compare_digest(str(published["signature"]), _signature(published)):
        problems.append("the export's signature does not verify with this installation's ballot key")
    stored = dict(ballot.log.values_list("seq", "entry_hash"))
    last = max(stored, default=0)
    for seq, entry_hash in sorted(published.get("entries") or []):
        if seq == 0:
            continue
        if seq not in stored:
            problems.append(f"entry #{seq} was published but is not in the database (the log ends at #{last}): "
                            "entries were dropped or rolled back")
            break
        if stored[seq] != entry_hash:
            problems.append(f"entry #{seq} differs from the published log (published {entry_hash[:12]}…, database "
                            f"{stored[seq][:12]}…): the log was changed from here on")
            break
    if published.get("seq", 0) > ballot.log_seq:
        problems.append(f"the published head is at #{published['seq']} but the ballot's head is at #{ballot.log_seq}: "
                        "the head was rolled back")
    return problems
