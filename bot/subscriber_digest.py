"""A subscriber's daily digest: every region they follow, for the articles since the last one.

Built on `bot.answers.regional_digest`, one region at a time. A broadcast composes the
same digest for many subscribers (same regions, language and window), so
`DigestComposer` composes each combination once and shares it, also between
deliveries running at the same time.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Sequence
from datetime import datetime

from bot.answers import regional_digest
from digest.render import split_message
from storage.database import Database
from storage.deliveries import Delivery
from storage.subscribers import SubscribersRepo

CACHE_SIZE = 512


async def subscriber_digest(
    db: Database, regions: Sequence[str], language: str, since: datetime, until: datetime
) -> list[str]:
    """The messages of one digest: the regions with new figures, in the order followed;
    when none has any, one short message saying so for each region."""
    answers = [await regional_digest(db, region, language, since, until) for region in regions]
    with_news = [answer for answer in answers if answer.has_news]
    if with_news:
        return [message for answer in with_news for message in answer.messages]
    return split_message("\n\n".join(message for answer in answers for message in answer.messages))


DigestKey = tuple[tuple[str, ...], str, datetime, datetime]


class DigestComposer:
    """`await composer(delivery)`: the messages for an outbox row, or None when there is
    nothing to send any more (no region followed, paused or blocked since it was queued)."""

    def __init__(self, db: Database, cache_size: int = CACHE_SIZE) -> None:
        self.db = db
        self.subscribers = SubscribersRepo(db)
        self.cache_size = cache_size
        self._cache: OrderedDict[DigestKey, asyncio.Future[list[str]]] = OrderedDict()

    async def __call__(self, delivery: Delivery) -> list[str] | None:
        subscriber = await self.subscribers.get(delivery.chat_id)
        if subscriber is None or subscriber.paused or not subscriber.active:
            return None
        regions = (delivery.region,) if delivery.region else subscriber.regions
        if not regions:
            return None
        key = (tuple(regions), subscriber.reader_language, delivery.covered_since, delivery.covered_until)
        return list(await self._composed(key))

    async def _composed(self, key: DigestKey) -> list[str]:
        while (future := self._cache.get(key)) is not None:
            self._cache.move_to_end(key)
            try:
                return await asyncio.shield(future)
            except asyncio.CancelledError:
                task = asyncio.current_task()
                if future.cancelled() and not (task and task.cancelling()):
                    continue                # the delivery composing it was cancelled, not this one
                raise
        future = asyncio.get_running_loop().create_future()
        self._cache[key] = future
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        regions, language, since, until = key
        try:
            messages = await subscriber_digest(self.db, regions, language, since, until)
        except asyncio.CancelledError:
            self._cache.pop(key, None)
            future.cancel()
            raise
        except Exception as error:
            self._cache.pop(key, None)
            future.set_exception(error)
            future.exception()          # retrieved: the waiters re-raise it, asyncio need not log it
            raise
        future.set_result(messages)
        return messages

    def clear(self) -> None:
        self._cache.clear()
