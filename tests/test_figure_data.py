"""The figure vocabularies stay sorted, unique, normalised and consistent with the contract."""

from __future__ import annotations

import re
import unicodedata
from importlib import resources

import pytest

from digest.model import CATEGORIES, QUALIFIERS, UNITS
from digest.vocabulary import read_table

FILES = {
    "units.tsv": ["language", "unit", "factor", "ending", "pattern"],
    "scales.tsv": ["language", "factor", "bare", "pattern"],
    "number_words.tsv": ["language", "form", "value", "kind"],
    "figure_categories.tsv": ["language", "category", "pattern"],
    "figure_qualifiers.tsv": ["language", "position", "qualifier", "pattern"],
    "figure_words.tsv": ["language", "kind", "word"],
    "figure_kk_suffixes.tsv": ["kind", "suffix"],
    "figure_months.tsv": ["language", "form"],
}
LANGUAGES = {"ru", "kk", "any"}
NUMBER_WORD_KINDS = {
    "digit", "teen", "ten", "hundred", "hundred_mult", "scaled", "collective", "times", "half_add",
    "point", "denominator_before", "denominator_after", "blocked",
}
WORD_KINDS = {"people", "thing", "not_counted", "label", "stop", "evaluative", "possessor", "money"}
SUFFIX_KINDS = {"case", "approx", "adjectival", "ordinal", "possessive"}


def _path(name: str):
    return resources.files("digest.data") / name


def _data_lines(name: str) -> list[str]:
    lines = _path(name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")][1:]


@pytest.mark.parametrize("name", sorted(FILES))
def test_header_names_the_columns(name: str) -> None:
    lines = [line for line in _path(name).read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert lines[0].split("\t") == FILES[name]


@pytest.mark.parametrize("name", sorted(FILES))
def test_rows_are_sorted_unique_and_normalised(name: str) -> None:
    lines = _data_lines(name)
    assert lines == sorted(lines), f"{name} is not sorted"
    assert len(lines) == len(set(lines)), f"{name} has duplicates"
    for line in lines:
        assert line == unicodedata.normalize("NFC", line)
        assert line == line.strip() and "  " not in line
        assert line.split("\t") == [cell.strip() for cell in line.split("\t")]
        assert len(line.split("\t")) == len(FILES[name]), line


@pytest.mark.parametrize("name", ["units.tsv", "scales.tsv", "figure_categories.tsv", "figure_qualifiers.tsv"])
def test_patterns_compile_and_are_lower_case(name: str) -> None:
    for row in read_table(_path(name)):
        pattern = row[-1]
        re.compile(pattern)
        assert pattern == pattern.lower(), pattern


def test_units_are_the_contracts() -> None:
    for language, unit, factor, ending, _pattern in read_table(_path("units.tsv")):
        assert language in LANGUAGES
        assert unit in UNITS
        assert float(factor) > 0
        assert ending in {"word", "stem"}


def test_scales() -> None:
    for language, factor, bare, _pattern in read_table(_path("scales.tsv")):
        assert language in LANGUAGES
        assert float(factor) >= 1000
        assert bare in {"yes", "no", "qualified"}


def test_number_words() -> None:
    for language, form, value, kind in read_table(_path("number_words.tsv")):
        assert language in {"ru", "kk"}
        assert kind in NUMBER_WORD_KINDS
        assert form == form.lower() and " " not in form
        float(value)


def test_categories_and_qualifiers_are_the_contracts() -> None:
    for language, category, _pattern in read_table(_path("figure_categories.tsv")):
        assert language in {"ru", "kk"} and category in CATEGORIES
    for language, position, qualifier, _pattern in read_table(_path("figure_qualifiers.tsv")):
        assert language in {"ru", "kk"} and position in {"before", "after"} and qualifier in QUALIFIERS


def test_figure_words() -> None:
    for language, kind, word in read_table(_path("figure_words.tsv")):
        assert language in {"ru", "kk"} and kind in WORD_KINDS
        assert word == word.lower() or word == "№"


def test_kazakh_suffixes() -> None:
    for kind, suffix in read_table(_path("figure_kk_suffixes.tsv")):
        assert kind in SUFFIX_KINDS
        assert suffix == suffix.lower() and suffix.isalpha()
