"""The search index: one row per searchable entry (a record, or a passage of a document).

Entries are derived data: `colloquy reindex` rebuilds them from the records at any time. The
full-text structures live beside this table and are created by raw SQL in the migrations:
- SQLite: external-content FTS5 tables `search_fts(title, body, tags)` and `search_grams(grams, tags)`
  kept in step by triggers;
- PostgreSQL: a narrow table `search_match(id, tsv)` kept in step by triggers, with one GIN index
  (migration 0005).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    kind = models.CharField(max_length=24)
    object_id = models.BigIntegerField()
    part = models.PositiveIntegerField(default=0, help_text=_("Passage number for document passages, else 0"))
    title = models.TextField()
    body = models.TextField(blank=True)
    # Space-separated filter tokens (facet values and audience), indexed by the engines.
    tags = models.TextField(blank=True)
    # Space-separated `facet=value` pairs, read back to count facets.
    facets = models.TextField(blank=True)
    # SQLite only: adjacent word pairs of title and body ("migrat_polici"), indexed by `search_grams`
    # so that a two-word phrase is one token lookup instead of a walk through two position lists.
    grams = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    anchor = models.CharField(max_length=80, blank=True, help_text=_('Where in the record, e.g. "para. 12, p. 3"'))
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    checksum = models.CharField(max_length=40)
    vector = models.BinaryField(null=True, blank=True, help_text=_("float32 sentence embedding (semantic extra)"))

    class Meta:
        db_table = "search_entry"
        constraints = [models.UniqueConstraint(fields=["kind", "object_id", "part"], name="search_entry_unique_part")]
        indexes = [
            # Lets the semantic matrix check cheaply whether the stored vectors changed.
            models.Index(fields=["id"], condition=models.Q(vector__isnull=False), name="search_entry_has_vector"),
        ]

    def __str__(self):
        return f"{self.kind}:{self.object_id}:{self.part} {self.title[:60]}"
