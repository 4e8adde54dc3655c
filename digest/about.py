"""What a figure is about, read from the words around it in the article.

A digest line needs a few words next to the number: `объем инвестиций`, `школа`,
`өнеркәсіптік өндіріс көлемі`. They are taken from the article as written, in its
language, by general rules of the two word orders:

- Russian puts the thing before the number and a linking verb between them
  (`Валовый региональный продукт области достиг 5 трлн тенге`), or names a purpose
  after it (`выделено 2 млрд тенге на ремонт дорог`). Morphology tells the noun
  phrase from the verbs and prepositions around it.
- Kazakh puts the subject first and the verb last (`инвестиция көлемі 13%-ға өсіп`);
  the words just before the number, after leading adverbs, are the phrase. A
  participle right before the number (`... ашуды көздейтін 41 жоба`) describes the
  thing counted, not the figure, so it gives no phrase.

A rule that finds nothing returns None; the digest line then shows the category.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from digest import morph
from digest.folding import fold
from digest.numbers import NumberSpan, read_number
from digest.officials import state_bodies
from digest.vocabulary import read_table

# The longest phrase worth a digest line; a longer run is cut to the words nearest the figure.
MAX_WORDS = 6
MIN_STEM = 5

_TOKEN = re.compile(r"[^\W_]+(?:[-‑][^\W_]+)*|[«»\"“”„]|\d+(?:[.,]\d+)?|[^\w\s]", re.UNICODE)
_QUOTE = frozenset("«»\"“”„")
# A sentence ends at . ! ? … followed by space and a capital, a digit, a quote or a new line.
SENTENCE_END = re.compile(r"[.!?…]+(?=\s*\n|\s+[«\"“A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])|\n")
# Inside a sentence, a clause ends at these (a dash only with spaces around it).
_CLAUSE_END = re.compile(r"[,;:()]|\s[–—-]\s")
_YEAR = re.compile(r"^(19|20)\d\d$")
_DIGITS = re.compile(r"^\d")


@dataclass(frozen=True)
class Phrase:
    """Words quoted from an article, in the article's language."""

    text: str
    language: str


@dataclass(frozen=True)
class _Words:
    lead: tuple[tuple[str, ...], ...]
    link: frozenset[str]
    measure: frozenset[str]
    time: frozenset[str]
    stop: frozenset[str]
    empty: frozenset[str]
    decrease: tuple[str, ...]
    social: tuple[str, ...]
    kk_end: tuple[str, ...]


@cache
def _words(language: str) -> _Words:
    table = read_table(resources.files("digest.data") / "about_words.tsv")
    entries: dict[str, list[str]] = {}
    for kind, lang, entry in table:
        if lang == language:
            entries.setdefault(kind, []).append(fold(entry))

    def get(kind: str) -> list[str]:
        return entries.get(kind, [])

    return _Words(
        # Longest first, so `бұл ретте` is matched before `бұл`.
        lead=tuple(sorted((tuple(e.split()) for e in get("lead")), key=len, reverse=True)),
        link=frozenset(get("link")),
        measure=frozenset(get("measure")),
        time=frozenset(get("time")),
        stop=frozenset(get("stop")),
        empty=frozenset(get("empty")),
        decrease=tuple(get("decrease")),
        social=tuple(get("social")),
        kk_end=tuple(sorted(get("kk_end"), key=len, reverse=True)),
    )


def _language(language: str) -> str:
    return "kk" if language == "kk" else "ru"


# --- tokens -----------------------------------------------------------------------------

@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    stop: int

    @property
    def folded(self) -> str:
        return fold(self.text)

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()

    @property
    def is_number(self) -> bool:
        return bool(_DIGITS.match(self.text))


def _tokens(text: str, offset: int = 0) -> list[_Token]:
    return [_Token(m.group(0), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)]


def _clause_before(context: str, start: int) -> tuple[int, int]:
    """Bounds of the clause that ends where the figure starts (trailing dashes and
    colons that only introduce the figure belong to the clause)."""
    head = context[:start].rstrip()
    head = head.rstrip("–—-:(").rstrip()
    begin = 0
    for match in SENTENCE_END.finditer(head):
        begin = match.end()
    for match in _CLAUSE_END.finditer(head, begin):
        begin = match.end()
    return begin, len(head)


def _clause_after(context: str, stop: int) -> tuple[int, int]:
    end = len(context)
    for pattern in (SENTENCE_END, _CLAUSE_END):
        match = pattern.search(context, stop)
        if match:
            end = min(end, match.start())
    return stop, end


def _sentence_start(context: str, start: int) -> int:
    begin = 0
    for match in SENTENCE_END.finditer(context[:start]):
        begin = match.end()
    return begin


# --- the phrase -------------------------------------------------------------------------

def about_phrase(context: str, start: int, stop: int, language: str) -> str | None:
    """A short phrase from `context` saying what the figure at `start:stop` is about.

    >>> about_phrase("Проект реализуется, объем инвестиций составляет 750 млн долларов.", 48, 64, "ru")
    'объем инвестиций'
    """
    language = _language(language)
    if language == "ru":
        rules = (_inside_span, _ru_purpose_after, _ru_phrase_before, _subject_of_sentence)
    else:
        rules = (_inside_span, _kk_phrase_before, _kk_phrase_after, _subject_of_sentence)
    for rule in rules:
        phrase = _clean(rule(context, start, stop, language), language)
        if phrase:
            return _mid_sentence_case(phrase, context, language)
    return None


_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"})


def _mid_sentence_case(phrase: str, context: str, language: str) -> str:
    """A phrase taken from the start of a sentence, as it reads inside a digest line:
    `Общая стоимость проекта` → `общая стоимость проекта`; names stay as they are
    (`Алатау`, `ЕАБР`). A Russian word is judged by the dictionary; a Kazakh one is
    lowered only when the article itself writes it in lower case."""
    first = re.match(r"[^\W\d_]+", phrase)
    if first is None:
        return phrase
    word = first.group()
    if not (word[0].isupper() and word[1:].islower() and len(word) > 1):
        return phrase
    lower = word.lower()
    if any(lower.startswith(stem) for stem, _ in state_bodies()):
        return phrase                   # Министерство финансов, Правительство: a body's name
    if language == "ru":
        parses = morph.parse(lower)
        common = bool(parses) and not (_PROPER & set(str(parses[0].tag).replace(" ", ",").split(",")))
    else:
        common = re.search(rf"(?<![\w-]){re.escape(lower)}(?!\w)", context) is not None
    return lower + phrase[len(word):] if common else phrase


def _clean(phrase: str | None, language: str) -> str | None:
    if not phrase:
        return None
    phrase = _balance_quotes(" ".join(phrase.split())).strip(" ,;:–—-")
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", phrase)]
    if not words:
        return None
    vocabulary = _words(language)
    # `207 проектов` says something, `проект` alone does not.
    counts = bool(re.search(r"\d", phrase))
    meaningful = [
        w for w in words
        if w not in vocabulary.measure and (counts or _base(w, language) not in vocabulary.empty)
    ]
    if not meaningful:
        return None
    return phrase


def _balance_quotes(phrase: str) -> str:
    """`Қайрат» аймағы` → `аймағы`, `проект «Школа` → `проект`: a cut never leaves half a quote."""
    last_unopened = -1
    opened: list[int] = []
    straight: list[int] = []
    for index, char in enumerate(phrase):
        if char in "«“„":
            opened.append(index)
        elif char in "»”":
            if opened:
                opened.pop()
            else:
                last_unopened = index
        elif char == '"':
            if straight:
                straight.pop()
            else:
                straight.append(index)
    end = min([*opened, *straight, len(phrase)])
    return phrase[last_unopened + 1:end].strip() if last_unopened < end else ""


def _base(word: str, language: str) -> str:
    return fold(morph.normal_form(word)) if language == "ru" and word.isalpha() else word


def _inside_span(context: str, start: int, stop: int, language: str) -> str | None:
    """`школы на 600 мест`, `детского сада на 320 мест`: the thing is written in the
    span before the number (Russian capacity phrases); it is put in the nominative."""
    span = context[start:stop]
    number = _first_number(span, language)
    if number is None or number.start == 0 or language != "ru":
        return None
    words = _tokens(span[: number.start])
    vocabulary = _words(language)
    while words and (words[-1].folded in vocabulary.link or _pos(words[-1]) in _RU_SKIP_POS):
        words.pop()
    while words and (words[0].folded in vocabulary.link or _pos(words[0]) in _RU_SKIP_POS):
        words.pop(0)
    if not words or any(_pos(w) not in _RU_NP_POS for w in words):
        return None
    return _ru_nominative(words)


def _ru_nominative(words: list[_Token]) -> str:
    """`детского сада` → `детский сад`: the head noun's first word and the adjectives
    before it go to the nominative, agreeing with it; what follows it stays as written."""
    head = next((i for i, w in enumerate(words) if _pos(w) == "NOUN"), None)
    if head is None:
        return " ".join(w.text for w in words)
    noun = morph.parse(words[head].text.lower())[0]
    noun_form = noun.inflect({"nomn"}) or noun
    grammemes = {"nomn", str(noun_form.tag.number or "sing")}
    if noun_form.tag.number == "sing" and noun_form.tag.gender:
        grammemes.add(str(noun_form.tag.gender))
    out = []
    for index, word in enumerate(words):
        text = word.text
        if index == head:
            text = _same_case(text, noun_form.word)
        elif index < head and _pos(word) in ("ADJF", "PRTF"):
            form = morph.parse(text.lower())[0].inflect(grammemes)
            text = _same_case(text, form.word) if form else text
        out.append(text)
    return " ".join(out)


def _same_case(original: str, word: str) -> str:
    return word[0].upper() + word[1:] if original[0].isupper() else word


def _first_number(text: str, language: str) -> NumberSpan | None:
    for match in re.finditer(r"\b\w", text):
        number = read_number(text, match.start(), language)
        if number is not None:
            return number
    return None


# --- Russian ----------------------------------------------------------------------------

_RU_NP_POS = frozenset({"NOUN", "ADJF", "PRTF", "NUMR", "LATN", "NUMB", "UNKN", "ROMN"})
_RU_SKIP_POS = frozenset({"VERB", "INFN", "PRTS", "GRND", "PREP", "CONJ", "PRCL", "ADVB", "COMP",
                          "PRED", "ADJS", "INTJ", "PNCT"})
# A phrase that starts with these prepositions (and its noun in this case) names a
# purpose, a recipient or a programme: `на ремонт дорог`, `для школ`, `по программе`.
_RU_PURPOSE_BEFORE = {"на": "accs", "для": "gent", "по": "datv"}
# After a number, `в` + accusative too: `вложит 1 млрд долларов в строительство завода`.
_RU_PURPOSE_AFTER = {"на": "accs", "для": "gent", "в": "accs"}
# Nouns naming an administrative unit: `... Атырауской области` adds nothing to a
# digest that is about the region already.
_RU_UNITS = frozenset({"область", "район", "регион", "край", "республика", "страна"})


def _pos(token: _Token) -> str:
    if token.text in _QUOTE:
        return "QUOTE"
    if token.is_number:
        return "NUMB"
    if not token.is_word:
        return "PNCT"
    if not re.search(r"[а-яёА-ЯЁ]", token.text):
        return "LATN"
    pos = morph.parse(token.text.lower())[0].tag.POS
    return str(pos) if pos else "UNKN"


def _can_be_case(token: _Token, case: str | None) -> bool:
    """Whether any reading of the word is in `case` (`строительство` is nomn or accs)."""
    if case is None or not token.is_word:
        return False
    return any(str(p.tag.case) == case for p in morph.parse(token.text.lower()) if p.tag.POS == "NOUN"
               or p.tag.POS in ("ADJF", "PRTF"))


def _may_be(token: _Token, pos: str) -> bool:
    """Whether any reading of the word is this part of speech (`Атырауской` reads as a
    noun first, as an adjective too)."""
    return token.is_word and any(str(p.tag.POS) == pos for p in morph.parse(token.text.lower()))


def _is_time(token: _Token) -> bool:
    if token.is_number:
        return bool(_YEAR.match(token.text))
    if not token.is_word:
        return False
    time_words = _words("ru").time
    parts = token.folded.split("-")
    return all(fold(morph.normal_form(part)) in time_words for part in parts if part)


def _is_unit_noun(token: _Token) -> bool:
    return token.is_word and fold(morph.normal_form(token.text.lower())) in _RU_UNITS


def _ru_phrase_before(context: str, start: int, stop: int = 0, language: str = "ru") -> str | None:
    """The noun phrase that ends where the links to the number begin."""
    begin, end = _clause_before(context, start)
    tokens = _tokens(context[begin:end], begin)
    vocabulary = _words("ru")
    i = len(tokens) - 1
    # What links the thing to its number: verbs, prepositions, `составляет`, `стоимостью`.
    while i >= 0 and _is_link(tokens[i], vocabulary):
        i -= 1
    i = _skip_time_phrase(tokens, i)
    last = i
    first = _ru_phrase_start(tokens, last, vocabulary)
    if first is None or first > last:
        return None
    last = _drop_unit_tail(tokens, first, last)
    words = [t for t in tokens[first:last + 1] if t.is_word or t.is_number]
    if len(words) > MAX_WORDS:
        last = _cut_after_head(tokens, first, last)
    return context[tokens[first].start:tokens[last].stop]


def _ru_phrase_start(tokens: list[_Token], last: int, vocabulary: _Words) -> int | None:
    """Walk left from `last` over the noun phrase; None when it is only a place."""
    i = last
    while i >= 0:
        token = tokens[i]
        pos = _pos(token)
        if token.folded in vocabulary.stop or _is_time(token):
            break
        if pos == "QUOTE" or pos in _RU_NP_POS:
            if pos == "NUMB":
                # A count starts its noun phrase (`58 проектов`); any other number ends it.
                return i if i < last and _pos(tokens[i + 1]) in ("NOUN", "ADJF", "QUOTE") else i + 1
            i -= 1
            continue
        if pos == "PREP":
            case = _RU_PURPOSE_BEFORE.get(token.folded)
            if i < last and _can_be_case(tokens[i + 1], case) and not _is_time(tokens[i + 1]):
                return i                             # `на ремонт дорог`, `по программе «…»`
            previous = tokens[i - 1] if i > 0 else None
            if (previous is not None and _pos(previous) == "NOUN" and not _is_time(previous)
                    and previous.folded not in vocabulary.stop):
                i -= 1                               # inside the phrase: `моста через Иртыш`
                continue
            return _after_place(tokens, i, last)     # `В Каскелене общая стоимость ...`
        if pos == "CONJ" and token.folded == "и" and 0 < i < last and (
            _pos(tokens[i - 1]) == _pos(tokens[i + 1])
        ):
            i -= 1                                   # `производственных и административных объектов`
            continue
        break
    return i + 1


def _after_place(tokens: list[_Token], preposition: int, last: int) -> int | None:
    """A phrase led by a place or circumstance (`В Каскелене общая стоимость улицы`)
    starts after the object of its preposition; None when nothing follows it
    (`в Карасайском районе`, `на территории`)."""
    i = preposition + 1
    while i <= last and _pos(tokens[i]) != "NOUN":
        i += 1
    return i + 1 if i < last else None


def _drop_unit_tail(tokens: list[_Token], first: int, last: int) -> int:
    """`Производство молока в Северо-Казахстанской области` → `Производство молока`."""
    if last <= first or not _is_unit_noun(tokens[last]):
        return last
    i = last - 1
    while i > first and _may_be(tokens[i], "ADJF"):
        i -= 1
    if i > first and _pos(tokens[i]) == "PREP":
        i -= 1
    return i if i >= first else last


def _cut_after_head(tokens: list[_Token], first: int, last: int) -> int:
    """A phrase too long for a line keeps its head and what directly depends on it:
    it is cut before its first preposition, or after `MAX_WORDS` words."""
    words = 0
    for i in range(first, last + 1):
        if i > first and _pos(tokens[i]) == "PREP" and _pos(tokens[first]) != "PREP":
            return i - 1
        if tokens[i].is_word or tokens[i].is_number:
            words += 1
            if words == MAX_WORDS:
                return i
    return last


def _is_link(token: _Token, vocabulary: _Words) -> bool:
    if token.folded in vocabulary.link:
        return True
    pos = _pos(token)
    if pos in _RU_SKIP_POS or pos == "NPRO":
        return True
    # `стоимостью`, `площадью`, `в размере`: a measure noun right before its number.
    if pos != "NOUN" or fold(morph.normal_form(token.text.lower())) not in vocabulary.measure:
        return False
    return any(_can_be_case(token, case) for case in ("ablt", "loct"))


def _skip_time_phrase(tokens: list[_Token], i: int) -> int:
    """`... индикатор за январь-апрель составил`: drop the period before the verb."""
    while i >= 0 and _is_time(tokens[i]):
        i -= 1
        while i >= 0 and (_pos(tokens[i]) in ("ADJF", "NUMB", "NUMR") or _is_time(tokens[i])):
            i -= 1
        if i >= 0 and _pos(tokens[i]) == "PREP":
            i -= 1
    return i


def _ru_purpose_after(context: str, start: int, stop: int, language: str = "ru") -> str | None:
    """`2 млрд тенге на ремонт дорог`: what the money is for, named after it."""
    begin, end = _clause_after(context, stop)
    tokens = _tokens(context[begin:end], begin)
    vocabulary = _words("ru")
    i = 0
    while i < len(tokens) and tokens[i].folded in vocabulary.stop:
        i += 1                                       # the rest of the amount: `млн тенге`
    if i >= len(tokens) - 1 or tokens[i].folded not in _RU_PURPOSE_AFTER:
        return None
    if not _can_be_case(tokens[i + 1], _RU_PURPOSE_AFTER[tokens[i].folded]) or _is_time(tokens[i + 1]):
        return None
    first = i
    i += 1
    while i < len(tokens):
        pos = _pos(tokens[i])
        if pos == "PREP" and i + 1 < len(tokens) and _pos(tokens[i + 1]) in ("NOUN", "ADJF", "LATN"):
            i += 1
            continue
        if pos not in _RU_NP_POS and pos != "QUOTE":
            break
        if _is_time(tokens[i]) or tokens[i].folded in vocabulary.stop:
            break
        i += 1
    last = _drop_unit_tail(tokens, first, i - 1)
    if len([t for t in tokens[first:last + 1] if t.is_word]) > MAX_WORDS:
        last = min(last, _cut_after_head(tokens, first + 1, last))
    return context[tokens[first].start:tokens[last].stop] if last > first else None


# --- Kazakh -----------------------------------------------------------------------------

def _kk_phrase_before(context: str, start: int, stop: int = 0, language: str = "kk") -> str | None:
    """Subject-object-verb: the words right before the number, after any adverbs of
    time, leading connectives, relative clauses and places."""
    begin, end = _clause_before(context, start)
    tokens = _tokens(context[begin:end], begin)
    vocabulary = _words("kk")
    while tokens and tokens[-1].text not in _QUOTE and (
        tokens[-1].folded in vocabulary.link or not tokens[-1].is_word
    ):
        tokens.pop()
    if tokens and _kk_is_participle(tokens[-1]):
        return None                                  # `... көздейтін 41 жоба`: describes the count
    # A period between the subject and its number: `өнімі жарты жылда 4,3 трлн`.
    while tokens and (tokens[-1].folded in vocabulary.time or tokens[-1].folded in _KK_TIME_MODIFIERS):
        tokens.pop()
    picked: list[_Token] = []
    for token in reversed(tokens):
        if token.is_number or token.folded in vocabulary.stop or token.folded in vocabulary.time:
            break
        if not token.is_word and token.text not in _QUOTE:
            break
        if _kk_is_locative(token) or _kk_is_participle(token):
            break                                    # `... облысында`, `... өтетін`: where, which
        picked.insert(0, token)
    picked = _strip_leads(picked, vocabulary)
    picked = _kk_without_region(picked)
    picked = _kk_purpose_without_source(picked)
    picked = _words_nearest(picked, MAX_WORDS)
    if not picked:
        return None
    return context[picked[0].start:picked[-1].stop]


# Words that make a period of a time word: `жарты жылда`, `алғашқы тоқсанда`.
_KK_TIME_MODIFIERS = frozenset({"жарты", "алгашкы", "биринши", "осы", "откен", "биылгы"})
# Kazakh nouns of administrative units (folded): `Қарағанды облысының` leads into the subject.
_KK_UNITS = ("облыс", "аудан", "онир", "қала", "кала")


def _kk_without_region(tokens: list[_Token]) -> list[_Token]:
    """`Қарағанды облысының жалпы өңірлік өнімі` → `жалпы өңірлік өнімі`."""
    for index, token in enumerate(tokens[:-1]):
        unit = token.folded.startswith(_KK_UNITS) and token.folded.endswith(("нын", "нин", "ы", "и"))
        if unit and index <= 2:
            return tokens[index + 1:]
    return tokens


_KK_DATIVE = ("га", "ге", "ка", "ке", "на", "не")
_KK_ABLATIVE = ("дан", "ден", "тан", "тен", "нан", "нен")


def _kk_purpose_without_source(tokens: list[_Token]) -> list[_Token]:
    """`жолдарды жөндеуге республикалық бюджеттен` → `жолдарды жөндеуге`: the purpose,
    not where the money comes from."""
    if len(tokens) < 2 or not _ends_with(tokens[-1], _KK_ABLATIVE):
        return tokens
    for index in range(len(tokens) - 2, -1, -1):
        if _ends_with(tokens[index], _KK_DATIVE):
            return tokens[: index + 1]
    return tokens


def _ends_with(token: _Token, endings: tuple[str, ...]) -> bool:
    return any(token.folded.endswith(e) and len(token.folded) - len(e) >= 3 for e in endings)


def _words_nearest(tokens: list[_Token], count: int) -> list[_Token]:
    """The last `count` words (quotes do not count), never starting inside a quotation."""
    words = 0
    for index in range(len(tokens) - 1, -1, -1):
        if tokens[index].is_word:
            words += 1
            if words > count:
                rest = tokens[index + 1:]
                return _from_quote_start(tokens, index + 1) if _opens_inside_quote(rest) else rest
    return tokens


def _opens_inside_quote(tokens: list[_Token]) -> bool:
    depth = 0
    for token in tokens:
        if token.text in "«“„":
            depth += 1
        elif token.text in "»”":
            if depth == 0:
                return True
            depth -= 1
    return False


def _from_quote_start(tokens: list[_Token], index: int) -> list[_Token]:
    for start in range(index - 1, -1, -1):
        if tokens[start].text in "«“„":
            return tokens[start:]
    return tokens[index:]


def _kk_is_participle(token: _Token) -> bool:
    word = token.folded
    return any(word.endswith(ending) and len(word) >= len(ending) + 2 for ending in _KK_PARTICIPLE)


# Participle endings (folded): `өтетін`, `салынған`, `көздейтін`.
_KK_PARTICIPLE = ("атын", "етин", "йтын", "йтин", "ган", "ген", "кан", "кен")


def _kk_is_locative(token: _Token) -> bool:
    word = token.folded
    return any(word.endswith(ending) and len(word) - len(ending) >= 3 for ending in _KK_LOCATIVE)


# Locative endings, and the attributive `-дағы/-дегі` made from them (folded).
_KK_LOCATIVE = ("ндагы", "ндеги", "дагы", "деги", "тагы", "теги", "нда", "нде", "да", "де", "та", "те")


def _kk_phrase_after(context: str, start: int, stop: int, language: str = "kk") -> str | None:
    """`103 мың шаршы метрден астам тұрғын үй пайдалануға берілді`: the thing after
    the amount, up to the first word with a case or verb ending."""
    begin, end = _clause_after(context, stop)
    tokens = _tokens(context[begin:end], begin)
    vocabulary = _words("kk")
    picked: list[_Token] = []
    for token in tokens:
        if not token.is_word or token.folded in vocabulary.stop or token.folded in vocabulary.link:
            if picked:
                break
            continue
        if _kk_has_ending(token.folded, vocabulary):
            break
        picked.append(token)
        if len(picked) == 3:
            break
    if not picked:
        return None
    return context[picked[0].start:picked[-1].stop]


def _kk_has_ending(word: str, vocabulary: _Words) -> bool:
    return any(word.endswith(ending) and len(word) - len(ending) >= 3 for ending in vocabulary.kk_end)


def _strip_leads(tokens: list[_Token], vocabulary: _Words) -> list[_Token]:
    changed = True
    while tokens and changed:
        changed = False
        folded = [t.folded for t in tokens]
        for lead in vocabulary.lead:
            if tuple(folded[: len(lead)]) == lead:
                tokens = tokens[len(lead):]
                changed = True
                break
        if tokens and (tokens[0].folded in vocabulary.time or tokens[0].is_number):
            tokens = tokens[1:]
            changed = True
    return tokens


# --- both languages ---------------------------------------------------------------------

def _subject_of_sentence(context: str, start: int, stop: int, language: str) -> str | None:
    """`Алатау қаласының бюджеті үш есеге өсіп, 8,8 млрд теңгеге жетті`: when the
    figure's own clause names nothing, the sentence's first noun phrase is its subject."""
    begin = _sentence_start(context, start)
    clause_begin, _ = _clause_before(context, start)
    if clause_begin <= begin:
        return None                                  # the figure's clause is the sentence's first
    tokens = _tokens(context[begin:clause_begin], begin)
    vocabulary = _words(language)
    tokens = _strip_leads(tokens, vocabulary)
    picked: list[_Token] = []
    for token in tokens:
        if not token.is_word or token.folded in vocabulary.stop or token.folded in vocabulary.time:
            break
        if language == "ru" and _pos(token) not in _RU_NP_POS:
            break
        if language == "kk" and (_kk_is_participle(token) or _kk_is_locative(token)):
            break
        picked.append(token)
        if len(picked) == MAX_WORDS:
            break
    if not picked:
        return None
    if language == "ru" and not _can_be_case(picked[-1] if _pos(picked[-1]) == "NOUN" else picked[0], "nomn"):
        return None
    return context[picked[0].start:picked[-1].stop]


def counted_phrase(figure_text: str, counted: str | None, value: float, language: str) -> str | None:
    """How the thing counted reads after the number.

    Russian agrees the noun with the number, so the words after the number in the
    span, as written, are used (`более 60 социально значимых проектов` → `социально
    значимых проектов`). Kazakh leaves the noun in its base form after a numeral, so
    the base form is right (`41 инвестициялық жобаны` → `инвестициялық жоба`).
    """
    if not counted:
        return None
    if _language(language) == "kk":
        return counted
    number = _first_number(figure_text, "ru")
    if number is not None:
        rest = figure_text[number.stop:].strip(" \u00a0–—-:.")
        if rest and _names_same_thing(rest, counted):
            return rest
    return _agree_with_number(counted, value)


def _names_same_thing(text: str, counted: str) -> bool:
    """`детей` names `ребёнок`, `субъектов МСБ` names `субъект МСБ`."""
    head = fold(counted.split()[0])
    for word in re.findall(r"[^\W\d_]+", text):
        folded = fold(word)
        if folded.startswith(head[:4]) or fold(morph.normal_form(word.lower())) == head:
            return True
    return False


def _agree_with_number(counted: str, value: float) -> str:
    """`гражданин` after 6 is `граждан`; only a one-word thing is inflected."""
    if " " in counted or value != int(value):
        return counted
    parse = morph.parse(counted.lower())[0]
    agreed = parse.make_agree_with_number(int(value))
    return agreed.word if agreed is not None else counted


def is_decrease(context: str, start: int, stop: int, language: str) -> bool:
    """Whether the clause around the figure says it fell (`снизился на 5%`, `5%-ға төмендеді`)."""
    begin, _ = _clause_before(context, start)
    _, end = _clause_after(context, stop)
    stems = _words(_language(language)).decrease
    return any(fold(word).startswith(stems) for word in re.findall(r"[^\W\d_]+", context[begin:end]))


def is_social(counted: str | None, language: str) -> bool:
    """Whether the thing counted is a school, a hospital, a home or the like."""
    if not counted:
        return False
    folded = fold(counted)
    words = folded.split()
    for stem in _words(_language(language)).social + _words("kk" if language == "ru" else "ru").social:
        if " " in stem and stem in folded:
            return True
        if any(word.startswith(stem) for word in words):
            return True
    return False


def context_stems(text: str) -> frozenset[str]:
    """Stems of the longer words: two reports of one fact share several of them."""
    return frozenset(word[:MIN_STEM] for word in re.findall(r"[^\W\d_]{6,}", fold(text)))


def paragraph_bounds(context: str, start: int) -> tuple[int, int]:
    begin = context.rfind("\n", 0, start) + 1
    end = context.find("\n", start)
    return begin, len(context) if end < 0 else end


def nearest(items: Sequence[tuple[int, int, str]], start: int, stop: int) -> str | None:
    """The item nearest a figure: before it first (news names the place, then the number)."""
    before = [(start - s_stop, name) for s_start, s_stop, name in items if s_stop <= start]
    if before:
        return min(before)[1]
    after = [(s_start - stop, name) for s_start, s_stop, name in items if s_start >= stop]
    return min(after)[1] if after else None
