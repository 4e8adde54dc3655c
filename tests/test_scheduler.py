"""The daily schedule: the digest arrives at each subscriber's time (Asia/Almaty), once a
day, after a restart too, and covers the articles stored since the previous one.
The job function is driven with a given `now`; nothing sleeps for hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger
from botapi import BotAPIServer, make_bot

from bot.scheduler import DELIVERY_JOB, MISFIRE_GRACE_SECONDS, build_scheduler, delivery_tick
from bot.sender import Sender
from bot.subscriber_digest import DigestComposer
from digest.model import Document, Extraction, Figure
from storage.articles import ArticlesRepo
from storage.database import Database
from storage.deliveries import DeliveriesRepo
from storage.subscribers import SubscribersRepo

ALMATY = ZoneInfo("Asia/Almaty")
DAY0 = date(2025, 11, 23)
DAY1 = DAY0 + timedelta(days=1)
DAY2 = DAY0 + timedelta(days=2)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ALMATY)


class Clock:
    """The sender's clock, moved by the test."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now.astimezone(UTC)


@pytest.fixture
async def world(db: Database):
    server = BotAPIServer()
    await server.start()
    bot = make_bot(server.url)
    clock = Clock()
    sender = Sender(bot, db, DigestComposer(db), rate=None, chat_interval=0.0, clock=clock)
    yield db, server, sender, clock
    await bot.session.close()
    await server.close()
    assert server.problems == []


async def tick(db: Database, sender: Sender, clock: Clock, moment: datetime) -> int:
    """One run of the minute job at `moment`, then the sender drains what it queued."""
    clock.now = moment
    queued = await delivery_tick(db, sender, ALMATY, moment)
    await sender.drain()
    return queued


async def follow(db: Database, chat_id: int, region: str, digest_time: time, since: datetime,
                 language: str = "ru") -> None:
    repo = SubscribersRepo(db)
    await repo.subscribe(chat_id, region, digest_time, now=since)
    await repo.set_digest_time(chat_id, digest_time)
    await repo.set_reader_language(chat_id, language)


async def store_article(db: Database, name: str, text: str, amount: float, day: date, stored: datetime) -> None:
    body = f"В Алматинской области {text} составит {amount:g} млрд тенге."
    span = f"{amount:g} млрд тенге"
    start = body.index(span)
    figure = Figure(start, start + len(span), span, amount * 1e9, "KZT", "investment", region="KZ-19")
    document = Document(name, body, "ru", title=text.capitalize(), published=day, source="Zakon.kz",
                        url=f"https://www.zakon.kz/{name}")
    await ArticlesRepo(db).add(document, Extraction(regions=("KZ-19",), figures=(figure,)),
                               extractor_version=1, now=stored.astimezone(UTC))   # ingested_at is UTC


# --- the job ----------------------------------------------------------------------------

def test_the_scheduler_runs_the_delivery_job_every_minute_in_almaty_time(db: Database) -> None:
    scheduler = build_scheduler("Asia/Almaty", db, sender=None)       # not started: no loop needed
    job = scheduler.get_job(DELIVERY_JOB)
    assert isinstance(job.trigger, CronTrigger)
    assert str(job.trigger.timezone) == "Asia/Almaty"
    assert str(job.trigger.fields[job.trigger.FIELD_NAMES.index("second")]) == "0"
    assert job.misfire_grace_time == MISFIRE_GRACE_SECONDS >= 60
    assert job.coalesce is True and job.max_instances == 1


async def test_the_digest_arrives_at_the_set_time_and_once(world) -> None:
    db, server, sender, clock = world
    await follow(db, 1, "KZ-19", time(9, 30), since=at(DAY0, 10))
    assert await tick(db, sender, clock, at(DAY1, 9, 29)) == 0
    assert server.messages == []
    assert await tick(db, sender, clock, at(DAY1, 9, 30)) == 1
    assert [m.chat_id for m in server.messages] == [1]
    for minute in (31, 32, 59):
        assert await tick(db, sender, clock, at(DAY1, 9, minute)) == 0
    assert await tick(db, sender, clock, at(DAY2, 9, 30)) == 1
    assert [m.chat_id for m in server.messages] == [1, 1]


async def test_each_subscriber_at_their_own_time_in_almaty(world) -> None:
    db, server, sender, clock = world
    await follow(db, 1, "KZ-19", time(7, 0), since=at(DAY0, 6))
    await follow(db, 2, "KZ-19", time(21, 15), since=at(DAY0, 6))
    # 07:00 in Almaty is 02:00 UTC.
    assert await tick(db, sender, clock, datetime(2025, 11, 24, 2, 0, tzinfo=UTC)) == 1
    assert await tick(db, sender, clock, at(DAY1, 21, 14)) == 0
    assert await tick(db, sender, clock, at(DAY1, 21, 15)) == 1
    assert [m.chat_id for m in server.messages] == [1, 2]


async def test_a_restart_after_the_hour_still_delivers_the_day(world) -> None:
    db, server, sender, clock = world
    await follow(db, 1, "KZ-19", time(9, 0), since=at(DAY0, 6))
    # The bot was down from 08:55 to 11:40: the first tick after the restart catches up.
    assert await tick(db, sender, clock, at(DAY1, 11, 40)) == 1
    assert await tick(db, sender, clock, at(DAY1, 11, 41)) == 0
    assert len(server.messages) == 1


async def test_a_digest_just_before_midnight_is_caught_up_after_it(world) -> None:
    db, _server, sender, clock = world
    await follow(db, 1, "KZ-19", time(23, 55), since=at(DAY0, 6))
    assert await tick(db, sender, clock, at(DAY2, 0, 10)) == 1            # DAY1's, late
    assert [d.day for d in await DeliveriesRepo(db).for_day(DAY1.isoformat())] == [DAY1.isoformat()]
    assert await tick(db, sender, clock, at(DAY2, 0, 11)) == 0
    assert await tick(db, sender, clock, at(DAY2, 23, 55)) == 1           # and DAY2's at its time


async def test_a_day_missed_for_hours_is_not_sent_the_next_day(world) -> None:
    db, server, sender, clock = world
    await follow(db, 1, "KZ-19", time(23, 0), since=at(DAY0, 6))
    assert await tick(db, sender, clock, at(DAY2, 5, 0)) == 0              # DAY1 long gone
    assert server.messages == []


async def test_who_subscribes_after_their_time_gets_the_first_digest_tomorrow(world) -> None:
    db, _server, sender, clock = world
    await follow(db, 1, "KZ-19", time(8, 0), since=at(DAY1, 10))
    assert await tick(db, sender, clock, at(DAY1, 10, 1)) == 0
    assert await tick(db, sender, clock, at(DAY2, 8, 0)) == 1


async def test_paused_and_inactive_subscribers_and_those_without_regions_are_skipped(world) -> None:
    db, server, sender, clock = world
    repo = SubscribersRepo(db)
    for chat_id in (1, 2, 3, 4):
        await follow(db, chat_id, "KZ-19", time(8, 0), since=at(DAY0, 6))
    await repo.set_paused(2, True)
    await repo.set_active(3, False)
    await repo.unsubscribe(4)
    assert await tick(db, sender, clock, at(DAY1, 8, 0)) == 1
    await repo.set_paused(2, False)                                        # resumed later that day
    assert await tick(db, sender, clock, at(DAY1, 12, 0)) == 1
    assert sorted(m.chat_id for m in server.messages) == [1, 2]


# --- what a digest covers -----------------------------------------------------------------

async def test_each_article_is_in_one_digest_the_first_after_it_was_stored(world) -> None:
    db, server, sender, clock = world
    await follow(db, 1, "KZ-19", time(9, 30), since=at(DAY0, 6))
    await store_article(db, "a", "строительство завода", 12, DAY1, stored=at(DAY1, 8))
    await tick(db, sender, clock, at(DAY1, 9, 30))
    first = server.texts(1)[-1]
    assert "12\u00a0млрд" in first
    # Stored after the morning digest: tomorrow's, and only tomorrow's.
    await store_article(db, "b", "реконструкция моста", 34, DAY1, stored=at(DAY1, 12))
    await tick(db, sender, clock, at(DAY2, 9, 30))
    second = server.texts(1)[-1]
    assert "34\u00a0млрд" in second and "12\u00a0млрд" not in second


async def test_the_digest_is_in_the_subscribers_language_and_regions(world) -> None:
    db, server, sender, clock = world
    await follow(db, 1, "KZ-19", time(9, 0), since=at(DAY0, 6), language="kk")
    await follow(db, 2, "KZ-71", time(9, 0), since=at(DAY0, 6), language="ru")
    await store_article(db, "a", "строительство завода", 12, DAY1, stored=at(DAY1, 8))
    await tick(db, sender, clock, at(DAY1, 9, 0))
    [kk] = server.texts(1)
    [ru] = server.texts(2)
    assert "Алматы облысы" in kk and "12\u00a0млрд" in kk
    assert "Астана" in ru and "новых цифр" in ru
