"""Business rules for the dialogue record. Views, the API, the admin and the CLI call these; nothing else writes.

`records`: forums, cycles, themes, events, funding, documents. `sessions`: the programme (sessions, the people
booked in them, materials) and its conflict checks.
"""

from colloquy.dialogues.services.records import (
    EVENT_FIELDS,
    EVENT_TRANSITIONS,
    cycle_get_or_create,
    cycle_set_theme,
    document_create,
    document_update,
    event_create,
    event_duplicate,
    event_funding_add,
    event_set_status,
    event_update,
    forum_create,
    theme_create,
)
from colloquy.dialogues.services.sessions import (
    SESSION_FIELDS,
    ProgrammeWarning,
    event_programme_warnings,
    material_upload,
    programme_warnings,
    session_add_participant,
    session_create,
    session_delete,
    session_participant_move,
    session_participant_remove,
    session_person_add,
    session_update,
)

__all__ = [
    "EVENT_FIELDS",
    "EVENT_TRANSITIONS",
    "SESSION_FIELDS",
    "ProgrammeWarning",
    "cycle_get_or_create",
    "cycle_set_theme",
    "document_create",
    "document_update",
    "event_create",
    "event_duplicate",
    "event_funding_add",
    "event_programme_warnings",
    "event_set_status",
    "event_update",
    "forum_create",
    "material_upload",
    "programme_warnings",
    "session_add_participant",
    "session_create",
    "session_delete",
    "session_participant_move",
    "session_participant_remove",
    "session_person_add",
    "session_update",
    "theme_create",
]
