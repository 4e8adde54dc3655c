"""The gazetteer: KATO's places and hand-kept aliases, indexed for suffix-tolerant lookup.

Names are found in any grammatical case of either language without a morphology
library: each word of a name is kept as a stem plus the endings it may take.
Russian endings come from the word's nominative (`Астана` → `Астан` + а/ы/е/у/ой,
`Алматинская` → `Алматинск` + ая/ой/ую/...), Kazakh case suffixes are added to the
whole word (`Алматы` + ға/да/дан/ның/...). A capitalised token is looked up by
cutting 0..6 letters off its end and trying the rest as a stem: a few dictionary
hits per capitalised word, whatever the size of the gazetteer.

This module only knows names. Which readings a match keeps (the word `область` or
`ауылы` next to it, clubs, streets, ambiguity across regions) is `digest.regions`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from digest.folding import fold
from digest.vocabulary import read_table

LEVELS = ("region", "city", "district", "settlement")
# Which word next to a name fits which kind of place (`область`, `город`, `ауылы`...).
NOUN_CLASSES = ("region", "district", "city", "settlement")
# Top-level units that are cities: named with `город`/`қаласы`, not `область`.
CITY_REGIONS = frozenset({"KZ-71", "KZ-75", "KZ-79"})

_RU_ADJ_FEM = ("ая", "ой", "ую", "ою", "ые", "ых", "ым", "ыми")
_RU_ADJ_MASC = ("ий", "ый", "ой", "ого", "его", "ому", "ему", "им", "ым", "ом", "ем",
                "ие", "ые", "их", "ых", "ими", "ыми")
_RU_ADJ_NEUT = ("ое", "ее", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем")
_RU_NOUN_A = ("а", "ы", "и", "е", "у", "ой", "ою")
_RU_NOUN_YA = ("я", "и", "е", "ю", "ей", "ею")
_RU_NOUN_SOFT = ("ь", "и", "ью", "я", "ю", "ем", "е")
_RU_NOUN_J = ("й", "я", "ю", "ем", "е", "и")
_RU_NOUN_O = ("о", "а", "у", "ом", "е")
_RU_NOUN_HARD = ("", "а", "у", "ом", "ым", "е")
_RU_PLURAL = ("ы", "ам", "ами", "ах")      # `Кульсары` -> `в Кульсарах`
# Kazakh case endings on a name (both vowel-harmony and voicing variants):
# dative, locative, ablative, genitive, accusative, instrumental, `-дағы`. Not `-лық`:
# `Жақсылық` is a first name, not `Жақсы` + `-лық`.
KK_SUFFIXES = (
    "ға", "ге", "қа", "ке", "да", "де", "та", "те", "дан", "ден", "тан", "тен", "нан", "нен",
    "ның", "нің", "дың", "дің", "тың", "тің", "ны", "ні", "ды", "ді", "ты", "ті",
    "мен", "бен", "пен", "дағы", "дегі", "тағы", "тегі", "нда", "нде", "ндағы", "ндегі",
)
KK_ABLATIVE = ("дан", "ден", "тан", "тен", "нан", "нен")
KK_DATIVE = ("ға", "ге", "қа", "ке")
MAX_ENDING = 6

_VOWELS = frozenset("аеёиоуыэюяәөүұі")
_CONSONANT_END = re.compile(r"[бвгджзклмнпрстфхцчшщқғңһ]$")
_WORD_SPLIT = re.compile(r"[\s\-‑]+")
_KEY = str.maketrans({"ы": "и"})
_LATIN_LOOKALIKES = str.maketrans("AaBEeKMHOoPpCcTyXxIi", "АаВЕеКМНОоРрСсТуХхІі")
_HAS_LATIN = re.compile(r"[A-Za-z]")
_HAS_CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
TOKEN = re.compile(r"[^\W\d_]+")


def _suffix_keys(suffixes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(suffix).translate(_KEY) for suffix in suffixes)


def name_key(text: str) -> str:
    """The lookup key: case, `ё`, Kazakh letters and `ы`/`і` folded (`Жетысу` = `Жетісу`).

    One character for one, so a key's length is the text's length."""
    key = fold(text).translate(_KEY)
    return key if len(key) == len(text) else "".join(name_key(ch)[:1] or ch for ch in text)


def token_key(token: str) -> str:
    """The key of a word as found in text; Latin look-alikes inside a Cyrillic word
    (`Аlatau`, `Aлматы`) are read as Cyrillic."""
    if _HAS_LATIN.search(token) and _HAS_CYRILLIC.search(token):
        token = token.translate(_LATIN_LOOKALIKES)
    return name_key(token)


KK_SUFFIX_KEYS = _suffix_keys(KK_SUFFIXES)
KK_ABLATIVE_KEYS = _suffix_keys(KK_ABLATIVE)
KK_DATIVE_KEYS = _suffix_keys(KK_DATIVE)


@dataclass(frozen=True)
class Place:
    """A place the gazetteer knows: region code, level and canonical names."""

    region: str
    level: str
    name_ru: str
    name_kk: str
    kato: str = ""


@dataclass(frozen=True)
class Word:
    stem: str                   # key of the part that does not change
    endings: frozenset[str]     # keys of the endings it may take ("" = as it is)
    nominative: str             # the nominative ending as written, to rebuild the name


@dataclass(frozen=True)
class Entry:
    """One way of writing a place: its words, and what must stand next to them."""

    words: tuple[Word, ...]
    place: Place
    accepts: frozenset[str]     # noun classes that may stand next to it (`область`, `ауылы`)
    solo: bool                  # may stand without such a noun
    abbreviation: bool = False  # `ВКО`: matched upper-case, as written
    renamed: bool = False       # a historic form: name the place by its present name
    noun_ru: str = ""           # `район`/`область` in the canonical name, and where
    noun_kk: str = ""
    noun_first: bool = False    # `район Биржан сал`, `область Жетісу`


@dataclass(frozen=True)
class Token:
    start: int
    stop: int
    key: str


@dataclass(frozen=True)
class NameMatch:
    """A name found in text: its words' span and every entry that reads it so."""

    start: int
    stop: int
    entries: tuple[Entry, ...]
    ending: str                 # key of the ending on the last word (`дан`, `е`, "")
    written: str                # the name rebuilt in the nominative, as written


def russian_paradigm(word: str) -> tuple[int, tuple[str, ...]]:
    """(stem length, endings) of a Russian word given in the nominative."""
    low = word.lower()
    size = len(low)
    if size > 4 and low.endswith(("ая", "яя")):
        return size - 2, _RU_ADJ_FEM
    if size > 4 and (low.endswith(("ий", "ый")) or low.endswith(("ской", "цкой"))):
        return size - 2, _RU_ADJ_MASC
    if size > 4 and low.endswith(("ое", "ее")):
        return size - 2, _RU_ADJ_NEUT
    last = low[-1]
    if last == "а":
        return size - 1, _RU_NOUN_A
    if last == "я":
        return size - 1, _RU_NOUN_YA
    if last == "ь":
        return size - 1, _RU_NOUN_SOFT
    if last == "й" and size > 2 and low[-2] in _VOWELS:
        return size - 1, _RU_NOUN_J
    if low.endswith(("ово", "ево", "ино")):
        return size - 1, _RU_NOUN_O
    if _CONSONANT_END.search(low):
        return size, _RU_NOUN_HARD
    if last == "ы" and size > 4 and _CONSONANT_END.search(low[:-1]):
        return size - 1, _RU_PLURAL
    return size, ("",)


def make_words(name: str, abbreviation: bool = False) -> tuple[Word, ...]:
    """The words of a name with their stems and endings; the last also takes Kazakh suffixes."""
    parts = [part for part in _WORD_SPLIT.split(name.strip()) if part]
    words = []
    for position, part in enumerate(parts):
        if abbreviation:
            stem_size, endings = len(part), ("",)
        else:
            stem_size, endings = russian_paradigm(part)
        nominative = part[stem_size:]
        last = position == len(parts) - 1 and not abbreviation
        words.append(Word(name_key(part[:stem_size]), ending_keys(endings, nominative.lower(), last),
                          nominative))
    return tuple(words)


@lru_cache(maxsize=256)
def ending_keys(endings: tuple[str, ...], nominative: str, with_kazakh: bool) -> frozenset[str]:
    """Keys of a word's Russian endings, and of its Kazakh case suffixes when it ends a name."""
    keys = {name_key(ending) for ending in endings}
    if with_kazakh:
        keys |= {name_key(nominative + suffix) for suffix in KK_SUFFIXES}
    return frozenset(keys)


# --- reading the data files ------------------------------------------------------------

_RU_NOUN_BEFORE = re.compile(r"^(?P<noun>область|район имени|район) (?P<name>.+)$")
_RU_NOUN_AFTER = re.compile(r"^(?P<name>.+) (?P<noun>область|район)$")
_KK_NOUN_AFTER = re.compile(r"^(?P<name>.+) (?P<noun>облысы|ауданы)$")


def accepted_nouns(place: Place) -> frozenset[str]:
    if place.level == "region":
        return frozenset({"city"} if place.region in CITY_REGIONS else {"region"})
    return frozenset({place.level})


def split_noun(name: str) -> tuple[str, str, bool]:
    """(bare name, `область`/`район`/`облысы`/`ауданы` or "", whether the noun comes first)."""
    match = _RU_NOUN_BEFORE.match(name)
    if match:
        return match.group("name"), match.group("noun"), True
    match = _RU_NOUN_AFTER.match(name) or _KK_NOUN_AFTER.match(name)
    if match:
        return match.group("name"), match.group("noun"), False
    return name, "", False


def place_entries(place: Place, solo: bool, blocked: frozenset[str]) -> Iterator[Entry]:
    """Entries for a place's Russian and Kazakh names."""
    seen: set[tuple[str, ...]] = set()
    for language, name in (("ru", place.name_ru), ("kk", place.name_kk)):
        bare, noun, noun_first = split_noun(name)
        words = make_words(bare)
        identity = (*words, noun)
        if identity in seen:
            continue
        seen.add(identity)
        yield Entry(
            words, place, accepted_nouns(place),
            solo=solo and not noun and name_key(bare) not in blocked,
            noun_ru=noun if language == "ru" else "",
            noun_kk=noun if language == "kk" else "",
            noun_first=noun_first,
        )


def alias_entry(row: list[str]) -> Entry | None:
    form, region, level, kind = row[:4]
    if kind == "context":
        return None
    name_ru = row[4] if len(row) > 4 else ""
    name_kk = row[5] if len(row) > 5 else ""
    place = Place(region, level, name_ru or form, name_kk or form)
    abbreviation = kind == "abbr"
    return Entry(
        make_words(form, abbreviation), place, accepted_nouns(place),
        solo=kind in ("solo", "abbr"), abbreviation=abbreviation, renamed=bool(name_ru),
        noun_ru="район" if level == "district" else "",
    )


@dataclass(frozen=True)
class Gazetteer:
    places: tuple[Place, ...]
    entries: tuple[Entry, ...]
    index: dict[str, tuple[Entry, ...]]       # first word's stem -> entries
    abbreviations: dict[str, tuple[Entry, ...]]

    def lookup(self, key: str) -> Iterator[tuple[Entry, str]]:
        """Entries whose first word reads `key` (stem + allowed ending), with the ending."""
        size = len(key)
        for cut in range(min(MAX_ENDING, size - 2) + 1):
            stem, ending = key[: size - cut], key[size - cut:]
            for entry in self.index.get(stem, ()):
                if ending in entry.words[0].endings:
                    yield entry, ending

    def match_at(self, scan: TextScan, word: Token, query: bool = False) -> NameMatch | None:
        """The longest name starting with `word`, with all entries that read it so."""
        raw = scan.text[word.start:word.stop]
        best: list[tuple[Entry, str]] = []
        best_words: list[Token] = []
        if raw.isupper() and raw in self.abbreviations:
            best, best_words = [(e, "") for e in self.abbreviations[raw]], [word]
        if query or raw[0].isupper():
            for entry, ending in self.lookup(word.key):
                if entry.abbreviation:
                    continue
                found = self._rest(scan, word, entry, ending)
                if found is None:
                    continue
                words, last_ending = found
                if len(words) > len(best_words):
                    best, best_words = [(entry, last_ending)], words
                elif len(words) == len(best_words):
                    best.append((entry, last_ending))
        if not best:
            return None
        if query:
            # What users type is a nominative: `Акмола` is the region, not `Акмол` + genitive.
            as_typed = [(e, end) for e, end in best if end == name_key(e.words[-1].nominative)]
            best = as_typed or best
        entries = tuple(dict.fromkeys(entry for entry, _ in best))
        ending = best[0][1]
        written = rebuild_nominative(scan.text, best_words, entries[0])
        stop = best_words[-1].stop
        suffix = scan.hyphen_suffix(stop)
        if suffix is not None:
            stop, ending = suffix.stop, suffix.key
        return NameMatch(word.start, stop, entries, ending, written)

    def _rest(self, scan: TextScan, first: Token, entry: Entry, ending: str
              ) -> tuple[list[Token], str] | None:
        """Match the entry's words after the first: (the words, the last one's ending)."""
        words = [first]
        for word in entry.words[1:]:
            nxt = scan.next_word(words[-1].stop)
            if nxt is None:
                return None
            key = nxt.key
            if not key.startswith(word.stem) or key[len(word.stem):] not in word.endings:
                return None
            words.append(nxt)
            ending = key[len(word.stem):]
        return words, ending


_NEXT_WORD = re.compile(r"(?:[ \t\u00a0\n]{1,3}|[-‑])([^\W\d_]+)")
_HYPHEN_WORD = re.compile(r"[-‑]([^\W\d_]+)")
_CAPITALISED = re.compile(r"(?<![^\W\d_])[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][^\W\d_]*")


class TextScan:
    """A text handing out its words, keyed, on demand: only a few are ever looked up."""

    def __init__(self, text: str) -> None:
        self.text = text

    def token(self, start: int, stop: int) -> Token:
        return Token(start, stop, token_key(self.text[start:stop]))

    def words(self, query: bool = False) -> Iterator[Token]:
        """Capitalised words (any word for a query): where a name can start."""
        pattern = TOKEN if query else _CAPITALISED
        for match in pattern.finditer(self.text):
            yield self.token(*match.span())

    def next_word(self, stop: int) -> Token | None:
        """The word right after `stop` when only a hyphen or a little space separates them."""
        match = _NEXT_WORD.match(self.text, stop)
        return self.token(*match.span(1)) if match else None

    def hyphen_suffix(self, stop: int) -> Token | None:
        """`ШҚО-да`, `Нұр-Сұлтан-ға`: a Kazakh case suffix written after a hyphen."""
        match = _HYPHEN_WORD.match(self.text, stop)
        if match is None:
            return None
        token = self.token(*match.span(1))
        return token if token.key in KK_SUFFIX_KEYS else None


def rebuild_nominative(text: str, tokens: list[Token], entry: Entry) -> str:
    """The name as the text writes it, put back in the nominative (`Талдыкоргане` → `Талдыкорган`)."""
    parts = []
    for token, word in zip(tokens, entry.words, strict=False):
        written = text[token.start:token.start + len(word.stem)]
        if written.isupper() and len(written) > 1 and not entry.abbreviation:
            written = written[0] + written[1:].lower()
        parts.append(written + word.nominative)
    separators = [text[a.stop:b.start] for a, b in pairwise(tokens)]
    name = parts[0]
    for separator, part in zip(separators, parts[1:], strict=False):
        name += ("-" if "-" in separator or "‑" in separator else " ") + part
    return name


def find_names(text: str, query: bool = False) -> list[NameMatch]:
    """Every name in the text, longest first at each word, not overlapping."""
    gazetteer = load()
    scan = TextScan(text)
    found: list[NameMatch] = []
    for word in scan.words(query):
        if found and word.start < found[-1].stop:
            continue
        match = gazetteer.match_at(scan, word, query)
        if match is not None:
            found.append(match)
    return found


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    data = resources.files("digest.data")
    alias_rows = read_table(data / "region_aliases.tsv")
    blocked = frozenset(name_key(row[0]) for row in alias_rows if row[3] == "context")
    places: list[Place] = []
    entries: list[Entry] = []
    for kato, region, level, name_ru, name_kk, solo in read_table(data / "gazetteer.tsv"):
        place = Place(region, level, name_ru, name_kk, kato)
        places.append(place)
        entries.extend(place_entries(place, solo == "1", blocked))
    abbreviations: dict[str, list[Entry]] = defaultdict(list)
    for row in alias_rows:
        entry = alias_entry(row)
        if entry is not None and entry.abbreviation:
            abbreviations[row[0]].append(entry)
        elif entry is not None:
            entries.append(entry)
    index: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        index[entry.words[0].stem].append(entry)
    return Gazetteer(
        tuple(places), tuple(entries),
        {k: tuple(v) for k, v in index.items()},
        {k: tuple(v) for k, v in abbreviations.items()},
    )
