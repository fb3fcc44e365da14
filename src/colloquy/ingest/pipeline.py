"""Bytes in, `colloquy.extract/1` JSON out: read, normalise, extract, validate. Pure: no database."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_noop

from colloquy.ingest.errors import IngestError
from colloquy.ingest.extraction.base import Extractor, RuleExtractor
from colloquy.ingest.normalize import NormalizedText, normalize
from colloquy.ingest.readers import read_bytes

SCHEMA_ID = "colloquy.extract/1"
logger = logging.getLogger(__name__)


@dataclass
class Extraction:
    data: dict
    norm: NormalizedText
    format: str


@functools.lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(resources.files("colloquy.ingest").joinpath("extract.schema.json").read_text("utf-8"))


@functools.lru_cache(maxsize=1)
def _validator():
    import jsonschema  # loaded on the first validation, not when a web worker imports the ingest app

    cls = jsonschema.validators.validator_for(schema())
    cls.check_schema(schema())
    return cls(schema())


def validate(data: dict) -> None:
    """Raise jsonschema.ValidationError if `data` does not follow colloquy.extract/1."""
    _validator().validate(data)


def read_text(data: bytes, name: str) -> tuple[NormalizedText, str]:
    raw = read_bytes(data, name)
    norm = normalize(raw.pages, paginated=raw.paginated)
    if not norm.text.strip():
        raise IngestError(name, gettext_noop("the document contains no text after clean-up"))
    return norm, raw.format


def extract_bytes(data: bytes, name: str, *, extractor: Extractor | None = None) -> Extraction:
    norm, fmt = read_text(data, name)
    try:
        return _extract(data, name, norm, fmt, extractor or RuleExtractor())
    except IngestError:
        raise
    except Exception as exc:  # a rule that trips on unforeseen text must not crash a batch or answer 500
        logger.exception("extraction failed on %s", name)
        raise IngestError(name, gettext_noop("the extractor failed on this document (%(error)s); the failure is logged "
                                             "for the maintainers"), {"error": exc.__class__.__name__}) from exc


def _extract(data: bytes, name: str, norm: NormalizedText, fmt: str, extractor: Extractor) -> Extraction:
    body = extractor.extract(norm)
    for collection in ("events", "themes", "key_messages", "recommendations", "good_practices", "people", "sessions", "donors"):
        for item in body[collection]:
            ev = item.get("evidence")
            if ev:
                page = norm.page_at(ev["start"])
                if norm.page_count > 1:
                    ev["page"] = page
    result = {"schema": SCHEMA_ID,
              "source": {"name": name, "sha256": hashlib.sha256(data).hexdigest(), "chars": len(norm.text), "format": fmt},
              **body}
    validate(result)
    return Extraction(result, norm, fmt)


def shared_dir():
    """`../shared` next to the repository (corpus, schema); COLLOQUY_SHARED overrides it."""
    return Path(os.environ.get("COLLOQUY_SHARED") or Path(settings.PROJECT_DIR).parent / "shared")
