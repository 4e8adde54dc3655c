"""Figures: the quantitative facts of an article (money, jobs, areas, seats, counts, percent, ...).

Built bottom-up, the natasha way: numbers (numbers.py), then what follows them (a unit, a
counted noun), what comes before them (a label like `№`, a qualifier like `более`), then the
sentence around them (the category's cue words). Russian and Kazakh rules sit side by side;
the vocabularies are data files (`data/units.tsv`, `data/figure_*.tsv`).

Choices the contract leaves open:
- A range (`от 5 до 7 млрд`, `5–7 тысяч`, `жиырма бес – отыз процентке`) is one figure: the
  upper bound, qualifier `up_to`. A change (`с 5 до 7%`) is one figure: the value reached,
  no qualifier.
- A number with a scale word but no unit (`..., из которых 900 млн`) takes the unit of the
  figure before it in the same sentence (`Из них 92 тыс.`: also of the sentence before). A big
  bare number (scaled, or 1000 and more) otherwise counts the noun its clause opened with
  (`количество субъектов МСБ ... превысило 58 тыс.`, `лошадей – 168 тыс.`, kk `төсек-орын саны
  7 мыңға жетті`; count words in `data/figure_subjects.tsv`); without one it is not a figure.
- Region is left None: regions.py assigns it.

`explain_figures` tells, for every number, which rule kept or dropped it (the debug switch).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from digest import morph
from digest.model import Figure
from digest.numbers import (
    SPACES,
    NumberSpan,
    is_number_word,
    kk_suffixes,
    read_number,
    split_kk_suffix,
    starts_bare_scale,
    vocabulary_language,
)
from digest.vocabulary import read_table

MONEY = frozenset({"KZT", "USD", "EUR", "RUB", "CNY"})
MONEY_CATEGORIES = ("investment", "cost", "budget", "output")
PERCENT_CATEGORIES = ("growth", "share")
# Units whose category does not depend on the words around them.
FIXED_CATEGORY = {
    "jobs": "jobs", "places": "capacity", "ha": "area", "m2": "area", "km2": "area",
    "people": "count", "units": "count", "times": "growth",
    "t": "quantity", "kg": "quantity", "l": "quantity", "m3": "quantity", "MW": "quantity",
    "kWh": "quantity", "km": "quantity", "m": "quantity",
}
DEFAULT_MONEY_CATEGORY = "cost"
DEFAULT_PERCENT_CATEGORY = "share"

_LETTER = r"[^\W\d_]"
_GAP = f"[{SPACES}]"
_CANDIDATE = re.compile(rf"[$€₽₸](?={_GAP}?\d)|\d|(?<![\w-]){_LETTER}+")
_WORD = re.compile(rf"{_LETTER}+(?:-{_LETTER}+)*")
_SKIP_GAP = re.compile(f"{_GAP}*")
# Spans that hold digits but no quantity: dates, clock times, phone numbers, web addresses.
_NOT_QUANTITIES = re.compile(
    r"\d{1,2}[./]\d{1,2}[./]\d{2,4}"
    r"|\b\d{1,2}:\d{2}(?::\d{2})?\b"
    r"|\+7[\s-]?\(?\d{3}\)?[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}\b"
    r"|\b8[\s-]?\(\d{3,4}\)[\s-]?\d{2,3}[\s-]?\d{2}[\s-]?\d{2}\b"
    r"|\b8[\s-]\d{3}[\s-]\d{3}[\s-]?\d{2}[\s-]?\d{2}\b"
    r"|\b\d{3}[\s-]\d{2}[\s-]\d{2}\b"
    r"|(?:https?://|www\.)\S+|\S+@\S+\.\w+"
    r"|\b\d+(?:\.\d+){2,}\b"
    # `1 USD = 527,3 тенге`: an exchange-rate quote under the article, not a fact of the news.
    r"|(?<![\d,.])1[\s\u00a0]?(?:USD|EUR|RUB|CNY|[$€₽])[\s\u00a0]?=[\s\u00a0]?\d+(?:[.,]\d+)?"
)
_RANGE_DASH = re.compile(rf"{_GAP}*[-–—]{_GAP}*(?=\d|{_LETTER})")
_RANGE_WORD = re.compile(rf"{_GAP}+(?:до|по){_GAP}+")
_FROM_BEFORE = re.compile(rf"(?:^|[^\w])(?P<word>от|с|со){_GAP}+$", re.IGNORECASE)
_TIMES_BEFORE = re.compile(rf"(?:^|[^\w])в{_GAP}+$", re.IGNORECASE)
_TIMES_AFTER_RU = re.compile(rf"{_GAP}*раз(?:а)?(?!\w)", re.IGNORECASE)
_TIMES_AFTER_KK = re.compile(rf"{_GAP}*есе\w*", re.IGNORECASE)
_BY_BEFORE = re.compile(rf"(?:^|[^\w])на{_GAP}+$", re.IGNORECASE)
_NUMBER_SIGN_BEFORE = re.compile(rf"(?:№|#|N°|No\.?){_GAP}*$")
# `COVID – 19`, `АК-159`, `Boeing 737`, `Superjet 100`: a Latin word or a Cyrillic acronym names it.
_NAME_BEFORE = re.compile(rf"(?:[A-Za-z][\w]*{_GAP}?[-–]?|[А-ЯЁӘҒҚҢӨҰҮҺІ]{{2,}}[-–]){_GAP}?$")
_RATE_AFTER = re.compile(rf"{_GAP}?/{_GAP}?{_LETTER}")
_SLASH_BEFORE = re.compile(rf"\d{_GAP}?/{_GAP}?$")
_WORD_BEFORE = re.compile(rf"({_LETTER}+\.?|№){_GAP}*$")
_SLASH_AFTER = re.compile(rf"\d+{_GAP}?/{_GAP}?\d")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\s\u00a0]+(?=[«\"“(]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])|\n+")
_SENTENCE_END = re.compile(r"\s*(?:$|\n|[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ«\"])")
_UPPER_ABBREVIATION = re.compile(r"[А-ЯЁӘҒҚҢӨҰҮҺІ]{2,6}")
_CONJUNCTIONS = frozenset({"и", "или", "және", "мен", "бен", "пен", "немесе"})
_KK_DATIVE = ("ға", "ге", "қа", "ке")
_KK_AFTER_ABLATIVE = frozenset({"көп", "аз", "кем", "артық"})
# `65 пайызға жетті` ("reached"), `80 пайызға аяқталды` / `орындалды` ("done to 80%"): a level.
_KK_REACHED = re.compile(rf"{_GAP}+(?:жет|аяқтал|орындал)", re.IGNORECASE)
_KK_POSSESSIVE_DATIVE = ("ына", "іне", "сына", "сіне", "на", "не")
_KK_VERB_ENDINGS = (
    "ған", "ген", "қан", "кен", "ды", "ді", "ты", "ті", "ып", "іп", "йды", "йді", "ады", "еді",
    "атын", "етін", "йтын", "йтін", "мақ", "мек", "пақ", "пек", "уда", "уде", "са", "се",
)
_KK_ADJECTIVE_ENDINGS = ("лық", "лік", "дық", "дік", "тық", "тік", "ғы", "гі")
_KK_HAVING_ENDINGS = ("лы", "лі", "ты", "ті", "ды", "ді")


@dataclass(frozen=True)
class _Lexicon:
    """Everything the rules of one language read from data files, compiled once."""

    language: str
    unit_pattern: re.Pattern[str]
    units: tuple[tuple[str, float], ...]
    qualifier_before: re.Pattern[str]
    qualifier_after: re.Pattern[str]
    cues: re.Pattern[str]
    months: re.Pattern[str]
    month_before: re.Pattern[str]
    words: dict[str, frozenset[str]]
    subjects: re.Pattern[str]
    continues: re.Pattern[str]


def _data(name: str):
    return resources.files("digest.data") / name


@lru_cache(maxsize=4)
def _lexicon(language: str) -> _Lexicon:
    words: dict[str, set[str]] = {}
    for lang, kind, word in read_table(_data("figure_words.tsv")):
        if lang == language:
            words.setdefault(kind, set()).add(word)
    months = _month_pattern(language)
    return _Lexicon(
        language=language,
        unit_pattern=_compile_units(language)[0],
        units=_compile_units(language)[1],
        qualifier_before=_compile_qualifiers(language, "before"),
        qualifier_after=_compile_qualifiers(language, "after"),
        cues=_compile_cues(language),
        months=re.compile(rf"{_GAP}*(?:{months})(?!\w)", re.IGNORECASE),
        month_before=re.compile(rf"(?<!\w)(?:{months}){_GAP}+$", re.IGNORECASE),
        words={kind: frozenset(group) for kind, group in words.items()},
        subjects=_compile_subjects(language, "subject"),
        continues=_compile_subjects(language, "continues"),
    )


@lru_cache(maxsize=8)
def _compile_subjects(language: str, kind: str) -> re.Pattern[str]:
    rows = read_table(_data("figure_subjects.tsv"))
    patterns = [pattern for lang, k, pattern in rows if lang == language and k == kind] or ["(?!)"]
    if kind == "continues":
        return re.compile(rf"(?:^|[^\w])(?:{'|'.join(patterns)}){_GAP}*$", re.IGNORECASE)
    return re.compile(rf"(?<!\w)(?:{'|'.join(patterns)})(?!\w)", re.IGNORECASE)


def _month_pattern(language: str) -> str:
    """Any form of a month name: Russian stems with any ending, Kazakh names with case endings."""
    forms = [form for lang, form in read_table(_data("figure_months.tsv")) if lang == language]
    if language == "kk":
        # `5 қазанда` is a date; `екі қазандық агрегат` (boilers, from қазан "cauldron") is not:
        # a month takes case endings, never the adjective-making `-дық`.
        endings = sorted((s for kind, group in kk_suffixes().by_kind.items() if kind != "adjectival"
                          for s in group), key=len, reverse=True)
        return f"(?:{'|'.join(forms)})(?:{'|'.join(endings)})?"
    return rf"(?:{'|'.join(forms)})\w*"


@lru_cache(maxsize=4)
def _compile_units(language: str) -> tuple[re.Pattern[str], tuple[tuple[str, float], ...]]:
    rows = [r for r in read_table(_data("units.tsv")) if r[0] in {"any", language}]
    rows.sort(key=lambda r: len(r[4]), reverse=True)
    alternatives, units = [], []
    for index, (_lang, unit, factor, ending, pattern) in enumerate(rows):
        tail = r"\w*" if ending == "stem" else rf"(?!{_LETTER})(?:-{_LETTER}+)?"
        alternatives.append(f"(?P<u{index}>{pattern}{tail})")
        units.append((unit, float(factor)))
    return re.compile(f"{_GAP}*(?:{'|'.join(alternatives)})", re.IGNORECASE), tuple(units)


@lru_cache(maxsize=8)
def _compile_qualifiers(language: str, position: str) -> re.Pattern[str]:
    by_qualifier: dict[str, list[str]] = {}
    for lang, where, qualifier, pattern in read_table(_data("figure_qualifiers.tsv")):
        if lang == language and where == position:
            by_qualifier.setdefault(qualifier, []).append(pattern)
    # Longer cues first, across qualifiers: `не более` (up_to) before `более` (more_than).
    items = sorted(
        ((p, q) for q, ps in by_qualifier.items() for p in ps), key=lambda item: len(item[0]), reverse=True
    )
    groups = "|".join(f"(?P<{q}_{i}>{p})" for i, (p, q) in enumerate(items))
    if position == "before":
        # ru `примерно на 900 вызовов`, `почти в два раза`: the preposition of the change sits
        # between the qualifier and the number.
        preposition = rf"(?:{_GAP}+(?:на|в))?" if language == "ru" else ""
        return re.compile(rf"(?:^|[^\w])(?:{groups}){preposition}{_GAP}+$", re.IGNORECASE)
    return re.compile(rf"{_GAP}*(?:{groups})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=4)
def _compile_cues(language: str) -> re.Pattern[str]:
    by_category: dict[str, list[str]] = {}
    for lang, category, pattern in read_table(_data("figure_categories.tsv")):
        if lang == language:
            by_category.setdefault(category, []).append(pattern)
    groups = "|".join(f"(?P<{c}>{'|'.join(ps)})" for c, ps in by_category.items())
    return re.compile(rf"(?<!\w)(?:{groups})", re.IGNORECASE)


def _qualifier_name(match: re.Match[str]) -> str:
    return next(name for name, value in match.groupdict().items() if value is not None).rsplit("_", 1)[0]


# ---------------------------------------------------------------- the pieces of one figure


@dataclass
class _Counted:
    """What a noun after a number says: a count of people or things, or not a figure at all."""

    unit: str | None            # people, units, None (no noun), or "reject"
    counted: str | None = None
    stop: int = 0


@dataclass
class _Draft:
    """A figure being read: the number, then what the words around it add."""

    start: int
    number: NumberSpan
    stop: int
    unit: str | None = None
    factor: float = 1.0
    counted: str | None = None
    qualifier: str | None = None
    unit_word: str = ""
    range_kind: str | None = None  # "range" (от 5 до 7, 5–7) or "change" (с 5 до 7)
    lower: NumberSpan | None = None

    @property
    def value(self) -> float:
        return float(f"{self.number.value * self.factor:.12g}")


class _Article:
    """One text being read: its sentences, its spans that are not quantities, its figures."""

    def __init__(self, text: str, language: str) -> None:
        self.text = text
        self.language = language
        self.lexicon = _lexicon(language)
        self.breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text)]
        self.blocked = [(m.start(), m.end()) for m in _NOT_QUANTITIES.finditer(text)]
        self.blocked_starts = [s for s, _ in self.blocked]
        self.figures: list[Figure] = []
        self.log: list[tuple[int, str]] = []

    def sentence(self, pos: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.breaks, pos)
        start = self.breaks[index - 1] if index else 0
        stop = self.breaks[index] if index < len(self.breaks) else len(self.text)
        return start, stop

    def blocked_until(self, pos: int) -> int | None:
        index = bisect.bisect_right(self.blocked_starts, pos) - 1
        if index >= 0 and self.blocked[index][0] <= pos < self.blocked[index][1]:
            return self.blocked[index][1]
        return None

    def words(self, kind: str) -> frozenset[str]:
        return self.lexicon.words.get(kind, frozenset())


def _word_before(text: str, pos: int) -> str:
    match = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
    return match.group(1).lower().rstrip(".") if match else ""


def _is_name(article: _Article, start: int) -> bool:
    """`№ 30`, `Астана-2024`, `COVID19`, `COVID – 19`, `Boeing 737`, `55/12`: part of a name."""
    text = article.text
    if start and (text[start - 1].isalpha() or text[start - 1] in "_/\\"):
        return True
    if _SLASH_BEFORE.search(text, max(0, start - 4), start):
        return True
    if start >= 2 and text[start - 1] in "-‑" and text[start - 2].isalnum():
        return True
    window = text[max(0, start - 20):start]
    return bool(_NUMBER_SIGN_BEFORE.search(window) or _NAME_BEFORE.search(window)
                or _SLASH_AFTER.match(text, start))


def _is_labelled(article: _Article, start: int) -> bool:
    """`статья 5`, `дом 12`, kk `сағат 18`: a label word right before the number."""
    return _word_before(article.text, start) in article.words("label")


def _in_name_quote(article: _Article, start: int) -> bool:
    """Inside a short quotation that is a name (`«100 жаңа есім»`, `"30 лет Конституции"`),
    not quoted speech (`"Мы построили 100 школ"`: a verb before the number, or a sentence)."""
    text = article.text
    window = text[max(0, start - 60):start]
    for opening, closing in (("«", "»"), ("“", "”"), ('"', '"')):
        left = window.rfind(opening)
        if left < 0 or (opening != closing and closing in window[left:]):
            continue
        if opening == closing and window.count('"') % 2 == 0:
            continue
        right = text.find(closing, start, start + 60)
        if right < 0:
            continue
        before = window[left + 1:]
        quoted = before + text[start:right]
        if any(mark in quoted for mark in ".!?") or len(quoted.split()) > 8:
            return False
        return not any(_is_verb(article, word) for word in _WORD.findall(before))
    return False


def _is_verb(article: _Article, word: str) -> bool:
    if article.language == "kk":
        return word.lower().endswith(_KK_VERB_ENDINGS)
    return morph.part_of_speech(word.lower()) in {"VERB", "INFN", "PRTS", "GRND"}


def _is_date(article: _Article, number: NumberSpan) -> bool:
    """`6 декабря`, `5 қазанда`, `декабря 2024`: day or year of a date."""
    text, lexicon = article.text, article.lexicon
    day = number.integer and not number.scaled and number.value <= 31
    if day and lexicon.months.match(text, number.stop):
        return True
    return (number.integer and 1900 <= number.value <= 2100
            and bool(lexicon.month_before.search(text[max(0, number.start - 20):number.start])))


def _read_range(article: _Article, draft: _Draft) -> None:
    """`5–7 тысяч`, `от 5 до 7 млрд`, `с 2023 по 2025`: read the upper end into the draft."""
    text, first = article.text, draft.number
    if first.suffix:
        return
    match = _RANGE_DASH.match(text, first.stop)
    word_range = match is None
    if match is None:
        match = _RANGE_WORD.match(text, first.stop)
        if match is None or article.language != "ru":
            return
    second = read_number(text, match.end(), article.language)
    if second is None or (second.words != first.words and not second.scaled):
        return
    window = max(0, first.start - 6)
    from_word = _FROM_BEFORE.search(text[window:first.start])
    if word_range and from_word is None:
        return  # `5 до 7` without `от`/`с` is two numbers, not a range
    draft.lower, draft.number, draft.stop = first, second, second.stop
    changed = from_word is not None and from_word.group("word").lower() in {"с", "со"} and word_range
    draft.range_kind = "change" if changed else "range"
    if from_word is not None:
        draft.start = window + from_word.start("word")


def _read_unit(article: _Article, draft: _Draft, pos: int) -> int | None:
    """A unit right after the number: `тенге`, `млн долларов США`, `%-ға`, `кв. м`, `рабочих мест`."""
    match = article.lexicon.unit_pattern.match(article.text, pos)
    if match is None or match.lastgroup is None:
        return None
    draft.unit, draft.factor = article.lexicon.units[int(match.lastgroup[1:])]
    draft.unit_word = match.group(match.lastgroup).lower()
    return match.end()


def _read_times(article: _Article, draft: _Draft) -> int | None:
    """`в 3 раза`, `в 1,5 раза`, kk `үш есеге`: a multiple."""
    text, start = article.text, (draft.lower or draft.number).start
    if article.language == "kk":
        match = _TIMES_AFTER_KK.match(text, draft.stop)
    else:
        before = _TIMES_BEFORE.search(text[max(0, start - 4):start])
        match = _TIMES_AFTER_RU.match(text, draft.stop) if before else None
        if match:
            draft.start = start - len(before.group(0).lstrip())
    if match is None:
        return None
    draft.unit, draft.unit_word = "times", match.group(0).strip().lower()
    return match.end()


# ---------------------------------------------------------------- counted nouns


def _read_counted(article: _Article, pos: int, number: NumberSpan) -> _Counted:
    if article.language == "kk":
        return _read_counted_kk(article, pos, number)
    return _read_counted_ru(article, pos)


def _read_counted_ru(article: _Article, pos: int) -> _Counted:
    """`1075 камер видеонаблюдения` -> камера видеонаблюдения; `24 воспитанника` -> people;
    `2024 году`, `10 месяцев`, `5 лет` -> not a figure."""
    text = article.text
    cursor = _SKIP_GAP.match(text, pos).end()
    adjectives: list[str] = []
    for _ in range(5):
        match = _WORD.match(text, cursor)
        if match is None:
            return _Counted(None)
        word = match.group(0)
        if _UPPER_ABBREVIATION.fullmatch(word):
            return _Counted("units", word, match.end()) if not adjectives else _Counted(None)
        lower = word.lower()
        if word[0].isupper() or (len(word) < 2 and not (adjectives and lower in _CONJUNCTIONS)):
            return _Counted(None)
        pos_tag = morph.part_of_speech(lower, after_number=not adjectives)
        lemma = morph.noun_lemma(lower) if pos_tag == "NOUN" else morph.normal_form(lower)
        if pos_tag == "NOUN":
            return _ru_noun(article, lower, lemma, adjectives, match.end())
        if pos_tag in {"ADJF", "PRTF"} or (adjectives and lower in _CONJUNCTIONS):
            adjectives.append(lower)  # `5 малых и средних предприятий`: a conjunction between adjectives
        elif pos_tag != "ADVB":
            break
        next_gap = _SKIP_GAP.match(text, match.end()).end()
        if next_gap == match.end():
            break
        cursor = next_gap
    # A substantivised adjective or participle: `учащихся`, `пострадавших`, `безработных`.
    if adjectives and morph.normal_form(adjectives[-1]) in article.words("people"):
        return _Counted("people", morph.normal_form(adjectives[-1]), cursor)
    return _Counted(None)


def _ru_noun(article: _Article, word: str, lemma: str, adjectives: list[str], stop: int) -> _Counted:
    thing = _ru_thing(article, adjectives, lemma)
    if thing:
        return _Counted("units", thing, stop)
    if lemma in article.words("not_counted") or word in article.words("not_counted"):
        return _Counted("reject")
    if lemma in article.words("money"):
        return _Counted("money", None, stop)
    unit = "people" if lemma in article.words("people") else "units"
    kept: list[str] = []
    for adjective in reversed(adjectives):
        if adjective in _CONJUNCTIONS:
            kept.insert(0, adjective)
            continue
        base = morph.normal_form(adjective)
        # `интеллектуальных аппаратно-программных`, `новых`, `построенных`: not part of the name.
        if "-" in adjective or base in article.words("evaluative") or _is_participle(adjective):
            break
        kept.insert(0, morph.agree_adjective(adjective, word))
    complement, stop = _ru_complement(article, stop) if unit == "units" else ("", stop)
    while kept and kept[0] in _CONJUNCTIONS:
        kept.pop(0)
    counted = " ".join([*kept, lemma, complement]).strip()
    return _Counted(unit, counted, stop)


def _ru_thing(article: _Article, adjectives: list[str], lemma: str) -> str | None:
    """`48 населенных пунктах`: an adjective and noun named as a thing (`населенный пункт`), the
    noun alone perhaps not counted (`на 2 пункта`)."""
    if not adjectives:
        return None
    adjective = morph.agree_adjective(adjectives[-1], lemma).replace("ё", "е")
    phrase = f"{adjective} {lemma}"
    return phrase if phrase in article.words("thing") else None


def _is_participle(word: str) -> bool:
    return morph.part_of_speech(word) == "PRTF"


def _ru_complement(article: _Article, pos: int) -> tuple[str, int]:
    """A genitive that names the thing: `камер видеонаблюдения`, `субъектов МСБ`."""
    text = article.text
    gap = _SKIP_GAP.match(text, pos).end()
    match = _WORD.match(text, gap) if gap > pos else None
    if match is None:
        return "", pos
    word = match.group(0)
    if _UPPER_ABBREVIATION.fullmatch(word) and not article.lexicon.unit_pattern.fullmatch(" " + word):
        return word, match.end()
    if word[0].isupper():
        return "", pos
    analyses = morph.parse(word.lower())
    analysis = analyses[0]
    if any(a.tag.POS in {"ADJF", "PRTF"} for a in analyses):
        return "", pos  # `субъектов малого и среднего бизнеса`: an adjective, the phrase goes on
    if analysis.tag.POS == "NOUN" and analysis.tag.case == "gent":
        lemma = analysis.normal_form
        if any(lemma in article.words(kind) for kind in ("possessor", "not_counted", "people")):
            return "", pos  # `5 школ района`: whose, not what
        return word.lower(), match.end()
    return "", pos


def _kk_base(article: _Article, word: str, kind: str) -> str | None:
    """The known stem of a Kazakh word (`жобаны` -> жоба); for periods also through an
    adjective ending (`сағаттық` -> сағат); a hyphenated word by its first half (`нөл-нөлге`)."""
    word = word.split("-")[0] if "-" in word and " " not in word else word
    split = split_kk_suffix(word, article.words(kind), adjectival=kind == "not_counted")
    return split[0] if split else None


def _read_counted_kk(article: _Article, pos: int, number: NumberSpan, after_number: bool = True) -> _Counted:
    """`41 инвестициялық жобаны` -> инвестициялық жоба; `5 мың адам` -> people;
    `2024 жылы`, `10 айда`, `18 жастағы` -> not a figure."""
    text = article.text
    cursor = _SKIP_GAP.match(text, pos).end()
    if cursor == pos and after_number:
        return _Counted(None)
    adjectives: list[str] = []
    after_adjective = False
    for _ in range(6):
        match = _WORD.match(text, cursor)
        if match is None:
            return _Counted(None)
        word = match.group(0)
        if word[0].isupper() and not _UPPER_ABBREVIATION.fullmatch(word):
            return _Counted(None)
        lower = word.lower()
        if after_adjective and lower in _CONJUNCTIONS:  # `шағын және орта кәсіпкерлік субъектісі`
            cursor = _SKIP_GAP.match(text, match.end()).end()
            continue
        if lower == "жас" and number.value > 120:
            return _Counted("people", "жас", match.end())  # `6 120 жас`: young people, not an age
        # A word known whole beats a shorter stem plus an ending: `бала` is a child, not `бал` + `а`.
        known = lower in article.words("people") or lower in article.words("thing")
        if not known and _kk_not_counted(article, lower):
            return _Counted("reject")
        if _kk_base(article, lower, "stop"):
            return _Counted(None)
        counted = _kk_noun(article, text, match, adjectives)
        if counted is not None:
            # Only a bare noun can be the first half of a period (`7 жұмыс күн`); one with a case
            # ending is the object itself (`9 мың шаруашылықты сумен`).
            bare = counted.counted is not None and counted.counted.split()[-1] == lower
            if counted.unit and bare and _kk_period_follows(article, counted.stop):
                return _Counted("reject")
            return counted
        if lower in article.words("evaluative") or lower.endswith(_KK_ADJECTIVE_ENDINGS):
            if lower not in article.words("evaluative"):
                adjectives.append(lower)
            after_adjective = True
            next_gap = _SKIP_GAP.match(text, match.end()).end()
            if next_gap == match.end():
                break
            cursor = next_gap
            continue
        break
    return _Counted(None)


def _kk_noun(article: _Article, text: str, match: re.Match[str], adjectives: list[str]) -> _Counted | None:
    lower = match.group(0).lower()
    if lower in article.words("evaluative"):
        return None  # `шағын`, `жаңа`: an adjective, the noun comes next
    # Two-word things first: `елді мекен`, `тұрғын үй` (housing, not residents).
    pair = re.match(rf"{_GAP}+({_LETTER}+)", text[match.end():match.end() + 30])
    if pair:
        two = f"{lower} {pair.group(1).lower()}"
        base = _kk_base(article, two, "thing")
        if base and " " in base:
            return _Counted("units", " ".join([*adjectives, base]), match.end() + pair.end())
    people = _kk_base(article, lower, "people")
    if people:
        return _Counted("people", people, match.end())
    thing = _kk_base(article, lower, "thing")
    if thing:
        return _Counted("units", " ".join([*adjectives, thing]), match.end())
    if _UPPER_ABBREVIATION.fullmatch(match.group(0)):
        return _Counted("units", match.group(0), match.end())
    if lower.endswith(_KK_ADJECTIVE_ENDINGS) and _followed_by_word(text, match.end()):
        return None
    if lower.endswith(_KK_HAVING_ENDINGS):
        return _Counted(None)  # `2 бөлмелі пәтер`, `9 қабатты үй`: an attribute, not a count
    if lower.endswith(_KK_VERB_ENDINGS) or len(lower) < 3 or is_number_word(lower, "kk"):
        return _Counted(None)
    return _Counted("units", " ".join([*adjectives, _strip_kk_case(lower)]), match.end())


def _kk_period_follows(article: _Article, pos: int) -> bool:
    """`7 жұмыс күн ішінде`: the noun was the first half of a period."""
    match = re.match(rf"{_GAP}+({_LETTER}+)", article.text[pos:pos + 30])
    return bool(match) and _kk_not_counted(article, match.group(1).lower())


def _kk_not_counted(article: _Article, word: str) -> bool:
    """A period or ordinal noun, unless a longer known noun explains the word better: `кешені`
    is `кешен` (a complex) + `і`, not `кеш` (evening) + `ені`."""
    stem = _kk_base(article, word, "not_counted")
    if stem is None:
        return False
    known = [_kk_base(article, word, kind) or "" for kind in ("thing", "people")]
    return all(len(other) <= len(stem) for other in known)


def _followed_by_word(text: str, pos: int) -> bool:
    return bool(re.match(rf"{_GAP}+{_LETTER}", text[pos:pos + 3]))


def _strip_kk_case(word: str) -> str:
    """A guess at the base form of an unknown Kazakh noun: the longest case ending goes."""
    suffixes = kk_suffixes().by_kind.get("case", frozenset())
    for cut in range(max(3, len(word) - 6), len(word)):
        if word[cut:] in suffixes and len(word[cut:]) >= 2:
            return word[:cut]
    return word


# ---------------------------------------------------------------- qualifier and category


def _qualifier_before(article: _Article, start: int) -> tuple[str, int] | None:
    window_start = max(0, start - 30)
    match = article.lexicon.qualifier_before.search(article.text[window_start:start])
    if match is None:
        return None
    group = next(name for name, value in match.groupdict().items() if value is not None)
    return group.rsplit("_", 1)[0], window_start + match.start(group)


def _qualifier_after(article: _Article, pos: int) -> tuple[str, int] | None:
    match = article.lexicon.qualifier_after.match(article.text, pos)
    if match is None:
        return None
    word = match.group(0).split()[0].lower()
    # kk `100-ден көп` is "more than 100"; `15 пайызға көп` is "15% more": a comparison.
    if word in _KK_AFTER_ABLATIVE and not _ends_in_ablative(article.text, pos):
        return None
    return _qualifier_name(match), match.end()


def _ends_in_ablative(text: str, pos: int) -> bool:
    return text[max(0, pos - 3):pos].endswith(("дан", "ден", "тан", "тен", "нан", "нен"))


def _category(article: _Article, draft: _Draft, start: int, stop: int, qualifier: str | None) -> str:
    unit = draft.unit or ""
    if unit in FIXED_CATEGORY:
        return FIXED_CATEGORY[unit]
    allowed = MONEY_CATEGORIES if unit in MONEY else PERCENT_CATEGORIES
    if unit == "percent":
        # From the number, not the qualifier: `примерно на 5%` is a change like `на 5%`.
        signal = _percent_signal(article, draft, draft.start, qualifier)
        if signal:
            return signal
    cue = _nearest_cue(article, start, stop, allowed)
    if cue:
        return cue
    if unit == "percent":
        return "growth" if draft.value > 100 else DEFAULT_PERCENT_CATEGORY
    return DEFAULT_MONEY_CATEGORY


def _percent_signal(article: _Article, draft: _Draft, start: int, qualifier: str | None) -> str | None:
    """`на 6,3%` and kk `17%-ға` (dative) state a change; `107,9%` (above 100) an index."""
    if draft.value == 100:
        return None
    if qualifier == "up_to" and draft.range_kind is None and draft.value < 100:
        return "share"  # `снизилась до 4,8%`, `8,5 пайызға дейін`: the level reached, not a change
    if article.language == "ru" and _BY_BEFORE.search(article.text[max(0, start - 4):start]):
        return "growth"
    word = draft.unit_word
    if article.language == "kk" and word.endswith(_KK_DATIVE) and not word.endswith(_KK_POSSESSIVE_DATIVE):
        # `17%-ға артып` is a change; `65 пайызға жетті` ("reached") and `40 пайызға жуығы` ("close
        # to 40%": the dative belongs to the qualifier) leave it to the cue words.
        if _KK_REACHED.match(article.text, draft.stop) or _qualifier_after(article, draft.stop):
            return None
        return "growth"
    return None


def _nearest_cue(article: _Article, start: int, stop: int, allowed: tuple[str, ...]) -> str | None:
    sentence_start, sentence_stop = article.sentence(start)
    best: tuple[float, str] | None = None
    for match in article.lexicon.cues.finditer(article.text, sentence_start, sentence_stop):
        category = match.lastgroup
        if category not in allowed or start <= match.start() < stop:
            continue
        # Cues before the figure name it (`стоимостью 8,5 млрд`); after it, they weigh less.
        distance = start - match.end() if match.end() <= start else 2 * (match.start() - stop)
        if best is None or distance < best[0]:
            best = (distance, category)
    return best[1] if best else None


# ---------------------------------------------------------------- one figure


def _carried_unit(article: _Article, draft: _Draft) -> bool:
    """`1,3 млрд долларов, из которых 900 млн`: the unit of the figure this one continues."""
    number = draft.number
    if not number.scaled or not article.figures or (number.integer and 1990 <= number.value <= 2100):
        return False  # `екі мың он жетіде`: a year in words, not a continued figure
    previous = article.figures[-1]
    same_sentence = article.sentence(previous.start) == article.sentence(draft.start)
    # A percentage is never counted in thousands: `14 пайызға өсіп, 800 мыңнан асты` is a population.
    if previous.unit in {"times", "units", "percent"} or not same_sentence:
        return False
    draft.unit, draft.counted = previous.unit, previous.counted
    return True


def _big_bare_number(number: NumberSpan) -> bool:
    """`58 тыс.`, `7 мыңға`, `12 500`: a number big enough to be a count on its own; not a year."""
    if number.scaled:
        return not (number.integer and 1990 <= number.value <= 2100)
    return number.value >= 1000 and not (number.integer and 1900 <= number.value <= 2100)


def _clause_before(article: _Article, draft: _Draft) -> tuple[int, int]:
    """The clause before the number (and its qualifier): from the sentence start or the last
    comma, semicolon, colon or bracket."""
    stop = draft.start
    before = _qualifier_before(article, stop)
    if before:
        stop = before[1]
    sentence_start = article.sentence(draft.start)[0]
    start = max([sentence_start, *(article.text.rfind(mark, sentence_start, stop) + 1 for mark in ",;:()")])
    return start, stop


def _continued_unit(article: _Article, draft: _Draft, clause: tuple[int, int]) -> bool:
    """`1,6 млн туристов ... Из них около 92 тыс.`: a part of the count before it, in this sentence
    or the one before."""
    if not article.lexicon.continues.search(article.text[clause[0]:clause[1]]):
        return False
    sentence = article.sentence(draft.start)
    previous_sentence = article.sentence(sentence[0] - 1) if sentence[0] else sentence
    for previous in reversed(article.figures):
        if article.sentence(previous.start) not in {sentence, previous_sentence}:
            return False
        if previous.unit not in {"percent", "times"}:
            draft.unit, draft.counted = previous.unit, previous.counted
            return True
    return False


_DASH_END = re.compile(rf"{_GAP}*[-–—]{_GAP}*$")


def _subject_head(article: _Article, clause: tuple[int, int]) -> int | None:
    """Where the noun the clause counts starts: `лошадей – около 168 тыс.` (a noun phrase alone
    before a dash), `количество действующих субъектов МСБ ... 58 тыс.` (the genitive after a count
    word), kk `төсек-орын саны 7 мыңға` (the possessor before it)."""
    text, (start, stop) = article.text, clause
    dash = _DASH_END.search(text, start, stop) if article.language == "ru" else None
    if dash:
        words = [w.group(0).lower() for w in _WORD.finditer(text, start, dash.start())]
        # Only a genitive noun phrase alone, its count word left out (`(поголовье) лошадей – 168
        # тыс.`): `в области – 30 тыс.` is where, `площадь – 2500` a measure without its unit.
        if 0 < len(words) <= 4 and _is_genitive_noun(words[-1]) \
                and not any(morph.part_of_speech(word) == "PREP" for word in words):
            return _WORD.search(text, start, dash.start()).start()
    markers = list(article.lexicon.subjects.finditer(text, start, stop))
    if not markers:
        return None
    marker = markers[-1]
    if article.language == "ru":
        return marker.end()
    possessor = list(_WORD.finditer(text, start, marker.start()))
    return possessor[-1].start() if possessor else None


def _is_genitive_noun(word: str) -> bool:
    return any(a.tag.POS == "NOUN" and a.tag.case == "gent" for a in morph.parse(word))


def _subject_unit(article: _Article, draft: _Draft, clause: tuple[int, int]) -> bool:
    """`поголовье лошадей – около 168 тыс.`, `төсек-орын саны 7 мыңға жетті`: a bare big number
    counts the noun its clause opened with."""
    head = _subject_head(article, clause)
    if head is None:
        return False
    probe = _Draft(start=head, number=draft.number, stop=head)
    if _read_unit(article, probe, head) is not None:
        if probe.unit not in {"people", "places", "jobs", "units"}:
            return False
        draft.unit = probe.unit
        return True
    if article.language == "kk":
        counted = _read_counted_kk(article, head, draft.number, after_number=False)
    else:
        counted = _read_counted_ru(article, head)
    if counted.unit not in {"people", "units"}:
        return False
    draft.unit, draft.counted = counted.unit, counted.counted
    return True


def _unit_from_context(article: _Article, draft: _Draft) -> bool:
    """A number without a unit after it takes one from the phrase it continues."""
    if _carried_unit(article, draft):
        return True
    if not _big_bare_number(draft.number):
        return False
    clause = _clause_before(article, draft)
    return _continued_unit(article, draft, clause) or _subject_unit(article, draft, clause)


def _money_noun_unit(article: _Article, draft: _Draft) -> None:
    """`5 млрд бюджетных средств`: money in the currency of the sentence (tenge when none)."""
    sentence = article.sentence(draft.start)
    for previous in reversed(article.figures):
        if previous.unit in MONEY and article.sentence(previous.start) == sentence:
            draft.unit = previous.unit
            return
    draft.unit = "KZT"


def _read_after_number(article: _Article, draft: _Draft) -> str | None:
    """Unit, counted noun or multiple after the number; returns why it is not a figure, if not."""
    number, pos = draft.number, draft.stop
    # kk `21 мыңнан астам жұмыс орны`, `15 мыңға жуық көшет`: a qualifier between number and unit.
    between = _qualifier_after(article, pos) if article.language == "kk" else None
    if between is not None and between[0] not in {"more_than", "approx"} and not number.scaled:
        between = None  # `12-ге дейін үйде`: "until twelve", a time; `10 мыңға дейін адам` is a bound
    if number.suffix:
        if between is None:
            return None if _unit_from_context(article, draft) else "kk ending, no unit (`300-ге жетті`)"
        draft.qualifier, pos = between[0], between[1]
    stop = _read_times(article, draft) or _read_unit(article, draft, pos)
    if stop is None and between is not None and not number.suffix:
        stop = _read_unit(article, draft, between[1])
        if stop is not None:
            draft.qualifier = between[0]
    if stop is not None:
        if _RATE_AFTER.match(article.text, stop):
            return "a rate (`60 км/ч`, `15 ц/га`)"
        draft.stop = stop
        return None
    return _read_counted_figure(article, draft, pos)


def _read_counted_figure(article: _Article, draft: _Draft, pos: int) -> str | None:
    number = draft.number
    counted = _read_counted(article, pos, number)
    if counted.unit == "reject":
        return "date, period or ordinal noun"
    if counted.unit == "money" and number.scaled:
        _money_noun_unit(article, draft)
        draft.stop = counted.stop
        return None
    if counted.unit in {"people", "units"}:
        if number.value == 1 and not number.scaled:
            return "one (`один из`, `1 сәт`)"
        if _is_labelled(article, number.start) or _in_name_quote(article, number.start):
            return "label or name (`статья 5 Закона`, `«100 жаңа есім»`)"
        draft.unit, draft.counted, draft.stop = counted.unit, counted.counted, counted.stop
        return None
    if draft.qualifier and number.suffix:
        draft.qualifier = None
    return None if _unit_from_context(article, draft) else "no unit"


def _prefix_currency(article: _Article, start: int) -> tuple[str, int] | None:
    sign = article.text[start]
    units = {"$": "USD", "€": "EUR", "₽": "RUB", "₸": "KZT"}
    if sign not in units:
        return None
    return units[sign], _SKIP_GAP.match(article.text, start + 1).end()


def _read_figure(article: _Article, start: int) -> tuple[Figure | None, int, str]:
    """The figure whose number starts at `start`, how far the text was read, and why not."""
    text = article.text
    currency = _prefix_currency(article, start)
    number_start = currency[1] if currency else start
    if _is_name(article, number_start):
        number = read_number(text, number_start, article.language)
        return None, number.stop if number else number_start + 1, "part of a name"
    number = read_number(text, number_start, article.language)
    if number is None:
        return None, number_start + 1, "no number"
    if number.ordinal:
        return None, number.stop, "ordinal or compound (`1-ші`, `30-летию`)"
    draft = _Draft(start=start, number=number, stop=number.stop)
    _read_range(article, draft)
    if draft.number.ordinal:
        return None, draft.stop, "ordinal range"
    if _is_date(article, draft.number) or (draft.lower and _is_date(article, draft.lower)):
        return None, draft.stop, "date"
    if draft.lower is None and number.kind != "cardinal":
        _read_special_word(article, draft)
    elif currency:
        draft.unit = currency[0]
    else:
        reason = _read_after_number(article, draft)
        if reason:
            return None, draft.stop, reason
    if draft.unit is None:
        return None, draft.stop, "no unit"
    figure = _finish(article, draft)
    if draft.number.needs_qualifier and figure.qualifier is None:
        return None, draft.stop, "`тысячи людей` is thousands, not a thousand"
    if figure.value == 1 and not draft.number.scaled and figure.unit not in MONEY | {"percent"} \
            and figure.qualifier is None:
        return None, draft.stop, "one of a unit (`на 1 кв. м`, `одного метра`): a rate"
    return figure, draft.stop, ""


def _read_special_word(article: _Article, draft: _Draft) -> None:
    """`четверо`, `двое волонтеров`, kk `екеуі` are people; `вдвое` is a multiple."""
    if draft.number.kind == "times":
        draft.unit = "times"
        return
    draft.unit = "people"
    counted = _read_counted(article, draft.stop, draft.number)
    if counted.unit in {"people", "units"}:
        draft.counted, draft.stop = counted.counted, counted.stop


def _finish(article: _Article, draft: _Draft) -> Figure:
    text = article.text
    left = min(draft.start, (draft.lower or draft.number).start)
    qualifier = draft.qualifier
    before = _qualifier_before(article, left)
    if before and not (draft.range_kind and before[0] == "up_to"):
        qualifier, left = qualifier or before[0], before[1]
    stop = draft.stop
    after = _qualifier_after(article, stop)
    if after:
        qualifier, stop = qualifier or after[0], after[1]
    if qualifier is None and (draft.number.approx or _kk_approx_unit(draft.unit_word)):
        qualifier = "approx"
    if draft.range_kind == "range" and qualifier is None:
        qualifier = "up_to"
    if text[stop - 1] == "." and _SENTENCE_END.match(text, stop):
        stop -= 1  # `$31 млрд.` at the end of a sentence: the point is the sentence's
    category = _category(article, draft, left, stop, qualifier)
    return Figure(
        start=left, stop=stop, text=text[left:stop], value=draft.value, unit=draft.unit or "",
        category=category, qualifier=qualifier, counted=draft.counted,
    )


def _kk_approx_unit(word: str) -> bool:
    approx = kk_suffixes().by_kind.get("approx", frozenset())
    return any(word.endswith(ending) for ending in approx if len(ending) >= 3)


_UP_TO_WORD = re.compile(r"до(?!\w)", re.IGNORECASE)


def _joined_range(article: _Article, figure: Figure) -> Figure:
    """`с 78% до 71%`, `от 5 тыс. тонн до 7 тыс. тонн`: a range or change with the unit written at
    both ends is one figure, the figure just read; the one before it is its lower end."""
    if not article.figures or figure.qualifier != "up_to" or not _UP_TO_WORD.match(figure.text):
        return figure
    previous = article.figures[-1]
    if previous.unit != figure.unit or previous.qualifier or article.text[previous.stop:figure.start].strip():
        return figure
    window = max(0, previous.start - 6)
    opening = _FROM_BEFORE.search(article.text[window:previous.start])
    if opening is None:
        return figure
    article.figures.pop()
    start = window + opening.start("word")
    changed = opening.group("word").lower() in {"с", "со"}
    return replace(figure, start=start, text=article.text[start:figure.stop],
                   qualifier=None if changed else "up_to")


# ---------------------------------------------------------------- the public extractor


def _candidates(article: _Article):
    """Positions where a number may start: digits, currency signs, number and scale words."""
    text, language = article.text, article.language
    for match in _CANDIDATE.finditer(text):
        token = match.group(0)
        plain = token[0].isdigit() or token in "$€₽₸" or is_number_word(token, language)
        if plain or starts_bare_scale(text, match.start(), language):
            yield match.start()


def _scan(text: str, language: str) -> _Article:
    article = _Article(text, vocabulary_language(language))
    cursor = 0
    for start in _candidates(article):
        if start < cursor:
            continue
        blocked = article.blocked_until(start)
        if blocked is not None:
            cursor = blocked
            article.log.append((start, "date, time, phone or address"))
            continue
        figure, cursor, reason = _read_figure(article, start)
        cursor = max(cursor, start + 1)
        if figure is None:
            article.log.append((start, reason))
        else:
            figure = _joined_range(article, figure)
            article.figures.append(figure)
            article.log.append((start, f"kept: {figure.value:g} {figure.unit} {figure.category}"))
    return article


def find_figures(text: str, language: str) -> list[Figure]:
    """Every quantitative fact in the text, sorted by position (region left to regions.py)."""
    return sorted(_scan(text, language).figures, key=lambda f: f.start)


def explain_figures(text: str, language: str) -> list[tuple[str, str]]:
    """For each number read: (its text, what happened to it). The debug switch."""
    article = _scan(text, language)
    return [(text[pos:pos + 30].split("\n")[0], reason) for pos, reason in article.log]
