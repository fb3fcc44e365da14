"""The programme as people read it: by day, with names shown only where the person consents.

The programme's writes and its conflict checks are dialogue services (`colloquy.dialogues.services.sessions`).
"""

import datetime
from collections import defaultdict

from colloquy.dialogues.models import CHAIR_ROLES, SPEAKER_ROLES, in_programme_order


def person_label(sp, *, private=False) -> str:
    """A name if the person consents to publication, otherwise their anonymous label."""
    return sp.person.display_name if private else sp.person.public_name


def public_affiliation(sp, *, private=False) -> str:
    return sp.affiliation_text if (private or sp.person.consents_to_publication) else ""


def programme_days(event, *, private=False):
    """[(date, [session with .chairs / .speakers lists of (label, affiliation, role)])], by day.

    Each session also carries `.people`: its SessionParticipant rows in programme order (the editor's list).
    """
    sessions = event.sessions.prefetch_related("participants__person", "participants__organization")
    days = defaultdict(list)
    for s in sessions:
        people = in_programme_order(s.participants.all())
        s.people = people
        s.chairs = [(person_label(p, private=private), public_affiliation(p, private=private), p.get_role_display())
                    for p in people if p.role in CHAIR_ROLES]
        s.speakers = [(person_label(p, private=private), public_affiliation(p, private=private), p.get_role_display())
                      for p in people if p.role in SPEAKER_ROLES]
        days[s.date].append(s)
    return sorted(days.items(), key=lambda kv: (kv[0] is None, kv[0] or datetime.date.min))
