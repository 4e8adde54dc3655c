"""Options several subcommands share."""

from __future__ import annotations

import argparse

from bot.config import DEFAULT_DATABASE_PATH, Settings, get_settings


def add_database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        dest="database",
        default=None,
        help=f"SQLite database file (default: DATABASE_PATH or {DEFAULT_DATABASE_PATH})",
    )


def settings_for(args: argparse.Namespace) -> Settings:
    """The settings from the environment and `.env`, with `--db` taking the database's place."""
    settings = get_settings()
    if args.database:
        settings = settings.model_copy(update={"database_path": args.database})
    return settings


def database_path(args: argparse.Namespace) -> str:
    return settings_for(args).database_path
