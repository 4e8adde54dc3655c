"""Telegram's sending limits, shared by everything the bot process sends.

About 30 messages a second to all chats and one a second to a chat. The daily broadcast
(`bot.sender`) keeps to them with a `RateLimiter` and a `ChatPacer`; replies to people
take from the same limiter through `ReplyLimitMiddleware`, so a reply sent at 08:00,
while thousands of digests go out, neither pushes the bot over the limit nor is lost to a
429: it goes ahead of the broadcast (a person is waiting), and a short 429 is waited out.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections import deque
from contextvars import ContextVar
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import (
    CopyMessage,
    ForwardMessage,
    SendDocument,
    SendMediaGroup,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.methods.base import Response

log = logging.getLogger(__name__)

# A sliding window a little longer than a second: requests leave here evenly spaced
# but may reach the server a little closer together than they left.
WINDOW_MARGIN = 0.02
# A reply waits out a 429 (or the broadcast's pause) this long at most, this many times;
# a longer wait is an error the handler sees rather than a hung conversation.
REPLY_MAX_WAIT = 10.0
REPLY_RETRIES = 2
# What counts towards the 30 messages a second.
MESSAGE_METHODS = (SendMessage, SendDocument, SendPhoto, SendMediaGroup, CopyMessage, ForwardMessage)

# Set by the sender in each delivery task: its calls keep to the limits themselves.
BROADCAST: ContextVar[bool] = ContextVar("broadcast", default=False)


class RateLimiter:
    """Grants spaced `1/rate` seconds apart, and at most `rate` in any window of a
    second (and a margin); `rate=None` is no limit.

    Even spacing, not bursts: requests granted together reach the server in an
    unpredictable order and spread, and a burst then looks like more than `rate` in
    some second. `pause(seconds)` holds every caller (Telegram's 429 applies to the
    whole bot). Callers are served in order (asyncio.Lock is fair); `acquire_first`
    goes ahead of them.
    """

    def __init__(self, rate: float | None, margin: float = WINDOW_MARGIN) -> None:
        self.rate = rate
        if rate is None:
            self.capacity, self.window, self.interval = 0, 0.0, 0.0
        else:
            self.capacity = max(1, math.floor(rate))
            self.window = self.capacity / rate + margin
            self.interval = 1.0 / rate
        self._grants: deque[float] = deque()
        self._paused_until = 0.0
        self._lock = asyncio.Lock()
        self._first_waiting = 0            # callers of `acquire_first` not yet granted

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    def paused_for(self) -> float:
        return max(0.0, self._paused_until - time.monotonic())

    async def acquire(self) -> None:
        async with self._lock:
            while True:
                now = time.monotonic()
                if self._paused_until > now:
                    await asyncio.sleep(self._paused_until - now)
                    continue
                if self.rate is None:
                    return
                wait = self._until_free(now)
                if wait <= 0 and self._first_waiting:
                    wait = self.interval       # a reply is waiting for this slot: let it go first
                elif wait <= 0:
                    self._grants.append(now)
                    return
                await asyncio.sleep(wait)

    async def acquire_first(self, max_wait: float = REPLY_MAX_WAIT) -> None:
        """A grant ahead of the callers queued in `acquire`: the same spacing and window,
        and a pause (up to `max_wait`), but not the queue. The check and the grant have no
        await between them, so the two ways of acquiring never overfill a window together."""
        deadline = time.monotonic() + max_wait
        self._first_waiting += 1
        try:
            while True:
                now = time.monotonic()
                wait = self._paused_until - now
                if wait <= 0:
                    if self.rate is None:
                        return
                    wait = self._until_free(now)
                    if wait <= 0:
                        self._grants.append(now)
                        return
                if now + wait > deadline:
                    return              # go anyway: a 429 then says how long to wait
                await asyncio.sleep(wait)
        finally:
            self._first_waiting -= 1

    def _until_free(self, now: float) -> float:
        """Seconds until the next grant keeps the spacing and the window (<= 0: now)."""
        while self._grants and self._grants[0] <= now - self.window:
            self._grants.popleft()
        wait = self._grants[-1] + self.interval - now if self._grants else 0.0
        if len(self._grants) >= self.capacity:
            wait = max(wait, self._grants[0] + self.window - now)
        return wait


class ChatPacer:
    """At least `interval` seconds between two messages to one chat."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._last: dict[int, float] = {}

    async def wait(self, chat_id: int) -> None:
        last = self._last.get(chat_id)
        if last is not None:
            delay = last + self.interval - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)

    def sent(self, chat_id: int) -> None:
        self._last[chat_id] = time.monotonic()

    def forget_idle(self) -> None:
        horizon = time.monotonic() - self.interval
        self._last = {chat: moment for chat, moment in self._last.items() if moment > horizon}


class ReplyLimitMiddleware(BaseRequestMiddleware):
    """Every message the bot sends outside the broadcast takes its place in the shared
    limiter first; a 429 pauses the limiter for everyone and, when short, the call is
    made again instead of failing the handler."""

    def __init__(self, limiter: RateLimiter) -> None:
        self.limiter = limiter

    async def __call__(
        self, make_request: NextRequestMiddlewareType[Any], bot: Bot, method: TelegramMethod[Any]
    ) -> Response[Any]:
        if BROADCAST.get():
            return await make_request(bot, method)
        retries = 0
        while True:
            if isinstance(method, MESSAGE_METHODS):
                await self.limiter.acquire_first()
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                self.limiter.pause(error.retry_after)
                retries += 1
                if retries > REPLY_RETRIES or error.retry_after > REPLY_MAX_WAIT:
                    raise
                log.info("%s: rate limited, again in %s s", type(method).__name__, error.retry_after)
                await asyncio.sleep(error.retry_after)
