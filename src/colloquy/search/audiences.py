"""Who may see which index entries: audience tokens built from the actor predicates of
`colloquy.core.access` (the one doorway), never from a rule of search's own.

Each entry has one audience (registry.Entry.audience): public, staff, or a forum's members
(`forum<N>`). The secretariat sees every one; members of forums also see their forums' entries
(`access.member_forum_ids`: the forums their organization belongs to today); everyone sees public ones.
"""

from colloquy.core import access
from colloquy.dialogues.models import Forum
from colloquy.search import facets as facet_defs
from colloquy.search.registry import PUBLIC, STAFF, forum_audience


def _token(audience: str) -> str:
    return facet_defs.token(facet_defs.AUDIENCE_CODE, audience)


def audiences_for(actor) -> list[str] | None:
    """Audience tokens an actor may see (None = everything, for the secretariat)."""
    if access.is_secretariat(actor):
        return None
    return [_token(PUBLIC), *(_token(forum_audience(pk)) for pk in access.member_forum_ids(actor))]


def excluded_audiences(actor) -> list[str]:
    """Audience tokens the actor may NOT see (empty for the secretariat)."""
    allowed = audiences_for(actor)
    if allowed is None:
        return []
    every = [STAFF, *(forum_audience(pk) for pk in Forum.objects.values_list("pk", flat=True))]
    return [t for t in map(_token, every) if t not in allowed]
