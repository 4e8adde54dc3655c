"""The values that flow through the pipeline: frozen, JSON only at the edge."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

LANGUAGES = ("ru", "kk", "other")
# The day of an article or a digest is a day in Kazakhstan (one time zone, UTC+5, since 2024).
KAZAKHSTAN_TIMEZONE = "Asia/Almaty"

UNITS = (
    "KZT", "USD", "EUR", "RUB", "CNY", "percent", "ha", "km2", "m2", "m3", "m", "km",
    "t", "kg", "l", "MW", "kWh", "jobs", "places", "people", "units", "times",
)

CATEGORIES = (
    "investment", "cost", "budget", "output", "jobs", "area", "capacity", "count",
    "growth", "share", "quantity",
)

QUALIFIERS = ("approx", "more_than", "less_than", "up_to")


@dataclass(frozen=True)
class Document:
    """A cleaned article, ready for extraction."""

    doc: str
    body: str
    language: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class PlaceMention:
    """A place name found in text, mapped to its top-level region (ISO 3166-2:KZ)."""

    start: int
    stop: int
    text: str
    name: str          # canonical name of the place in the article's language
    region: str        # e.g. "KZ-19"
    level: str         # "region", "district", "city", "settlement", ...


@dataclass(frozen=True)
class Figure:
    start: int
    stop: int
    text: str
    value: float
    unit: str
    category: str
    qualifier: str | None = None
    region: str | None = None
    counted: str | None = None


@dataclass(frozen=True)
class Official:
    name: str              # "First Last" in the nominative of the article's language
    key: str               # folded surname: one person across cases and languages
    role: str | None = None
    region: str | None = None
    mentions: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Extraction:
    regions: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    officials: tuple[Official, ...] = ()
    figures: tuple[Figure, ...] = field(default_factory=tuple)
