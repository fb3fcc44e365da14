"""What `search_run` returns: data only (hits, facets, counts, completeness). The view and the
serializer turn it into HTML or JSON (serialize.py)."""

from dataclasses import dataclass, field

MAX_PAGE = 50


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetGroup:
    name: str
    label: str
    values: list[FacetValue]


@dataclass(frozen=True)
class Hit:
    """One ranked entry. The fragments are the engine's marked passages (text.MARK_START/MARK_END around
    each match, None when the engine gave none); `excerpt` is the plain start of the body."""

    id: int
    kind: str
    kind_label: str
    object_id: int
    part: int
    title: str
    url: str
    anchor: str
    year: int | None
    score: float
    title_fragment: str | None = None
    body_fragment: str | None = None
    excerpt: str = ""
    versions: tuple = ()  # the language versions (dialogues.versions.Version) a document hit stands for


@dataclass(frozen=True)
class HitGroup:
    kind: str
    label: str
    total: int
    hits: list[Hit]


@dataclass
class SearchResult:
    q: str
    mode: str = "keyword"
    hits: list[Hit] = field(default_factory=list)
    groups: list[HitGroup] = field(default_factory=list)  # group=True: the best hits of each kind
    total: int = 0
    facets: list[FacetGroup] = field(default_factory=list)
    facets_partial: bool = False  # facet counts cover only the most recent matches
    facet_cap: int = 0  # how many matches facets count at most (the match cap), set by search_run
    page: int = 1
    per_page: int = 20
    notices: list[str] = field(default_factory=list)
    error: str = ""
    engine: str = ""
    took_ms: float = 0.0
    ranked_window: int = 0  # > 0 when only that many matches were ranked
    total_capped: bool = False  # True when `total` is a lower bound: "at least `total` results"

    @property
    def complete(self) -> bool:
        """`total` counts every match (not "at least")."""
        return not self.total_capped

    @property
    def pages(self) -> int:
        return max(1, min(MAX_PAGE, -(-self.total // self.per_page)))
