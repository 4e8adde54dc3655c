"""Putting digests in the outbox: who is due, and which articles their digest covers.

A subscriber is due once their digest time has come today (in the bot's time zone)
and they have no outbox row for today; the row's UNIQUE (chat_id, day) makes queueing
idempotent, so a tick that runs twice, a restart, or `deliver --now` after the
scheduled run never queue a second digest. Because "due" means "the time has passed
and nothing was queued", a bot that was down at 08:00 queues the digest as soon as it
is back; a digest time shortly before midnight is caught up after midnight too.

A digest covers the articles stored since the previous one: the window
`[last_digest_at, due moment)`. Ending it at the due moment (not at the moment of
sending) makes every retry compose the same messages, and makes subscribers with the
same time and regions share one composed digest.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from storage.database import Database
from storage.deliveries import DeliveriesRepo, NewDelivery
from storage.subscribers import DueSubscriber, SubscribersRepo

# The first digest covers the last day; a long pause or outage at most a week.
FIRST_WINDOW = timedelta(days=1)
MAX_WINDOW = timedelta(days=7)
# Yesterday's digest is still queued this long after its time (a restart at 00:10 for a
# 23:55 digest); later than that, today's digest covers the same articles anyway.
CATCH_UP = timedelta(hours=3)


def due_moment(day: date, digest_time: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, digest_time, tzinfo=tz)


def digest_window(subscriber: DueSubscriber, until: datetime) -> tuple[datetime, datetime]:
    """The articles the digest covers: since the last digest, at most `MAX_WINDOW` back."""
    since = subscriber.last_digest_at or until - FIRST_WINDOW
    since = min(max(since, until - MAX_WINDOW), until)
    return since, until


def _scheduled(
    subscribers: Iterable[DueSubscriber], day: date, now: datetime, tz: ZoneInfo, catch_up: timedelta | None
) -> list[NewDelivery]:
    items = []
    for subscriber in subscribers:
        due = due_moment(day, subscriber.digest_time, tz)
        if due > now or (catch_up is not None and now - due > catch_up):
            continue
        if subscriber.subscribed_at >= due:      # subscribed after today's time: from tomorrow
            continue
        since, until = digest_window(subscriber, due)
        items.append(NewDelivery(subscriber.chat_id, day.isoformat(), since, until))
    return items


async def enqueue_due(db: Database, now: datetime, tz: ZoneInfo) -> int:
    """Queue the digest of every subscriber whose time has come; returns how many."""
    today = now.astimezone(tz).date()
    yesterday = today - timedelta(days=1)
    subscribers = SubscribersRepo(db)
    items = _scheduled(await subscribers.without_delivery_on(yesterday.isoformat()), yesterday, now, tz,
                       catch_up=CATCH_UP)
    items += _scheduled(await subscribers.without_delivery_on(today.isoformat()), today, now, tz,
                        catch_up=None)
    return await DeliveriesRepo(db).enqueue(items, now)


async def enqueue_now(db: Database, now: datetime, tz: ZoneInfo) -> int:
    """`kzdigest deliver --now`: today's digest for every active subscriber who has not
    had it, whatever their time, covering the articles up to now; today's failed rows
    are tried again. Returns how many rows were queued or re-queued."""
    day = now.astimezone(tz).date().isoformat()
    deliveries = DeliveriesRepo(db)
    requeued = await deliveries.requeue_failed(day, now)
    items = []
    for subscriber in await SubscribersRepo(db).without_delivery_on(day):
        since, until = digest_window(subscriber, now)
        items.append(NewDelivery(subscriber.chat_id, day, since, until))
    return requeued + await deliveries.enqueue(items, now)
