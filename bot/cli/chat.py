"""`kzdigest chat`: talk to the bot in the terminal, no Telegram needed."""

from __future__ import annotations

import argparse
import asyncio
import logging

from bot.cli.options import add_database_option, settings_for
from bot.config import Settings


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "chat",
        help="talk to the bot in the terminal (same handlers, no Telegram)",
        description="A local console for the bot: type /start, /region Алматинская, /official"
        " Султангазиев or a town's name, as in Telegram; the bot's answers are printed as plain"
        " text and the buttons of a keyboard numbered (type the number to press one). The"
        " database is the bot's own (seeded with the sample articles when empty)."
        " Ctrl-D or /quit leaves.",
    )
    parser.add_argument("--lang", choices=("ru", "kk"), default="ru",
                        help="the Telegram language of the console user (default ru)")
    parser.add_argument("--admin", action="store_true", help="let the console user use admin commands")
    add_database_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    asyncio.run(chat(settings, args.lang, args.admin))
    return 0


async def chat(settings: Settings, language_code: str = "ru", admin: bool = False) -> None:
    from bot.app import build_dispatcher, open_database
    from bot.console import CONSOLE_USER_ID, Console, ConsoleSession

    logging.getLogger("aiogram.event").setLevel(logging.WARNING)      # a line per update is noise here
    if admin:
        settings = settings.model_copy(update={"admin_ids": settings.admin_ids | {CONSOLE_USER_ID}})
    db = await open_database(settings)
    try:
        # A person at a keyboard is no flood: throttling is for Telegram.
        dp = build_dispatcher(db, settings, throttle_rate=100.0, throttle_burst=100)
        console = Console(dp, ConsoleSession(), language_code=language_code)
        print("kzdigest — /start, /help, /region Алматинская; Ctrl-D or /quit to leave.\n", flush=True)
        await console.run()
    finally:
        await db.close()
