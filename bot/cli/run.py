"""`kzdigest run`: the Telegram bot (long polling, or a webhook when WEBHOOK_URL is set)."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.cli.options import add_database_option, settings_for
from bot.config import Settings, has_token

NO_TOKEN = """\
BOT_TOKEN is not set, so the bot cannot connect to Telegram.

To get a token: open Telegram, write to @BotFather, send /newbot, choose a name and
a username ending in "bot"; BotFather replies with a token like 123456789:AA...
Put it in a .env file in this folder (see .env.example) or in the environment:

    BOT_TOKEN=123456789:AA... kzdigest run

Meanwhile, here is the bot in this terminal (kzdigest chat): the same commands and
answers, without Telegram.
"""


REFUSED = """Telegram refused BOT_TOKEN (Unauthorized). Check the token @BotFather gave you (/token in
BotFather shows it again) and set it in .env or the environment."""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "run",
        help="run the Telegram bot, its schedule and deliveries",
        description="Start the bot with the settings from the environment or .env: long polling"
        " by default, a webhook server when WEBHOOK_URL is set (with WEBHOOK_SECRET as the"
        " secret token). The scheduler queues each subscriber's digest at their time and the"
        " sender delivers it within Telegram's limits. On first start an empty database is"
        " seeded with the sample articles. Without BOT_TOKEN it explains how to get one and"
        " opens the local console (kzdigest chat).",
    )
    add_database_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    if not has_token(settings):
        print(NO_TOKEN, file=sys.stderr, flush=True)
        from bot.cli.chat import chat

        asyncio.run(chat(settings))
        return 0
    return asyncio.run(start(settings))


async def start(settings: Settings) -> int:
    """Run the bot until stopped; a token Telegram refuses is a clear error, exit code 2."""
    # Imported here: aiogram takes seconds to load, which the other commands need not pay.
    from aiogram.exceptions import TelegramUnauthorizedError

    from bot.app import run_bot

    try:
        await run_bot(settings)
    except TelegramUnauthorizedError:
        print(REFUSED, file=sys.stderr, flush=True)
        return 2
    return 0
