"""`kzdigest digest --region Алматинская [--lang ru|kk|both] [--days N]`: a region's key figures."""

from __future__ import annotations

import argparse
import asyncio
import html
import re
from collections.abc import Sequence
from datetime import date, datetime, time

from bot.answers import Answer, region_answer
from bot.cli.options import add_database_option, settings_for
from bot.config import Settings
from digest.render import DEFAULT_READER_LANGUAGE, READER_LANGUAGES

MESSAGE_SEPARATOR = "-" * 40


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "digest",
        help="print a region's key-figure digest, as the bot sends it",
        description="Resolve a region, town or district as a person types it (any case, either"
        " language, short forms like ВКО, small typos), then print the key figures of the"
        " articles of the last N days and today: money, jobs, seats, output and growth, the same"
        " fact from several outlets once, each with its place, outlet, date and link. Output is"
        " the Telegram HTML the bot sends (--plain for a terminal); messages are separated by a"
        " line of dashes. Exit code 1 when the region is unknown or ambiguous.",
    )
    parser.add_argument("--region", required=True, help="region, city or town: Алматинская, ВКО, Қонаев")
    parser.add_argument("--days", type=int, default=1,
                        help="days back from today (default 1: yesterday and today)")
    parser.add_argument("--today", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                        help="the day to count back from (default: today in the bot's time zone)")
    add_answer_options(parser)
    add_database_option(parser)
    parser.set_defaults(handler=run)


async def _answer(settings: Settings, args: argparse.Namespace) -> Answer:
    # Like the bot: a first run on an empty database loads the seeds, so there is an answer.
    # (Imported here: bot.app brings aiogram, seconds of start-up every other command skips.)
    from bot.app import open_database

    db = await open_database(settings)
    try:
        now = datetime.combine(args.today, time(23, 59)) if args.today else None
        return await region_answer(db, args.region, args.lang, days=args.days, now=now)
    finally:
        await db.close()


def run(args: argparse.Namespace) -> int:
    answer = asyncio.run(_answer(settings_for(args), args))
    print_answer(answer.messages, plain=args.plain)
    return 1 if answer.kind in ("unknown", "choices") else 0


def add_answer_options(parser: argparse.ArgumentParser) -> None:
    """`--lang` and `--plain`, shared with `kzdigest official`."""
    parser.add_argument("--lang", choices=READER_LANGUAGES, default=DEFAULT_READER_LANGUAGE,
                        help="ru, kk or both (default: both, Russian first)")
    parser.add_argument("--plain", action="store_true", help="plain text instead of Telegram HTML")


def print_answer(messages: Sequence[str], plain: bool = False) -> None:
    for index, message in enumerate(messages):
        if index:
            print(MESSAGE_SEPARATOR)
        print(plain_text(message) if plain else message)


def plain_text(message: str) -> str:
    """Telegram HTML for a terminal: tags dropped, links written after their text."""
    message = re.sub(r'<a href="([^"]*)">(.*?)</a>', lambda m: f"{m[2]} <{html.unescape(m[1])}>", message)
    return html.unescape(re.sub(r"<[^>]+>", "", message))
