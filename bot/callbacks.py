"""Button payloads: `CallbackData` factories, each packing into Telegram's 64 bytes.

Prefixes are one letter and values short (`KZ-19`, `0800`) so the largest payload
stays far below the limit; `QueryCallback` carries free text and is used only when
it fits (`fits`).
"""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery

CALLBACK_LIMIT = 64          # bytes, Telegram's limit on callback_data


class RegionCallback(CallbackData, prefix="r"):
    """A region button: `show` its figures, `sub` toggles a subscription, `unsub` removes one."""

    action: str
    code: str


class QueryCallback(CallbackData, prefix="q"):
    """One of the places a query may have meant (`Қонаев`), answered like `/region`."""

    text: str


class SettingsCallback(CallbackData, prefix="s"):
    """`lang` ru/kk/both, `time` HHMM, `pause` on/off."""

    field: str
    value: str


class MenuCallback(CallbackData, prefix="m"):
    """`done` closes the subscription keyboard; `unsub_all` drops every subscription."""

    action: str


def fits(callback: CallbackData) -> bool:
    """True when the payload packs (no separator inside a value) within 64 bytes."""
    try:
        packed = callback.pack()
    except ValueError:
        return False
    return len(packed.encode("utf-8")) <= CALLBACK_LIMIT


def chat_of(callback: CallbackQuery) -> int:
    """The chat a button was pressed in (the user's own chat when the message is gone)."""
    return callback.message.chat.id if callback.message is not None else callback.from_user.id
