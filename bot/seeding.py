"""The sample articles a new installation starts with, found wherever the package is.

In a checkout (or an editable install) they are in the repository's `seeds/`; an
installed package carries them as data files in `<prefix>/share/kzdigest/seeds`
(pyproject's `data-files`), where the prefix is the virtual environment, the user's
base or the system's.
"""

from __future__ import annotations

import logging
import site
import sys
import sysconfig
from pathlib import Path

from bot.ingestion import IngestSummary, ingest_paths
from storage.database import Database

log = logging.getLogger(__name__)

SEEDS_SUBDIR = Path("share") / "kzdigest" / "seeds"


def seed_dirs() -> list[Path]:
    """Where seeds may be, most specific first."""
    prefixes = [sys.prefix, sysconfig.get_path("data"), site.getuserbase(), sys.base_prefix,
                "/usr/local", "/usr"]
    candidates = [Path(__file__).resolve().parents[1] / "seeds"]
    candidates += [Path(prefix) / SEEDS_SUBDIR for prefix in prefixes if prefix]
    return list(dict.fromkeys(candidates))


def find_seeds() -> Path | None:
    for folder in seed_dirs():
        if folder.is_dir() and any(folder.glob("*.txt")):
            return folder
    return None


async def database_is_empty(db: Database) -> bool:
    return await db.fetchone("SELECT 1 FROM articles LIMIT 1") is None


async def seed_if_empty(db: Database) -> IngestSummary | None:
    """Ingest the seeds into a database without articles; None when nothing was done."""
    if not await database_is_empty(db):
        return None
    folder = find_seeds()
    if folder is None:
        log.warning("no seed articles found (looked in %s)", ", ".join(map(str, seed_dirs())))
        return None
    summary = await ingest_paths(db, sorted(folder.glob("*.txt")))
    log.info("seeded the empty database from %s: %d articles", folder, len(summary.new))
    return summary
