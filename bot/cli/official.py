"""`kzdigest official Султангазиев`: an official's profile, recent articles and figures."""

from __future__ import annotations

import argparse
import asyncio

from bot.answers import Answer, official_answer
from bot.cli.digest import add_answer_options, print_answer
from bot.cli.options import add_database_option, settings_for
from bot.config import Settings


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "official",
        help="print what is known about an official, as the bot answers /official",
        description="Find an official by surname or full name in either language and any case"
        " (Султангазиев, Сұлтанғазиев, Токаева) among the officials named in stored articles"
        " and the curated list, and print their names in both languages, role, region, recent"
        " articles and the key figures reported with them. Exit code 1 when nobody or several"
        " people match.",
    )
    parser.add_argument("name", nargs="+", help="surname or full name")
    add_answer_options(parser)
    add_database_option(parser)
    parser.set_defaults(handler=run)


async def _answer(settings: Settings, args: argparse.Namespace) -> Answer:
    # Like the bot: a first run on an empty database loads the seeds, so there is an answer.
    # (Imported here: bot.app brings aiogram, seconds of start-up every other command skips.)
    from bot.app import open_database

    db = await open_database(settings)
    try:
        return await official_answer(db, " ".join(args.name), args.lang)
    finally:
        await db.close()


def run(args: argparse.Namespace) -> int:
    answer = asyncio.run(_answer(settings_for(args), args))
    print_answer(answer.messages, plain=args.plain)
    return 1 if answer.kind in ("unknown", "choices") else 0
