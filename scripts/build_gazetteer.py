"""Build `digest/data/gazetteer.tsv` from KATO (the classifier of administrative units).

    .venv/bin/python scripts/build_gazetteer.py [--kato PATH] [--out PATH] [--check]

One row per place: its KATO code, top-level region (ISO 3166-2:KZ, from the code's
first two digits), level, and canonical Russian and Kazakh names with KATO's
abbreviations spelled out or stripped (`г.Семей` → `Семей`, `Абай Қ.Ә.` → `Абай`,
`Аягоз г.а.` → `Аягоз`, `Ғабит Мүсірепов атын.ауданы` → `Ғабит Мүсірепов атындағы
ауданы`). Rural okrugs (`с.о.`/`а.о.`), wintering places, farms, stations and the like
are left out: news name the village, not its okrug or a wintering place.

The `solo` column says whether the bare name may be read as the place without a
word like `село`/`ауылы` next to it: yes for towns, no for oblasts and districts
(`область`, `район` must be there), and for settlements only for district centres
with a distinctive name (see `may_stand_alone`). Hand-kept additions and exceptions
live in `region_aliases.tsv`. See docs/gazetteer.md.

`--check` exits non-zero when the file on disk differs from what would be built.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_KATO = ROOT / "tests" / "data" / "kato" / "kato.csv"     # a copy of shared/data/kato
DEFAULT_OUT = ROOT / "digest" / "data" / "gazetteer.tsv"

HEADER = ("kato", "region", "level", "name_ru", "name_kk", "solo")
LEVEL_ORDER = {"region": 0, "city": 1, "district": 2, "settlement": 3}
# Top-level units that are cities, not oblasts: Astana, Almaty, Shymkent.
CITY_REGIONS = {"71", "75", "79"}
MIN_SOLO_LETTERS = 5

# KATO's workbook has a few letters from another code page (`Ќўрылысшы`).
_MOJIBAKE = str.maketrans({"ќ": "қ", "Ќ": "Қ", "ў": "ұ", "Ў": "Ұ", "ї": "ү", "Ї": "Ү", "ј": "ә",
                           "\u00a0": " "})
_QUOTES = re.compile(r"[«»\"“”„]")
_SPACES = re.compile(r"\s+")

# Russian names: (pattern, kind, canonical template). Order matters: first match wins.
_RU_RULES: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern), kind, template)
    for pattern, kind, template in (
        (r"^область (?P<n>.+)$", "oblast", "область {n}"),
        (r"^(?P<n>.+) область$", "oblast", "{n} область"),
        (r"^(?P<n>.+) Г\.А\.$", "city", "{n}"),
        (r"^г\.а\.\s*(?P<n>.+)$", "city", "{n}"),
        (r"^(?P<n>[^ ]+) г\.а\.$", "city", "{n}"),           # `Аягоз г.а.`, not `Аккольская г.а.`
        (r"^г\.\s*(?P<n>.+)$", "city", "{n}"),
        (r"^р\.а\. им\.\s*(?P<n>.+)$", "district", "район имени {n}"),
        (r"^(?P<n>.+) р\.а\.$", "district", "район {n}"),
        (r"^[Рр]айон им\.\s*(?P<n>.+)$", "district", "район имени {n}"),
        (r"^[Рр]айон (?P<n>.+)$", "district", "район {n}"),
        (r"^(?P<n>.+[ийо]й) район$", "district", "{n} район"),
        (r"^[сп]\.\s*(?P<n>.+)$", "settlement", "{n}"),
        (r"^(?P<n>.+) с\.$", "settlement", "{n}"),
    )
)
_RU_SKIP = re.compile(r"(?:ская|цкая|ая) [гп]\.а\.$|с\.о\.?$|с\.а\.$|п\.а\.$|^[сп]\.\s*[ао]\.")
_REPEATED_ABBREVIATION = re.compile(r"( [а-яәқ]\.)(?:\s*\1)+$")
_NAMED_AFTER = re.compile(r"\b(?:им\.|имени)\s*")

_KK_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), template)
    for pattern, template in (
        (r"^(?P<n>.+) облысы$", "{n} облысы"),
        (r"^(?P<n>.+?) атын\.\s*(?:ауданы|а\.ә\.)$", "{n} атындағы ауданы"),
        (r"^(?P<n>.+) (?:ауданы|а\.ә\.)$", "{n} ауданы"),
        (r"^(?P<n>.+) (?:Қ\.Ә\.|Г\.А\.|қ\.ә\.|қ\.|а\.|к\.)$", "{n}"),
    )
)


@dataclass(frozen=True)
class Place:
    kato: str
    region: str
    level: str
    name_ru: str
    name_kk: str

    def bare_names(self) -> tuple[str, str]:
        return bare_name(self.name_ru), bare_name(self.name_kk)

    @property
    def is_centre(self) -> bool:
        return is_district_centre(self.kato)


def is_district_centre(kato: str) -> bool:
    """KATO numbers a district's centre as okrug 30 (or town administration 20), place 100."""
    return kato[4:] in ("30100", "20100")


def clean(name: str) -> str:
    name = _QUOTES.sub("", name.translate(_MOJIBAKE))
    name = _SPACES.sub(" ", name).strip()
    return _REPEATED_ABBREVIATION.sub(r"\1", name)


def parse_ru(name: str) -> tuple[str, str] | None:
    """(kind, canonical name) of a Russian KATO name, or None for what the gazetteer skips."""
    if _RU_SKIP.search(name):
        return None
    for pattern, kind, template in _RU_RULES:
        match = pattern.match(name)
        if match:
            return kind, template.format(n=match.group("n").strip())
    return None


def parse_kk(name: str) -> str | None:
    for pattern, template in _KK_RULES:
        match = pattern.match(name)
        if match:
            return template.format(n=match.group("n").strip())
    return None


def level_of(kind: str, region_digits: str) -> str:
    if kind == "oblast" or (kind == "city" and region_digits in CITY_REGIONS):
        return "region"
    return kind


def read_places(rows: Iterable[dict[str, str]]) -> Iterator[Place]:
    for row in rows:
        code = row["kato"].strip()
        ru, kk = clean(row["name_ru"]), clean(row["name_kk"])
        parsed = parse_ru(ru)
        kk_name = parse_kk(kk)
        if parsed is None or kk_name is None or re.search(r"\d", ru + kk):
            continue
        kind, ru_name = parsed
        if kind == "settlement":
            ru_name = _NAMED_AFTER.sub("имени ", ru_name)
        if "." in ru_name + kk_name:     # `Т.Рыскулова`: initials, not a name news use
            continue
        if row["level"] == "oblast":
            kind = "oblast" if code[:2] not in CITY_REGIONS else "city"
        yield Place(code, f"KZ-{code[:2]}", level_of(kind, code[:2]), ru_name, kk_name)


_NOUNS = re.compile(r"^(?:область|район|район имени) | (?:область|район|облысы|ауданы|атындағы ауданы)$")


def bare_name(name: str) -> str:
    """The name without `область`/`район`/`облысы`/`ауданы`."""
    return _NOUNS.sub("", name)


def key(text: str) -> str:
    """The comparison key the matcher uses: case, `ё`, Kazakh letters and `ы`/`і` folded."""
    from digest.gazetteer import name_key

    return name_key(text)


def unique_places(places: Iterable[Place]) -> list[Place]:
    """One row per place: a city is listed by KATO as a district, its akimat and itself."""
    seen: set[tuple[str, str, str, str]] = set()
    kept: list[Place] = []
    for place in sorted(places, key=lambda p: (not p.is_centre, p.kato)):
        identity = (place.region, place.level, key(place.name_ru), key(place.name_kk))
        if identity not in seen:
            seen.add(identity)
            kept.append(place)
    return sorted(kept, key=lambda p: p.kato)


def name_regions(places: Iterable[Place]) -> dict[str, set[str]]:
    regions: dict[str, set[str]] = defaultdict(set)
    for place in places:
        for name in place.bare_names():
            regions[key(name)].add(place.region)
    return regions


class CommonWords:
    """Russian dictionary words, first names and surnames: a village named so needs `село`."""

    def __init__(self) -> None:
        import pymorphy3

        self._morph = pymorphy3.MorphAnalyzer()

    def __contains__(self, word: str) -> bool:
        word = word.lower()
        for parse in self._morph.parse(word):
            if not parse.is_known:
                continue
            tag = parse.tag
            if {"Name", "Surn", "Patr"} & set(tag.grammemes):
                return True
            # A word in its dictionary form (`степное`, `октябрьское`), not `мерке` (мерка).
            lemma = parse.normal_form == word or (tag.POS in ("ADJF", "PRTF") and "nomn" in tag)
            if lemma and "Geox" not in tag:
                return True
        return False


def may_stand_alone(place: Place, prominent: dict[str, set[str]], common: CommonWords) -> bool:
    """Cities and the top-level cities yes, oblasts and districts no. A settlement only
    when it is a district centre whose name points to one region among towns and
    centres (Шиели, not the villages named after it), is one word of five letters or
    more and not a Russian dictionary word or personal name: a village is named with
    `село`/`ауылы` in news, and thousands of village names are first names and words."""
    if place.level in ("region", "city"):
        return place.level == "city" or place.region[3:] in CITY_REGIONS
    if place.level == "district" or not place.is_centre:
        return False
    names = place.bare_names()
    if any(prominent[key(name)] != {place.region} for name in names):
        return False
    ru = names[0]
    if " " in ru or sum(ch.isalpha() for ch in ru) < MIN_SOLO_LETTERS:
        return False
    return not any(part in common for part in ru.split("-"))


def build_rows(kato_path: Path) -> list[tuple[str, ...]]:
    with kato_path.open(encoding="utf-8", newline="") as handle:
        places = unique_places(read_places(csv.DictReader(handle)))
    prominent = name_regions(p for p in places if p.is_centre or p.level in ("region", "city"))
    common = CommonWords()
    return [
        (p.kato, p.region, p.level, p.name_ru, p.name_kk,
         "1" if may_stand_alone(p, prominent, common) else "0")
        for p in places
    ]


def render(rows: list[tuple[str, ...]]) -> str:
    lines = [
        "# Generated by scripts/build_gazetteer.py from KATO (shared/data/kato/kato.csv); do not edit.",
        "# Hand-kept additions live in region_aliases.tsv. See docs/gazetteer.md.",
        "\t".join(HEADER),
    ]
    lines += ["\t".join(row) for row in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kato", type=Path, default=DEFAULT_KATO)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="only compare with the file on disk")
    args = parser.parse_args(argv)
    text = render(build_rows(args.kato))
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{args.out} is stale: rebuild it", file=sys.stderr)
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {text.count(chr(10)) - 3} places", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
