"""Russian morphology: the only module that imports pymorphy3."""

from __future__ import annotations

from functools import lru_cache

import pymorphy3


@lru_cache(maxsize=1)
def _analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


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
