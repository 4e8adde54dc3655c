"""Inline keyboards: regions, what a query may have meant, settings."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import MenuCallback, QueryCallback, RegionCallback, SettingsCallback, fits
from bot.texts import say
from digest.regions import REGION_CODES, region_name, resolve_region
from storage.subscribers import READER_LANGUAGES, Subscriber, format_time

CHECK = "✅ "
TIME_PRESETS = ("06:00", "07:00", "08:00", "09:00", "12:00", "18:00", "20:00", "22:00")
# Alphabetical order is the language's own: Kazakh puts Ә after А, Қ after К, Ұ Ү after У.
ALPHABETS = {
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "kk": "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
}


def alphabetical(text: str, language: str) -> tuple[int, ...]:
    alphabet = ALPHABETS.get(language, ALPHABETS["ru"])
    return tuple(alphabet.find(ch) if ch in alphabet else 100 + ord(ch) for ch in text.lower())


def _regions_by_name(language: str) -> list[str]:
    """The 17 regions alphabetically, then the three cities of republican status."""
    regions = [code for code in REGION_CODES if code not in ("KZ-71", "KZ-75", "KZ-79")]
    regions.sort(key=lambda code: alphabetical(region_name(code, language), language))
    return [*regions, "KZ-71", "KZ-75", "KZ-79"]


def regions_keyboard(action: str, language: str, followed: Collection[str] = ()) -> InlineKeyboardMarkup:
    """Every region, two a row. With `action="sub"` a tick marks the followed ones and a
    last row closes the keyboard."""
    builder = InlineKeyboardBuilder()
    for code in _regions_by_name(language):
        mark = CHECK if action == "sub" and code in followed else ""
        builder.button(text=mark + region_name(code, language),
                       callback_data=RegionCallback(action=action, code=code))
    builder.adjust(2)
    if action == "sub":
        builder.row(*InlineKeyboardBuilder().button(
            text=say(language, "button-done"), callback_data=MenuCallback(action="done")).buttons)
    return builder.as_markup()


def unsubscribe_keyboard(regions: Sequence[str], language: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code in regions:
        builder.button(text=region_name(code, language),
                       callback_data=RegionCallback(action="unsub", code=code))
    builder.adjust(2)
    if len(regions) > 1:
        builder.row(*InlineKeyboardBuilder().button(
            text=say(language, "button-unsubscribe-all"),
            callback_data=MenuCallback(action="unsub_all")).buttons)
    return builder.as_markup()


def choices_keyboard(options: Iterable[str], action: str = "show") -> InlineKeyboardMarkup | None:
    """Buttons for what a query may have meant: a region by its code, a place by its name
    (when the name fits in a button's payload). None when no option can be a button."""
    builder = InlineKeyboardBuilder()
    for option in options:
        callback = _option_callback(option, action)
        if callback is not None:
            builder.button(text=option, callback_data=callback)
    if not builder.buttons:
        return None
    builder.adjust(1)
    return builder.as_markup()


def _option_callback(option: str, action: str) -> RegionCallback | QueryCallback | None:
    resolved = resolve_region(option)
    if resolved.region is None:
        return None
    if resolved.place is None or action != "show":
        return RegionCallback(action=action, code=resolved.region)
    callback = QueryCallback(text=option)
    return callback if fits(callback) else RegionCallback(action=action, code=resolved.region)


def region_codes_keyboard(codes: Iterable[str], language: str, action: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code in codes:
        builder.button(text=region_name(code, language),
                       callback_data=RegionCallback(action=action, code=code))
    builder.adjust(1)
    return builder.as_markup()


def settings_keyboard(subscriber: Subscriber | None, language: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    reader = subscriber.reader_language if subscriber else None
    for option in READER_LANGUAGES:
        mark = CHECK if option == reader else ""
        builder.button(text=mark + say(language, f"button-language-{option}"),
                       callback_data=SettingsCallback(field="lang", value=option))
    current = format_time(subscriber.digest_time) if subscriber else None
    for preset in TIME_PRESETS:
        mark = CHECK if preset == current else ""
        builder.button(text=mark + preset,
                       callback_data=SettingsCallback(field="time", value=preset.replace(":", "")))
    paused = bool(subscriber and subscriber.paused)
    builder.button(text=say(language, "button-resume" if paused else "button-pause"),
                   callback_data=SettingsCallback(field="pause", value="off" if paused else "on"))
    builder.adjust(3, 4, 4, 1)
    return builder.as_markup()
