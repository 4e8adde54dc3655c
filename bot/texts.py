"""The bot's own texts (`bot/locales/<lang>/bot.ftl`) and how answers go out.

Every text is Telegram HTML: the markup comes from the `.ftl` files, and every
argument (a region name, what the user typed) is escaped here.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from digest.locale import Translator, translator
from digest.render import escape, split_message

log = logging.getLogger(__name__)

LOCALES = "bot.locales"
UI_LANGUAGES = ("ru", "kk")
DEFAULT_UI_LANGUAGE = "ru"


def ui_language(language_code: str | None) -> str:
    """Telegram's `language_code` to the interface language: Kazakh for `kk`, else Russian."""
    if language_code and language_code.lower().split("-")[0] == "kk":
        return "kk"
    return DEFAULT_UI_LANGUAGE


def t(language: str) -> Translator:
    return translator(LOCALES, language)


def say(language: str, key: str, /, **args: object) -> str:
    """The text `key` with its arguments escaped (numbers are passed as they are)."""
    escaped = {name: escape(value) if isinstance(value, str) else value for name, value in args.items()}
    return t(language)(key, **escaped)


async def send(
    bot: Bot, chat_id: int, texts: str | Sequence[str], keyboard: InlineKeyboardMarkup | None = None
) -> None:
    """Send each message (cut to Telegram's limit); the keyboard goes on the last."""
    parts = [part for text in ([texts] if isinstance(texts, str) else texts) for part in split_message(text)]
    for index, part in enumerate(parts):
        await bot.send_message(chat_id, part, reply_markup=keyboard if index == len(parts) - 1 else None)


async def reply(
    message: Message, texts: str | Sequence[str], keyboard: InlineKeyboardMarkup | None = None
) -> None:
    await send(message.bot, message.chat.id, texts, keyboard)


# --- what users type --------------------------------------------------------------------

# A region, town or surname is a few words; anything longer is not a query.
MAX_QUERY_LENGTH = 120


def query_text(text: str | None) -> str:
    """What the user typed after a command, on one line."""
    return " ".join((text or "").split())


def too_long_answer(language: str, query: str) -> str | None:
    """The answer to a query too long to be one, or None."""
    if len(query) <= MAX_QUERY_LENGTH:
        return None
    return say(language, "query-too-long", length=len(query))


# --- editing the message a button belongs to ------------------------------------------

async def edit_keyboard(callback: CallbackQuery, keyboard: InlineKeyboardMarkup) -> None:
    if callback.message is None:
        return
    try:
        await callback.bot.edit_message_reply_markup(
            chat_id=callback.message.chat.id, message_id=callback.message.message_id, reply_markup=keyboard
        )
    except TelegramBadRequest as error:       # "message is not modified" after a double tap
        log.debug("keyboard not edited: %s", error.message)


async def edit_text(callback: CallbackQuery, text: str, keyboard: InlineKeyboardMarkup | None = None) -> None:
    if callback.message is None:
        await send(callback.bot, callback.from_user.id, text, keyboard)
        return
    try:
        await callback.bot.edit_message_text(
            text=text, chat_id=callback.message.chat.id, message_id=callback.message.message_id,
            reply_markup=keyboard,
        )
    except TelegramBadRequest as error:
        log.debug("message not edited: %s", error.message)
