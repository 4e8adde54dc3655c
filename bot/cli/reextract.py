"""`kzdigest reextract`: run the current extractor over stored articles."""

from __future__ import annotations

import argparse
import asyncio

from bot.cli.options import add_database_option, database_path
from bot.ingestion import reextract_all
from storage.database import Database


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "reextract",
        help="re-extract stored articles after the extractor improved",
        description="Replace the stored facts (regions, places, officials, figures) of articles"
        " extracted by an older extractor version; --all re-extracts every article.",
    )
    parser.add_argument("--all", action="store_true", help="re-extract every stored article")
    add_database_option(parser)
    parser.set_defaults(handler=run)


async def _reextract(path: str, only_stale: bool) -> int:
    db = await Database.open(path)
    try:
        return await reextract_all(db, only_stale=only_stale)
    finally:
        await db.close()


def run(args: argparse.Namespace) -> int:
    count = asyncio.run(_reextract(database_path(args), only_stale=not args.all))
    print(f"re-extracted: {count}")
    return 0
