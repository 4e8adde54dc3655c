"""Reading numbers as news writes them, in Russian and Kazakh.

Digits with thousands separated by spaces (`19 506`, `1 234 567`, no-break and thin spaces
too), decimal commas and points (`1,176`, `88, 5%` when a unit follows), scale words
(`тыс.`, `млн`, `млрд`, `трлн`, kk `мың`, `миллиард`), number words and mixed forms (`шесть`,
`три триллиона 100 миллиардов`, `полтора`, `полмиллиона`, kk `он бес`, `екі жүз`, `қырық үш
бүтін оннан тоғыз`), Kazakh endings on the number (`21 мыңнан`, `300-ге`, `млрд-қа`).
`read_number` reads one number at a position; figures.py decides whether it states a fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from digest.vocabulary import read_table

SPACES = " \u00a0\u2009\u202f\u2007"
_GAP = re.compile(rf"[{SPACES}]+")
# `19 506`, `1 234 567,5` (groups of three after a space of any kind), or plain `1,176`, `3866.5`.
_DIGITS = re.compile(rf"\d{{1,3}}(?:[{SPACES}]\d{{3}})+(?!\d)(?:[.,]\d+)?|\d+(?:[.,]\d+)?")
# `88, 5%`, `18 , 8 проценті`: a decimal comma with spaces, only right before a unit or scale.
_SPACED_DECIMAL = re.compile(
    rf"[{SPACES}]?,[{SPACES}](\d{{1,3}})"
    rf"(?=[{SPACES}]?(?:%|процент|пайыз|тыс|мың|млн|млрд|трлн|миллион|миллиард|триллион))",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")
_HYPHEN_SUFFIX = re.compile(r"[-‑]([^\W\d_]+)")
_ABBREVIATED_SCALE = re.compile(r"(?:тыс|млн|млрд|трлн)(?![^\W\d_])", re.IGNORECASE)
_PARTICLE = re.compile(r"-ақ(?![^\W\d_])")
# Russian case endings written after digits: `5-ти школ`, `2-х`, `7-ми`.
_RU_CARDINAL_ENDINGS = frozenset({"ти", "ми", "х", "и", "ью", "мя"})

@dataclass(frozen=True)
class NumberSpan:
    """One number in the text, its multiplier applied."""

    start: int
    stop: int
    value: float
    kind: str = "cardinal"      # cardinal, collective (двое, екеу), times (вдвое)
    scaled: bool = False        # a scale word (тыс., млн, мың) or a scaled word (полмиллиона) is in it
    words: bool = False         # written with number words
    integer: bool = True        # written without a decimal part
    suffix: str = ""            # Kazakh ending glued to its last word (`мыңнан` -> `нан`)
    approx: bool = False        # Kazakh `-дай/-дей` ending: about
    ordinal: bool = False       # `1-ші`, `бесінші`, `5-летний`, `2-комнатная`: not a quantity
    scale: float = 1.0          # the last scale word's factor (a range's lower end borrows it)
    needs_qualifier: bool = False  # a bare `тысячи` is a number only after `более`, `около`, ...


@dataclass(frozen=True)
class _Word:
    value: float
    kind: str


@dataclass(frozen=True)
class _Suffixes:
    by_kind: dict[str, frozenset[str]]
    pattern: str                      # any suffix (case, approx, adjectival, ordinal), longest first

    def kind_of(self, suffix: str) -> str | None:
        for kind, suffixes in self.by_kind.items():
            if suffix in suffixes:
                return kind
        return None


@dataclass(frozen=True)
class _Vocabulary:
    words: dict[str, _Word]           # exact forms (Kazakh stems with every ending expanded)
    continuations: dict[str, _Word]   # forms that are numbers only after another number word
    scale: re.Pattern[str]            # one alternation, named groups s0, s1, ...
    factors: tuple[float, ...]        # by group number
    bare: tuple[tuple[re.Pattern[str], bool], ...]  # scale words that are a number alone (`мың адам`),
    # and whether only after a qualifier (`более тысячи`)


def _data(name: str):
    return resources.files("digest.data") / name


@lru_cache(maxsize=1)
def kk_suffixes() -> _Suffixes:
    by_kind: dict[str, set[str]] = {}
    for kind, suffix in read_table(_data("figure_kk_suffixes.tsv")):
        by_kind.setdefault(kind, set()).add(suffix)
    every = sorted({s for group in by_kind.values() for s in group}, key=len, reverse=True)
    return _Suffixes({k: frozenset(v) for k, v in by_kind.items()}, "|".join(every))


# Kazakh stems change before a vowel ending: жылдық -> жылдығы, мектеп -> мектебі, орын -> орны.
_VOICED = {"ғ": "қ", "г": "к", "б": "п"}


def _stem_forms(stem: str) -> list[str]:
    """The dictionary forms a stem seen in text may come from."""
    forms = [stem]
    if stem[-1:] in _VOICED:
        forms.append(stem[:-1] + _VOICED[stem[-1]])
    if len(stem) >= 3 and stem[-1] not in "аеыіоөұүуәи" and stem[-2] not in "аеыіоөұүуәи":
        forms += [stem[:-1] + vowel + stem[-1] for vowel in ("ы", "і", "ұ", "ү")]
    return forms


def _two_endings(ending: str, suffixes: _Suffixes) -> bool:
    """`жастамыз` = жас + та + мыз: a case ending and a personal one."""
    return any(
        suffixes.kind_of(ending[:cut]) and suffixes.kind_of(ending[cut:]) for cut in range(1, len(ending))
    )


def split_kk_suffix(
    word: str, stems: frozenset[str] | dict, adjectival: bool = False
) -> tuple[str, str] | None:
    """`мыңнан` -> (`мың`, `нан`), `жылдығын` -> (`жылдық`, `ын`), `орны` -> (`орын`, `ы`):
    the word is a known stem plus a known ending (an adjective-making ending only when asked:
    `азаматтық` is "civil", not a form of `азамат`)."""
    if word in stems:
        return word, ""
    suffixes = kk_suffixes()
    for cut in range(len(word) - 1, 0, -1):
        ending = word[cut:]
        kind = suffixes.kind_of(ending)
        if kind == "adjectival" and not adjectival:
            continue
        if not (kind or _two_endings(ending, suffixes)):
            continue
        for stem in _stem_forms(word[:cut]):
            if stem in stems:
                return stem, ending
    return None


@lru_cache(maxsize=4)
def _vocabulary(language: str) -> _Vocabulary:
    words: dict[str, _Word] = {}
    blocked: set[str] = set()
    suffixes = kk_suffixes()
    every_ending = [s for kind, group in suffixes.by_kind.items() if kind != "possessive" for s in group]
    for lang, form, value, kind in read_table(_data("number_words.tsv")):
        if lang != language:
            continue
        if kind == "blocked":
            blocked.add(form)
            continue
        words[form] = _Word(float(value), kind)
        if lang == "kk" and kind not in {"point", "denominator_before"}:
            for ending in every_ending:
                words.setdefault(form + ending, _Word(float(value), kind))
    # `бірінде` alone is "in one of them"; after `он` it is the 11th: blocked words only go on a number.
    continuations = {form: words.pop(form) for form in blocked if form in words}
    patterns, factors, bare_patterns = [], [], []
    rows = [r for r in read_table(_data("scales.tsv")) if r[0] in {"any", language}]
    rows.sort(key=lambda r: len(r[3]), reverse=True)
    ending = rf"(?:-?(?:{suffixes.pattern}))?" if language == "kk" else ""
    for index, (lang, factor, bare, pattern) in enumerate(rows):
        tail = rf"(?:-(?:{suffixes.pattern}))?" if lang == "any" else ending
        patterns.append(rf"(?P<s{index}>{pattern}{tail})(?![^\W\d_])")
        factors.append(float(factor))
        if bare in {"yes", "qualified"}:
            bare_patterns.append((re.compile(pattern + ending, re.IGNORECASE), bare == "qualified"))
    scale = re.compile("|".join(patterns), re.IGNORECASE)
    return _Vocabulary(words, continuations, scale, tuple(factors), tuple(bare_patterns))


def vocabulary_language(language: str) -> str:
    return "kk" if language == "kk" else "ru"


def is_number_word(word: str, language: str) -> bool:
    return word.lower() in _vocabulary(vocabulary_language(language)).words


def starts_bare_scale(text: str, pos: int, language: str) -> bool:
    return _read_scale(text, pos, _vocabulary(vocabulary_language(language)), bare=True) is not None


def _digits_value(raw: str) -> tuple[float, bool]:
    cleaned = _GAP.sub("", raw).replace(",", ".")
    return float(cleaned), "." not in cleaned


def _bare_scale(word: str, vocabulary: _Vocabulary) -> bool | None:
    """None: the scale word is not a number alone; else whether it needs a qualifier."""
    found = [qualified for pattern, qualified in vocabulary.bare if pattern.fullmatch(word)]
    return min(found) if found else None


def _read_scale(
    text: str, pos: int, vocabulary: _Vocabulary, bare: bool = False
) -> tuple[float, int, str] | None:
    """(factor, stop, Kazakh ending) of a scale word at pos."""
    match = vocabulary.scale.match(text, pos)
    if not match or match.lastgroup is None:
        return None
    word = match.group(0)
    if bare and _bare_scale(word, vocabulary) is None:
        return None
    return vocabulary.factors[int(match.lastgroup[1:])], match.end(), _ending_after_stem(word)


def _ending_after_stem(word: str) -> str:
    """The Kazakh ending on a scale word: `мыңнан` -> `нан`, `млрд-қа` -> `қа`."""
    lower = word.lower()
    if "-" in lower:
        return lower.rsplit("-", 1)[1]
    for stem in ("миллиард", "миллион", "триллион", "мың"):
        if lower.startswith(stem):
            return lower[len(stem):]
    return ""


class _Reader:
    """Composes number words, digits and scale words left to right (one number)."""

    def __init__(self, text: str, start: int, language: str) -> None:
        self.text = text
        self.start = start
        self.language = language
        self.vocabulary = _vocabulary(language)
        self.kind = "cardinal"
        self.total = 0.0
        self.group: float | None = None
        self.last_kind = ""
        self.last_scale = float("inf")
        self.scale = 1.0
        self.stop = start
        self.words = False
        self.scaled = False
        self.integer = True
        self.suffix = ""
        self.ordinal = False
        self.needs_qualifier = False
        # A digit group after an abbreviated scale (`5 млн 2024 года`) joins only if a smaller scale
        # follows; after a spelled-out one it is the rest of the number (`2 тысячи 500 человек`).
        self.checkpoint: tuple[float, int, str] | None = None
        self.spelled_scale = False

    def value(self) -> float:
        # `8,2 млрд` is 8200000000, not 8199999999.999999.
        return float(f"{self.total + (self.group or 0.0):.12g}")

    def skip_gap(self, pos: int) -> int:
        match = _GAP.match(self.text, pos)
        return match.end() if match else pos

    def read(self) -> NumberSpan | None:
        pos = self.start
        while not self.suffix and not self.ordinal:
            gap = self.skip_gap(pos) if pos > self.start else pos
            if pos > self.start and gap == pos and not (self.last_kind == "digits" and self._scale_here(pos)):
                break
            step = self._step(gap)
            if step is None:
                break
            pos = step
        if self.checkpoint is not None:
            self.total, self.stop, self.last_kind = self.checkpoint[0], self.checkpoint[1], "scale"
            self.group = None
        if self.stop == self.start or (self.group is None and self.total == 0 and not self.scaled):
            return None
        return self._span()

    def _scale_here(self, pos: int) -> bool:
        return _read_scale(self.text, pos, self.vocabulary) is not None

    def _span(self) -> NumberSpan:
        suffix_kind = kk_suffixes().kind_of(self.suffix) if self.suffix else None
        return NumberSpan(
            start=self.start, stop=self.stop, value=self.value(), kind=self.kind, scaled=self.scaled,
            words=self.words,
            integer=self.integer, suffix=self.suffix, approx=suffix_kind == "approx",
            ordinal=self.ordinal, scale=self.scale, needs_qualifier=self.needs_qualifier,
        )

    def _step(self, pos: int) -> int | None:
        if pos < len(self.text) and self.text[pos].isdigit():
            return self._digits(pos)
        scale = _read_scale(self.text, pos, self.vocabulary)
        if scale is not None:
            return self._scale(pos, *scale)
        word = _WORD.match(self.text, pos)
        if word is None:
            return None
        return self._word(word)

    def _digits(self, pos: int) -> int | None:
        if self.group is not None or self.last_kind not in {"", "scale"}:
            return None
        match = _DIGITS.match(self.text, pos)
        assert match is not None
        value, integer = _digits_value(match.group(0))
        stop = match.end()
        spaced = _SPACED_DECIMAL.match(self.text, stop) if integer else None
        if spaced:
            value = float(f"{int(value)}.{spaced.group(1)}")
            integer, stop = False, spaced.end()
        if self.last_kind == "scale" and not (self.spelled_scale and value < self.last_scale):
            self.checkpoint = (self.total, self.stop, self.last_kind)
        self.group, self.last_kind, self.stop = value, "digits", stop
        self.integer = self.integer and integer
        return self._digit_ending(stop)

    def _digit_ending(self, stop: int) -> int:
        """What follows a hyphen: a case ending (`300-ге`, `5-ти`), a particle (`14-ақ`), or else an
        ordinal or a compound word (`1-ші`, `30-летию`, `5-миллионный`)."""
        match = _HYPHEN_SUFFIX.match(self.text, stop)
        if not match:
            return stop
        ending = match.group(1).lower()
        kind = kk_suffixes().kind_of(ending)
        if ending == "ақ":  # `14-ақ процент`: a particle (only), the number goes on
            self.stop = match.end()
        elif kind in {"case", "approx"} and self.language == "kk":
            self.suffix, self.stop = ending, match.end()
        elif ending in _RU_CARDINAL_ENDINGS and self.language == "ru":
            self.stop = match.end()
        else:
            self.ordinal, self.stop = True, match.end()
        return self.stop

    def _scale(self, pos: int, factor: float, stop: int, ending: str) -> int | None:
        if factor >= self.last_scale:
            return None
        if self.group is None:
            if self.total or _read_scale(self.text, pos, self.vocabulary, bare=True) is None:
                return None
            self.group = 1.0
            self.needs_qualifier = bool(_bare_scale(self.text[pos:stop], self.vocabulary))
        self.total += self.group * factor
        self.group, self.last_scale, self.scale = None, factor, factor
        self.last_kind, self.scaled, self.stop, self.checkpoint = "scale", True, stop, None
        self.spelled_scale = not _ABBREVIATED_SCALE.match(self.text, pos)
        if self.language == "kk":
            self._take_ending(ending)
        return stop

    def _take_ending(self, ending: str) -> None:
        kind = kk_suffixes().kind_of(ending) if ending else None
        if kind == "ordinal":
            self.ordinal = True
        elif kind:
            self.suffix = ending

    def _word(self, match: re.Match[str]) -> int | None:
        raw = match.group(0)
        word = self.vocabulary.words.get(raw.lower())
        if word is None and self.group is not None:
            word = self.vocabulary.continuations.get(raw.lower())
        if word is None:
            return self._kk_ordinal(raw)
        stop = match.end()
        particle = _PARTICLE.match(self.text, stop)
        if particle:
            stop = particle.end()
        if not self._compose(word):
            return None
        self.words, self.stop = True, stop
        if self.language == "kk":
            self._take_ending(_base_ending(raw.lower()))
        if word.kind == "point":
            return self._fraction(stop)
        return stop

    def _kk_ordinal(self, raw: str) -> int | None:
        """`бесінші`, `жиырмасыншы`: a Kazakh ordinal ends the number and marks it."""
        if self.language != "kk" or self.group is None:
            return None
        lower, words = raw.lower(), self.vocabulary.words
        for ending in kk_suffixes().by_kind.get("ordinal", ()):
            stem = lower[: -len(ending)]
            if lower.endswith(ending) and any(form in words for form in (stem, stem + "і", stem + "ы")):
                self.ordinal = True
                return None
        return None

    def _compose(self, word: _Word) -> bool:
        """Add a number word to the group being read (`двадцать` + `пять`, kk `екі` × `жүз`)."""
        kind, value, group, last = word.kind, word.value, self.group, self.last_kind
        if kind in {"collective", "times", "scaled"}:
            if group is not None or self.total:
                return False
            self.group, self.last_kind = value, kind
            if kind != "scaled":
                self.kind = kind
            self.scaled = self.scaled or kind == "scaled"
            return True
        if kind in {"denominator_before", "denominator_after"}:
            return False
        if kind == "point":
            return group is not None and last in {"digit", "teen", "ten", "hundred", "hundred_mult"}
        if kind == "half_add":
            if last not in {"digit", "teen", "ten", "hundred_mult"}:
                return False
            self.group = (group or 0) + value
            self.integer = False
        elif kind == "hundred_mult":
            if group is None:
                self.group = value
            elif last == "digit" and group < 10:
                self.group = group * value
            else:
                return False
        elif group is None:
            if last == "digits":
                return False
            self.group = value
        elif _fits_after(kind, last, self.language):
            self.group = group + value
        else:
            return False
        if value != int(value):
            self.integer = False
        self.last_kind = kind
        return True

    def _fraction(self, pos: int) -> int:
        """`қырық үш бүтін оннан тоғыз` (43.9), `две целых пять десятых` (2.5)."""
        gap = self.skip_gap(pos)
        first = _WORD.match(self.text, gap)
        if first is None:
            return pos
        words = self.vocabulary.words
        denominator = 0.0
        cursor = gap
        head = words.get(first.group(0).lower())
        if self.language == "kk":
            if head is None or head.kind != "denominator_before":
                return pos
            denominator, cursor = head.value, self.skip_gap(first.end())
        numerator, cursor = _small_number(self.text, cursor, words)
        if numerator is None:
            return pos
        if self.language == "ru":
            tail = _WORD.match(self.text, self.skip_gap(cursor))
            entry = words.get(tail.group(0).lower()) if tail else None
            if entry is None or entry.kind != "denominator_after":
                return pos
            denominator, cursor = entry.value, tail.end()
        self.group = (self.group or 0) + numerator / denominator
        self.integer, self.stop = False, cursor
        return cursor


def _small_number(text: str, pos: int, words: dict[str, _Word]) -> tuple[float | None, int]:
    """A number below a thousand in words or digits (the numerator of a fraction)."""
    if pos < len(text) and text[pos].isdigit():
        match = re.match(r"\d+", text[pos:])
        assert match is not None
        return float(match.group(0)), pos + match.end()
    total, stop = None, pos
    cursor = pos
    while True:
        match = _WORD.match(text, cursor)
        entry = words.get(match.group(0).lower()) if match else None
        if match is None or entry is None or entry.kind not in {"digit", "teen", "ten", "hundred"}:
            break
        total, stop = (total or 0) + entry.value, match.end()
        gap = _GAP.match(text, stop)
        cursor = gap.end() if gap else stop
    return total, stop


def _fits_after(kind: str, last: str, language: str) -> bool:
    """May a word of `kind` add to a group that ended with a word of `last`?"""
    if kind == "digit":
        return last in {"ten", "hundred", "hundred_mult"} or (language == "kk" and last == "teen")
    if kind == "teen":
        return last in {"hundred", "hundred_mult"}
    if kind == "ten":
        return last in {"hundred", "hundred_mult"}
    return False


@lru_cache(maxsize=4)
def _base_forms(language: str) -> frozenset[str]:
    return frozenset(
        form for lang, form, _value, kind in read_table(_data("number_words.tsv"))
        if lang == language and kind != "blocked"
    )


def _base_ending(word: str) -> str:
    """The ending on a Kazakh number word: `оннан` -> `нан`, `үшеуі` -> `і`."""
    bases = _base_forms("kk")
    if word in bases:
        return ""
    for cut in range(len(word) - 1, 0, -1):
        if word[:cut] in bases and kk_suffixes().kind_of(word[cut:]):
            return word[cut:]
    return ""


def read_number(text: str, pos: int, language: str) -> NumberSpan | None:
    """The number that starts at `pos` (digits, words, scale words), or None."""
    return _Reader(text, pos, vocabulary_language(language)).read()


def parse_number(text: str, language: str) -> float | None:
    """The value of a text that is one number (`1,3 млрд`, `три триллиона 100 миллиардов`)."""
    stripped = text.strip()
    span = read_number(stripped, 0, language)
    if span is None or span.stop != len(stripped):
        return None
    return span.value
