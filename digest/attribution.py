"""Who said it: the official a digest line's figure comes from.

A figure is attributed to an official named in the same sentence («…построим 5 школ», –
деді Марат Сұлтанғазиев; по словам акима Марата Султангазиева, …), the nearest one
when several are named, in a case that makes them the speaker (nominative, genitive) and
not the one told or met (Касым-Жомарту Токаеву сообщили…). A sentence that names only an
office (как сообщил аким области, облыс әкімінің айтуынша) credits the one official of
the article who holds it, unless it speaks of another level (аким района). The officials
are those the extractor found in the article; the word lists are in digest/data
(`speaker_endings.txt`, `office_endings.txt`, `speaker_levels.txt`, `positions.tsv`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

from digest.about import SENTENCE_END
from digest.folding import fold
from digest.officials import ListedOfficial, listed_officials, positions
from digest.vocabulary import read_lines

_WORD = re.compile(r"\w+")
MIN_STEM = 4


@dataclass(frozen=True)
class Speaker:
    key: str                           # the official's comparison key (digest.officials)
    name_ru: str | None
    name_kk: str | None
    names: tuple[str, ...] = ()        # as the articles wrote them, any language
    roles: tuple[str, ...] = ()        # the office as the articles gave it (аким Алматинской области)

    @classmethod
    def stored(
        cls, key: str, name_ru: str | None, name_kk: str | None, names: tuple[str, ...] = (),
        roles: tuple[str, ...] = (),
    ) -> Speaker:
        """An official as storage knows them, with the name storage lacks (an official seen
        only in Russian articles has no Kazakh name yet) from the list of officials."""
        listed = _listed_by_key().get(key)
        if listed is not None:
            name_ru, name_kk = name_ru or listed.name_ru, name_kk or listed.name_kk
        return cls(key, name_ru, name_kk, names, roles)

    def name(self, language: str) -> str:
        preferred = self.name_kk if language == "kk" else self.name_ru
        return preferred or self.name_ru or self.name_kk or (self.names[0] if self.names else self.key)

    @cached_property
    def surnames(self) -> frozenset[str]:
        """Folded surnames in the nominative, from every name known: `султангазиев`."""
        found = set()
        for name in (self.name_ru, self.name_kk, *self.names):
            words = _WORD.findall(fold(name or ""))
            if words and len(words[-1]) >= MIN_STEM:
                found.add(words[-1])
        return frozenset(found)

    @cached_property
    def stems(self) -> frozenset[str]:
        """What any case of the surname starts with: `Султангазиева`, `Сұлтанғазиевтің`
        → `султангазиев`; a woman's `Иванова`, `Ивановой` → `иванов`."""
        return frozenset(s[:-1] if s.endswith("а") and len(s) > MIN_STEM + 1 else s for s in self.surnames)

    def given_by(self, word: str) -> bool:
        """Whether the folded `word` names this official as the one who speaks: the
        nominative or a genitive (по словам Султангазиева), not the one told (Токаеву)."""
        for surname in self.surnames:
            if word == surname or (word.startswith(surname) and word[len(surname):] in _speaker_endings()):
                return True
            if surname.endswith("а") and word == surname[:-1] + "ой":      # Балаева → Балаевой
                return True
        return False

    @cached_property
    def offices(self) -> frozenset[tuple[str, frozenset[str]]]:
        """(office, levels) of each role: `аким Алматинской области` → (akim, {област})."""
        found = set()
        for role in self.roles:
            folded = fold(role)
            for office, _ in _office_words(folded):
                found.add((office, _levels(folded)))
        return frozenset(found)


@cache
def _offices() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for the office words that need no state body named beside them (the
    longest stem first, so `вице-министр` is not also a `министр`), and their offices."""
    stems = {fold(p.stem): p.office for p in positions() if p.scope != "body"}
    alternatives = "|".join(re.escape(stem) for stem in sorted(stems, key=lambda stem: (-len(stem), stem)))
    return re.compile(rf"(?<!\w)({alternatives})(\w*)"), stems


def _office_words(folded: str) -> list[tuple[str, str]]:
    """(office, ending) of each office word in folded text."""
    pattern, offices = _offices()
    return [(offices[match.group(1)], match.group(2)) for match in pattern.finditer(folded)]


@cache
def _level_pattern() -> re.Pattern[str]:
    levels = "|".join(re.escape(level) for level in _data_words("speaker_levels.txt"))
    return re.compile(rf"(?<!\w)({levels})")


def _levels(folded: str) -> frozenset[str]:
    return frozenset(match.group(1) for match in _level_pattern().finditer(folded))


@cache
def _data_words(name: str) -> tuple[str, ...]:
    """The folded entries of a word list in digest/data."""
    return tuple(fold(line) for line in read_lines(resources.files("digest.data") / name))


def _office_endings() -> frozenset[str]:
    return frozenset(("", *_data_words("office_endings.txt")))


def _speaker_endings() -> frozenset[str]:
    return frozenset(_data_words("speaker_endings.txt"))


@cache
def _listed_by_key() -> dict[str, ListedOfficial]:
    return {row.key: row for row in listed_officials()}


def sentence_bounds(text: str, start: int, stop: int) -> tuple[int, int]:
    """The sentence of `text` around the span `start:stop`."""
    begin = 0
    for match in SENTENCE_END.finditer(text, 0, start):
        begin = match.end()
    after = SENTENCE_END.search(text, stop)
    return begin, after.end() if after else len(text)


def speaker_of(text: str, start: int, stop: int, officials: Iterable[Speaker]) -> Speaker | None:
    """The official named in the sentence of the figure at `text[start:stop]`, nearest
    to it; None when the sentence names nobody known."""
    begin, end = sentence_bounds(text, start, stop)
    words = [(match.start() + begin, fold(match.group())) for match in _WORD.finditer(text[begin:end])]
    officials = list(officials)
    best: tuple[int, Speaker] | None = None
    for official in officials:
        for position, word in words:
            if official.given_by(word):
                distance = start - position if position < start else position - stop
                if best is None or distance < best[0]:
                    best = (distance, official)
    if best is not None:
        return best[1]
    return _by_office(fold(text[begin:end]), officials)


def _by_office(sentence: str, officials: Sequence[Speaker]) -> Speaker | None:
    """The one official of the article whose office the sentence names without a name
    (как сообщил аким области, облыс әкімінің айтуынша); None when several could be meant."""
    levels = _levels(sentence)
    offices = {office for office, ending in _office_words(sentence) if ending in _office_endings()}
    matching = {
        official.key: official
        for official in officials
        for office, own_levels in official.offices
        if office in offices and (not levels or not own_levels or levels & own_levels)
    }
    return next(iter(matching.values())) if len(matching) == 1 else None


def names_anyone(text: str, officials: Iterable[Speaker]) -> bool:
    """Whether `text` names one of `officials` (in any case of either language)."""
    stems = [stem for official in officials for stem in official.stems]
    return any(word.startswith(stem) for word in _WORD.findall(fold(text)) for stem in stems)


def merge_speakers(speakers: Sequence[Speaker | None]) -> tuple[Speaker, ...]:
    """The distinct officials of a line's figures (one story told by several outlets)."""
    seen: dict[str, Speaker] = {}
    for speaker in speakers:
        if speaker is not None and speaker.key not in seen:
            seen[speaker.key] = speaker
    return tuple(seen.values())
