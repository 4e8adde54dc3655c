"""Stories: the articles of several outlets that tell one story share a `story_id`.

The story step runs after articles are stored, whatever brought them (feeds, files, an
admin's link): every article without a story gets one, its own or that of an earlier
article it retells (`digest.story`). It can run again at any time; it only looks at
articles that have none yet.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import aiosqlite

from digest.story import STORY_DAYS, StoryFingerprint, find_story, fingerprint, story_keys
from storage.database import Database

BATCH = 200
# A very common key (a round billion) brings many candidates; the newest are enough.
MAX_CANDIDATES = 300


@dataclass(frozen=True)
class _Pending:
    id: int
    day: date
    fp: StoryFingerprint


def _placeholders(count: int) -> str:
    return ",".join("?" * count)


class StoriesRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def assign_pending(self) -> int:
        """Give every article without a story its story; return how many were assigned."""
        total = 0
        while True:
            rows = await self.db.fetchall(
                "SELECT id, body, day FROM articles WHERE story_id IS NULL ORDER BY id LIMIT ?", (BATCH,)
            )
            if not rows:
                return total
            pending = await self._fingerprints(rows)
            # One transaction a batch: each article still sees the ones assigned before it.
            async with self.db.transaction() as conn:
                for article in pending:
                    await self._assign(conn, article)
            total += len(pending)

    async def forget(self, article_ids: Sequence[int]) -> int:
        """Drop the stories these articles are in (after their facts changed), so the next
        `assign_pending` groups them again from fresh fingerprints. Returns how many articles
        wait for a story again: whole stories are regrouped, not just the changed articles."""
        forgotten = 0
        for start in range(0, len(article_ids), BATCH):
            chunk = tuple(article_ids[start:start + BATCH])
            marks = _placeholders(len(chunk))
            async with self.db.transaction() as conn:
                cursor = await conn.execute(
                    "SELECT id FROM articles WHERE id IN"
                    f" (SELECT id FROM articles WHERE id IN ({marks}) AND story_id IS NOT NULL"
                    "  UNION SELECT a.id FROM articles a JOIN articles b ON a.story_id = b.story_id"
                    f"  WHERE b.id IN ({marks}))",
                    chunk + chunk,
                )
                members = [row[0] for row in await cursor.fetchall()]
                await cursor.close()
                if not members:
                    continue
                member_marks = _placeholders(len(members))
                for table in ("story_signatures", "story_keys"):
                    await conn.execute(f"DELETE FROM {table} WHERE article_id IN ({member_marks})", members)
                await conn.execute(
                    f"UPDATE articles SET story_id = NULL WHERE id IN ({member_marks})", members
                )
                forgotten += len(members)
        return forgotten

    async def story_of(self, article_id: int) -> int | None:
        row = await self.db.fetchone("SELECT story_id FROM articles WHERE id = ?", (article_id,))
        return row[0] if row else None

    async def articles_of(self, story_id: int) -> list[int]:
        rows = await self.db.fetchall("SELECT id FROM articles WHERE story_id = ? ORDER BY id", (story_id,))
        return [row[0] for row in rows]

    async def _fingerprints(self, rows: Sequence) -> list[_Pending]:
        ids = [row["id"] for row in rows]
        figures: dict[int, list[tuple[float, str]]] = {i: [] for i in ids}
        regions: dict[int, list[str]] = {i: [] for i in ids}
        marks = _placeholders(len(ids))
        for row in await self.db.fetchall(
            f"SELECT article_id, value, unit FROM figures WHERE article_id IN ({marks})", tuple(ids)
        ):
            figures[row[0]].append((row[1], row[2]))
        for row in await self.db.fetchall(
            f"SELECT article_id, region FROM article_regions WHERE article_id IN ({marks}) ORDER BY rank",
            tuple(ids),
        ):
            regions[row[0]].append(row[1])

        def compute() -> list[_Pending]:
            return [
                _Pending(row["id"], date.fromisoformat(row["day"]),
                         fingerprint(row["body"], figures[row["id"]], regions[row["id"]]))
                for row in rows
            ]

        return await asyncio.to_thread(compute)

    async def _candidates(
        self, conn: aiosqlite.Connection, article: _Pending, keys: list[str]
    ) -> list[tuple[int, StoryFingerprint]]:
        if not keys:
            return []
        first = (article.day - timedelta(days=STORY_DAYS)).isoformat()
        last = (article.day + timedelta(days=STORY_DAYS)).isoformat()
        cursor = await conn.execute(
            "SELECT DISTINCT a.id, a.story_id, s.sketch, s.shingles, s.figures, s.regions"
            " FROM story_keys k JOIN articles a ON a.id = k.article_id"
            " JOIN story_signatures s ON s.article_id = a.id"
            f" WHERE k.key IN ({_placeholders(len(keys))}) AND k.day BETWEEN ? AND ?"
            " AND a.id != ? AND a.story_id IS NOT NULL ORDER BY a.id DESC LIMIT ?",
            (*keys, first, last, article.id, MAX_CANDIDATES),
        )
        rows = await cursor.fetchall()
        await cursor.close()
        return [
            (
                row["story_id"],
                StoryFingerprint(
                    StoryFingerprint.sketch_from_bytes(row["sketch"]), row["shingles"],
                    frozenset(row["figures"].split()), frozenset(row["regions"].split()),
                ),
            )
            for row in rows
        ]

    async def _assign(self, conn: aiosqlite.Connection, article: _Pending) -> None:
        keys = story_keys(article.fp)
        story_id = find_story(article.fp, await self._candidates(conn, article, keys)) or article.id
        fp = article.fp
        await conn.execute(
            "INSERT OR REPLACE INTO story_signatures (article_id, sketch, shingles, figures, regions)"
            " VALUES (?, ?, ?, ?, ?)",
            (article.id, fp.sketch_bytes(), fp.shingles, " ".join(sorted(fp.figures)),
             " ".join(sorted(fp.regions))),
        )
        await conn.executemany(
            "INSERT OR IGNORE INTO story_keys (key, day, article_id) VALUES (?, ?, ?)",
            [(key, article.day.isoformat(), article.id) for key in keys],
        )
        await conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story_id, article.id))
