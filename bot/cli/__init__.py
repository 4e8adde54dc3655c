"""`kzdigest`: one console script, one module per subcommand."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from bot.cli import chat, deliver, digest, evaluate, extract, ingest, official, poll, reextract, run

# Each module has `add_parser(subparsers)`, which sets `handler` on its parser.
SUBCOMMANDS = [ingest, extract, evaluate, reextract, digest, official, poll, run, chat, deliver]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kzdigest",
        description="Regional news of Kazakhstan: ingest articles, extract key figures,"
        " compose bilingual digests, run the Telegram bot.",
    )
    parser.add_argument("--log-level", default=None, help="DEBUG, INFO, WARNING (default from LOG_LEVEL)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in SUBCOMMANDS:
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from bot.config import get_settings

    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=(args.log_level or get_settings().log_level).upper(),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        return 130
