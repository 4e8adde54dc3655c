"""Draining the outbox within Telegram's limits, losing nothing and sending nothing twice.

Limits: about 30 messages a second to all chats (a sliding one-second window here, so
a strict server never sees more) and one message a second to a chat (a digest in
several messages is paced). A 429 pauses every send for its `retry_after` and the
message is tried again; a server or network error puts the row back in the queue with
exponential back-off; a 403 (the user blocked the bot) or a chat that no longer exists
marks the subscriber inactive; a message Telegram refuses (400) fails the row.

Exactly once, and where it is only at least once: a row is claimed (`sending`, owner
`host:pid:token`, a lease) before any message goes out, and each message Telegram
accepts is recorded in the database right after the call returns; the last one marks
the row sent in the same transaction. A sender killed at any point leaves its rows
`sending`: the next sender on the host sees the owner's process is gone (elsewhere,
that the lease ran out) and continues from the first message not recorded, so nobody
is skipped. The Bot API has no idempotency key, so a kill in the instant between
Telegram accepting a message and the commit that records it (about a millisecond a
message) sends that one message again: the only duplicate possible, bounded by the
number of messages in flight.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import secrets
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramUnauthorizedError,
)

from bot.limits import BROADCAST, ChatPacer, RateLimiter
from storage.database import Database
from storage.deliveries import DeliveriesRepo, Delivery

log = logging.getLogger(__name__)

Compose = Callable[[Delivery], Awaitable[list[str] | None]]
Clock = Callable[[], datetime]

DEFAULT_RATE = 30.0
DEFAULT_CHAT_INTERVAL = 1.0
DEFAULT_MAX_ATTEMPTS = 5
DEFAULT_CONCURRENCY = 64
BACKOFF_BASE = 2.0              # seconds before the first retry, doubled each time
BACKOFF_MAX = 300.0
LEASE = timedelta(minutes=10)
MAX_FLOOD_WAITS = 10            # 429s for one message before its row goes back in the queue
IDLE_POLL = 30.0                # the worker looks at the outbox at least this often
# A 400 that means the chat is gone rather than that the message was wrong.
_CHAT_GONE = ("chat not found", "user is deactivated", "bot was kicked", "peer_id_invalid",
              "have no rights to send", "not enough rights")


def utc_now() -> datetime:
    return datetime.now(UTC)


# --- owners -----------------------------------------------------------------------------

_HOST = socket.gethostname()
# The senders alive in this process: a row owned by another sender of this process that
# is not here was left by one that ended (a test, or the pid of a dead process reused).
_LIVE_OWNERS: set[str] = set()


def new_owner() -> str:
    """`host:pid:token`: the token tells this run from an earlier process with the same pid."""
    return f"{_HOST}:{os.getpid()}:{secrets.token_hex(4)}"


def owner_is_gone(owner: str) -> bool:
    """True when the process that claimed rows as `owner` is known to have ended.
    An owner on another host is never judged here: its lease decides."""
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host != _HOST or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return owner not in _LIVE_OWNERS
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


# --- the sender -------------------------------------------------------------------------

@dataclass
class SendReport:
    delivered: int = 0          # digests completely sent
    messages: int = 0           # messages Telegram accepted
    failed: int = 0             # digests given up (refused, too many errors)
    blocked: int = 0            # subscribers marked inactive
    retried: int = 0            # digests put back for a retry after an error
    flood_waits: int = 0        # 429s waited out
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.delivered} delivered ({self.messages} messages), {self.failed} failed,"
                f" {self.blocked} blocked, {self.retried} to retry,"
                f" {self.flood_waits} rate limits waited out")


class Sender:
    """Drains the outbox: `await sender.drain()` sends what is due (and, by default, waits
    for retries until nothing is left); `await sender.run()` is the bot's worker, woken by
    `wake()` when the scheduler queues digests."""

    def __init__(
        self,
        bot: Bot,
        db: Database,
        compose: Compose,
        *,
        rate: float | None = DEFAULT_RATE,
        chat_interval: float = DEFAULT_CHAT_INTERVAL,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        concurrency: int = DEFAULT_CONCURRENCY,
        backoff_base: float = BACKOFF_BASE,
        backoff_max: float = BACKOFF_MAX,
        lease: timedelta = LEASE,
        clock: Clock = utc_now,
    ) -> None:
        self.bot = bot
        self.deliveries = DeliveriesRepo(db)
        self.compose = compose
        self.limiter = RateLimiter(rate)
        self.pacer = ChatPacer(chat_interval)
        self.max_attempts = max_attempts
        self.concurrency = max(1, concurrency)
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.lease = lease
        self.clock = clock
        self.owner = new_owner()
        _LIVE_OWNERS.add(self.owner)
        self._wake = asyncio.Event()
        self._stopping = False

    # --- the loop ---------------------------------------------------------------------

    async def drain(self, wait_for_retries: bool = True) -> SendReport:
        """Send every due digest. With `wait_for_retries`, also wait for the rows put back
        after an error until each is sent or failed (`kzdigest deliver --now`)."""
        report = SendReport()
        tasks: set[asyncio.Task[None]] = set()
        try:
            while not self._stopping:
                free = self.concurrency - len(tasks)
                if free >= max(1, self.concurrency // 4) or not tasks:
                    for delivery in await self._claim(free):
                        tasks.add(asyncio.create_task(self._deliver(delivery, report)))
                if tasks:
                    done, tasks = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
                    for task in done:
                        task.result()           # an unauthorized token stops the drain
                    continue
                if not wait_for_retries or not await self._wait_for_next_retry():
                    break
        except BaseException:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await self.deliveries.release(self.owner)
            raise
        self.pacer.forget_idle()
        return report

    async def _claim(self, limit: int) -> list[Delivery]:
        if limit <= 0:
            return []
        return await self.deliveries.claim(
            self.owner, self.clock(), self.lease, limit, owner_is_gone
        )

    async def _wait_for_next_retry(self) -> bool:
        """Sleep until the next row put back for a retry is due; False when none waits."""
        next_at = await self.deliveries.next_attempt_at()
        if next_at is None:
            return False
        delay = (next_at - self.clock()).total_seconds()
        if delay > 0:
            await asyncio.sleep(min(delay, IDLE_POLL))
        return True

    async def run(self) -> None:
        """The bot's delivery worker: drain, then sleep until woken or a retry is due."""
        while not self._stopping:
            try:
                report = await self.drain(wait_for_retries=False)
                if report.delivered or report.failed or report.blocked or report.retried:
                    log.info("deliveries: %s", report.summary())
            except TelegramUnauthorizedError:
                log.error("the bot token was refused: deliveries stopped")
                return
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("delivery worker")
            await self._sleep_until_due()

    async def _sleep_until_due(self) -> None:
        timeout = IDLE_POLL
        next_at = await self.deliveries.next_attempt_at()
        if next_at is not None:
            timeout = min(timeout, max(0.05, (next_at - self.clock()).total_seconds()))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout)
        self._wake.clear()

    def wake(self) -> None:
        self._wake.set()

    async def stop(self) -> None:
        """Finish nothing more; give claimed rows back for the next start."""
        self._stopping = True
        self._wake.set()
        await self.deliveries.release(self.owner)
        _LIVE_OWNERS.discard(self.owner)

    # --- one digest -------------------------------------------------------------------

    async def _deliver(self, delivery: Delivery, report: SendReport) -> None:
        BROADCAST.set(True)         # this task's calls keep to the limits here (bot.limits)
        try:
            messages = await self.compose(delivery)
        except Exception as error:
            log.exception("composing the digest for chat %s", delivery.chat_id)
            await self._fail(delivery, report, f"compose: {error}")
            return
        if not messages:
            await self._fail(delivery, report, "nothing to send: no region followed, paused or blocked")
            return
        part = min(delivery.parts_sent, len(messages))
        flood_waits = 0
        while part < len(messages):
            await self.pacer.wait(delivery.chat_id)
            await self.limiter.acquire()
            try:
                await self.bot.send_message(delivery.chat_id, messages[part])
            except TelegramRetryAfter as error:
                report.flood_waits += 1
                flood_waits += 1
                self.limiter.pause(error.retry_after)
                if flood_waits > MAX_FLOOD_WAITS:
                    await self._retry(delivery, report, error)
                    return
                continue
            except TelegramUnauthorizedError:
                raise
            except TelegramForbiddenError as error:
                await self._fail(delivery, report, f"blocked: {error.message}", deactivate=True)
                return
            except (TelegramBadRequest, TelegramNotFound) as error:
                gone = any(marker in error.message.lower() for marker in _CHAT_GONE)
                await self._fail(delivery, report, f"refused: {error.message}", deactivate=gone)
                return
            except (TelegramNetworkError, TelegramAPIError, TimeoutError) as error:
                await self._retry(delivery, report, error)
                return
            part += 1
            self.pacer.sent(delivery.chat_id)
            report.messages += 1
            if not await self.deliveries.record_part(delivery, self.owner, part, len(messages), self.clock()):
                log.warning("delivery %s was taken over by another sender", delivery.id)
                return
        report.delivered += 1

    async def _retry(self, delivery: Delivery, report: SendReport, error: BaseException) -> None:
        text = f"{type(error).__name__}: {error}"
        if delivery.attempts >= self.max_attempts:
            await self._fail(delivery, report, f"gave up after {delivery.attempts} attempts: {text}")
            return
        delay = min(self.backoff_max, self.backoff_base * 2 ** (delivery.attempts - 1))
        delay *= random.uniform(0.8, 1.2)          # spread the retries of one outage out
        report.retried += 1
        log.info("chat %s: %s; retry in %.1f s", delivery.chat_id, text, delay)
        await self.deliveries.retry_later(delivery, self.owner, self.clock() + timedelta(seconds=delay), text)

    async def _fail(
        self, delivery: Delivery, report: SendReport, error: str, deactivate: bool = False
    ) -> None:
        if deactivate:
            report.blocked += 1
        else:
            report.failed += 1
        report.errors.append(f"{delivery.chat_id}: {error}")
        log.warning("chat %s: %s", delivery.chat_id, error)
        await self.deliveries.fail(delivery, self.owner, error, deactivate=deactivate)
