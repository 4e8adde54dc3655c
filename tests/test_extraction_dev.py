"""The whole extractor on the development set (`tests/data/dev`): sixteen articles written
for it in Russian and Kazakh, many regions, officials and figure shapes, scored against a
hand-written gold as the contract scores it. The bars sit a little below what the extractor
reaches, so a regression in any general rule fails here."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest

from bot.cli.extract import iter_outputs
from digest.cleaning import clean_body
from digest.evaluation import Report, evaluate
from digest.vocabulary import read_lines

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "dev"
GOLD = DEV / "dev.gold.jsonl"


@pytest.fixture(scope="module")
def dev_gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def report(dev_gold: list[dict]) -> Report:
    return evaluate(iter_outputs(sorted(DEV.glob("*.txt"))), dev_gold)


def test_dev_set_covers_both_languages_and_every_article(dev_gold: list[dict]) -> None:
    languages = [record["language"] for record in dev_gold]
    assert languages.count("ru") == languages.count("kk") == 8
    assert {record["doc"] for record in dev_gold} == {path.name for path in DEV.glob("*.txt")}


def test_dev_figures_reach_the_bar(report: Report) -> None:
    assert report.figures.precision >= 0.97, report.missed
    assert report.figures.recall >= 0.97, report.missed
    assert report.category.value >= 0.97, report.missed
    assert report.qualifier.value >= 0.97, report.missed
    assert report.figure_region.value >= 0.97, report.missed


def test_dev_regions_reach_the_bar(report: Report) -> None:
    assert report.first_region.value == 1.0, report.missed
    assert report.regions.precision >= 0.95, report.missed
    assert report.regions.recall >= 0.95, report.missed


def test_dev_officials_reach_the_bar(report: Report) -> None:
    assert report.officials.precision >= 0.95, report.missed
    assert report.officials.recall >= 0.94, report.missed
    assert report.official_role.value >= 0.94, report.missed
    assert report.official_region.value >= 0.97, report.missed


def test_dev_metadata(report: Report) -> None:
    assert report.language.value == 1.0, report.missed
    assert report.published.value >= 0.93, report.missed
    assert report.source.value >= 0.9, report.missed


@pytest.mark.parametrize("line", [
    "Популярное: Алматы 312 здравоохранение 154 Досаев 98 медицина 76",
    "горячие новости 402 Барыс 358 Город Астана 218",
])
def test_tag_cloud_with_counts_is_dropped(line: str) -> None:
    assert clean_body(f"Первый абзац.\n\n{line}\n\nВторой абзац.") == "Первый абзац.\n\nВторой абзац."


@pytest.mark.parametrize("line", [
    "В 2023 году построено 5 школ, 10 детских садов и 3 больницы.",
    "Облыста 12 мектеп, 4 аурухана және 3 спорт кешені салынды.",
])
def test_sentence_with_counts_is_kept(line: str) -> None:
    assert line in clean_body(f"Заголовок\n\n{line}")


def test_local_markers_compile_and_are_unique() -> None:
    lines = read_lines(resources.files("digest.data") / "local_markers.txt")
    assert lines and len(lines) == len(set(lines))
    for line in lines:
        re.compile(line)


def test_dateline_place_before_the_date_under_the_headline() -> None:
    from digest.metadata import find_published

    assert str(find_published("Заголовок\nШымкент, 29 августа 2025 года\n\nТекст.")) == "2025-08-29"
