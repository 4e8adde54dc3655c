"""Reading stored facts for digests and answers: figures of a region, officials.

Queries return the plain dataclasses of `digest.compose`, so composing needs no
database. Article bodies are never read whole: a digest reads only a window of text
around the few figures it shortlisted (`figure_contexts`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import aiosqlite

from digest.attribution import Speaker
from digest.compose import FigureContext, Source, StoredFigure
from storage.database import Database

# Characters of article text read before and after a figure: the sentence or two around it.
CONTEXT_BEFORE = 300
CONTEXT_AFTER = 200
# Over a period longer than this, going through the region's figures beats going
# through every article of the period.
ARTICLES_FIRST_MAX_DAYS = 45
# An official's recent articles are the newest by day among this many times as many
# most recently stored ones.
RECENT_MENTIONS_FACTOR = 10

_FIGURE_COLUMNS = (
    "f.id, f.article_id, f.position, f.value, f.unit, f.category, f.qualifier, f.region, f.counted,"
    " f.text, f.start, f.stop, a.source, a.title, a.url, a.day, a.language, a.story_id"
)
_SOURCE_COLUMNS = "a.id AS article_id, a.source, a.title, a.url, a.day, a.language, a.story_id"


@dataclass(frozen=True)
class OfficialRow:
    id: int
    key: str
    name_ru: str | None
    name_kk: str | None
    role: str | None
    region: str | None
    mentions: int = 0


def _source(row: aiosqlite.Row) -> Source:
    return Source(
        article_id=row["article_id"], outlet=row["source"], title=row["title"], url=row["url"],
        day=date.fromisoformat(row["day"]), language=row["language"], story_id=row["story_id"],
    )


def _figure(row: aiosqlite.Row) -> StoredFigure:
    return StoredFigure(
        id=row["id"], source=_source(row), value=row["value"], unit=row["unit"],
        category=row["category"], qualifier=row["qualifier"], region=row["region"],
        counted=row["counted"], text=row["text"], start=row["start"], stop=row["stop"],
        position=row["position"],
    )


def utc_text(moment: datetime) -> str:
    """A moment as `articles.ingested_at` stores it (naive moments are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _placeholders(count: int) -> str:
    return ",".join("?" * count)


class FactsRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def region_figures(
        self,
        region: str,
        first_day: date,
        last_day: date,
        ingested_since: datetime | None = None,
        ingested_until: datetime | None = None,
    ) -> list[StoredFigure]:
        """Figures about `region` in articles of days `first_day..last_day` (and, when
        given, stored in `[ingested_since, ingested_until)`)."""
        where = ["a.day BETWEEN ? AND ?", "f.region = ?"]
        params: list[object] = [first_day.isoformat(), last_day.isoformat(), region]
        if ingested_since is not None:
            where.append("a.ingested_at >= ?")
            params.append(utc_text(ingested_since))
        if ingested_until is not None:
            where.append("a.ingested_at < ?")
            params.append(utc_text(ingested_until))
        # CROSS JOIN fixes the order SQLite walks the tables: a short period is a few
        # articles by their day index, then their figures by the (article_id, position)
        # index; a long one goes through the region's figures instead.
        if (last_day - first_day).days <= ARTICLES_FIRST_MAX_DAYS:
            tables = "articles a CROSS JOIN figures f ON f.article_id = a.id"
        else:
            tables = "figures f CROSS JOIN articles a ON a.id = f.article_id"
        rows = await self.db.fetchall(
            f"SELECT {_FIGURE_COLUMNS} FROM {tables} WHERE {' AND '.join(where)}", tuple(params)
        )
        return [_figure(row) for row in rows]

    async def figure_contexts(
        self, figure_ids: Iterable[int], before: int = CONTEXT_BEFORE, after: int = CONTEXT_AFTER
    ) -> dict[int, FigureContext]:
        """The article text around each figure (offsets count characters, as Python does)."""
        ids = sorted(set(figure_ids))
        if not ids:
            return {}
        rows = await self.db.fetchall(
            "SELECT f.id, max(f.start - ?, 0) AS offset,"
            " substr(a.body, max(f.start - ?, 0) + 1, f.stop - max(f.start - ?, 0) + ?) AS text"
            " FROM figures f JOIN articles a ON a.id = f.article_id"
            f" WHERE f.id IN ({_placeholders(len(ids))})",
            (before, before, before, after, *ids),
        )
        return {row["id"]: FigureContext(row["id"], row["text"], row["offset"]) for row in rows}

    async def article_places(self, article_ids: Iterable[int]) -> dict[int, list[str]]:
        """Places below region level each article names, in the article's order."""
        ids = sorted(set(article_ids))
        places: dict[int, list[str]] = {}
        for chunk in _chunks(ids, 500):
            rows = await self.db.fetchall(
                "SELECT article_id, name FROM article_places"
                f" WHERE article_id IN ({_placeholders(len(chunk))}) ORDER BY article_id, position",
                tuple(chunk),
            )
            for row in rows:
                places.setdefault(row["article_id"], []).append(row["name"])
        return places

    async def article_figures(self, article_ids: Sequence[int]) -> list[StoredFigure]:
        ids = sorted(set(article_ids))
        if not ids:
            return []
        rows = await self.db.fetchall(
            f"SELECT {_FIGURE_COLUMNS} FROM figures f JOIN articles a ON a.id = f.article_id"
            f" WHERE f.article_id IN ({_placeholders(len(ids))}) ORDER BY f.article_id, f.position",
            tuple(ids),
        )
        return [_figure(row) for row in rows]

    async def article_speakers(self, article_ids: Iterable[int]) -> dict[int, list[Speaker]]:
        """The officials each article names, to tell who gave a figure."""
        ids = sorted(set(article_ids))
        found: dict[int, dict[str, Speaker]] = {}
        for chunk in _chunks(ids, 500):
            rows = await self.db.fetchall(
                "SELECT m.article_id, m.name, m.role, o.key, o.name_ru, o.name_kk FROM official_mentions m"
                " JOIN officials o ON o.id = m.official_id"
                f" WHERE m.article_id IN ({_placeholders(len(chunk))}) ORDER BY m.article_id, m.start",
                tuple(chunk),
            )
            for row in rows:
                found.setdefault(row["article_id"], {})[row["key"]] = Speaker.stored(
                    row["key"], row["name_ru"], row["name_kk"], (row["name"],),
                    (row["role"],) if row["role"] else ())
        return {article: list(speakers.values()) for article, speakers in found.items()}

    async def officials(self) -> list[OfficialRow]:
        """Every stored official with how many articles name them (the table is small)."""
        rows = await self.db.fetchall(
            "SELECT o.id, o.key, o.name_ru, o.name_kk, o.role, o.region,"
            " (SELECT count(*) FROM official_mentions m WHERE m.official_id = o.id) AS mentions"
            " FROM officials o ORDER BY o.key"
        )
        return [OfficialRow(**dict(row)) for row in rows]

    async def officials_by_keys(self, keys: Iterable[str]) -> list[OfficialRow]:
        keys = sorted(set(keys))
        if not keys:
            return []
        rows = await self.db.fetchall(
            "SELECT o.id, o.key, o.name_ru, o.name_kk, o.role, o.region,"
            " (SELECT count(*) FROM official_mentions m WHERE m.official_id = o.id) AS mentions"
            f" FROM officials o WHERE o.key IN ({_placeholders(len(keys))}) ORDER BY o.key",
            tuple(keys),
        )
        return [OfficialRow(**dict(row)) for row in rows]

    async def official_sources(self, official_id: int, limit: int = 5) -> list[Source]:
        """The newest articles naming the official."""
        # The newest mentions by id first (ids grow as articles arrive), so a President with
        # thousands of articles costs a few rows; then the newest of those by their day.
        rows = await self.db.fetchall(
            f"SELECT {_SOURCE_COLUMNS} FROM (SELECT article_id FROM official_mentions"
            " WHERE official_id = ? ORDER BY article_id DESC LIMIT ?) m"
            " JOIN articles a ON a.id = m.article_id ORDER BY a.day DESC, a.id DESC LIMIT ?",
            (official_id, limit * RECENT_MENTIONS_FACTOR, limit),
        )
        return [_source(row) for row in rows]

    async def latest_day(self) -> date | None:
        row = await self.db.fetchone("SELECT max(day) FROM articles")
        return date.fromisoformat(row[0]) if row and row[0] else None


def _chunks(items: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
