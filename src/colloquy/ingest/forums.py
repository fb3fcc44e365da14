"""The forum a document or item belongs to: found by name or acronym, or created for the import."""

from django.utils.text import slugify

from colloquy.dialogues.models import Forum
from colloquy.dialogues.services import forum_create


def find_forum(name: str | None) -> Forum | None:
    if not name:
        return None
    return Forum.objects.filter(name__iexact=name).first() or Forum.objects.filter(acronym__iexact=name).first()


def forum_for(name: str | None, *, actor) -> Forum:
    forum = find_forum(name)
    if forum:
        return forum
    title = name or "Imported documents"
    slug = slugify(title)[:70] or "imported"
    return Forum.objects.filter(slug=slug).first() or forum_create(actor=actor, name=title, slug=slug)
