"""Polling news feeds on schedule, and ingesting a link an admin sends.

A poll of one source: fetch its feed (conditionally), read its items safely, fetch
the page of each item not seen before, extract the article and store it, then give
new articles their story (one story reprinted by several outlets). Each article is
stored in its own transaction as soon as it is read, and a feed's validators
(ETag, Last-Modified) are saved only after its items were handled, so a crash or a
failure later never loses what was fetched before and never skips an item.

A source that fails (unreachable, 404, 500, hanging, huge, malformed, hostile)
records its error and waits longer before the next try; the other sources go on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from bot.fetch import ACCEPT_FEED, ACCEPT_PAGE, Fetcher, FetchError, FetchResult
from bot.ingestion import IngestSummary, assign_stories, ingest_document
from digest.documents import BadDocument, DocumentError, parse_html, parse_text
from digest.feeds import Feed, FeedError, FeedItem, find_feed_links, looks_like_feed, parse_feed
from digest.language import detect_language
from digest.metadata import canonical_outlet
from digest.model import KAZAKHSTAN_TIMEZONE, Document
from digest.sources import SourcesFileError, load_sources
from storage.database import Database
from storage.sources import FeedSource, SourcesRepo, SyncResult

log = logging.getLogger(__name__)

# New items read from one feed in one poll, newest first; the rest wait for the next poll.
MAX_ITEMS_PER_POLL = 30
# Items older than this when first seen are an archive, not news: recorded, not fetched.
MAX_ITEM_AGE = timedelta(days=14)
PAGES_AT_ONCE = 4
SOURCES_AT_ONCE = 6
POLL_JOB_ID = "poll_sources"
_ACCEPT_ANY = f"{ACCEPT_PAGE}, {ACCEPT_FEED}"


class SourceError(ValueError):
    """A URL that cannot be added as a source; the message says why."""


@dataclass
class PollResult:
    source_id: int
    outlet: str
    url: str
    error: str | None = None           # the feed itself failed: nothing was read
    not_modified: bool = False
    items: int = 0                     # items in the feed
    new_items: int = 0                 # items never seen before
    stored: int = 0
    duplicates: int = 0
    skipped: int = 0                   # too old to be news
    failed: list[str] = field(default_factory=list)   # items whose page failed, with the reason

    @property
    def ok(self) -> bool:
        return self.error is None


# --- from a page to a document ----------------------------------------------------------

def _local_day(moment: datetime | None, timezone: str) -> date | None:
    if moment is None:
        return None
    return moment.astimezone(ZoneInfo(timezone)).date()


def _host_outlet(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    return canonical_outlet(host) or host


def page_document(
    page: FetchResult,
    item: FeedItem | None = None,
    outlet: str | None = None,
    timezone: str = KAZAKHSTAN_TIMEZONE,
) -> Document:
    """The article on a fetched page, completed from its feed item: the feed's title and
    date (in the digest's time zone) and the source's outlet win over the page's guesses.
    A page without readable text falls back to the full text some feeds carry."""
    url = item.url if item else page.url
    try:
        document = parse_html(url, page.text(), url=url)
    except BadDocument:
        if not (item and item.content):
            raise
        text = f"{item.title}\n\n{item.content}" if item.title else item.content
        document = parse_text(url, text, url=url)
    published = _local_day(item.published, timezone) if item else None
    return Document(
        doc=url,
        body=document.body,
        language=document.language,
        title=(item.title if item and item.title else document.title),
        published=published or document.published,
        source=(canonical_outlet(outlet) or outlet) if outlet else (document.source or _host_outlet(url)),
        url=url,
    )


async def _article_exists(db: Database, url: str) -> bool:
    return await db.fetchone("SELECT 1 FROM articles WHERE url = ?", (url,)) is not None


class PageReader:
    """Fetches article pages a few at a time, and reads and extracts them one at a time:
    extraction is CPU work, and one worker thread leaves the event loop (the bot) room."""

    def __init__(self, db: Database, fetcher: Fetcher, timezone: str = KAZAKHSTAN_TIMEZONE) -> None:
        self.db = db
        self.fetcher = fetcher
        self.timezone = timezone
        self._fetching = asyncio.Semaphore(PAGES_AT_ONCE)
        self._reading = asyncio.Lock()

    async def ingest(
        self, url: str, item: FeedItem | None, outlet: str | None, page: FetchResult | None = None
    ) -> IngestSummary:
        """Fetch, read and store one article page; every failure comes back in the summary."""
        try:
            if page is None:
                async with self._fetching:
                    page = await self.fetcher.fetch(url, accept=ACCEPT_PAGE)
            async with self._reading:
                document = await asyncio.to_thread(page_document, page, item, outlet, self.timezone)
                return await ingest_document(self.db, document)
        except FetchError as error:
            return IngestSummary(failed=[DocumentError(url, error.reason)])
        except BadDocument as error:
            return IngestSummary(failed=[DocumentError(url, str(error))])


# --- one source -------------------------------------------------------------------------

def _newest_first(items: Sequence[FeedItem]) -> list[FeedItem]:
    oldest = datetime.min.replace(tzinfo=UTC)
    return sorted(items, key=lambda item: item.published or oldest, reverse=True)


async def _poll_items(
    db: Database, source: FeedSource, feed: Feed, reader: PageReader, result: PollResult, now: datetime
) -> None:
    repo = SourcesRepo(db)
    items = _newest_first(feed.items)
    urls = [item.url for item in items]
    known = await repo.known_items(source.id, urls)
    done = await repo.items_done(source.id, urls)
    todo = [item for item in items if item.url not in done][:MAX_ITEMS_PER_POLL]
    result.items = len(items)
    # Counted when handled: items beyond this poll's share are new again next time.
    result.new_items = sum(1 for item in todo if item.url not in known)

    async def handle(item: FeedItem) -> None:
        if item.published is not None and now - item.published > MAX_ITEM_AGE:
            result.skipped += 1
            await repo.record_item(source.id, item.url, "skipped", now=now)
            return
        if await _article_exists(db, item.url):
            result.duplicates += 1
            await repo.record_item(source.id, item.url, "duplicate", now=now)
            return
        summary = await reader.ingest(item.url, item, source.outlet)
        if summary.new:
            result.stored += 1
            await repo.record_item(source.id, item.url, "stored", now=now)
        elif summary.duplicates:
            result.duplicates += 1
            await repo.record_item(source.id, item.url, "duplicate", now=now)
        else:
            reason = summary.failed[0].reason if summary.failed else "nothing stored"
            result.failed.append(f"{item.url}: {reason}")
            await repo.record_item(source.id, item.url, "failed", error=reason, now=now)

    await asyncio.gather(*(handle(item) for item in todo))


async def poll_source(
    db: Database,
    source: FeedSource,
    fetcher: Fetcher,
    timezone: str = KAZAKHSTAN_TIMEZONE,
    now: datetime | None = None,
    reader: PageReader | None = None,
) -> PollResult:
    """Read one feed and store its new articles; a failure is recorded, never raised."""
    now = now or datetime.now(UTC)
    reader = reader or PageReader(db, fetcher, timezone)
    repo = SourcesRepo(db)
    result = PollResult(source.id, source.outlet, source.url)
    try:
        fetched = await fetcher.fetch(source.url, source.etag, source.last_modified, accept=ACCEPT_FEED)
        if fetched.not_modified:
            result.not_modified = True
            await repo.record_success(source, None, None, not_modified=True, now=now)
            return result
        feed = await asyncio.to_thread(parse_feed, fetched.body, fetched.url, fetched.content_type)
    except (FetchError, FeedError) as error:
        result.error = str(error)
        await repo.record_failure(source, result.error, now=now)
        return result
    await _poll_items(db, source, feed, reader, result, now)
    await repo.record_success(
        source, fetched.etag, fetched.last_modified, new_items=result.new_items,
        new_articles=result.stored, now=now,
    )
    return result


# --- all sources ------------------------------------------------------------------------

async def sync_sources(db: Database, path: str | Path | None = None) -> SyncResult:
    """Make the sources file (the packaged one by default) the database's list of sources."""
    specs = await asyncio.to_thread(load_sources, path)
    return await SourcesRepo(db).sync(specs)


async def poll_all(
    db: Database,
    settings: object,
    fetcher: Fetcher | None = None,
    due_only: bool = True,
    now: datetime | None = None,
    source_ids: Sequence[int] | None = None,
) -> list[PollResult]:
    """Poll every enabled source (only those due, by default), a few at a time; one
    source's failure, even an unexpected one, never stops the others."""
    repo = SourcesRepo(db)
    sources = await (repo.due(now) if due_only else repo.list_all(enabled_only=True))
    if source_ids is not None:
        wanted = set(source_ids)
        sources = [source for source in sources if source.id in wanted]
    timezone = getattr(settings, "timezone", None) or KAZAKHSTAN_TIMEZONE
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher.from_settings(settings)
    reader = PageReader(db, fetcher, timezone)
    gate = asyncio.Semaphore(SOURCES_AT_ONCE)

    async def guarded(source: FeedSource) -> PollResult:
        async with gate:
            try:
                return await poll_source(db, source, fetcher, timezone, now, reader)
            except Exception as error:  # a bug must not stop the other sources
                log.exception("polling %s failed", source.url)
                message = f"internal error: {type(error).__name__}: {error}"
                with contextlib.suppress(Exception):   # the database itself may be what failed
                    await repo.record_failure(source, message, now=now)
                return PollResult(source.id, source.outlet, source.url, error=message)

    try:
        results = list(await asyncio.gather(*(guarded(source) for source in sources)))
    finally:
        if own_fetcher:
            await fetcher.close()
    await assign_stories(db)
    for result in results:
        if result.error:
            log.warning("source %s: %s", result.url, result.error)
        elif result.stored or result.failed:
            log.info("source %s: %d new articles, %d items failed", result.url, result.stored,
                     len(result.failed))
    return results


def register_polling(
    scheduler,
    db: Database,
    settings: object,
    every: timedelta = timedelta(minutes=1),
    sources_path: str | Path | None = None,
):
    """Add the polling job to an APScheduler 3 scheduler: every `every` it polls the
    sources that are due (each has its own interval). The first run reads the sources
    file into the database; a broken file is logged and the stored list is used."""
    path = sources_path or getattr(settings, "sources_path", None)
    synced = False

    async def poll_due_sources() -> None:
        nonlocal synced
        if not synced:
            synced = True
            try:
                await sync_sources(db, path)
            except SourcesFileError as error:
                log.error("sources file not loaded, polling the stored sources: %s", error)
        await poll_all(db, settings)

    return scheduler.add_job(
        poll_due_sources,
        "interval",
        seconds=every.total_seconds(),
        id=POLL_JOB_ID,
        replace_existing=True,
        max_instances=1,
        coalesce=True,
        misfire_grace_time=int(every.total_seconds()),
        next_run_time=datetime.now(UTC),
    )


# --- what an admin sends ----------------------------------------------------------------

async def ingest_url(
    db: Database, url: str, settings: object, fetcher: Fetcher | None = None
) -> IngestSummary:
    """Store the article at `url`, or the newest articles of the feed at `url`
    (for the admin's `/ingest <url>`). Failures come back in the summary."""
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher.from_settings(settings)
    timezone = getattr(settings, "timezone", None) or KAZAKHSTAN_TIMEZONE
    try:
        try:
            fetched = await fetcher.fetch(url, accept=_ACCEPT_ANY)
        except FetchError as error:
            return IngestSummary(failed=[DocumentError(url, error.reason)])
        reader = PageReader(db, fetcher, timezone)
        if looks_like_feed(fetched.body, fetched.content_type):
            summary = await _ingest_feed(db, reader, fetched)
        else:
            summary = await reader.ingest(url, None, None, page=fetched)
    finally:
        if own_fetcher:
            await fetcher.close()
    await assign_stories(db)
    return summary


async def _ingest_feed(db: Database, reader: PageReader, fetched: FetchResult) -> IngestSummary:
    try:
        feed = await asyncio.to_thread(parse_feed, fetched.body, fetched.url, fetched.content_type)
    except FeedError as error:
        return IngestSummary(failed=[DocumentError(fetched.url, str(error))])
    outlet = _host_outlet(fetched.url)

    async def handle(item: FeedItem) -> IngestSummary:
        if await _article_exists(db, item.url):
            return IngestSummary(duplicates=[item.url])
        return await reader.ingest(item.url, item, outlet)

    summary = IngestSummary()
    items = _newest_first(feed.items)[:MAX_ITEMS_PER_POLL]
    for part in await asyncio.gather(*(handle(item) for item in items)):
        summary.merge(part)
    return summary


async def add_source(
    db: Database,
    url: str,
    settings: object,
    fetcher: Fetcher | None = None,
    outlet: str | None = None,
    language: str | None = None,
    interval_minutes: int = 30,
) -> FeedSource:
    """Add the feed at `url` (or the feed a page at `url` announces) to the polled
    sources; SourceError when there is no readable feed there."""
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher.from_settings(settings)
    try:
        feed_url, feed = await _find_feed(fetcher, url)
    finally:
        if own_fetcher:
            await fetcher.close()
    language = language or _feed_language(feed)
    if language not in ("ru", "kk"):
        raise SourceError(f"language must be ru or kk, not {language!r}")
    outlet = outlet or canonical_outlet(feed.title or "") or _host_outlet(feed_url)
    return await SourcesRepo(db).add(feed_url, outlet, language, interval_minutes)


async def _find_feed(fetcher: Fetcher, url: str) -> tuple[str, Feed]:
    try:
        fetched = await fetcher.fetch(url, accept=_ACCEPT_ANY)
        if not looks_like_feed(fetched.body, fetched.content_type):
            links = find_feed_links(fetched.text(), fetched.url)
            if not links:
                raise SourceError(f"no RSS or Atom feed at {url} (the page announces none)")
            fetched = await fetcher.fetch(links[0], accept=ACCEPT_FEED)
        feed = await asyncio.to_thread(parse_feed, fetched.body, fetched.url, fetched.content_type)
    except (FetchError, FeedError) as error:
        raise SourceError(str(error)) from None
    return fetched.url, feed


def _feed_language(feed: Feed) -> str:
    declared = (feed.language or "").lower()[:2]
    if declared in ("ru", "kk"):
        return declared
    sample = "\n".join(filter(None, [feed.title, *(item.title for item in feed.items[:20])]))
    return "kk" if detect_language(sample) == "kk" else "ru"
