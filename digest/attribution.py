"""Who said it: the official a digest line's figure comes from.

A figure is attributed to an official named in the same sentence («…построим 5 школ», –
деді Марат Сұлтанғазиев; по словам акима Марата Султангазиева, …), the nearest one
when several are named. The officials are those the extractor found in the article; a
name is recognised in any case of either language by its folded surname stem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from digest.folding import fold
from digest.officials import ListedOfficial, listed_officials

# A sentence ends at . ! ? … before a capital, a digit or an opening quote, or at a line end.
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s*\n|\s+[«\"“A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])|\n")
_WORD = re.compile(r"\w+")
MIN_STEM = 4


@dataclass(frozen=True)
class Speaker:
    key: str                           # the official's comparison key (digest.officials)
    name_ru: str | None
    name_kk: str | None
    names: tuple[str, ...] = ()        # as the articles wrote them, any language

    @classmethod
    def stored(
        cls, key: str, name_ru: str | None, name_kk: str | None, names: tuple[str, ...] = ()
    ) -> Speaker:
        """An official as storage knows them, with the name storage lacks (an official seen
        only in Russian articles has no Kazakh name yet) from the list of officials."""
        listed = _listed_by_key().get(key)
        if listed is not None:
            name_ru, name_kk = name_ru or listed.name_ru, name_kk or listed.name_kk
        return cls(key, name_ru, name_kk, names)

    def name(self, language: str) -> str:
        preferred = self.name_kk if language == "kk" else self.name_ru
        return preferred or self.name_ru or self.name_kk or (self.names[0] if self.names else self.key)

    def stems(self) -> frozenset[str]:
        """Folded surname stems: `Султангазиева`, `Сұлтанғазиевтің` → `султангазиев`."""
        stems = set()
        for name in (self.name_ru, self.name_kk, *self.names):
            words = _WORD.findall(fold(name or ""))
            if not words:
                continue
            surname = words[-1]
            # A woman's surname in Russian (Иванова) declines from its stem (Ивановой).
            if surname.endswith("а") and len(surname) > MIN_STEM + 1:
                surname = surname[:-1]
            if len(surname) >= MIN_STEM:
                stems.add(surname)
        return frozenset(stems)


@cache
def _listed_by_key() -> dict[str, ListedOfficial]:
    return {row.key: row for row in listed_officials()}


def sentence_bounds(text: str, start: int, stop: int) -> tuple[int, int]:
    """The sentence of `text` around the span `start:stop`."""
    begin = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        begin = match.end()
    after = _SENTENCE_END.search(text, stop)
    return begin, after.end() if after else len(text)


def speaker_of(text: str, start: int, stop: int, officials: Iterable[Speaker]) -> Speaker | None:
    """The official named in the sentence of the figure at `text[start:stop]`, nearest
    to it; None when the sentence names nobody known."""
    begin, end = sentence_bounds(text, start, stop)
    words = [(match.start() + begin, fold(match.group())) for match in _WORD.finditer(text[begin:end])]
    best: tuple[int, Speaker] | None = None
    for official in officials:
        stems = official.stems()
        for position, word in words:
            if any(word.startswith(stem) for stem in stems):
                distance = start - position if position < start else position - stop
                if best is None or distance < best[0]:
                    best = (distance, official)
    return best[1] if best else None


def names_anyone(text: str, officials: Iterable[Speaker]) -> bool:
    """Whether `text` names one of `officials` (in any case of either language)."""
    stems = [stem for official in officials for stem in official.stems()]
    return any(word.startswith(stem) for word in _WORD.findall(fold(text)) for stem in stems)


def merge_speakers(speakers: Sequence[Speaker | None]) -> tuple[Speaker, ...]:
    """The distinct officials of a line's figures (one story told by several outlets)."""
    seen: dict[str, Speaker] = {}
    for speaker in speakers:
        if speaker is not None and speaker.key not in seen:
            seen[speaker.key] = speaker
    return tuple(seen.values())
