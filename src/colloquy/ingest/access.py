"""Access decisions for ingestion and review (one doorway, one condition per line)."""

from colloquy.core.access import is_secretariat


def can_review(user) -> bool:
    return is_secretariat(user)


def can_upload(user) -> bool:
    return is_secretariat(user)


def visible_sources(user):
    from colloquy.ingest.models import SourceFile

    if can_review(user):
        return SourceFile.objects.all()
    return SourceFile.objects.none()
