"""Options several subcommands share."""

from __future__ import annotations

import argparse

from bot.config import DEFAULT_DATABASE_PATH, get_settings


def add_database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        dest="database",
        default=None,
        help=f"SQLite database file (default: DATABASE_PATH or {DEFAULT_DATABASE_PATH})",
    )


def database_path(args: argparse.Namespace) -> str:
    return args.database or get_settings().database_path
