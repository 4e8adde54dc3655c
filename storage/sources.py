"""Feeds polled on schedule: their settings, state between polls, health and items seen."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import aiosqlite

from digest.sources import SourceSpec, normalise_url
from storage.database import Database
from storage.facts import utc_text

# A source failing this many polls in a row is shown as down.
DOWN_AFTER_FAILURES = 5
# A failing source waits interval × 2^failures (at most this many doublings, at most a day).
MAX_BACKOFF_DOUBLINGS = 4
MAX_BACKOFF = timedelta(days=1)
# A feed item whose page failed this many times is not fetched again.
MAX_ITEM_ATTEMPTS = 3
ERROR_CHARS = 500


@dataclass(frozen=True)
class FeedSource:
    id: int
    url: str
    outlet: str
    language: str
    region: str | None
    interval_minutes: int
    enabled: bool
    origin: str                        # 'file' (the sources file) or 'admin' (/ingest, add_source)
    etag: str | None
    last_modified: str | None
    last_polled_at: datetime | None
    last_ok_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    failures: int                      # consecutive failed polls
    total_failures: int
    polls: int
    items_seen: int
    articles_stored: int
    next_poll_at: datetime | None


@dataclass(frozen=True)
class SourceHealth:
    """What `/stats` shows about one source."""

    outlet: str
    url: str
    language: str
    status: str                        # ok, failing, down, new (never polled), disabled
    failures: int
    last_ok_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    items_seen: int
    articles_stored: int
    polls: int


@dataclass(frozen=True)
class SyncResult:
    added: int
    updated: int
    disabled: int                      # file sources no longer in the file


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _source(row: aiosqlite.Row) -> FeedSource:
    return FeedSource(
        id=row["id"], url=row["url"], outlet=row["outlet"], language=row["language"],
        region=row["region"], interval_minutes=row["interval_minutes"], enabled=bool(row["enabled"]),
        origin=row["origin"], etag=row["etag"], last_modified=row["last_modified"],
        last_polled_at=_moment(row["last_polled_at"]), last_ok_at=_moment(row["last_ok_at"]),
        last_error=row["last_error"], last_error_at=_moment(row["last_error_at"]),
        failures=row["failures"], total_failures=row["total_failures"], polls=row["polls"],
        items_seen=row["items_seen"], articles_stored=row["articles_stored"],
        next_poll_at=_moment(row["next_poll_at"]),
    )


def health_status(source: FeedSource) -> str:
    if not source.enabled:
        return "disabled"
    if source.polls == 0:
        return "new"
    if source.failures >= DOWN_AFTER_FAILURES:
        return "down"
    return "failing" if source.failures else "ok"


def backoff(source: FeedSource, failures: int) -> timedelta:
    """How long a source that failed `failures` times in a row waits before the next poll."""
    wait = timedelta(minutes=source.interval_minutes) * 2 ** min(failures, MAX_BACKOFF_DOUBLINGS)
    return min(wait, max(MAX_BACKOFF, timedelta(minutes=source.interval_minutes)))


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


class SourcesRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- the list of sources ---------------------------------------------------------

    async def sync(self, specs: Sequence[SourceSpec], now: datetime | None = None) -> SyncResult:
        """Make the file's sources the database's: add new ones, update changed ones, and
        disable (never delete) file sources no longer listed. Admin-added ones stay."""
        moment = utc_text(_now(now))
        added = updated = 0
        urls = [normalise_url(spec.url) for spec in specs]
        async with self.db.transaction() as conn:
            for spec, url in zip(specs, urls, strict=True):
                async with conn.execute("SELECT id FROM sources WHERE url = ?", (url,)) as cursor:
                    exists = await cursor.fetchone() is not None
                await conn.execute(
                    "INSERT INTO sources (url, outlet, language, region, interval_minutes, enabled,"
                    " origin, added_at) VALUES (?, ?, ?, ?, ?, ?, 'file', ?)"
                    " ON CONFLICT (url) DO UPDATE SET outlet = excluded.outlet,"
                    " language = excluded.language, region = excluded.region,"
                    " interval_minutes = excluded.interval_minutes, enabled = excluded.enabled,"
                    " origin = 'file'",
                    (url, spec.outlet, spec.language, spec.region, spec.interval_minutes,
                     int(spec.enabled), moment),
                )
                updated += exists
                added += not exists
            placeholders = ",".join("?" * len(urls)) or "''"
            cursor = await conn.execute(
                f"UPDATE sources SET enabled = 0 WHERE origin = 'file' AND enabled = 1"
                f" AND url NOT IN ({placeholders})",
                tuple(urls),
            )
            disabled = cursor.rowcount
        return SyncResult(added, updated, disabled)

    async def add(
        self,
        url: str,
        outlet: str,
        language: str,
        interval_minutes: int = 30,
        region: str | None = None,
        now: datetime | None = None,
    ) -> FeedSource:
        """Add a feed an admin named (or enable it again); the stored source."""
        url = normalise_url(url)
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO sources (url, outlet, language, region, interval_minutes, enabled, origin,"
                " added_at) VALUES (?, ?, ?, ?, ?, 1, 'admin', ?)"
                " ON CONFLICT (url) DO UPDATE SET enabled = 1, next_poll_at = NULL",
                (url, outlet, language, region, interval_minutes, utc_text(_now(now))),
            )
        found = await self.by_url(url)
        assert found is not None
        return found

    async def get(self, source_id: int) -> FeedSource | None:
        row = await self.db.fetchone("SELECT * FROM sources WHERE id = ?", (source_id,))
        return _source(row) if row else None

    async def by_url(self, url: str) -> FeedSource | None:
        row = await self.db.fetchone("SELECT * FROM sources WHERE url = ?", (normalise_url(url),))
        return _source(row) if row else None

    async def list_all(self, enabled_only: bool = False) -> list[FeedSource]:
        where = " WHERE enabled = 1" if enabled_only else ""
        rows = await self.db.fetchall(f"SELECT * FROM sources{where} ORDER BY id")
        return [_source(row) for row in rows]

    async def due(self, now: datetime | None = None) -> list[FeedSource]:
        """Enabled sources whose next poll time has come, the longest waiting first."""
        rows = await self.db.fetchall(
            "SELECT * FROM sources WHERE enabled = 1 AND (next_poll_at IS NULL OR next_poll_at <= ?)"
            " ORDER BY coalesce(next_poll_at, ''), id",
            (utc_text(_now(now)),),
        )
        return [_source(row) for row in rows]

    # --- the result of a poll --------------------------------------------------------

    async def record_success(
        self,
        source: FeedSource,
        etag: str | None,
        last_modified: str | None,
        new_items: int = 0,
        new_articles: int = 0,
        not_modified: bool = False,
        now: datetime | None = None,
    ) -> None:
        """A poll that read the feed (or learnt it had not changed)."""
        moment = _now(now)
        next_poll = moment + timedelta(minutes=source.interval_minutes)
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE sources SET last_polled_at = ?, last_ok_at = ?, failures = 0, polls = polls + 1,"
                " items_seen = items_seen + ?, articles_stored = articles_stored + ?, next_poll_at = ?,"
                # A 304 carries no new validators: keep the ones that earned it.
                " etag = CASE WHEN ? THEN etag ELSE ? END,"
                " last_modified = CASE WHEN ? THEN last_modified ELSE ? END"
                " WHERE id = ?",
                (utc_text(moment), utc_text(moment), new_items, new_articles, utc_text(next_poll),
                 not_modified, etag, not_modified, last_modified, source.id),
            )

    async def record_failure(self, source: FeedSource, error: str, now: datetime | None = None) -> None:
        """A poll that failed: keep the error, count it, and wait longer before the next one."""
        moment = _now(now)
        failures = source.failures + 1
        next_poll = moment + backoff(source, failures)
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE sources SET last_polled_at = ?, last_error = ?, last_error_at = ?,"
                " failures = failures + 1, total_failures = total_failures + 1, polls = polls + 1,"
                " next_poll_at = ? WHERE id = ?",
                (utc_text(moment), error[:ERROR_CHARS], utc_text(moment), utc_text(next_poll), source.id),
            )

    async def health(self) -> list[SourceHealth]:
        """Every source's state for `/stats`: failing and down ones first, then by outlet."""
        order = {"down": 0, "failing": 1, "new": 2, "ok": 3, "disabled": 4}
        found = [
            SourceHealth(
                outlet=s.outlet, url=s.url, language=s.language, status=health_status(s),
                failures=s.failures, last_ok_at=s.last_ok_at, last_error=s.last_error,
                last_error_at=s.last_error_at, items_seen=s.items_seen,
                articles_stored=s.articles_stored, polls=s.polls,
            )
            for s in await self.list_all()
        ]
        return sorted(found, key=lambda h: (order[h.status], h.outlet.lower(), h.language, h.url))

    # --- feed items ------------------------------------------------------------------

    async def items_done(self, source_id: int, urls: Iterable[str]) -> set[str]:
        """Of the given item URLs, those not to fetch again: stored, duplicate, skipped,
        or failed too often."""
        urls = list(dict.fromkeys(urls))
        done: set[str] = set()
        for start in range(0, len(urls), 500):
            chunk = urls[start:start + 500]
            rows = await self.db.fetchall(
                "SELECT url FROM feed_items WHERE source_id = ? AND url IN"
                f" ({','.join('?' * len(chunk))}) AND (status != 'failed' OR attempts >= ?)",
                (source_id, *chunk, MAX_ITEM_ATTEMPTS),
            )
            done.update(row[0] for row in rows)
        return done

    async def known_items(self, source_id: int, urls: Iterable[str]) -> set[str]:
        """Of the given item URLs, those seen in this feed before (in any state)."""
        urls = list(dict.fromkeys(urls))
        known: set[str] = set()
        for start in range(0, len(urls), 500):
            chunk = urls[start:start + 500]
            rows = await self.db.fetchall(
                f"SELECT url FROM feed_items WHERE source_id = ? AND url IN ({','.join('?' * len(chunk))})",
                (source_id, *chunk),
            )
            known.update(row[0] for row in rows)
        return known

    async def record_item(
        self, source_id: int, url: str, status: str, error: str | None = None, now: datetime | None = None
    ) -> None:
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO feed_items (source_id, url, first_seen_at, status, attempts, error)"
                " VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT (source_id, url) DO UPDATE SET"
                " status = excluded.status, attempts = attempts + 1, error = excluded.error",
                (source_id, url, utc_text(_now(now)), status, error[:ERROR_CHARS] if error else None),
            )
