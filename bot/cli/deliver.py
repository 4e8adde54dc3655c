"""`kzdigest deliver --now`: today's digest, at once, to every subscriber who has not had it."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.cli.options import add_database_option, settings_for
from bot.config import Settings, has_token


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "deliver",
        help="deliver today's digest now to every active subscriber who has not had it",
        description="Queue today's digest for every active, unpaused subscriber without one"
        " today (and retry today's failed ones), then send the outbox within Telegram's limits"
        " through the same sender as the bot, waiting out retries. Safe to run while the bot"
        " runs and to run again: nobody gets a day's digest twice. Exit code 1 when some"
        " digests could not be delivered.",
    )
    parser.add_argument("--now", action="store_true", required=True,
                        help="deliver now, whatever each subscriber's time (required)")
    add_database_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    if not has_token(settings):
        print("BOT_TOKEN is not set: nothing can be delivered (see .env.example).", file=sys.stderr)
        return 2
    report = asyncio.run(deliver_now(settings))
    print(f"queued {report['queued']}, {report['summary']}")
    return 1 if report["failed"] else 0


async def deliver_now(settings: Settings) -> dict[str, int | str]:
    from bot.app import build_bot, build_sender, open_database
    from bot.outbox import enqueue_now

    bot = build_bot(settings)
    db = await open_database(settings)
    try:
        queued = await enqueue_now(db, datetime.now(UTC), ZoneInfo(settings.timezone))
        sender = build_sender(bot, db, settings)
        try:
            report = await sender.drain(wait_for_retries=True)
        finally:
            await sender.stop()
    finally:
        await bot.session.close()
        await db.close()
    return {"queued": queued, "failed": report.failed, "summary": report.summary()}
