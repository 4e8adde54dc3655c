"""Subscribers, their settings and the regions they follow."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time

import aiosqlite

from storage.database import Database
from storage.facts import utc_text

UI_LANGUAGES = ("ru", "kk")
READER_LANGUAGES = ("ru", "kk", "both")
DEFAULT_READER_LANGUAGE = "both"
# A chat's row with the defaults; a chat that had blocked the bot and writes again is active again.
_UPSERT_SUBSCRIBER = (
    "INSERT INTO subscribers (chat_id, digest_time, created_at) VALUES (?, ?, ?)"
    " ON CONFLICT (chat_id) DO UPDATE SET active = 1"
)


@dataclass(frozen=True)
class Subscriber:
    chat_id: int
    ui_language: str | None            # None: follow Telegram's language_code
    reader_language: str               # ru, kk or both: the language of digests and answers
    digest_time: time                  # local time in the bot's time zone
    paused: bool
    active: bool                       # False once the chat blocked the bot
    created_at: datetime
    last_digest_at: datetime | None    # end of the last delivered digest's window (UTC)
    regions: tuple[str, ...] = ()


def parse_utc(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def format_time(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def _subscriber(row: aiosqlite.Row, regions: Sequence[str]) -> Subscriber:
    return Subscriber(
        chat_id=row["chat_id"],
        ui_language=row["ui_language"],
        reader_language=row["reader_language"],
        digest_time=time.fromisoformat(row["digest_time"]),
        paused=bool(row["paused"]),
        active=bool(row["active"]),
        created_at=parse_utc(row["created_at"]) or datetime.now(UTC),
        last_digest_at=parse_utc(row["last_digest_at"]),
        regions=tuple(regions),
    )


@dataclass(frozen=True)
class DueSubscriber:
    """What the outbox needs to know to queue a subscriber's digest."""

    chat_id: int
    digest_time: time
    subscribed_at: datetime            # when the chat began following its first region
    last_digest_at: datetime | None


class SubscribersRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- reading --------------------------------------------------------------------------

    async def get(self, chat_id: int) -> Subscriber | None:
        row = await self.db.fetchone("SELECT * FROM subscribers WHERE chat_id = ?", (chat_id,))
        if row is None:
            return None
        return _subscriber(row, await self.regions(chat_id))

    async def regions(self, chat_id: int) -> list[str]:
        rows = await self.db.fetchall(
            "SELECT region FROM subscriptions WHERE chat_id = ? ORDER BY created_at, region", (chat_id,)
        )
        return [row["region"] for row in rows]

    async def without_delivery_on(self, day: str) -> list[DueSubscriber]:
        """Active, unpaused subscribers with regions who have no outbox row for `day`."""
        rows = await self.db.fetchall(
            "SELECT s.chat_id, s.digest_time, s.last_digest_at,"
            " (SELECT min(r.created_at) FROM subscriptions r WHERE r.chat_id = s.chat_id) AS subscribed_at"
            " FROM subscribers s WHERE s.active = 1 AND s.paused = 0"
            " AND EXISTS (SELECT 1 FROM subscriptions r WHERE r.chat_id = s.chat_id)"
            " AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.chat_id = s.chat_id AND d.day = ?)"
            " ORDER BY s.digest_time, s.chat_id",
            (day,),
        )
        return [
            DueSubscriber(
                chat_id=row["chat_id"],
                digest_time=time.fromisoformat(row["digest_time"]),
                subscribed_at=parse_utc(row["subscribed_at"]) or datetime.now(UTC),
                last_digest_at=parse_utc(row["last_digest_at"]),
            )
            for row in rows
        ]

    async def counts(self) -> Counter[str]:
        """active, paused, inactive subscribers and subscriptions, for /stats."""
        row = await self.db.fetchone(
            "SELECT"
            " coalesce(sum(active = 1 AND paused = 0 AND EXISTS (SELECT 1 FROM subscriptions r"
            "   WHERE r.chat_id = s.chat_id)), 0) AS subscribed,"
            " coalesce(sum(active = 1 AND paused = 1), 0) AS paused,"
            " coalesce(sum(active = 0), 0) AS inactive,"
            " count(*) AS chats,"
            " (SELECT count(*) FROM subscriptions) AS subscriptions"
            " FROM subscribers s"
        )
        return Counter({key: int(value or 0) for key, value in dict(row).items()}) if row else Counter()

    # --- writing --------------------------------------------------------------------------

    async def ensure(
        self, chat_id: int, digest_time: time, now: datetime | None = None
    ) -> None:
        """Create the chat's row with the defaults if it has none; a returning chat that
        had blocked the bot is active again."""
        now = now or datetime.now(UTC)
        async with self.db.transaction() as conn:
            await conn.execute(_UPSERT_SUBSCRIBER, (chat_id, format_time(digest_time), utc_text(now)))

    async def subscribe(
        self, chat_id: int, region: str, digest_time: time, now: datetime | None = None
    ) -> bool:
        """Follow `region`; False when the chat already follows it."""
        now = now or datetime.now(UTC)
        async with self.db.transaction() as conn:
            await conn.execute(_UPSERT_SUBSCRIBER, (chat_id, format_time(digest_time), utc_text(now)))
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO subscriptions (chat_id, region, created_at) VALUES (?, ?, ?)",
                (chat_id, region, utc_text(now)),
            )
            return cursor.rowcount > 0

    async def unsubscribe(self, chat_id: int, region: str | None = None) -> int:
        """Stop following `region` (every region when None); how many were removed."""
        async with self.db.transaction() as conn:
            if region is None:
                cursor = await conn.execute("DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,))
            else:
                cursor = await conn.execute(
                    "DELETE FROM subscriptions WHERE chat_id = ? AND region = ?", (chat_id, region)
                )
            return cursor.rowcount

    async def set_reader_language(self, chat_id: int, language: str) -> None:
        if language not in READER_LANGUAGES:
            raise ValueError(f"unknown reader language {language!r}")
        await self._update(chat_id, "reader_language", language)

    async def set_ui_language(self, chat_id: int, language: str | None) -> None:
        if language is not None and language not in UI_LANGUAGES:
            raise ValueError(f"unknown interface language {language!r}")
        await self._update(chat_id, "ui_language", language)

    async def set_digest_time(self, chat_id: int, value: time) -> None:
        await self._update(chat_id, "digest_time", format_time(value))

    async def set_paused(self, chat_id: int, paused: bool) -> None:
        await self._update(chat_id, "paused", int(paused))

    async def set_active(self, chat_id: int, active: bool) -> bool:
        """Mark a chat (in)active; False when the bot never knew it."""
        async with self.db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE subscribers SET active = ? WHERE chat_id = ?", (int(active), chat_id)
            )
            return cursor.rowcount > 0

    async def _update(self, chat_id: int, column: str, value: object) -> None:
        # `column` comes from this class only, never from user input.
        async with self.db.transaction() as conn:
            await conn.execute(f"UPDATE subscribers SET {column} = ? WHERE chat_id = ?", (value, chat_id))
