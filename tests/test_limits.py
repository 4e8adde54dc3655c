"""Replies and the daily broadcast share Telegram's 30 messages a second: against a
stand-in Bot API that enforces the limit, replies sent in the middle of a broadcast get
through first, nobody is refused, and a short 429 on a reply is waited out."""

from __future__ import annotations

import asyncio
import time as clock
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from aiogram.exceptions import TelegramRetryAfter
from botapi import BotAPIServer, make_bot

from bot.limits import RateLimiter, ReplyLimitMiddleware
from bot.outbox import enqueue_now
from bot.sender import Sender
from storage.database import Database
from storage.deliveries import Delivery
from storage.subscribers import SubscribersRepo

RATE = 50
SUBSCRIBERS = 150
REPLIES = 40
REPLY_CHAT = 100_000


async def one_message(delivery: Delivery) -> list[str]:
    return [f"Дайджест для {delivery.chat_id}"]


async def queue_broadcast(db: Database, chats: range) -> None:
    repo = SubscribersRepo(db)
    for chat_id in chats:
        await repo.subscribe(chat_id, "KZ-19", time(8, 0), now=datetime.now(UTC) - timedelta(days=1))
    assert await enqueue_now(db, datetime.now(UTC), ZoneInfo("Asia/Almaty")) == len(chats)


@pytest.fixture
async def api():
    server = BotAPIServer(rate=RATE)
    await server.start()
    yield server
    await server.close()


@pytest.mark.parametrize("shared", [True, False])
async def test_replies_during_a_broadcast_keep_to_the_limit(db: Database, api: BotAPIServer, shared: bool) -> None:
    await queue_broadcast(db, range(1, SUBSCRIBERS + 1))
    bot = make_bot(api.url)
    sender = Sender(bot, db, one_message, rate=RATE, chat_interval=0.0)
    if shared:
        bot.session.middleware(ReplyLimitMiddleware(sender.limiter))

    async def replies() -> int:
        await api.wait_for_messages(20)                          # the broadcast is under way
        sent = await asyncio.gather(*(bot.send_message(REPLY_CHAT + n, "Ответ") for n in range(REPLIES)),
                                    return_exceptions=True)
        return sum(not isinstance(result, Exception) for result in sent)

    try:
        report, replied = await asyncio.gather(sender.drain(), replies())
    finally:
        await bot.session.close()
    assert report.delivered == SUBSCRIBERS
    if not shared:                          # the control: the two together overrun the limit
        assert api.rate_limited > 0
        return
    assert replied == REPLIES and api.rate_limited == 0
    assert api.stats()["max_in_any_second"] <= RATE
    # Replies go ahead of the queued digests: all are out before half the broadcast is.
    last_reply = max(i for i, m in enumerate(api.messages) if m.chat_id >= REPLY_CHAT)
    digests_before = sum(1 for m in api.messages[:last_reply] if m.chat_id < REPLY_CHAT)
    assert digests_before < SUBSCRIBERS // 2


@pytest.fixture
async def replying(api: BotAPIServer):
    """A bot whose replies take from a shared limiter, as `kzdigest run` sets it up."""
    bot = make_bot(api.url)
    limiter = RateLimiter(RATE)
    bot.session.middleware(ReplyLimitMiddleware(limiter))
    yield bot, limiter
    await bot.session.close()


async def test_a_short_429_on_a_reply_is_waited_out(api: BotAPIServer, replying) -> None:
    bot, _ = replying
    api.fail(5, 429, retry_after=1)
    started = clock.monotonic()
    message = await bot.send_message(5, "Ответ")
    assert clock.monotonic() - started >= 1.0
    assert message.text == "Ответ" and api.by_chat() == {5: 1}


async def test_a_long_429_on_a_reply_is_an_error_not_a_hang(api: BotAPIServer, replying) -> None:
    bot, limiter = replying
    api.fail(5, 429, retry_after=600)
    with pytest.raises(TelegramRetryAfter):
        await asyncio.wait_for(bot.send_message(5, "Ответ"), timeout=5)
    assert limiter.paused_for() > 500                  # the broadcast holds off too


async def test_acquire_first_goes_ahead_of_the_queue() -> None:
    limiter = RateLimiter(10)
    queued = [asyncio.create_task(limiter.acquire()) for _ in range(8)]
    await asyncio.sleep(0)
    await limiter.acquire_first()
    done = sum(task.done() for task in queued)
    await asyncio.gather(*queued)
    assert done <= 2
