"""The hash chain of a ballot's cast log: canonical encoding, digests, verification.

entry_hash = sha256(canonical JSON of {ballot, seq, kind, organization, user, user_label, at, choice_digest,
reason, prev_hash}). choice_digest = sha256(salt + ":" + canonical JSON of the choices). The first entry's
prev_hash is the genesis hash of the ballot. Receipts show the entry hash.

seal = HMAC-SHA256(ballot key, canonical JSON of the entry's content: everything in entry_hash except seq and
prev_hash, plus the salt). The key lives outside the database (keys.py), so someone who can only write the
database can re-hash a chain but cannot seal an edited entry. Seq and prev_hash are left out so the seal can be
computed before the ballot row is locked (the cast path's one-statement insert); order and completeness are
what the chain and the published heads check (anchor.py).
"""

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass, field


def canonical(value) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def genesis_hash(ballot_id: int) -> str:
    return hashlib.sha256(f"colloquy-ballot:{ballot_id}".encode()).hexdigest()


def new_salt() -> str:
    return secrets.token_hex(16)


def choice_digest(salt: str, choices: list[int]) -> str:
    return hashlib.sha256(salt.encode() + b":" + canonical(list(choices))).hexdigest()


def entry_payload(entry) -> dict:
    return {
        "ballot": entry.ballot_id,
        "seq": entry.seq,
        "kind": entry.kind,
        "organization": entry.organization_id,
        "user": entry.user_id,
        "user_label": entry.user_label,
        "at": entry.at.isoformat(timespec="microseconds"),
        "choice_digest": entry.choice_digest,
        "reason": entry.reason,
        "prev_hash": entry.prev_hash,
    }


def entry_hash(entry) -> str:
    return hashlib.sha256(canonical(entry_payload(entry))).hexdigest()


def seal_payload(entry) -> dict:
    payload = entry_payload(entry)
    del payload["seq"], payload["prev_hash"]
    return payload | {"salt": entry.salt}


def entry_seal(entry, key: bytes) -> str:
    return hmac.new(key, canonical(seal_payload(entry)), hashlib.sha256).hexdigest()


@dataclass
class Verification:
    ballot_id: int
    entries: int = 0
    casts: int = 0
    refusals: int = 0
    problems: list[str] = field(default_factory=list)
    tally_from_log: dict | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_entries(ballot_id: int, entries, key: bytes | None = None) -> tuple[Verification, dict[int, list[int]]]:
    """Walk the log in order; return the report and the last cast choices per organization id.
    With `key`, each entry's seal is checked too, and no seal may repeat (a replayed entry)."""
    report = Verification(ballot_id=ballot_id)
    seen_seals: dict[str, int] = {}
    expected_prev = genesis_hash(ballot_id)
    last_choices: dict[int, list[int]] = {}
    for position, entry in enumerate(entries, start=1):
        report.entries += 1
        label = f"entry #{entry.seq}"
        if entry.seq != position:
            report.problems.append(f"{label}: expected position {position} (an entry is missing or out of order)")
        if entry.prev_hash != expected_prev:
            report.problems.append(f"{label}: previous hash does not match the entry before it")
        recomputed = entry_hash(entry)
        if recomputed != entry.entry_hash:
            report.problems.append(f"{label}: stored hash {entry.entry_hash[:12]}… does not match its content "
                                   f"(recomputed {recomputed[:12]}…) — the row was edited")
        if key is not None:
            if not hmac.compare_digest(entry.seal or "", entry_seal(entry, key)):
                report.problems.append(f"{label}: its seal does not match its content — the row was edited or "
                                       "forged without the ballot key")
            elif entry.seal in seen_seals:
                report.problems.append(f"{label}: repeats entry #{seen_seals[entry.seal]} (a replayed entry)")
            seen_seals.setdefault(entry.seal, entry.seq)
        if entry.kind == "cast":
            report.casts += 1
            if choice_digest(entry.salt, entry.choices) != entry.choice_digest:
                report.problems.append(f"{label}: the recorded choices do not match the choice digest — the row was edited")
            last_choices[entry.organization_id] = list(entry.choices)
        else:
            report.refusals += 1
            if entry.choices or entry.salt or entry.choice_digest:
                report.problems.append(f"{label}: a refusal carries choices — the row was edited")
        expected_prev = entry.entry_hash
    return report, last_choices
