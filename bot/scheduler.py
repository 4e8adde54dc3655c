"""The bot's clock: APScheduler 3 in the bot's process, in the bot's time zone.

Every minute `delivery_tick` queues the digests whose time has come and wakes the
sender, which drains the outbox in the background (a broadcast may take longer than a
minute). Jobs coalesce and have a grace time, so a busy loop or a short stop does not
skip a run; and since a digest is due from its time until it is queued, a restart
after the hour still delivers the day's digest. Other work (the feeds poller, the
re-extraction of articles an older extractor read) is added to the scheduler
`build_scheduler` returns.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.ingestion import reextract_all
from bot.outbox import enqueue_due
from bot.sender import Sender
from digest.extract import EXTRACTOR_VERSION
from storage.database import Database

log = logging.getLogger(__name__)

DELIVERY_JOB = "deliveries"
REEXTRACT_JOB = "reextract"
MISFIRE_GRACE_SECONDS = 15 * 60
JOB_DEFAULTS = {"misfire_grace_time": MISFIRE_GRACE_SECONDS, "coalesce": True, "max_instances": 1}


async def delivery_tick(db: Database, sender: Sender, tz: ZoneInfo, now: datetime | None = None) -> int:
    """Queue every digest due at `now` and wake the sender; returns how many were queued."""
    now = now or datetime.now(UTC)
    queued = await enqueue_due(db, now, tz)
    if queued:
        log.info("queued %d digests", queued)
    sender.wake()
    return queued


def build_scheduler(timezone: str, db: Database, sender: Sender) -> AsyncIOScheduler:
    """A scheduler with the delivery job; start it inside the running event loop."""
    tz = ZoneInfo(timezone)
    scheduler = AsyncIOScheduler(timezone=tz, job_defaults=JOB_DEFAULTS)
    scheduler.add_job(
        delivery_tick,
        CronTrigger(second=0, timezone=tz),
        kwargs={"db": db, "sender": sender, "tz": tz},
        id=DELIVERY_JOB,
        name="queue due digests",
        replace_existing=True,
        next_run_time=datetime.now(tz),       # at start too: catch up at once after a restart
        **JOB_DEFAULTS,
    )
    return scheduler


async def reextract_stale(db: Database) -> int:
    """Re-read the articles an older extractor stored, so an upgrade improves the facts
    already in the database without an operator running `kzdigest reextract`."""
    count = await reextract_all(db, only_stale=True)
    if count:
        log.info("re-extracted %d articles with extractor version %d", count, EXTRACTOR_VERSION)
    return count


def register_reextraction(scheduler: AsyncIOScheduler, db: Database) -> None:
    """Once, as soon as the scheduler starts; in the background, a transaction an article."""
    scheduler.add_job(reextract_stale, kwargs={"db": db}, id=REEXTRACT_JOB, name="re-extract stale articles",
                      replace_existing=True, misfire_grace_time=None)


async def stop_scheduler(scheduler: AsyncIOScheduler, timeout: float = 10.0) -> None:
    """Stop starting jobs, let the running ones finish (they may be writing), then shut
    down: APScheduler's own shutdown would cancel them mid-write."""
    scheduler.pause()
    # AsyncIOExecutor keeps the futures of running jobs; no public API exposes them.
    running = [future for executor in scheduler._executors.values()
               for future in getattr(executor, "_pending_futures", ())]
    if running:
        await asyncio.wait(running, timeout=timeout)
    scheduler.shutdown(wait=False)
