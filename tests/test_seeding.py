"""The seeds are found wherever the package is installed, and loaded into an empty database once."""

from __future__ import annotations

import shutil
import sys
import tomllib
from pathlib import Path

import pytest

from bot import seeding
from storage.database import Database

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeds_dir: Path) -> Path:
    """An install away from the repo: the code in site-packages, the seeds in <prefix>/share."""
    prefix = tmp_path / "venv"
    shutil.copytree(seeds_dir, prefix / seeding.SEEDS_SUBDIR)
    monkeypatch.setattr(seeding, "__file__", str(prefix / "lib" / "site-packages" / "bot" / "seeding.py"))
    monkeypatch.setattr(sys, "prefix", str(prefix))
    monkeypatch.chdir(tmp_path)
    return prefix


def test_the_package_installs_the_seeds_where_seeding_looks() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data_files = project["tool"]["setuptools"]["data-files"]
    target = str(seeding.SEEDS_SUBDIR.as_posix())
    assert target in data_files
    packaged = {path.name for pattern in data_files[target] for path in ROOT.glob(pattern)}
    assert packaged == {path.name for path in (ROOT / "seeds").glob("*.txt")} and len(packaged) == 5


def test_seeds_are_found_under_the_install_prefix(installed: Path) -> None:
    assert seeding.find_seeds() == installed / seeding.SEEDS_SUBDIR


async def test_an_empty_database_is_seeded_once(installed: Path, db: Database) -> None:
    summary = await seeding.seed_if_empty(db)
    assert summary is not None and len(summary.new) == 5 and not summary.failed
    assert await seeding.seed_if_empty(db) is None
    row = await db.fetchone("SELECT count(*), count(story_id) FROM articles")
    assert tuple(row) == (5, 5)
