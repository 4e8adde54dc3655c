"""`/settings`: the digest's language (ru, kk, both), its daily time, a pause.

`/settings` shows the settings with buttons; `/settings 07:30`, `/settings kk`,
`/settings pause` change one directly. Choosing Russian or Kazakh for the digest
switches the bot's own texts to it too.
"""

from __future__ import annotations

import re
from datetime import time
from functools import cache
from importlib import resources

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.callbacks import SettingsCallback, chat_of
from bot.config import Settings
from bot.keyboards import settings_keyboard
from bot.texts import edit_text, query_text, say, too_long_answer
from digest.regions import region_name
from digest.vocabulary import read_table
from storage.subscribers import READER_LANGUAGES, Subscriber, SubscribersRepo, format_time

_TIME = re.compile(r"^([01]?\d|2[0-3])(?:[:.\-h ]?([0-5]\d))?$")


@cache
def _choices() -> dict[str, str]:
    """What people type (`қазақша`, `пауза`) -> the choice (`kk`, `pause`)."""
    return dict(read_table(resources.files("bot.data") / "settings_words.tsv"))


def parse_time(text: str) -> time | None:
    """`07:30`, `7:30`, `0730`, `7.30` → 07:30; a bare hour `8` → 08:00; anything else None."""
    match = _TIME.match(text.strip())
    return time(int(match[1]), int(match[2] or 0)) if match else None


def parse_language(text: str) -> str | None:
    choice = _choices().get(text.strip().lower())
    return choice if choice in READER_LANGUAGES else None


def settings_text(subscriber: Subscriber, lang: str) -> str:
    regions = ", ".join(region_name(code, lang) for code in subscriber.regions)
    lines = [
        say(lang, "settings-title"),
        say(lang, "settings-language", language=say(lang, f"language-{subscriber.reader_language}")),
        say(lang, "settings-time", time=format_time(subscriber.digest_time)),
        say(lang, "settings-state", state=say(lang, "state-paused" if subscriber.paused else "state-on")),
        say(lang, "settings-regions", regions=regions) if regions
        else say(lang, "settings-regions", regions=say(lang, "settings-regions-none")),
        "",
        say(lang, "settings-hint"),
    ]
    return "\n".join(lines)


async def _subscriber(subscribers: SubscribersRepo, chat_id: int, settings: Settings) -> Subscriber:
    await subscribers.ensure(chat_id, settings.digest_time)
    subscriber = await subscribers.get(chat_id)
    assert subscriber is not None
    return subscriber


async def apply_language(subscribers: SubscribersRepo, chat_id: int, language: str) -> str:
    """Set the digest language; returns the interface language from now on."""
    await subscribers.set_reader_language(chat_id, language)
    if language in ("ru", "kk"):
        await subscribers.set_ui_language(chat_id, language)
        return language
    subscriber = await subscribers.get(chat_id)
    return subscriber.ui_language if subscriber and subscriber.ui_language else ""


async def cmd_settings(
    message: Message, command: CommandObject, subscribers: SubscribersRepo, lang: str, settings: Settings
) -> None:
    chat_id = message.chat.id
    value = query_text(command.args)
    if too_long := too_long_answer(lang, value):
        await message.answer(too_long)
        return
    subscriber = await _subscriber(subscribers, chat_id, settings)
    if value:
        notice, lang = await change_setting(subscribers, chat_id, value, lang)
        if notice is None:
            await message.answer(say(lang, "settings-bad-value", value=value))
            return
        await message.answer(notice)
        subscriber = await _subscriber(subscribers, chat_id, settings)
    await message.answer(settings_text(subscriber, lang), reply_markup=settings_keyboard(subscriber, lang))


async def change_setting(
    subscribers: SubscribersRepo, chat_id: int, value: str, lang: str
) -> tuple[str | None, str]:
    """Apply `/settings <value>`; (the confirmation or None when not understood, the
    interface language after the change)."""
    if (digest_time := parse_time(value)) is not None:
        await subscribers.set_digest_time(chat_id, digest_time)
        return say(lang, "settings-time-set", time=format_time(digest_time)), lang
    if (language := parse_language(value)) is not None:
        lang = await apply_language(subscribers, chat_id, language) or lang
        return say(lang, "settings-language-set", language=say(lang, f"language-{language}")), lang
    choice = _choices().get(value.strip().lower())
    if choice in ("pause", "resume"):
        paused = choice == "pause"
        await subscribers.set_paused(chat_id, paused)
        return say(lang, "settings-paused" if paused else "settings-resumed"), lang
    return None, lang


async def on_callback_settings(
    callback: CallbackQuery, callback_data: SettingsCallback, subscribers: SubscribersRepo,
    lang: str, settings: Settings,
) -> None:
    chat_id = chat_of(callback)
    await _subscriber(subscribers, chat_id, settings)
    field, value = callback_data.field, callback_data.value
    if field == "lang" and value in READER_LANGUAGES:
        lang = await apply_language(subscribers, chat_id, value) or lang
    elif field == "time" and (digest_time := parse_time(value)) is not None:
        await subscribers.set_digest_time(chat_id, digest_time)
    elif field == "pause" and value in ("on", "off"):
        await subscribers.set_paused(chat_id, value == "on")
    else:
        await callback.answer(say(lang, "button-outdated"))
        return
    await callback.answer(say(lang, "settings-saved"))
    subscriber = await _subscriber(subscribers, chat_id, settings)
    await edit_text(callback, settings_text(subscriber, lang), settings_keyboard(subscriber, lang))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_settings, Command("settings", ignore_case=True))
    router.callback_query.register(on_callback_settings, SettingsCallback.filter())
    return router
