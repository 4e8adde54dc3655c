"""Russian morphology: the only module that imports pymorphy3."""

from __future__ import annotations

import threading
from functools import lru_cache

import pymorphy3

_LOCK = threading.Lock()
_ANALYZER: list[pymorphy3.MorphAnalyzer] = []


def _analyzer() -> pymorphy3.MorphAnalyzer:
    # The bot extracts in worker threads: two first calls at once would load the
    # dictionaries twice (15 MB and a second of start-up), so the first load is locked.
    if not _ANALYZER:
        with _LOCK:
            if not _ANALYZER:
                _ANALYZER.append(pymorphy3.MorphAnalyzer())
    return _ANALYZER[0]


@lru_cache(maxsize=65536)
def parse(word: str) -> tuple:
    """All analyses of a word, most probable first (cached: news repeats its words)."""
    return tuple(_analyzer().parse(word))


def normal_form(word: str) -> str:
    return parse(word)[0].normal_form


def inflect(word: str, grammemes: frozenset[str]) -> str | None:
    """The word in the given form (e.g. {"nomn", "sing"}), or None when impossible."""
    form = parse(word)[0].inflect(set(grammemes))
    return form.word if form else None


_NUMBER_CASES = frozenset({"nomn", "gent", "accs"})


@lru_cache(maxsize=65536)
def part_of_speech(word: str, after_number: bool = False) -> str | None:
    """The part of speech of the most probable analysis (`NOUN`, `ADJF`, `PRTF`, `PREP`, ...).

    After a number a noun is expected: `15 сел` is villages (село), not "sat down" (сесть).
    """
    analyses = parse(word)
    top = analyses[0].tag.POS
    if after_number and top in {"VERB", "INFN", "PRTS", "ADJS"} and any(
        a.tag.POS == "NOUN" and a.tag.case in _NUMBER_CASES for a in analyses
    ):
        return "NOUN"
    return top


def noun_lemma(word: str) -> str:
    """Base form of a noun: nominative singular, or plural for plural-only nouns."""
    for analysis in parse(word):
        if analysis.tag.POS == "NOUN":
            return analysis.normal_form
    return normal_form(word)


@lru_cache(maxsize=16384)
def agree_adjective(adjective: str, noun: str) -> str:
    """The adjective in the nominative singular of the noun's gender: (`производственных`,
    `площадок`) -> `производственная`; plural-only nouns take the plural."""
    noun_analysis = next((a for a in parse(noun) if a.tag.POS == "NOUN"), parse(noun)[0])
    gender = noun_analysis.tag.gender
    grammemes = {"nomn", "sing", gender} if gender else {"nomn", "plur"}
    for analysis in parse(adjective):
        if analysis.tag.POS in {"ADJF", "PRTF"}:
            form = analysis.inflect(grammemes)
            return form.word if form else analysis.normal_form
    return adjective
