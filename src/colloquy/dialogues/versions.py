"""Language versions of a document: the documents that share its symbol in another language.

A symbol (IC/2007/7) names one document in every language it was issued in, as in the UN's Official
Document System, so the versions are grouped by symbol rather than linked one by one: a version added
later (by the admin or by ingestion) joins its group without touching the others. Documents without a
symbol have no versions. Every lookup goes through `Document.objects.visible_to`, so a restricted
version is offered only to those who may read it.
"""

from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import get_language_info

from colloquy.dialogues.models import Document


def language_name_local(code: str) -> str:
    """The language named in itself ("English", "Français", "Español"), as a language menu shows it."""
    try:
        return capfirst(get_language_info(code)["name_local"])
    except KeyError:
        return code


@dataclass(frozen=True)
class Version:
    pk: int
    language: str
    title: str
    url: str

    @property
    def language_name(self) -> str:
        return language_name_local(self.language)


def _version(document: Document) -> Version:
    return Version(pk=document.pk, language=document.language, title=document.title,
                   url=document.get_absolute_url())


def language_versions(document: Document, user) -> list[Version]:
    """The other-language versions of `document` that `user` may see, in language order."""
    if not document.symbol:
        return []
    others = (Document.objects.visible_to(user).filter(symbol=document.symbol)
              .exclude(pk=document.pk).exclude(language=document.language).order_by("language", "pk"))
    seen, out = set(), []
    for other in others:
        if other.language not in seen:  # two files in one language: the first stands for it
            seen.add(other.language)
            out.append(_version(other))
    return out


def versions_by_symbol(documents, user) -> dict[str, list[Version]]:
    """{symbol: every visible version, in language order} for the symbols of `documents`, in one query."""
    symbols = {d.symbol for d in documents if d.symbol}
    groups: dict[str, list[Version]] = {}
    if not symbols:
        return groups
    for doc in Document.objects.visible_to(user).filter(symbol__in=symbols).order_by("language", "pk"):
        group = groups.setdefault(doc.symbol, [])
        if all(v.language != doc.language for v in group):
            group.append(_version(doc))
    return groups


def version_of(*, symbol: str, language: str) -> Document | None:
    """An existing document with `symbol` in another language than `language` (ingestion links to it)."""
    if not symbol:
        return None
    return Document.objects.filter(symbol=symbol).exclude(language=language).order_by("pk").first()
