"""The catch-all, included last: unknown commands, plain text, stickers and other media,
stale buttons, and errors.

Plain text is read as a region or town (`Алматы`, `ВКО`); what is not one gets a hint.
In groups only the bot's own commands are answered.
"""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.types import CallbackQuery, ErrorEvent, Message

from bot.answers import region_answer
from bot.keyboards import choices_keyboard
from bot.texts import query_text, reply, say, too_long_answer, ui_language
from storage.database import Database

log = logging.getLogger(__name__)

# What is echoed back of text that was not understood.
ECHO_LENGTH = 60


async def on_unknown_command(message: Message, lang: str) -> None:
    await message.answer(say(lang, "unknown-command"))


async def on_text(message: Message, db: Database, lang: str, reader: str) -> None:
    text = query_text(message.text)
    if too_long := too_long_answer(lang, text):
        await message.answer(too_long)
        return
    answer = await region_answer(db, text, reader)
    if answer.kind == "unknown":
        echo = text if len(text) <= ECHO_LENGTH else text[:ECHO_LENGTH - 1] + "…"
        await message.answer(say(lang, "text-not-understood", text=echo))
        return
    keyboard = choices_keyboard(answer.options) if answer.kind == "choices" else None
    await reply(message, answer.messages, keyboard)


async def on_not_text(message: Message, lang: str) -> None:
    """Stickers, photos, voice, locations: the bot reads text only."""
    await message.answer(say(lang, "not-text"))


async def on_stale_button(callback: CallbackQuery, lang: str) -> None:
    await callback.answer(say(lang, "button-outdated"))


async def on_error(event: ErrorEvent, bot: Bot, lang: str | None = None) -> None:
    """Log it, and tell the user something went wrong rather than stay silent."""
    log.error("handling update %s failed", event.update.update_id, exc_info=event.exception)
    update = event.update
    user = update.message.from_user if update.message else (
        update.callback_query.from_user if update.callback_query else None)
    chat_id = update.message.chat.id if update.message else user.id if user else None
    if chat_id is None:
        return
    try:
        language = lang or ui_language(user.language_code if user else None)
        await bot.send_message(chat_id, say(language, "error"))
    except Exception:  # Telegram itself may be what failed
        log.debug("error notice not sent", exc_info=True)


def build_router() -> Router:
    router = Router(name=__name__)
    # In a group the bot answers its commands only: what people say to each other, or
    # to other bots, is not for it.
    router.message.filter(F.chat.type == "private")
    router.message.register(on_unknown_command, F.text.startswith("/"))
    router.message.register(on_text, F.text)
    router.message.register(on_not_text)
    router.callback_query.register(on_stale_button)
    router.errors.register(on_error)
    return router
