"""The bot's routers, one a feature, in the order updates try them; the catch-all last.

Each module's `build_router()` makes a fresh router (an aiogram router belongs to one
dispatcher), so the bot, the console and the tests each build their own.
"""

from __future__ import annotations

from aiogram import Router

from bot.handlers import admin, fallback, official, regions, settings, start, subscribe

# Admin before the catch-all: its filter passes everyone else on to `fallback`, which
# answers `/stats` from a non-admin like any unknown command.
FEATURES = (start, regions, official, subscribe, settings, admin, fallback)


def build_routers() -> list[Router]:
    return [feature.build_router() for feature in FEATURES]
