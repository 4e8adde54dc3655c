"""Fixtures shared by the whole suite: the seeds, their gold, a fresh database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storage.database import Database

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD_CANDIDATES = [
    ROOT / "tests" / "data" / "seeds.gold.jsonl",
    ROOT.parent / "shared" / "spec" / "seeds.gold.jsonl",
]


def load_gold() -> list[dict]:
    for path in GOLD_CANDIDATES:
        if path.exists():
            return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    raise FileNotFoundError("seeds.gold.jsonl not found")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def gold() -> list[dict]:
    return load_gold()


@pytest.fixture(scope="session")
def gold_by_doc(gold: list[dict]) -> dict[str, dict]:
    return {record["doc"]: record for record in gold}


@pytest.fixture
async def db(tmp_path: Path):
    database = await Database.open(tmp_path / "test.db")
    yield database
    await database.close()


@pytest.fixture
async def server():
    """A local news site (tests/feedserver.py): feeds and pages in both languages, and faults."""
    from feedserver import FeedServer

    feed_server = FeedServer()
    await feed_server.start()
    yield feed_server
    await feed_server.stop()
