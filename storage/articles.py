"""Articles and their extracted facts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import aiosqlite

from digest.folding import fold_words
from digest.model import KAZAKHSTAN_TIMEZONE, Document, Extraction
from storage.database import Database
from storage.facts import utc_text

_KAZAKHSTAN = ZoneInfo(KAZAKHSTAN_TIMEZONE)


def content_hash(body: str) -> str:
    """Hash of the text folded to words: the same article with other spacing, case or
    punctuation is the same article."""
    return hashlib.sha256(fold_words(body).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AddResult:
    article_id: int
    created: bool          # False: the article was already stored (same URL or same text)


@dataclass(frozen=True)
class StoredArticle:
    id: int
    doc: str
    url: str | None
    source: str | None
    title: str | None
    body: str
    language: str
    published: date | None
    day: date
    ingested_at: str

    def to_document(self) -> Document:
        return Document(
            doc=self.doc, body=self.body, language=self.language, title=self.title,
            published=self.published, source=self.source, url=self.url,
        )


def _article(row: aiosqlite.Row) -> StoredArticle:
    return StoredArticle(
        id=row["id"], doc=row["doc"], url=row["url"], source=row["source"], title=row["title"],
        body=row["body"], language=row["language"],
        published=date.fromisoformat(row["published"]) if row["published"] else None,
        day=date.fromisoformat(row["day"]), ingested_at=row["ingested_at"],
    )


class ArticlesRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(
        self,
        document: Document,
        extraction: Extraction | None = None,
        extractor_version: int = 0,
        now: datetime | None = None,
    ) -> AddResult:
        """Store the article and its facts once; a duplicate returns the stored id."""
        now = now or datetime.now(UTC)
        digest = content_hash(document.body)
        # An article without a date is of the day it arrived, in Kazakhstan: at 02:00 in
        # Astana it is still yesterday in UTC.
        day = document.published or now.astimezone(_KAZAKHSTAN).date()
        async with self.db.transaction() as conn:
            existing = await _find_existing(conn, document.url, digest)
            if existing is not None:
                return AddResult(existing, created=False)
            cursor = await conn.execute(
                "INSERT INTO articles (doc, url, source, title, body, language, published, day,"
                " ingested_at, content_hash, search_text, extractor_version)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    document.doc, document.url, document.source, document.title, document.body,
                    document.language,
                    document.published.isoformat() if document.published else None,
                    day.isoformat(), utc_text(now), digest,
                    fold_words(f"{document.title or ''} {document.body}"),
                    extractor_version if extraction else 0,
                ),
            )
            article_id = cursor.lastrowid
            if extraction is not None:
                await _write_facts(conn, article_id, document.language, extraction)
        return AddResult(article_id, created=True)

    async def replace_facts(
        self, article_id: int, language: str, extraction: Extraction, extractor_version: int
    ) -> None:
        async with self.db.transaction() as conn:
            for table in ("article_regions", "article_places", "figures", "official_mentions"):
                await conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
            await _write_facts(conn, article_id, language, extraction)
            await conn.execute(
                "UPDATE articles SET extractor_version = ? WHERE id = ?",
                (extractor_version, article_id),
            )

    async def get(self, article_id: int) -> StoredArticle | None:
        row = await self.db.fetchone("SELECT * FROM articles WHERE id = ?", (article_id,))
        return _article(row) if row else None

    async def count(self) -> int:
        row = await self.db.fetchone("SELECT count(*) FROM articles")
        return int(row[0])

    async def ids_to_reextract(self, extractor_version: int | None = None) -> list[int]:
        """Articles extracted by an older extractor (all of them when no version is given)."""
        if extractor_version is None:
            rows = await self.db.fetchall("SELECT id FROM articles ORDER BY id")
        else:
            rows = await self.db.fetchall(
                "SELECT id FROM articles WHERE extractor_version < ? ORDER BY id",
                (extractor_version,),
            )
        return [row[0] for row in rows]

    async def search(self, query: str, limit: int = 20) -> list[StoredArticle]:
        """Full-text search over folded titles and bodies; any user input is safe."""
        words = fold_words(query).split()
        if not words:
            return []
        match = " ".join('"' + word.replace('"', '""') + '"*' for word in words)
        rows = await self.db.fetchall(
            "SELECT a.* FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        )
        return [_article(row) for row in rows]


async def _find_existing(conn: aiosqlite.Connection, url: str | None, digest: str) -> int | None:
    if url:
        async with conn.execute("SELECT id FROM articles WHERE url = ?", (url,)) as cursor:
            row = await cursor.fetchone()
            if row:
                return int(row[0])
    async with conn.execute("SELECT id FROM articles WHERE content_hash = ?", (digest,)) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else None


async def _write_facts(
    conn: aiosqlite.Connection, article_id: int, language: str, extraction: Extraction
) -> None:
    await conn.executemany(
        "INSERT INTO article_regions (article_id, region, rank) VALUES (?, ?, ?)",
        [(article_id, region, rank) for rank, region in enumerate(extraction.regions)],
    )
    await conn.executemany(
        "INSERT INTO article_places (article_id, position, name, region) VALUES (?, ?, ?, ?)",
        [(article_id, i, name, None) for i, name in enumerate(extraction.places)],
    )
    await conn.executemany(
        "INSERT INTO figures (article_id, position, value, unit, category, qualifier, region,"
        " counted, text, start, stop) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, i, f.value, f.unit, f.category, f.qualifier, f.region, f.counted,
             f.text, f.start, f.stop)
            for i, f in enumerate(extraction.figures)
        ],
    )
    name_column = "name_kk" if language == "kk" else "name_ru"
    for official in extraction.officials:
        await conn.execute(
            f"INSERT INTO officials (key, {name_column}, role, region) VALUES (?, ?, ?, ?)"
            f" ON CONFLICT (key) DO UPDATE SET"
            f" {name_column} = coalesce(excluded.{name_column}, {name_column}),"
            f" role = coalesce(excluded.role, role),"
            f" region = coalesce(excluded.region, region)",
            (official.key, official.name, official.role, official.region),
        )
        async with conn.execute("SELECT id FROM officials WHERE key = ?", (official.key,)) as cur:
            official_id = (await cur.fetchone())[0]
        start, stop = official.mentions[0] if official.mentions else (None, None)
        await conn.execute(
            "INSERT OR REPLACE INTO official_mentions"
            " (official_id, article_id, name, role, region, start, stop)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (official_id, article_id, official.name, official.role, official.region, start, stop),
        )
