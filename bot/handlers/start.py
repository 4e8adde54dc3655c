"""`/start` and `/help`: a welcome in the user's language and the region keyboard."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandStart
from aiogram.types import Message

from bot.config import Settings
from bot.keyboards import regions_keyboard
from bot.texts import say
from storage.subscribers import Subscriber, format_time


async def cmd_start(message: Message, lang: str, subscriber: Subscriber | None, settings: Settings) -> None:
    followed = subscriber.regions if subscriber else ()
    digest_time = subscriber.digest_time if subscriber else settings.digest_time
    await message.answer(
        say(lang, "start-welcome", time=format_time(digest_time)),
        reply_markup=regions_keyboard("sub", lang, followed),
    )


async def cmd_help(message: Message, lang: str) -> None:
    await message.answer(say(lang, "help"))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_start, CommandStart())
    router.message.register(cmd_help, Command("help", ignore_case=True))
    return router
