"""`kzdigest ingest PATH...`: store articles from files and folders."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from bot.cli.options import add_database_option, database_path
from bot.ingestion import IngestSummary, ingest_paths
from storage.database import Database


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="store articles from text, HTML, JSON or JSON Lines files and folders",
        description="Read articles (plain text like the seeds, HTML pages, JSON or JSON Lines"
        " records with url, title, body, published, source; folders recursively), remove site"
        " boilerplate, extract regions, officials and figures, and store them. An article"
        " already stored (same URL or same text) is not stored again. Exit code 1 when any"
        " input failed; the others are stored all the same.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    add_database_option(parser)
    parser.set_defaults(handler=run)


def print_summary(summary: IngestSummary) -> None:
    print(
        f"new: {len(summary.new)}, duplicates: {len(summary.duplicates)},"
        f" failed: {len(summary.failed)}"
    )
    for name in summary.duplicates:
        print(f"duplicate: {name} (already stored)")
    for error in summary.failed:
        print(f"failed: {error.doc}: {error.reason}")


async def _ingest(path: str, paths: list[Path]) -> IngestSummary:
    db = await Database.open(path)
    try:
        return await ingest_paths(db, paths)
    finally:
        await db.close()


def run(args: argparse.Namespace) -> int:
    summary = asyncio.run(_ingest(database_path(args), args.paths))
    print_summary(summary)
    return 1 if summary.failed else 0
