"""Delivering the outbox against the stand-in Bot API: Telegram's limits, its errors,
and a sender killed in the middle of a broadcast — each subscriber gets the day's
digest exactly once."""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import socket
import sqlite3
import sys
import time as clock
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from botapi import TOKEN, BotAPIServer, copy_seeded, make_bot

from bot.outbox import enqueue_now
from bot.sender import Sender, new_owner, owner_is_gone
from bot.subscriber_digest import DigestComposer
from storage.database import Database
from storage.deliveries import DeliveriesRepo, Delivery
from storage.subscribers import SubscribersRepo

ALMATY = ZoneInfo("Asia/Almaty")
YESTERDAY = datetime.now(UTC) - timedelta(days=1)


_BOTS: list = []


@pytest.fixture
async def api():
    server = BotAPIServer()
    await server.start()
    yield server
    await close_bots()
    await server.close()
    assert server.problems == []


async def close_bots() -> None:
    while _BOTS:
        await _BOTS.pop().session.close()


async def subscribe(db: Database, chat_ids, region: str = "KZ-19") -> None:
    repo = SubscribersRepo(db)
    for chat_id in chat_ids:
        await repo.subscribe(chat_id, region, time(8, 0), now=YESTERDAY)


async def one_message(delivery: Delivery) -> list[str]:
    return [f"<b>Дайджест</b> для {delivery.chat_id} &amp; всё"]


def parts(count: int):
    async def compose(delivery: Delivery) -> list[str]:
        return [f"Часть {n + 1} из {count} для {delivery.chat_id}" for n in range(count)]
    return compose


def sender_for(server: BotAPIServer, db: Database, compose=one_message, **options) -> Sender:
    options = {"rate": None, "chat_interval": 0.0, "backoff_base": 0.05, "max_attempts": 5, **options}
    bot = make_bot(server.url)
    _BOTS.append(bot)
    return Sender(bot, db, compose, **options)


async def queue_today(db: Database) -> int:
    return await enqueue_now(db, datetime.now(UTC), ALMATY)


def today() -> str:
    return datetime.now(ALMATY).date().isoformat()


async def statuses(db: Database) -> dict[int, str]:
    return {d.chat_id: d.status for d in await DeliveriesRepo(db).for_day(today())}


# --- the normal case ------------------------------------------------------------------------

async def test_every_subscriber_gets_the_digest_once_and_a_second_run_sends_nothing(
    db: Database, api: BotAPIServer
) -> None:
    await subscribe(db, range(1, 51))
    assert await queue_today(db) == 50
    report = await sender_for(api, db).drain()
    assert report.delivered == 50 and report.messages == 50
    assert api.by_chat() == {chat: 1 for chat in range(1, 51)}
    assert set((await statuses(db)).values()) == {"sent"}
    assert await queue_today(db) == 0
    assert (await sender_for(api, db).drain()).messages == 0
    assert len(api.messages) == 50
    subscriber = await SubscribersRepo(db).get(1)
    assert subscriber.last_digest_at is not None              # the next digest starts there


async def test_the_real_digest_is_composed_once_for_subscribers_alike(tmp_path: Path, api: BotAPIServer) -> None:
    db = await Database.open(copy_seeded(tmp_path))
    try:
        await subscribe(db, range(1, 21))
        await subscribe(db, range(21, 31), region="KZ-71")
        await queue_today(db)
        composer = DigestComposer(db)
        report = await sender_for(api, db, compose=composer).drain()
        assert report.delivered == 30
        texts = {m.text for m in api.messages}
        assert len(texts) == 2                                   # one digest a region here
        assert any("Алматинская область" in text for text in texts)
    finally:
        await db.close()


async def test_the_global_rate_is_kept(db: Database) -> None:
    server = BotAPIServer(rate=100)
    await server.start()
    try:
        await subscribe(db, range(1, 201))
        await queue_today(db)
        started = clock.monotonic()
        report = await sender_for(server, db, rate=100).drain()
        elapsed = clock.monotonic() - started
        assert report.delivered == 200
        assert server.rate_limited == 0 and server.stats()["max_in_any_second"] <= 100
        assert elapsed >= 1.0
    finally:
        await close_bots()
        await server.close()


async def test_a_digest_in_several_messages_is_paced_per_chat(db: Database, api: BotAPIServer) -> None:
    await subscribe(db, [7])
    await queue_today(db)
    await sender_for(api, db, compose=parts(3), chat_interval=0.2).drain()
    times = [m.at for m in api.messages]
    assert [m.text for m in api.messages] == [f"Часть {n} из 3 для 7" for n in (1, 2, 3)]
    assert all(later - earlier >= 0.19 for earlier, later in itertools.pairwise(times))


# --- Telegram's errors ------------------------------------------------------------------------

async def test_a_429_is_waited_out_for_its_retry_after(db: Database, api: BotAPIServer) -> None:
    await subscribe(db, [1, 2, 3])
    await queue_today(db)
    api.fail(2, 429, retry_after=1)
    started = clock.monotonic()
    report = await sender_for(api, db).drain()
    assert clock.monotonic() - started >= 1.0
    assert report.flood_waits == 1 and report.delivered == 3
    assert api.by_chat() == {1: 1, 2: 1, 3: 1}


async def test_server_errors_are_retried_with_back_off(db: Database, api: BotAPIServer) -> None:
    await subscribe(db, [1, 2])
    await queue_today(db)
    api.fail(1, 500, times=2)
    api.fail(2, 502, times=1)
    report = await sender_for(api, db).drain()
    assert report.retried == 3 and report.delivered == 2
    assert api.by_chat() == {1: 1, 2: 1}
    rows = {d.chat_id: d for d in await DeliveriesRepo(db).for_day(today())}
    assert rows[1].attempts == 3 and rows[1].status == "sent"


async def test_a_dropped_connection_is_retried(db: Database, api: BotAPIServer) -> None:
    await subscribe(db, [1])
    await queue_today(db)
    api.drop(1)
    report = await sender_for(api, db).drain()
    assert report.retried == 1 and report.delivered == 1
    assert api.by_chat() == {1: 1}


async def test_the_sender_gives_up_after_its_attempts_and_the_others_still_get_theirs(
    db: Database, api: BotAPIServer
) -> None:
    await subscribe(db, [1, 2, 3])
    await queue_today(db)
    api.fail(2, 500, times=100)
    report = await sender_for(api, db, max_attempts=3).drain()
    assert report.failed == 1 and report.delivered == 2
    rows = {d.chat_id: d for d in await DeliveriesRepo(db).for_day(today())}
    assert rows[2].status == "failed" and "gave up after 3 attempts" in rows[2].error
    assert (await SubscribersRepo(db).get(2)).active          # an outage is not the user's doing
    # An operator's rerun tries today's failed digests again.
    assert await queue_today(db) == 1
    api.clear_faults()
    assert (await sender_for(api, db).drain()).delivered == 1
    assert api.by_chat() == {1: 1, 2: 1, 3: 1}


async def test_a_user_who_blocked_the_bot_becomes_inactive(db: Database, api: BotAPIServer) -> None:
    await subscribe(db, [1, 2])
    await queue_today(db)
    api.block(2)
    report = await sender_for(api, db).drain()
    assert report.blocked == 1 and report.delivered == 1
    assert not (await SubscribersRepo(db).get(2)).active
    assert (await statuses(db))[2] == "failed"
    assert sum(1 for method, _ in api.calls if method == "sendMessage") == 2      # no retry of a 403
    assert await queue_today(db) == 0                           # and no digest tomorrow either


async def test_a_chat_that_is_gone_becomes_inactive_and_a_refused_message_fails(
    db: Database, api: BotAPIServer
) -> None:
    await subscribe(db, [1, 2])
    await queue_today(db)
    api.fail(1, 400, description="Bad Request: chat not found")
    api.fail(2, 400, description="Bad Request: can't parse entities")
    report = await sender_for(api, db).drain()
    assert report.blocked == 1 and report.failed == 1
    assert not (await SubscribersRepo(db).get(1)).active
    assert (await SubscribersRepo(db).get(2)).active


async def test_a_long_digest_resumes_after_an_error_without_repeating_a_part(
    db: Database, api: BotAPIServer
) -> None:
    await subscribe(db, [9])
    await queue_today(db)
    api.fail(9, 200)                 # the first message goes through,
    api.fail(9, 500)                 # the second meets a server error
    report = await sender_for(api, db, compose=parts(3)).drain()
    assert report.retried == 1 and report.delivered == 1
    assert [m.text for m in api.messages] == [f"Часть {n} из 3 для 9" for n in (1, 2, 3)]


# --- a sender that died ---------------------------------------------------------------------

def dead_pid() -> int:
    """A pid no process has now (a child that was started and reaped)."""
    import subprocess

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


async def test_rows_left_by_a_dead_sender_are_resumed_where_it_stopped(db: Database, api: BotAPIServer) -> None:
    await subscribe(db, [1, 2, 3])
    await queue_today(db)
    deliveries = DeliveriesRepo(db)
    dead = f"{socket.gethostname()}:{dead_pid()}:0000"
    claimed = await deliveries.claim(dead, datetime.now(UTC), timedelta(hours=1), 10)
    await deliveries.record_part(claimed[0], dead, 1, 2, datetime.now(UTC))     # its first message went out
    assert owner_is_gone(dead)
    report = await sender_for(api, db, compose=parts(2)).drain()
    assert report.delivered == 3
    assert api.by_chat() == {claimed[0].chat_id: 1, claimed[1].chat_id: 2, claimed[2].chat_id: 2}
    assert [m.text for m in api.messages if m.chat_id == claimed[0].chat_id] == [
        f"Часть 2 из 2 для {claimed[0].chat_id}"]


async def test_rows_of_a_live_sender_are_left_to_it(db: Database, api: BotAPIServer) -> None:
    await subscribe(db, [1])
    await queue_today(db)
    alive = f"{socket.gethostname()}:{os.getppid()}:0000"
    elsewhere = new_owner().replace(socket.gethostname(), "another-host")
    assert not owner_is_gone(alive) and not owner_is_gone(elsewhere)
    await DeliveriesRepo(db).claim(alive, datetime.now(UTC), timedelta(hours=1), 10)
    assert (await sender_for(api, db).drain()).messages == 0
    # Its lease over, the row is anyone's.
    sender = sender_for(api, db)
    sender.clock = lambda: datetime.now(UTC) + timedelta(hours=2)
    assert (await sender.drain()).delivered == 1


# --- `kzdigest deliver --now` killed mid-broadcast ------------------------------------------

SUBSCRIBERS = 40


def deliver_env(server: BotAPIServer, database: Path, rate: str = "1000") -> dict[str, str]:
    return {**os.environ, "BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE": server.url, "DATABASE_PATH": str(database),
            "SEED_ON_EMPTY": "false", "SEND_RATE": rate, "SEND_CHAT_INTERVAL": "0", "LOG_LEVEL": "WARNING",
            "ADMIN_IDS": ""}


async def start_deliver(server: BotAPIServer, database: Path, rate: str = "1000") -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "deliver", "--now", cwd=database.parent,
        env=deliver_env(server, database, rate), stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )


def recorded_parts(database: Path) -> int:
    with sqlite3.connect(database) as conn:
        return conn.execute("SELECT coalesce(sum(parts_sent), 0) FROM deliveries").fetchone()[0]


def status_counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as conn:
        return dict(conn.execute("SELECT status, count(*) FROM deliveries GROUP BY status").fetchall())


async def wait_until(condition, timeout: float = 60.0) -> None:
    deadline = clock.monotonic() + timeout
    while not condition():
        if clock.monotonic() > deadline:
            raise TimeoutError("condition not reached")
        await asyncio.sleep(0.02)


async def prepare_broadcast(tmp_path: Path) -> Path:
    database = copy_seeded(tmp_path)
    db = await Database.open(database)
    try:
        await subscribe(db, range(1, SUBSCRIBERS + 1))
    finally:
        await db.close()
    return database


async def test_deliver_now_killed_mid_broadcast_then_rerun_sends_each_digest_once(
    tmp_path: Path, api: BotAPIServer
) -> None:
    database = await prepare_broadcast(tmp_path)
    api.hold(after=15)                         # the 16th message on waits, unprocessed
    first = await start_deliver(api, database)
    await wait_until(lambda: api.held >= 1 and recorded_parts(database) >= 15)
    first.send_signal(signal.SIGKILL)
    await first.wait()
    api.release(record=False)                  # what hung there never reached Telegram
    left = status_counts(database)
    assert left["sent"] == 15 and left.get("sending", 0) >= 1          # claimed by the dead process

    second = await start_deliver(api, database)
    out, err = await second.communicate()
    assert second.returncode == 0, err.decode()
    assert "25 delivered" in out.decode()
    assert api.by_chat() == {chat: 1 for chat in range(1, SUBSCRIBERS + 1)}
    assert status_counts(database) == {"sent": SUBSCRIBERS}


async def test_deliver_now_killed_at_a_random_moment_loses_nobody(tmp_path: Path, api: BotAPIServer) -> None:
    """A kill may fall between Telegram accepting a message and the commit recording it:
    that message is the only one sent twice (the Bot API has no idempotency key). Nobody
    is skipped, and repeats are bounded by the messages in flight."""
    database = await prepare_broadcast(tmp_path)
    first = await start_deliver(api, database, rate="100")
    await wait_until(lambda: len(api.messages) >= 10)
    first.send_signal(signal.SIGKILL)
    await first.wait()
    second = await start_deliver(api, database, rate="100")
    _, err = await second.communicate()
    assert second.returncode == 0, err.decode()
    counts = api.by_chat()
    assert set(counts) == set(range(1, SUBSCRIBERS + 1))
    assert sum(counts.values()) - SUBSCRIBERS <= 2
    assert status_counts(database) == {"sent": SUBSCRIBERS}


def test_deliver_without_a_token_says_so(tmp_path: Path) -> None:
    import subprocess

    env = {**os.environ, "BOT_TOKEN": "", "DATABASE_PATH": str(tmp_path / "x.db")}
    done = subprocess.run([sys.executable, "-m", "bot", "deliver", "--now"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "BOT_TOKEN" in done.stderr
