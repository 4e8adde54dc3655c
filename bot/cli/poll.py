"""`kzdigest poll [--once]`: read the news feeds of the sources file and store new articles."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from bot.cli.options import add_database_option, settings_for
from bot.poller import PollResult, SourceError, add_source, poll_all, register_polling, sync_sources
from digest.model import KAZAKHSTAN_TIMEZONE
from digest.sources import SourcesFileError, normalise_url
from storage.database import Database
from storage.sources import SourcesRepo


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "poll",
        help="poll the news feeds of the sources file and store new articles",
        description="Read the sources file (digest/data/sources.toml by default) into the database,"
        " then poll each enabled feed at its interval: fetch new items' pages, extract and store"
        " the articles, and group reprints of one story. A failing source records its error and"
        " is retried later; the others go on. Runs until interrupted; --once polls every enabled"
        " source once and prints what happened (exit code 1 when any source failed).",
    )
    parser.add_argument("--once", action="store_true", help="poll every enabled source once, then exit")
    parser.add_argument("--sources", type=Path, default=None, metavar="FILE",
                        help="the sources file (default: the packaged digest/data/sources.toml)")
    parser.add_argument("--only", action="append", default=[], metavar="URL_OR_OUTLET",
                        help="with --once: poll only these sources (repeatable)")
    parser.add_argument("--add", metavar="URL", default=None,
                        help="add the feed at URL (or the feed the page at URL announces) and exit")
    parser.add_argument("--health", action="store_true", help="print each source's health and exit")
    add_database_option(parser)
    parser.set_defaults(handler=run)


def _result_line(result: PollResult) -> str:
    if result.error:
        return f"FAIL  {result.outlet}  {result.url}: {result.error}"
    if result.not_modified:
        return f"ok    {result.outlet}  {result.url}: not modified"
    return (
        f"ok    {result.outlet}  {result.url}: items {result.items}, new {result.new_items},"
        f" stored {result.stored}, duplicates {result.duplicates}, too old {result.skipped},"
        f" failed {len(result.failed)}"
    )


def _wanted(only: list[str], outlet: str, url: str) -> bool:
    keys = {o.lower() for o in only}
    return not keys or outlet.lower() in keys or url in {normalise_url(o) for o in only if "://" in o}


async def _print_health(db: Database) -> None:
    for health in await SourcesRepo(db).health():
        last_ok = health.last_ok_at.isoformat(timespec="minutes") if health.last_ok_at else "never"
        line = (f"{health.status:8}  {health.outlet} ({health.language})  {health.url}  last ok {last_ok},"
                f" failures {health.failures}, items {health.items_seen}, stored {health.articles_stored}")
        if health.last_error:
            line += f"\n          last error: {health.last_error}"
        print(line)


async def _run_forever(db: Database, settings, sources: Path | None) -> None:
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    scheduler = AsyncIOScheduler(timezone=getattr(settings, "timezone", KAZAKHSTAN_TIMEZONE))
    register_polling(scheduler, db, settings, sources_path=sources)
    scheduler.start()
    try:
        await asyncio.Event().wait()
    finally:
        scheduler.shutdown(wait=False)


async def _poll(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    db = await Database.open(settings.database_path)
    try:
        if args.health:
            await _print_health(db)
            return 0
        if args.add:
            try:
                source = await add_source(db, args.add, settings)
            except SourceError as error:
                print(f"not added: {error}")
                return 1
            print(f"added: {source.outlet} ({source.language})  {source.url}")
            return 0
        try:
            synced = await sync_sources(db, args.sources)
            print(f"sources: {synced.added} added, {synced.updated} kept, {synced.disabled} disabled")
        except SourcesFileError as error:
            print(f"sources file not loaded, polling the stored sources: {error}")
        if not args.once:
            await _run_forever(db, settings, args.sources)
            return 0
        sources = await SourcesRepo(db).list_all(enabled_only=True)
        ids = [s.id for s in sources if _wanted(args.only, s.outlet, s.url)]
        results = await poll_all(db, settings, due_only=False, source_ids=ids)
        for result in results:
            print(_result_line(result))
        return 1 if any(result.error for result in results) else 0
    finally:
        await db.close()


def run(args: argparse.Namespace) -> int:
    return asyncio.run(_poll(args))
