"""Which records are searchable, and how: a small registry of providers, one per record kind.

A provider turns one record into zero or more `Entry` objects (a document yields one entry for its
title and one per passage). Registering a provider also keeps the index fresh: `signals.py` listens
to saves and deletes of the provider's model, and of any `dependents` model (a change to an alias
re-indexes its organization). To make another app's records searchable:

    from colloquy.search.registry import Provider, register

    @register
    class FollowUpReportProvider(Provider):
        kind = "followup_report"
        label = "Follow-up report"
        model = "outcomes.FollowUpReport"
        def entries(self, obj): ...

Follow-up status (a facet on recommendations and commitments) comes from a hook: any AppConfig may
define `search_followup_status(obj) -> str | None` (a status key) and `search_followup_statuses()`
-> list of (key, label); the outcomes app fills it in. When a status changes, re-index the record
with `colloquy.search.index.index_object(recommendation)`, or register the follow-up model as a
dependent: `dependent("outcomes.FollowUp", lambda fu: [fu.recommendation])`.
"""

import hashlib
from dataclasses import dataclass, field

from django.apps import apps

from colloquy.search.text import STEMMED_LANGUAGES

PUBLIC = "public"
STAFF = "staff"


def forum_audience(forum_id) -> str:
    return f"forum{forum_id}"


@dataclass
class Entry:
    kind: str
    object_id: int
    title: str
    url: str
    body: str = ""
    part: int = 0
    anchor: str = ""
    year: int | None = None
    audience: str = PUBLIC  # "public", "staff" or forum_audience(id) for members' records
    facets: dict[str, list] = field(default_factory=dict)
    language: str = ""  # "fr" or "es": also indexed with that language's stemmer (text.STEMMED_LANGUAGES)

    def checksum(self) -> str:
        data = "\x1f".join(str(v) for v in (self.title, self.body, self.url, self.anchor, self.year,
                                            self.audience, sorted((k, list(map(str, v))) for k, v in self.facets.items())))
        if self.language in STEMMED_LANGUAGES:  # English entries keep their checksums (and their vectors)
            data += "\x1f" + self.language
        return hashlib.sha1(data.encode(), usedforsecurity=False).hexdigest()


class Provider:
    kind: str = ""
    label: str = ""
    model: str = ""  # "app_label.ModelName"
    kinds: tuple[str, ...] = ()  # every entry kind this provider writes (defaults to (kind,))
    embed: bool = False  # compute sentence embeddings for these entries (semantic extra)

    def get_model(self):
        return apps.get_model(self.model)

    def all_kinds(self) -> tuple[str, ...]:
        return self.kinds or (self.kind,)

    def queryset(self):
        return self.get_model()._default_manager.all()

    def entries(self, obj) -> list[Entry]:  # pragma: no cover - abstract
        raise NotImplementedError


_providers: dict[str, Provider] = {}
_dependents: list[tuple[str, object]] = []


def register(cls):
    provider = cls()
    _providers[provider.kind] = provider
    return cls


def dependent(model: str, resolve):
    """When a `model` row is saved or deleted, re-index the records `resolve(row)` returns."""
    _dependents.append((model, resolve))


def providers() -> list[Provider]:
    return list(_providers.values())


def provider_for_model(model) -> Provider | None:
    label = model._meta.label
    for provider in _providers.values():
        if provider.model == label:
            return provider
    return None


def dependents() -> list[tuple[str, object]]:
    return list(_dependents)


def kind_labels() -> dict[str, str]:
    out = {}
    for provider in _providers.values():
        out[provider.kind] = provider.label
    out.setdefault("passage", "Document passage")
    return out


def _hook_results(name: str, *args):
    for config in apps.get_app_configs():
        hook = getattr(config, name, None)
        if hook is not None:
            yield hook(*args)


def followup_status(obj) -> str | None:
    """The follow-up status key of a recommendation or commitment, from any app's hook."""
    for value in _hook_results("search_followup_status", obj):
        if value:
            return value
    return None


def followup_status_labels() -> dict[str, str]:
    out = {}
    for pairs in _hook_results("search_followup_statuses"):
        out.update(dict(pairs or []))
    return out
