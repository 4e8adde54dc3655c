"""The gazetteer data stay sorted, unique and normalised, and gazetteer.tsv is what
scripts/build_gazetteer.py builds from KATO."""

from __future__ import annotations

import importlib.util
import re
import sys
import unicodedata
from importlib import resources
from pathlib import Path

from digest.gazetteer import LEVELS, load, name_key
from digest.regions import REGION_CODES
from digest.vocabulary import read_table

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "build_gazetteer.py"
KATO = ROOT / "tests" / "data" / "kato" / "kato.csv"
ALIAS_KINDS = {"solo", "noun", "abbr", "context"}
# KATO's abbreviations must not survive into names: `г.`, `с.`, `Г.А.`, `р-н`, `а.о.`, `қ.`...
LEFTOVER_ABBREVIATIONS = re.compile(
    r"(?:^|\s)(?:г|с|п|ст|уч|рзд|қ|а|к)\.|\.\s*$|Г\.А\.|Қ\.Ә\.|р-н|[сп]\.о\.|а\.о\.|г\.а\.|қ\.ә\.|атын\."
)
CYRILLIC_NAME = re.compile(r"^[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі][А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі\- ]*$")


def _text(name: str) -> str:
    return (resources.files("digest.data") / name).read_text(encoding="utf-8")


def _rows(name: str) -> list[list[str]]:
    return read_table(resources.files("digest.data") / name)


def _assert_normalised(value: str) -> None:
    assert value == unicodedata.normalize("NFC", value), value
    assert value == value.strip() and "  " not in value and "\u00a0" not in value, repr(value)


def test_gazetteer_rows_are_well_formed() -> None:
    rows = _rows("gazetteer.tsv")
    assert len(rows) > 8000
    for row in rows:
        assert len(row) == 6, row
        kato, region, level, name_ru, name_kk, solo = row
        assert re.fullmatch(r"\d{9}", kato), row
        assert region == f"KZ-{kato[:2]}" and region in REGION_CODES, row
        assert level in LEVELS and solo in ("0", "1"), row
        for name in (name_ru, name_kk):
            _assert_normalised(name)
            assert CYRILLIC_NAME.match(name), row
            assert not LEFTOVER_ABBREVIATIONS.search(name), row


def test_gazetteer_is_sorted_and_unique() -> None:
    rows = _rows("gazetteer.tsv")
    codes = [row[0] for row in rows]
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes)
    identities = [(r[1], r[2], name_key(r[3]), name_key(r[4])) for r in rows]
    assert len(set(identities)) == len(identities)


def test_gazetteer_has_every_region() -> None:
    regions = {row[1] for row in _rows("gazetteer.tsv") if row[2] == "region"}
    assert regions == set(REGION_CODES)


def test_aliases_are_well_formed() -> None:
    rows = _rows("region_aliases.tsv")
    assert rows
    for row in rows:
        assert len(row) == 6, row
        form, region, level, kind, name_ru, name_kk = row
        assert kind in ALIAS_KINDS, row
        for value in (form, name_ru, name_kk):
            _assert_normalised(value)
        if kind == "context":
            assert (region, level) == ("*", "*"), row
        else:
            assert region in REGION_CODES and level in LEVELS, row
        if kind == "abbr":
            assert form.isupper(), row
        assert bool(name_ru) == bool(name_kk), row


def test_aliases_are_sorted_and_unique() -> None:
    rows = _rows("region_aliases.tsv")
    keys = [(row[3], row[0]) for row in rows]
    assert keys == sorted(keys)
    # Matching folds Kazakh letters (`Жетысу` = `Жетісу`), so folded forms are unique;
    # abbreviations are matched as written (`СКО`, `СҚО`).
    identities = [(row[3], row[0] if row[3] == "abbr" else name_key(row[0]), row[1]) for row in rows]
    assert len(set(identities)) == len(identities)


def test_context_aliases_name_gazetteer_places() -> None:
    """A `context` row must block a name the gazetteer has, or it does nothing."""
    known = {name_key(name) for row in _rows("gazetteer.tsv") for name in (row[3], row[4])}
    for row in _rows("region_aliases.tsv"):
        if row[3] == "context":
            assert name_key(row[0]) in known, row


def test_data_files_have_header_and_comments_only_before_rows() -> None:
    for name in ("gazetteer.tsv", "region_aliases.tsv"):
        lines = [line for line in _text(name).splitlines() if line and not line.startswith("#")]
        assert lines[0].startswith(("kato\t", "form\t")), name
        assert _text(name).endswith("\n") and not _text(name).endswith("\n\n"), name


def test_loaded_gazetteer_indexes_every_place() -> None:
    gazetteer = load()
    assert len(gazetteer.places) == len(_rows("gazetteer.tsv"))
    assert {"ВКО", "ЗКО", "СКО", "ЮКО"} <= set(gazetteer.abbreviations)


def test_gazetteer_matches_what_the_script_builds() -> None:
    spec = importlib.util.spec_from_file_location("build_gazetteer", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = script          # dataclasses look their module up there
    spec.loader.exec_module(script)
    built = script.render(script.build_rows(KATO))
    assert built == _text("gazetteer.tsv"), "run: .venv/bin/python scripts/build_gazetteer.py"
