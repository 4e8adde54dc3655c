"""Delivery benchmark: a broadcast to N subscribers against the stand-in Bot API server.

    .venv/bin/python benchmarks/bench_delivery.py [--subscribers 10000] [--rate 30] [--skip-limited]

Two runs, each on a fresh outbox of N subscribers (regions, languages and times mixed,
some following several regions), seeded with the sample articles so the digests are
the real ones, sent by the bot's own sender through a real aiogram Bot:

1. the stand-in enforces `--rate` messages/s (a strict sliding one-second window,
   answering 429 with retry_after over it) and one message a second per chat; the
   sender runs with the same limits. Reported: the rate achieved (messages over the
   time between the first and the last one the server accepted) against the limit,
   the 429s met, duplicates and lost subscribers.
2. the limits lifted on both sides: the sender's own ceiling in messages/s.

The stand-in runs in its own process (tests/botapi.py), so it does not share this
process's event loop or CPU time slice.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.ingestion import ingest_paths  # noqa: E402
from bot.outbox import enqueue_now  # noqa: E402
from bot.sender import Sender  # noqa: E402
from bot.subscriber_digest import DigestComposer  # noqa: E402
from digest.regions import REGION_CODES  # noqa: E402
from storage.database import Database  # noqa: E402
from storage.facts import utc_text  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from botapi import make_bot  # noqa: E402

ALMATY = ZoneInfo("Asia/Almaty")
RATE_BAR = 0.95


def start_server(rate: float | None, chat_interval: float | None) -> tuple[subprocess.Popen, str]:
    command = [sys.executable, str(ROOT / "tests" / "botapi.py")]
    if rate is not None:
        command += ["--rate", str(rate)]
    if chat_interval is not None:
        command += ["--chat-interval", str(chat_interval)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    url = process.stdout.readline().strip()
    if not url.startswith("http"):
        process.kill()
        raise RuntimeError(f"the stand-in did not start: {url!r}")
    return process, url


def server_stats(url: str) -> dict:
    with urllib.request.urlopen(f"{url}/_stats", timeout=30) as response:
        return json.load(response)


async def seeded_template(folder: Path) -> Path:
    path = folder / "template.db"
    db = await Database.open(path)
    try:
        await ingest_paths(db, sorted((ROOT / "seeds").glob("*.txt")))
    finally:
        await db.close()
    return path


async def add_subscribers(db: Database, count: int) -> None:
    """`count` subscribers written straight into the tables (the repo's one-by-one path
    is for people, not for 10,000 rows)."""
    chance = random.Random(5)
    created = utc_text(datetime.now(UTC) - timedelta(days=2))
    subscribers, subscriptions = [], []
    for chat_id in range(1, count + 1):
        language = chance.choice(("ru", "kk", "both"))
        digest_time = chance.choice(("07:00", "08:00", "09:00"))
        subscribers.append((chat_id, language, digest_time, created))
        for region in chance.sample(REGION_CODES, chance.choice((1, 1, 1, 2))):
            subscriptions.append((chat_id, region, created))
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO subscribers (chat_id, reader_language, digest_time, created_at) VALUES (?, ?, ?, ?)",
            subscribers,
        )
        await conn.executemany(
            "INSERT INTO subscriptions (chat_id, region, created_at) VALUES (?, ?, ?)", subscriptions
        )


async def broadcast(template: Path, folder: Path, subscribers: int, rate: float | None,
                    chat_interval: float) -> dict:
    server, url = start_server(rate, chat_interval or None)
    database = folder / f"run-{rate or 'unlimited'}.db"
    shutil.copyfile(template, database)
    db = await Database.open(database)
    bot = make_bot(url)
    try:
        await add_subscribers(db, subscribers)
        queued = await enqueue_now(db, datetime.now(UTC), ALMATY)
        sender = Sender(bot, db, DigestComposer(db), rate=rate, chat_interval=chat_interval)
        started = time.monotonic()
        report = await sender.drain()
        wall = time.monotonic() - started
        await sender.stop()
        stats = server_stats(url)
    finally:
        await bot.session.close()
        await db.close()
        server.kill()
        server.wait()
    span = (stats["last"] - stats["first"]) if stats["messages"] > 1 else 0.0
    return {
        "queued": queued, "delivered": report.delivered, "messages": stats["messages"],
        "chats": stats["chats"], "duplicates": stats["duplicates"], "lost": subscribers - stats["chats"],
        "rate_limited": stats["rate_limited"], "max_in_any_second": stats["max_in_any_second"],
        "problems": stats["problems"], "achieved": (stats["messages"] - 1) / span if span else 0.0,
        "wall": wall,
    }


def print_run(title: str, result: dict, limit: float | None) -> None:
    print(f"\n{title}")
    print(f"  subscribers queued   {result['queued']:>8}")
    print(f"  digests delivered    {result['delivered']:>8}   messages accepted {result['messages']}")
    print(f"  duplicates           {result['duplicates']:>8}   lost {result['lost']}")
    print(f"  429s from the server {result['rate_limited']:>8}   most in any second {result['max_in_any_second']}")
    print(f"  wall time            {result['wall']:>8.1f} s")
    line = f"  achieved rate        {result['achieved']:>8.1f} msg/s"
    if limit:
        share = result["achieved"] / limit
        line += f"   = {share:.1%} of {limit:g} ({'ok' if share >= RATE_BAR else 'BELOW'} the {RATE_BAR:.0%} bar)"
    print(line)
    if result["problems"]:
        print(f"  problems: {result['problems'][:3]}")


async def main(args: argparse.Namespace) -> int:
    folder = Path(tempfile.mkdtemp(prefix="kzdigest-bench-"))
    try:
        template = await seeded_template(folder)
        failed = False
        if not args.skip_limited:
            limited = await broadcast(template, folder, args.subscribers, args.rate, 1.0)
            print_run(f"{args.subscribers} subscribers, stand-in enforcing {args.rate:g} msg/s and 1 msg/s a chat",
                      limited, args.rate)
            failed |= (limited["achieved"] < RATE_BAR * args.rate or limited["duplicates"] > 0
                       or limited["lost"] > 0)
        ceiling = await broadcast(template, folder, args.subscribers, None, 0.0)
        print_run(f"{args.subscribers} subscribers, limits lifted: the sender's ceiling", ceiling, None)
        failed |= ceiling["duplicates"] > 0 or ceiling["lost"] > 0
        return 1 if failed else 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=30.0, help="messages/s the stand-in enforces")
    parser.add_argument("--skip-limited", action="store_true", help="only measure the ceiling")
    raise SystemExit(asyncio.run(main(parser.parse_args())))
