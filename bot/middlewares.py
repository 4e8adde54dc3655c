"""Update middlewares, in the order they run: flood throttling, the database, the language.

Handlers receive by name: `db` (the Database), `subscribers` (a SubscribersRepo),
`subscriber` (the chat's stored row or None), `lang` (the interface language, ru or
kk) and `reader` (the language of answers and digests: ru, kk or both). The names
`storage` and `state` are aiogram's own and are not used.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.types import TelegramObject, Update, User

from bot.texts import say, ui_language
from storage.database import Database
from storage.subscribers import DEFAULT_READER_LANGUAGE, SubscribersRepo

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]

THROTTLE_RATE = 1.0         # messages a second a user may keep sending
THROTTLE_BURST = 6          # and in a burst
_PURGE_EVERY = 1000


class DatabaseMiddleware(BaseMiddleware):
    def __init__(self, db: Database) -> None:
        self.db = db

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        data["db"] = self.db
        data["subscribers"] = SubscribersRepo(self.db)
        return await handler(event, data)


class LanguageMiddleware(BaseMiddleware):
    """The chat's stored choice first; else Telegram's `language_code` (kk → Kazakh,
    anything else → Russian) for the interface and both languages for answers."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        chat = data.get("event_chat")
        chat_id = chat.id if chat is not None else user.id if user is not None else None
        subscriber = None
        if chat_id is not None:
            subscriber = await data["subscribers"].get(chat_id)
        data["subscriber"] = subscriber
        data["lang"] = (subscriber.ui_language if subscriber and subscriber.ui_language
                        else ui_language(user.language_code if user else None))
        data["reader"] = subscriber.reader_language if subscriber else DEFAULT_READER_LANGUAGE
        return await handler(event, data)


class ThrottlingMiddleware(BaseMiddleware):
    """A token bucket a user: `burst` messages at once, then `rate` a second. The first
    message over the limit gets a short answer; the rest are dropped until the bucket
    refills, so a flood costs the bot no database work and no Telegram calls."""

    def __init__(self, rate: float = THROTTLE_RATE, burst: int = THROTTLE_BURST) -> None:
        self.rate = rate
        self.burst = burst
        self._buckets: dict[int, tuple[float, float, bool]] = {}   # user: tokens, when, warned
        self._calls = 0

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        if not isinstance(event, Update) or user is None or not (event.message or event.callback_query):
            return await handler(event, data)
        allowed, warn = self._take(user.id)
        if allowed:
            return await handler(event, data)
        if warn:
            await self._warn(event, data["bot"], ui_language(user.language_code))
        return None

    def _take(self, user_id: int) -> tuple[bool, bool]:
        """(allowed, warn now)."""
        now = time.monotonic()
        self._calls += 1
        if self._calls % _PURGE_EVERY == 0:
            self._purge(now)
        tokens, updated, warned = self._buckets.get(user_id, (float(self.burst), now, False))
        tokens = min(float(self.burst), tokens + (now - updated) * self.rate)
        if tokens >= 1:
            self._buckets[user_id] = (tokens - 1, now, False)
            return True, False
        self._buckets[user_id] = (tokens, now, True)
        return False, not warned

    def _purge(self, now: float) -> None:
        full_after = self.burst / self.rate if self.rate > 0 else float("inf")
        self._buckets = {user: b for user, b in self._buckets.items() if now - b[1] < full_after}

    async def _warn(self, update: Update, bot: Bot, language: str) -> None:
        text = say(language, "throttled")
        try:
            if update.callback_query is not None:
                await update.callback_query.answer(text)
            elif update.message is not None:
                await bot.send_message(update.message.chat.id, text)
        except Exception:  # a warning that cannot be sent is not worth an error
            log.debug("throttling notice not sent", exc_info=True)
