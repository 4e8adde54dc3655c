"""The whole extractor on the seeds, scored against the hand-written gold as the contract
scores it, and `kzdigest eval` printing the same numbers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.extract import iter_outputs
from digest.evaluation import Report, evaluate

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "seeds.gold.jsonl"


@pytest.fixture(scope="module")
def report(gold: list[dict]) -> Report:
    return evaluate(iter_outputs([ROOT / "seeds"]), gold)


def test_figures_reach_the_bar(report: Report) -> None:
    assert report.figures.f1 >= 0.97, report.missed


def test_first_region_right_in_every_seed(report: Report) -> None:
    assert report.first_region.value == 1.0, report.missed


def test_every_official_found_with_role_and_region(report: Report) -> None:
    assert report.officials.recall == 1.0, report.missed
    assert report.official_role.value == 1.0, report.missed
    assert report.official_region.value == 1.0, report.missed


def test_metadata_of_every_seed(report: Report) -> None:
    assert report.language.value == report.published.value == report.source.value == 1.0, report.missed


def test_eval_command_prints_the_metrics_as_json() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "eval", str(GOLD), str(ROOT / "seeds"), "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout)
    assert metrics["documents"] == 5
    assert metrics["figure_f1"] >= 0.97
    assert metrics["official_f1"] >= 0.9
