"""The delivery outbox: one row a subscriber and day, claimed by a sender, marked as it goes.

A row's life: `pending` (queued, or waiting for a retry at `next_attempt_at`) →
`sending` (claimed by one sender: `owner`, `lease_until`) → `sent` or `failed`.
Every message Telegram accepts is recorded at once (`parts_sent`), in the same
transaction that marks the row sent after its last message, so a sender killed at any
point leaves a row that says exactly what is left to send.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import aiosqlite

from storage.database import Database
from storage.facts import utc_text
from storage.subscribers import parse_utc

STATUSES = ("pending", "sending", "sent", "failed")
MAX_ERROR_LENGTH = 500


@dataclass(frozen=True)
class NewDelivery:
    chat_id: int
    day: str                      # YYYY-MM-DD in the bot's time zone
    covered_since: datetime
    covered_until: datetime
    region: str | None = None     # None: every region the subscriber follows


@dataclass(frozen=True)
class Delivery:
    id: int
    chat_id: int
    day: str
    region: str | None
    status: str
    attempts: int
    covered_since: datetime
    covered_until: datetime
    parts_sent: int
    error: str | None


def _delivery(row: aiosqlite.Row) -> Delivery:
    return Delivery(
        id=row["id"], chat_id=row["chat_id"], day=row["day"], region=row["region"], status=row["status"],
        attempts=row["attempts"],
        covered_since=parse_utc(row["covered_since"]) or datetime.now(UTC),
        covered_until=parse_utc(row["covered_until"]) or datetime.now(UTC),
        parts_sent=row["parts_sent"], error=row["error"],
    )


def _placeholders(count: int) -> str:
    return ",".join("?" * count)


class DeliveriesRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def enqueue(self, items: Iterable[NewDelivery], now: datetime) -> int:
        """Queue digests; a subscriber who already has a row for that day keeps it
        (UNIQUE (chat_id, day)). Returns how many rows were added."""
        rows = [
            (item.chat_id, item.day, item.region, utc_text(now), utc_text(item.covered_since),
             utc_text(item.covered_until), utc_text(now))
            for item in items
        ]
        if not rows:
            return 0
        async with self.db.transaction() as conn:
            before = conn.total_changes
            await conn.executemany(
                "INSERT OR IGNORE INTO deliveries (chat_id, day, region, next_attempt_at, covered_since,"
                " covered_until, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            return conn.total_changes - before

    async def claim(
        self,
        owner: str,
        now: datetime,
        lease: timedelta,
        limit: int,
        owner_is_gone: Callable[[str], bool] = lambda owner: False,
    ) -> list[Delivery]:
        """Take up to `limit` rows that are due: pending ones whose time has come, and rows
        left `sending` by a sender whose lease ran out or whose process is gone."""
        async with self.db.transaction() as conn:
            async with conn.execute(
                "SELECT DISTINCT owner FROM deliveries WHERE status = 'sending' AND owner != ?", (owner,)
            ) as cursor:
                gone = [row[0] for row in await cursor.fetchall() if row[0] and owner_is_gone(row[0])]
            gone_clause = f" OR owner IN ({_placeholders(len(gone))})" if gone else ""
            async with conn.execute(
                "SELECT id FROM deliveries WHERE (status = 'pending' AND next_attempt_at <= ?)"
                f" OR (status = 'sending' AND (lease_until < ?{gone_clause}))"
                " ORDER BY next_attempt_at, id LIMIT ?",
                (utc_text(now), utc_text(now), *gone, limit),
            ) as cursor:
                ids = [row[0] for row in await cursor.fetchall()]
            if not ids:
                return []
            await conn.execute(
                "UPDATE deliveries SET status = 'sending', owner = ?, lease_until = ?,"
                f" attempts = attempts + 1 WHERE id IN ({_placeholders(len(ids))})",
                (owner, utc_text(now + lease), *ids),
            )
            async with conn.execute(
                f"SELECT * FROM deliveries WHERE id IN ({_placeholders(len(ids))})"
                " ORDER BY next_attempt_at, id",
                ids,
            ) as cursor:
                return [_delivery(row) for row in await cursor.fetchall()]

    async def record_part(
        self, delivery: Delivery, owner: str, parts_sent: int, total: int, now: datetime
    ) -> bool:
        """Telegram accepted message `parts_sent` of `total`. After the last one the row
        is sent and the subscriber's next digest starts where this one ended.
        False when the row is no longer this sender's (its lease was taken over)."""
        async with self.db.transaction() as conn:
            if parts_sent < total:
                cursor = await conn.execute(
                    "UPDATE deliveries SET parts_sent = ? WHERE id = ? AND owner = ? AND status = 'sending'",
                    (parts_sent, delivery.id, owner),
                )
                return cursor.rowcount > 0
            cursor = await conn.execute(
                "UPDATE deliveries SET parts_sent = ?, status = 'sent', sent_at = ?, error = NULL,"
                " lease_until = NULL WHERE id = ? AND owner = ? AND status = 'sending'",
                (parts_sent, utc_text(now), delivery.id, owner),
            )
            if cursor.rowcount == 0:
                return False
            await conn.execute(
                "UPDATE subscribers SET last_digest_at = max(coalesce(last_digest_at, ''), ?)"
                " WHERE chat_id = ?",
                (utc_text(delivery.covered_until), delivery.chat_id),
            )
            return True

    async def retry_later(self, delivery: Delivery, owner: str, at: datetime, error: str) -> None:
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE deliveries SET status = 'pending', next_attempt_at = ?, error = ?, owner = NULL,"
                " lease_until = NULL WHERE id = ? AND owner = ? AND status = 'sending'",
                (utc_text(at), error[:MAX_ERROR_LENGTH], delivery.id, owner),
            )

    async def fail(self, delivery: Delivery, owner: str, error: str, deactivate: bool = False) -> None:
        """Give up on the row; `deactivate`: the chat blocked the bot or is gone."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE deliveries SET status = 'failed', error = ?, lease_until = NULL"
                " WHERE id = ? AND owner = ? AND status = 'sending'",
                (error[:MAX_ERROR_LENGTH], delivery.id, owner),
            )
            if deactivate:
                await conn.execute("UPDATE subscribers SET active = 0 WHERE chat_id = ?", (delivery.chat_id,))

    async def release(self, owner: str) -> int:
        """Give back what this sender claimed and did not finish (a clean shutdown)."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE deliveries SET status = 'pending', owner = NULL, lease_until = NULL,"
                " attempts = max(attempts - 1, 0) WHERE owner = ? AND status = 'sending'",
                (owner,),
            )
            return cursor.rowcount

    async def requeue_failed(self, day: str, now: datetime) -> int:
        """Failed rows of `day` for chats still active go back in the queue (an operator's
        `deliver --now` after an outage)."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?, owner = NULL"
                " WHERE day = ? AND status = 'failed'"
                " AND chat_id IN (SELECT chat_id FROM subscribers WHERE active = 1 AND paused = 0)",
                (utc_text(now), day),
            )
            return cursor.rowcount

    async def next_attempt_at(self) -> datetime | None:
        """When the earliest pending row is due, or None when nothing waits."""
        row = await self.db.fetchone("SELECT min(next_attempt_at) FROM deliveries WHERE status = 'pending'")
        return parse_utc(row[0]) if row and row[0] else None

    async def unfinished(self) -> int:
        row = await self.db.fetchone(
            "SELECT count(*) FROM deliveries WHERE status IN ('pending', 'sending')"
        )
        return int(row[0]) if row else 0

    async def counts(self, day: str) -> Counter[str]:
        rows = await self.db.fetchall(
            "SELECT status, count(*) AS n FROM deliveries WHERE day = ? GROUP BY status", (day,)
        )
        return Counter({row["status"]: row["n"] for row in rows})

    async def for_day(self, day: str) -> Sequence[Delivery]:
        rows = await self.db.fetchall("SELECT * FROM deliveries WHERE day = ? ORDER BY id", (day,))
        return [_delivery(row) for row in rows]
