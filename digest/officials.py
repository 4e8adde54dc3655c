"""Officials: people holding public office named in an article, with role and region.

Built bottom-up like the other extractors:
1. Person names: a run of capitalised words ending in a surname (`-ов`, `-ев`, `-ин`,
   `-ұлы`, ... or a surname of `officials.tsv`), opened by a known first name or an
   initial (`Марат Султангазиев`, `М. Султангазиев`, `Қасым-Жомарт Кемелұлы Тоқаев`).
2. The name in the nominative: Russian endings follow the case the first name or the
   surname shows (`Марата Султангазиева`, `Касым-Жомарту Токаеву`); Kazakh case
   endings come off the last word (`Сұлтанғазиевтің`, `Тоқаевқа`).
3. The office next to the name, from `positions.tsv`: before it (`аким области`,
   `Алматы облысының әкімі`, `принял акима Алматинской области`) or after it as an
   apposition (`Марат Султангазиев, аким области,`). Heads that are not an office by
   themselves (председатель, басшысы, депутат) need a state body nearby and no
   company (`председатель правления АО` is business).
4. `officials.tsv` resolves bare surnames and roles the text gives elsewhere
   (`Глава государства ... Касым-Жомарту Токаеву` is the President), and makes a
   listed office holder an official even when the text names no office.

A person is one official across cases and languages: mentions share the folded
surname key of the contract, and a listed official the key of its row.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from digest.folding import fold
from digest.gazetteer import CITY_REGIONS
from digest.model import Official, PlaceMention
from digest.morph import agree_adjective, part_of_speech
from digest.regions import region_name
from digest.vocabulary import read_lines, read_table

DEBUG = bool(os.environ.get("KZDIGEST_DEBUG_OFFICIALS"))

# --- data -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Position:
    language: str
    stem: str
    head: str
    office: str
    scope: str            # national | regional | body


@dataclass(frozen=True)
class ListedOfficial:
    """A row of `officials.tsv`."""

    key: str
    name_ru: str
    name_kk: str
    office: str
    role_ru: str
    role_kk: str
    region: str | None
    source: str

    def name(self, language: str) -> str:
        return self.name_kk if language == "kk" else self.name_ru

    def role(self, language: str) -> str:
        return self.role_kk if language == "kk" else self.role_ru


def _data(name: str) -> resources.abc.Traversable:
    return resources.files("digest.data").joinpath(name)


@lru_cache(maxsize=1)
def positions() -> tuple[Position, ...]:
    rows = (Position(*row[:5]) for row in read_table(_data("positions.tsv")))
    # The longest stem first: `вице-министр` before `министр`.
    return tuple(sorted(rows, key=lambda p: -len(p.stem)))


@lru_cache(maxsize=1)
def listed_officials() -> tuple[ListedOfficial, ...]:
    return tuple(
        ListedOfficial(key, ru, kk, office, role_ru, role_kk, region or None, source)
        for key, ru, kk, office, role_ru, role_kk, region, source in read_table(_data("officials.tsv"))
    )


@lru_cache(maxsize=1)
def _listed_by_surname() -> dict[str, ListedOfficial]:
    """Folded Russian and Kazakh surnames of listed officials -> the row."""
    index: dict[str, ListedOfficial] = {}
    for row in listed_officials():
        for name in (row.name_ru, row.name_kk):
            index[surname_key(name)] = row
    return index


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    names = set(read_lines(_data("first_names.txt")))
    for row in listed_officials():
        for name in (row.name_ru, row.name_kk):
            names.add(fold(name.split()[0]))
    return frozenset(names)


@lru_cache(maxsize=1)
def state_bodies() -> tuple[tuple[str, str], ...]:
    """(stem, scope) of the words that name a state body (`министерств`, `акимат`)."""
    return tuple((stem, scope) for stem, scope in read_table(_data("state_bodies.tsv")))


@lru_cache(maxsize=1)
def _not_state_bodies() -> tuple[str, ...]:
    return tuple(read_lines(_data("not_state_bodies.txt")))


# --- keys -----------------------------------------------------------------------------------

def surname_key(name: str) -> str:
    """The contract's comparison key: the folded last word of a name."""
    words = name.split()
    return fold(words[-1]) if words else ""


def official_key(name: str) -> str:
    """One key per person across cases and languages: a listed official's row key
    (`Бозымбаев` and `Бозумбаев` are one), else the folded nominative surname."""
    words = name.split()
    if not words:
        return ""
    surname = words[-1]
    for candidate in (surname, nominative_surname(surname, "kk"), nominative_surname(surname, "ru")):
        row = _listed_by_surname().get(fold(candidate))
        if row is not None:
            return row.key
    return fold(surname)


def resolve_official(query: str) -> list[ListedOfficial]:
    """Listed officials a user's query names by surname, in any case or language:
    `Султангазиев`, `Сұлтанғазиевтің`, `Токаева`."""
    found: dict[str, ListedOfficial] = {}
    for word in WORD.findall(query):
        for candidate in (word, nominative_surname(word, "kk"), nominative_surname(word, "ru")):
            row = _listed_by_surname().get(fold(candidate))
            if row is not None:
                found.setdefault(row.key, row)
    return list(found.values())


# --- 1. person names ------------------------------------------------------------------------

_UPPER = "А-ЯЁӘҒҚҢӨҰҮҺІ"
_LOWER = "а-яёәғқңөұүһі"
_CAP = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
WORD = re.compile(rf"[{_UPPER}{_LOWER}]+(?:-[{_UPPER}{_LOWER}]+)*")
# Two to four capitalised words on one line, or an initial and a surname.
_NAME_RUN = re.compile(
    rf"(?<![\w.-])(?:{_CAP}(?:[ \u00a0]+{_CAP}){{1,3}}|[{_UPPER}]\.[ \u00a0]?{_CAP})(?![\w-])"
)
_SURNAME_SHAPE = re.compile(
    r"(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|цкий|ская|цкая|ұлы|улы|қызы|кызы|уулу)$"
)
_PATRONYMIC = re.compile(r"(?:ович|евич|овна|евна|ұлы|улы|қызы|кызы)$")
_INITIAL = re.compile(rf"^[{_UPPER}]\.$")

# Kazakh case endings on a surname, longest first (`-тың`, `-қа`, `-пен`, `-нан`...).
_KK_ENDINGS = tuple(sorted(
    ("ның", "нің", "дың", "дің", "тың", "тің", "ға", "ге", "қа", "ке", "на", "не", "ны", "ні",
     "ды", "ді", "ты", "ті", "да", "де", "та", "те", "нда", "нде", "дан", "ден", "тан", "тен",
     "нан", "нен", "мен", "бен", "пен", "ымен", "імен"),
    key=len, reverse=True,
))
# Russian endings of a declined masculine surname: ending -> case.
_RU_MASC = (("ыми", ""), ("ым", "ablt"), ("ом", "ablt"), ("у", "datv"), ("а", "gent"), ("е", "loct"))


@dataclass(frozen=True)
class PersonName:
    start: int
    stop: int
    text: str
    name: str              # nominative, "First Last" (or the surname alone)
    key: str
    listed: ListedOfficial | None
    has_first: bool


def _is_surname(word: str) -> bool:
    folded = fold(word)
    return bool(_SURNAME_SHAPE.search(word.lower())) or folded in _listed_by_surname()


def _strip_kk(word: str) -> str:
    lower = word.lower()
    for ending in _KK_ENDINGS:
        stem = word[: -len(ending)]
        if lower.endswith(ending) and len(stem) >= 4 and (
            _SURNAME_SHAPE.search(stem.lower()) or fold(stem) in _listed_by_surname()
        ):
            return stem
    return word


def _strip_ru(word: str) -> tuple[str, str | None]:
    """A Russian surname in the nominative and the case it was in (None: nominative or unknown)."""
    lower = word.lower()
    if fold(word) in _listed_by_surname() or re.search(r"(?:ов|ев|ёв|ин|ын)$", lower):
        return word, None
    for stem_end in ("ов", "ев", "ёв", "ин", "ын"):
        for ending, case in _RU_MASC:
            if lower.endswith(stem_end + ending):
                return word[: -len(ending)], case
    if re.search(r"(?:ов|ев|ин|ын)ой$", lower):       # a woman's surname in an oblique case
        return word[:-2] + "а", "fem"
    if re.search(r"(?:ов|ев|ин|ын)у$", lower):
        return word[:-1] + "а", "fem"
    for ending, nominative in (("ского", "ский"), ("скому", "ский"), ("ским", "ский"), ("ском", "ский"),
                               ("ской", "ская"), ("скую", "ская")):
        if lower.endswith(ending):
            return word[: -len(ending)] + nominative, "adj"
    for ending, _ in _RU_MASC:                      # a listed surname declined (`Касымбека`)
        stem = word[: -len(ending)]
        if lower.endswith(ending) and fold(stem) in _listed_by_surname():
            return stem, "listed"
    return word, None


def nominative_surname(word: str, language: str) -> str:
    return _strip_kk(word) if language == "kk" else _strip_ru(word)[0]


_RU_FIRST_ENDINGS = {"gent": ("а", "я"), "datv": ("у", "ю"), "ablt": ("ом", "ем", "ём"), "loct": ("е",)}


def _first_name_nominative(word: str, case: str | None) -> str:
    """`Марата` -> `Марат`, `Касым-Жомарту` -> `Касым-Жомарт` when the case is known;
    a first name that is itself known in the nominative is left alone."""
    head, _, last = word.rpartition("-")
    if fold(word) in first_names() or case not in _RU_FIRST_ENDINGS:
        return word
    for ending in _RU_FIRST_ENDINGS[case]:
        if last.lower().endswith(ending) and len(last) > len(ending) + 2:
            stem = last[: -len(ending)]
            return f"{head}-{stem}" if head else stem
    return word


def _russian_case_from_first(first: str) -> str | None:
    """The case a declined first name shows: `Марата` (known `марат` + `а`) is genitive."""
    folded = fold(first)
    if folded in first_names():
        return None
    for case, endings in _RU_FIRST_ENDINGS.items():
        for ending in endings:
            if folded.endswith(ending) and folded[: -len(ending)] in first_names():
                return case
    return None


def _is_first_name(word: str, language: str) -> bool:
    folded = fold(word)
    if folded in first_names():
        return True
    if language == "ru":
        return _russian_case_from_first(word) is not None
    return False


def _normalise(words: list[str], language: str) -> tuple[str, str]:
    """(nominative name, folded surname) of a person's words, the surname last."""
    surname = words[-1]
    if language == "kk":
        return " ".join([*words[:-1], _strip_kk(surname)]), fold(_strip_kk(surname))
    nominative, case = _strip_ru(surname)
    first_case = _russian_case_from_first(words[0]) if len(words) > 1 else None
    if surname.lower().endswith(("ова", "ева", "ёва", "ина", "ына")):
        if first_case == "gent":                     # `Марата Султангазиева`: a man, genitive
            nominative, case = surname[:-1], "gent"
        else:                                        # `Айгуль Ахметова`: a woman
            nominative, case = surname, None
    case = case or first_case
    rest = [w if _INITIAL.match(w) else _first_name_nominative(w, case) for w in words[:-1]]
    return " ".join([*rest, nominative]), fold(nominative)


def find_names(text: str, language: str) -> list[PersonName]:
    """Person names in the text: first name (or initial) and surname, with an optional
    patronymic; a run that is not a person (a place, an organisation) is skipped."""
    found: list[PersonName] = []
    for match in _NAME_RUN.finditer(text):
        words = match.group().replace("\u00a0", " ").split()
        person = _person_in_run(words, language)
        ordered = None
        if person is None:
            person = _surname_first(words, language)
            if person is None:
                continue
            # `Ахметов Нурлан Серикович`, as documents write it: the surname goes last.
            ordered = [*words[person[0] + 1:person[1] + 1], words[person[0]]]
        first_index, last_index = person
        start = match.start() + _offset(match.group(), words, first_index)
        stop = match.start() + _offset(match.group(), words, last_index) + len(words[last_index])
        name, key = _normalise(ordered or words[first_index:last_index + 1], language)
        listed = _listed_by_surname().get(key)
        if listed is not None and _names_listed_first(words[first_index], listed, language):
            name = listed.name(language)   # `Жениса Касымбека`: the listed name, first name and all
        found.append(PersonName(start, stop, text[start:stop], name, listed.key if listed else key,
                                listed, has_first=True))
    return found


def _names_listed_first(word: str, listed: ListedOfficial, language: str) -> bool:
    """The first name is the listed official's, in some case (`Жениса` for `Женис`)."""
    return fold(word).startswith(fold(listed.name(language).split()[0]))


def _offset(run: str, words: list[str], index: int) -> int:
    position = 0
    for word in words[:index]:
        position = run.index(word, position) + len(word)
    return run.index(words[index], position)


def _person_in_run(words: list[str], language: str) -> tuple[int, int] | None:
    """Indexes of the first and last word of the person in a run of capitalised words."""
    for last in range(len(words) - 1, 0, -1):
        surname = _strip_kk(words[last]) if language == "kk" else _strip_ru(words[last])[0]
        if not _is_surname(surname) and not _is_surname(words[last]):
            continue
        first = last - 1
        if first >= 1 and _PATRONYMIC.search(words[first].lower()) and not _is_surname_only(words[first]):
            first -= 1
        if _INITIAL.match(words[first]) or _is_first_name(words[first], language) or _may_be_first_name(
                words[first], language) or _first_name_shaped_like_surname(words[first], surname):
            return first, last
        patronymic = _PATRONYMIC.search(words[first].lower())
        if patronymic and first >= 1 and _is_first_name(words[first - 1], language):
            return first - 1, last
        return None
    # A surname without a surname shape after a known first name (`Дархан Сатыбалды`,
    # `Айдос Сарым`): a person, an official only if an office stands next to it.
    if len(words) >= 2 and _is_first_name(words[-2], language):
        return len(words) - 2, len(words) - 1
    return None


def _surname_first(words: list[str], language: str) -> tuple[int, int] | None:
    """`Ахметов Нурлан` or `Ахметов Нурлан Серикович`: a nominative surname, then a known
    first name and an optional patronymic."""
    for index in range(len(words) - 1):
        surname, first = words[index], words[index + 1]
        if re.search(r"(?:ов|ев|ин|ова|ева|ина)$", surname.lower()) and fold(first) in first_names():
            if index + 2 < len(words) and _PATRONYMIC.search(words[index + 2].lower()):
                return index, index + 2
            return index, index + 1
    return None


_WEAK_SURNAME_SHAPE = re.compile(r"(?:ин|ын)$")
_STRONG_SURNAME_SHAPE = re.compile(r"(?:ов|ев|ёв|ова|ева|ёва|ский|цкий|ская|цкая|ұлы|улы|қызы|кызы)$")


def _first_name_shaped_like_surname(word: str, surname: str) -> bool:
    """`Ерсайын Нагаспаев`: a first name ending like a surname (`-ин`, `-ын`) before a word that
    can only be a surname; of two such words the first is the first name."""
    return (
        bool(_WEAK_SURNAME_SHAPE.search(word.lower()) and _STRONG_SURNAME_SHAPE.search(surname.lower()))
        and _position_at(word, "ru") is None and _position_at(word, "kk") is None
        and fold(word) not in _stopwords()
    )


def _may_be_first_name(word: str, language: str) -> bool:
    """An unknown word before a surname is a first name unless it is an office, a
    surname itself or a common capitalised word (`Аким`, `Глава`, `Бүгін`)."""
    return (
        _position_at(word, language) is None
        and not _SURNAME_SHAPE.search(word.lower())
        and fold(word) not in _stopwords()
        and len(word) >= 3
    )


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(fold(word) for word in read_lines(_data("name_stopwords.txt")))


def _is_surname_only(word: str) -> bool:
    return bool(re.search(r"(?:ов|ев|ин)$", word.lower()))


_BARE_SURNAME = re.compile(rf"(?<![\w.-]){_CAP}(?![\w-])")


def find_bare_surnames(text: str, language: str, taken: Sequence[PersonName]) -> list[PersonName]:
    """A listed official named by surname alone (`аким Султангазиев`, `Тоқаевтың`)."""
    covered = [(p.start, p.stop) for p in taken]
    found: list[PersonName] = []
    for match in _BARE_SURNAME.finditer(text):
        if any(start <= match.start() < stop for start, stop in covered):
            continue
        word = match.group()
        stem = _strip_kk(word) if language == "kk" else _strip_ru(word)[0]
        listed = _listed_by_surname().get(fold(stem))
        if listed is None or (not _SURNAME_SHAPE.search(stem.lower()) and fold(stem) != listed.key):
            continue
        found.append(PersonName(match.start(), match.end(), word, stem, listed.key, listed, has_first=False))
    return found


# --- 3. the office next to a name -------------------------------------------------------------

@dataclass(frozen=True)
class Role:
    text: str
    office: str
    scope: str              # national | regional
    start: int
    stop: int


_SENTENCE_BREAK = re.compile(r"[.!?;:\n«»\"“”()—–]|\s-\s")
_ROLE_WINDOW = 140
_ROLE_WORDS_RU = 10
_ROLE_WORDS_KK = 6
_WORD_SPAN = re.compile(rf"[{_UPPER}{_LOWER}A-Za-z0-9]+(?:[-.][{_UPPER}{_LOWER}A-Za-z0-9]+)*\.?")
_KK_GENITIVE = re.compile(r"(?:ның|нің|дың|дің|тың|тің)$")
_KK_COMPLEMENT = re.compile(
    r"^(?:облыс|облыстық|аудан|аудандық|қала|қалалық|ауыл|ауылдық|және|істер|ісі|даму|"
    r"министрлі|комитет|басқарма|департамент|агенттіг|палата|мәслихат|мәжіліс|сенат|үкімет|"
    r"ғылым|білім|сақтау|қорғау|саясат|экономика|қаржы|энергетика|ресурстар|шаруашылығы|"
    r"бірінші|аппарат|әкімдік|әкімшілік)"
)


# A Russian head takes a noun's case ending and nothing more: `председателя` is the office,
# `председательством` ("chaired by") and `акимат` (the akim's office) are other words.
_RU_HEAD_ENDING = re.compile(r"(?:ь|я|ю|ем|ём|е|и|ей|ям|ями|ях|а|у|ом|ы|ов|ам|ами|ах|ой|ою)?")


_KK_TERRITORY = re.compile(r"^(?:облыс|аудан|қала|ауыл|өңір|елді)")
_KK_TERRITORY_ADJECTIVE = re.compile(r"^(?:облыстық|аудандық|қалалық)$")
# Compass words that open a region's name: `Батыс Қазақстан`, `Солтүстік Қазақстан`.
_KK_COMPASS = frozenset({"батыс", "шығыс", "солтүстік", "оңтүстік"})
_KK_INSTRUMENTAL = ("мен", "бен", "пен")
_KK_PARTICIPLE = ("ған", "ген", "қан", "кен", "атын", "етін", "йтын", "йтін")
# Heads whose complement is a ministry's proper name.
_KK_MINISTRY_HEADS = frozenset({"minister", "vice_minister"})


def _position_at(word: str, language: str) -> Position | None:
    lower = word.lower()
    for position in positions():
        if position.language == language and lower.startswith(position.stem) and (
            len(lower) - len(position.stem) <= 6
        ) and (language != "ru" or _RU_HEAD_ENDING.fullmatch(lower, len(position.stem))):
            return position
    return None


def _words_between(text: str, start: int, stop: int) -> list[re.Match[str]]:
    return list(_WORD_SPAN.finditer(text, start, stop))


def _clause_start(text: str, position: int) -> int:
    window_start = max(0, position - _ROLE_WINDOW)
    breaks = list(_SENTENCE_BREAK.finditer(text, window_start, position))
    return breaks[-1].end() if breaks else window_start


def role_before(text: str, person: PersonName, language: str) -> Role | None:
    start = _clause_start(text, person.start)
    gap = text[start:person.start]
    if gap.rstrip().endswith(","):                     # `Бектенов, аким ...` is not before the name
        return None
    words = _words_between(text, start, person.start)
    return _role_before_ru(text, words, person) if language != "kk" else _role_before_kk(text, words, person)


def _role_before_ru(text: str, words: list[re.Match[str]], person: PersonName) -> Role | None:
    # The head closest to the name with at most a few complement words after it.
    for index in range(len(words) - 1, max(-1, len(words) - 1 - _ROLE_WORDS_RU), -1):
        position = _position_at(words[index].group(), "ru")
        if position is None:
            if not _complement_word_ru(words[index].group()):
                return None               # `Аким провел встречу с Ерланом ...`: a verb between
            continue
        first = _extend_head_back(words, index, "ru")
        # The role's own head is its first office word: `заместитель` in `заместитель акима`.
        head_index = next(i for i in range(first, index + 1) if _position_at(words[i].group(), "ru"))
        head = _position_at(words[head_index].group(), "ru") or position
        if head.scope == "body" and position.scope != "body":
            head = Position(head.language, head.stem, head.head, head.office, position.scope)
        return _make_role(text, words[first].start(), words[-1].end(), head, "ru", first, head_index, words)
    return None


_COMPLEMENT_POS = frozenset({"NOUN", "ADJF", "PRTF", "NUMR"})
_COMPLEMENT_WORDS = frozenset({"и", "по", "при", "в", "во", "г.", "им.", "имени"})


def _complement_word_ru(word: str) -> bool:
    """A word that may stand between a Russian head and the name: `министр по чрезвычайным
    ситуациям`, `председатель Агентства при Президенте`, `аким г. Алматы`; not a verb,
    not `с`, `для`, `который`."""
    lower = word.lower()
    if lower in _COMPLEMENT_WORDS or word[0].isupper() or not word.isalpha():
        return True
    return part_of_speech(lower) in _COMPLEMENT_POS


def _extend_head_back(words: list[re.Match[str]], index: int, language: str) -> int:
    """`заместитель акима`, `первый заместитель`, `исполняющий обязанности`: the role opens
    with the deputy's title when one precedes the head."""
    while index > 0:
        previous = words[index - 1].group().lower()
        if language == "ru" and (
            previous in _role_modifiers()
            or (_position_at(previous, "ru") is not None and _position_at(previous, "ru").scope == "body")
        ):
            index -= 1
            continue
        break
    return index


@lru_cache(maxsize=1)
def _role_modifiers() -> frozenset[str]:
    return frozenset(read_lines(_data("role_modifiers.txt")))


def _role_before_kk(text: str, words: list[re.Match[str]], person: PersonName) -> Role | None:
    if not words:
        return None
    last = words[-1]
    position = _position_at(last.group(), "kk")
    if position is None:
        return None
    index = len(words) - 1
    # The complement before a Kazakh head: genitives, known complement words and the
    # proper name that opens it (`Алматы облысының әкімі`, `Білім және ғылым министрі`).
    while index > 0 and len(words) - index <= _ROLE_WORDS_KK:
        previous = words[index - 1].group()
        lower = previous.lower()
        if previous[0].isupper():
            index -= 1
            before = words[index - 1] if index > 0 else None
            if before is not None and before.group()[0].isupper() and _position_at(
                    before.group(), "kk") is None and (not _is_sentence_start(text, before)
                                                       or before.group().lower() in _KK_COMPASS):
                index -= 1  # `Батыс Қазақстан облысының әкімі` even when `Батыс` opens the sentence
            break
        if _KK_GENITIVE.search(lower) or _KK_COMPLEMENT.match(lower) or _position_at(lower, "kk"):
            index -= 1
            continue
        index = _kk_long_body_start(words, index, position)
        break
    # `«Caspian Group» АҚ директорлар кеңесінің төрағасы`: a company's board, not a state body.
    if _is_business(w.group().lower() for w in words[max(0, index - 4):]):
        return None
    return _make_role(text, words[index].start(), last.end(), position, "kk", index, len(words) - 1, words)


_ROLE_WORDS_KK_LONG = 12
# Oblique case endings: a word in one is not part of a body's name (`жиында`, `қалаға`).
_KK_OBLIQUE = ("ға", "ге", "қа", "ке", "да", "де", "та", "те", "дан", "ден", "тан", "тен", "нан", "нен",
               "мен", "бен", "пен")


def _kk_long_body_start(words: list[re.Match[str]], index: int, position: Position) -> int:
    """`Астана қаласы жолаушылар көлігі және автомобиль жолдары басқармасының басшысы`: a body's
    long name reaches back to the town or region that owns it, or to the `облыстық` / `аудандық`
    that opens it (`облыстық туризм басқармасының басшысы`); a minister's to the capitalised
    word that opens the ministry's name (`Төтенше жағдайлар министрі`, `Еңбек және халықты
    әлеуметтік қорғау вице-министрі`). Without one the role stays short."""
    cursor = index
    while cursor >= 1 and len(words) - cursor < _ROLE_WORDS_KK_LONG:
        word = words[cursor - 1].group()
        lower = word.lower()
        if _KK_TERRITORY_ADJECTIVE.match(lower):
            return cursor - 1
        if cursor >= 2 and _KK_TERRITORY.match(lower) and words[cursor - 2].group()[0].isupper():
            return cursor - 2
        # An instrumental belongs to a body's name (`жұмыспен қамтуды үйлестіру`); other oblique
        # cases and participles are the sentence around it (`Ақтөбеге барған`).
        oblique = lower.endswith(_KK_OBLIQUE) and not lower.endswith(_KK_INSTRUMENTAL)
        if oblique or lower.endswith(_KK_PARTICIPLE):
            return index
        if word[0].isupper():
            return cursor - 1 if position.office in _KK_MINISTRY_HEADS else index
        cursor -= 1
    return index


def _is_sentence_start(text: str, word: re.Match[str]) -> bool:
    before = text[max(0, word.start() - 3):word.start()]
    return not before.strip() or before.rstrip()[-1:] in ".!?\n"


def role_after(text: str, person: PersonName, language: str) -> Role | None:
    """An apposition: `Марат Султангазиев, аким Алматинской области,`."""
    match = re.match(r"[ \u00a0]*,[ \u00a0]*", text[person.stop:])
    if not match:
        return None
    start = person.stop + match.end()
    end_match = re.search(r"[,.;:!?()\n«»\"]|\s[–—-]\s", text[start:start + _ROLE_WINDOW])
    stop = start + (end_match.start() if end_match else min(_ROLE_WINDOW, len(text) - start))
    words = _words_between(text, start, stop)
    if not words or len(words) > _ROLE_WORDS_RU:
        return None
    if language == "kk":
        head = next((i for i in range(len(words) - 1, -1, -1) if _position_at(words[i].group(), "kk")), None)
        if head is None or head != len(words) - 1:
            return None
        return _make_role(text, words[0].start(), words[-1].end(), _position_at(words[head].group(), "kk"),
                          "kk", 0, head, words)
    position = _position_at(words[0].group(), "ru")
    if position is None or not all(_complement_word_ru(w.group()) for w in words[1:]):
        return None
    return _make_role(text, words[0].start(), words[-1].end(), position, "ru", 0, 0, words)


def _make_role(text: str, start: int, stop: int, position: Position, language: str,
               first: int, head: int, words: list[re.Match[str]]) -> Role | None:
    phrase = text[start:stop]
    complement = [w.group().lower() for i, w in enumerate(words) if i != head and first <= i]
    scope = position.scope
    opens_sentence = not text[:start].strip() or text[:start].rstrip()[-1] in ".!?\n"
    role_text = _role_text(phrase, position, language, words[head], start, opens_sentence)
    synonym = _role_synonyms().get((language, role_text.lower()))
    if synonym is not None:
        office, scope, role_text = synonym
        return Role(role_text, office, scope, start, stop)
    if _is_business(complement) or (position.office == "president" and _is_business(
            [w.group().lower() for w in words[head + 1:head + 4]])):
        return None
    if scope == "body":
        body_scope = _body_scope(complement)
        if body_scope is None:
            return None
        scope = body_scope
    if position.office == "akim" or (position.office == "deputy_head" and any(
            w.startswith(("аким", "әкім")) for w in complement)):
        scope = "regional"
    return Role(role_text, position.office, scope, start, stop)


@lru_cache(maxsize=1)
def _role_synonyms() -> dict[tuple[str, str], tuple[str, str, str]]:
    return {(language, phrase): (office, scope, role)
            for language, phrase, office, scope, role in read_table(_data("role_synonyms.tsv"))}


def _is_business(words: Iterable[str]) -> bool:
    stems = _not_state_bodies()
    return any(
        word == stem[1:] if stem.startswith("=") else word.startswith(stem)
        for word in words for stem in stems
    )


def _body_scope(words: Sequence[str]) -> str | None:
    joined = " ".join(words)
    for stem, scope in state_bodies():
        if " " in stem:
            if stem in joined:
                return scope
        elif any(word.startswith(stem) for word in words):
            return scope
    return None


def _role_text(phrase: str, position: Position, language: str, head: re.Match[str], start: int,
               opens_sentence: bool = False) -> str:
    """The role as the text gives it, its head word in the nominative: `акима Алматинской
    области` -> `аким Алматинской области`; Kazakh heads keep their possessive form but
    lose the case ending (`әкімінің` -> `әкімі`)."""
    offset = head.start() - start
    word = head.group()
    if language == "kk":
        nominative = _kk_head(word, position)
        opening = phrase[:offset]
    else:
        nominative = _ru_head(word, position)
        # `Генеральному прокурору` -> `Генеральный прокурор`: modifiers agree with the head.
        opening = _MODIFIER.sub(lambda m: _agree(m.group(), nominative), phrase[:offset])
    phrase = opening + nominative + phrase[offset + len(word):]
    phrase = " ".join(phrase.split())
    # A ministry's name keeps its capital even when it opens the sentence (`Ауыл шаруашылығы
    # вице-министрі`): `ауыл` there is not a village.
    ministry = position.office in _KK_MINISTRY_HEADS
    if phrase and phrase[0].isupper() and not position.head[0].isupper() and not _proper_start(
            phrase, opens_sentence and not ministry):
        phrase = phrase[0].lower() + phrase[1:]
    return phrase


_MODIFIER = re.compile(rf"[{_UPPER}{_LOWER}]+")


def _agree(word: str, head: str) -> str:
    if word.lower() not in _role_modifiers():
        return word
    agreed = agree_adjective(word.lower(), head.split()[-1].lower())
    return agreed[0].upper() + agreed[1:] if word[0].isupper() else agreed


def _proper_start(phrase: str, opens_sentence: bool) -> bool:
    """A role that opens with a proper name keeps its capital (`Алматы облысының әкімі`,
    `Білім және ғылым министрі`, and a ministry's name opening the sentence: `Қаржы министрі`);
    a territory word capitalised only because it opens the sentence does not (`Қала әкімінің
    орынбасары`)."""
    first = phrase.split()[0]
    return (
        _position_at(first, "ru") is None and _position_at(first, "kk") is None
        and not (opens_sentence and _KK_TERRITORY.match(first.lower()))
    )


def _ru_head(word: str, position: Position) -> str:
    """`акима` -> `аким`, `Премьер-министра` -> `Премьер-министр`: the table's head."""
    if " " in position.head or not word.lower().startswith(position.stem):
        return word
    return position.head


def _kk_head(word: str, position: Position) -> str:
    head = position.head
    if word.lower().startswith(head.lower()):
        return word[:len(head)]
    return word


# --- 4. putting it together ------------------------------------------------------------------

_GLOBAL_OFFICE_WORDS = {
    "president": re.compile(r"\b(?:[Пп]резидент|[Гг]лав[аеуыо]й? государства|[Мм]емлекет басшы)"),
    "prime_minister": re.compile(r"\b[Пп]ремьер-[Мм]инистр"),
    "akim": re.compile(r"\b(?:[Аа]ким|[Әә]кім)"),
}


def find_officials(
    text: str, language: str, places: Sequence[PlaceMention] = (), regions: Sequence[str] = ()
) -> list[Official]:
    """Officials named in the text, in order of first mention, one per person."""
    people = find_names(text, language)
    people += find_bare_surnames(text, language, people)
    people.sort(key=lambda p: p.start)
    merged: dict[str, dict] = {}
    for person in people:
        role = role_before(text, person, language) or role_after(text, person, language)
        if role is None and person.listed is None:
            _debug(f"no office: {person.text!r}")
            continue
        entry = merged.setdefault(person.key, {"name": person.name, "role": None, "person": person,
                                               "mentions": []})
        entry["mentions"].append((person.start, person.stop))
        if person.has_first and not entry["person"].has_first:
            entry["name"], entry["person"] = person.name, person
        if role is not None and entry["role"] is None:
            entry["role"] = role
    officials = []
    for key, entry in merged.items():
        person: PersonName = entry["person"]
        role: Role | None = entry["role"]
        officials.append(_official(key, entry["name"], person, role, text, language, places, regions,
                                   tuple(entry["mentions"])))
    return officials


def _official(key: str, name: str, person: PersonName, role: Role | None, text: str, language: str,
              places: Sequence[PlaceMention], regions: Sequence[str],
              mentions: tuple[tuple[int, int], ...]) -> Official:
    listed = person.listed
    if not person.has_first and listed is not None:
        name = listed.name(language)
    role_text: str | None = role.text if role else None
    region: str | None = None
    if role is not None and role.scope == "regional":
        same_office = listed is not None and listed.office == role.office
        region = _region_in(role, places) or (listed.region if same_office else None)
        if region is None and regions:
            region = regions[0]
        if region is not None and role.office == "akim" and _bare_akim(role, region):
            role_text = _akim_role(region, language, listed)
    elif role is None and listed is not None:
        if listed.office in _GLOBAL_OFFICE_WORDS and _GLOBAL_OFFICE_WORDS[listed.office].search(text):
            role_text = listed.role(language)
        region = listed.region
    return Official(name=name, key=key, role=role_text, region=region, mentions=mentions)


def _region_in(role: Role, places: Sequence[PlaceMention]) -> str | None:
    for place in places:
        if role.start <= place.start < role.stop:
            return place.region
    return None


_BARE_AKIM = re.compile(r"^(?:аким|әкім\w*)\s+(?:области|региона|облыс\w*|өңір\w*)$|^(?:облыс|өңір)\s+әкімі$",
                        re.IGNORECASE)
# `аким города`, `Елорда әкімі` in an article about Astana, Almaty or Shymkent name that city's akim.
_BARE_CITY_AKIM = re.compile(r"^аким\s+(?:города|столицы|мегаполиса)$|^(?:қала|елорда|шаһар)\s+әкімі$",
                             re.IGNORECASE)


def _bare_akim(role: Role, region: str) -> bool:
    if region in CITY_REGIONS:
        return bool(_BARE_CITY_AKIM.match(role.text))
    return bool(_BARE_AKIM.match(role.text))


def _akim_role(region: str, language: str, listed: ListedOfficial | None) -> str:
    """`аким области` in an article about a region names the region: `аким Алматинской области`."""
    if listed is not None and listed.office == "akim" and listed.region == region:
        return listed.role(language)
    if language == "kk":
        return f"{region_name(region, 'kk', 'genitive')} әкімі"
    return f"аким {region_name(region, 'ru', 'genitive')}"


def _debug(message: str) -> None:
    if DEBUG:
        print(f"officials: {message}", file=sys.stderr)
