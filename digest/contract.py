"""The extraction contract's JSON shape (shared spec EXTRACTION.md), made at the edge."""

from __future__ import annotations

from typing import Any

from digest.documents import DocumentError
from digest.model import Document, Extraction, Figure, Official


def figure_json(figure: Figure) -> dict[str, Any]:
    data: dict[str, Any] = {
        "value": figure.value,
        "unit": figure.unit,
        "category": figure.category,
        "text": figure.text,
        "region": figure.region,
    }
    if figure.qualifier:
        data["qualifier"] = figure.qualifier
    if figure.counted:
        data["counted"] = figure.counted
    return data


def official_json(official: Official) -> dict[str, Any]:
    return {"name": official.name, "role": official.role, "region": official.region}


def document_json(document: Document, extraction: Extraction) -> dict[str, Any]:
    return {
        "doc": document.doc,
        "language": document.language,
        "published": document.published.isoformat() if document.published else None,
        "title": document.title,
        "source": document.source,
        "url": document.url,
        "regions": list(extraction.regions),
        "places": list(extraction.places),
        "officials": [official_json(o) for o in extraction.officials],
        "figures": [figure_json(f) for f in extraction.figures],
    }


def error_json(error: DocumentError) -> dict[str, Any]:
    return {
        "doc": error.doc,
        "error": error.reason,
        "language": None,
        "published": None,
        "title": None,
        "source": None,
        "regions": [],
        "places": [],
        "officials": [],
        "figures": [],
    }
