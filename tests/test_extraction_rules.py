"""Rules the development sets prompted that are not about one figure, region or official:
tag clouds with counts, the `in the region` markers file, a dateline before the date."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from digest.cleaning import clean_body
from digest.vocabulary import read_lines


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
