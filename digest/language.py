"""Telling Russian from Kazakh (and from anything else)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from digest.vocabulary import read_lines

_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z]")
_KAZAKH_LETTERS = re.compile(r"[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")

# Share of words that must look Kazakh: in Kazakh text every fifth word or more has
# a Kazakh-only letter or is a Kazakh function word.
_KAZAKH_SHARE = 0.12


@lru_cache(maxsize=1)
def _kazakh_words() -> frozenset[str]:
    return frozenset(read_lines(resources.files("digest.data") / "kazakh_markers.txt"))


@lru_cache(maxsize=1)
def _russian_words() -> frozenset[str]:
    return frozenset(read_lines(resources.files("digest.data") / "russian_markers.txt"))


def detect_language(text: str) -> str:
    """`ru`, `kk` or `other` by the letters and words of the text."""
    words = _WORD.findall(text[:20000])
    cyrillic = [w for w in words if not _LATIN.search(w)]
    if not words or len(cyrillic) < 0.5 * len(words):
        return "other"
    markers = _kazakh_words()
    kazakh = sum(1 for w in cyrillic if _KAZAKH_LETTERS.search(w) or w.lower() in markers)
    # Russian news quotes Kazakh names («Таза Қазақстан», Қонаев); its prepositions and
    # conjunctions, which Kazakh has none of, outweigh them.
    russian = sum(1 for w in cyrillic if w.lower() in _russian_words())
    return "kk" if kazakh >= _KAZAKH_SHARE * len(cyrillic) and kazakh > russian else "ru"
