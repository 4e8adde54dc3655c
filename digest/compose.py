"""Composing a digest: which stored figures a reader sees, merged, ordered and described.

The input is what storage hands over: figures of one region and period with their
article (`StoredFigure`), and for the few that make the shortlist, the article text
around them (`FigureContext`). The output is a `Digest` of a handful of `Fact` lines,
plain data that `digest.render` turns into Telegram HTML in either language.

Choosing lines:
- Key figures first: money invested, spent and budgeted, jobs, seats, output and
  growth, counts of schools, hospitals and homes. Areas, tonnes and shares only fill
  a digest that would otherwise be nearly empty.
- Larger and newer first: a score from the category, the size (money compared in
  tenge), the day and the number of outlets that reported it.
- The same fact from several outlets is one line with all of them as sources: same
  unit, value within half a percent, compatible category and thing counted, and for
  small numbers that may coincide, several words in common around them.
- At most `PER_ARTICLE` lines from one article, so one long report does not fill it.
- One story reprinted by several outlets (`Source.story_id`, see `digest.story`) is
  one article for that count, and its figures are one fact whatever their size.
- For a town, the town's own figures come first, then the rest of its region.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from digest import about
from digest.about import Phrase
from digest.attribution import Speaker, merge_speakers, names_anyone, speaker_of
from digest.folding import fold
from digest.regions import find_places, region_name

MAX_LINES = 7
MIN_LINES = 3
PER_ARTICLE = 3
SHORTLIST = 40
# Values closer than this are one fact (the extractor's own matching tolerance).
SAME_VALUE = 0.005
# Shared word stems that make two small numbers one fact.
SHARED_STEMS = 3
# Tenge per unit, only to compare sizes when ranking (never shown).
KZT_RATE = {"KZT": 1.0, "USD": 500.0, "EUR": 540.0, "RUB": 5.5, "CNY": 70.0}
MONEY_CATEGORIES = frozenset({"investment", "cost", "budget", "output"})
# Investment, cost and budget are easily told apart differently by two outlets.
_SPENDING = frozenset({"investment", "cost", "budget"})
CATEGORY_WEIGHT = {
    "investment": 3.0, "cost": 2.8, "budget": 2.8, "jobs": 2.7, "output": 2.6, "capacity": 2.3,
    "growth": 2.0, "count": 1.2, "area": 1.0, "quantity": 1.0, "share": 0.8,
}
SOCIAL_COUNT_WEIGHT = 2.1
# A growth percentage this large without `на`/`-ға` is a level (107,9% of last year).
LEVEL_PERCENT = 50
_BY_HOW_MUCH = re.compile(r"^\s*(?:на\s|\+)|%\s*-?(?:га|ге|ка|ке)\b")
KEY_WEIGHT = 2.0


# --- what storage hands over ------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """An article as a digest line cites it."""

    article_id: int
    outlet: str | None
    title: str | None
    url: str | None
    day: date
    language: str
    story_id: int | None = None        # articles of one story reprinted by several outlets share it

    @property
    def story(self) -> int:
        """The story the article tells (an article not yet grouped is its own)."""
        return self.story_id if self.story_id is not None else self.article_id


@dataclass(frozen=True)
class StoredFigure:
    id: int
    source: Source
    value: float
    unit: str
    category: str
    qualifier: str | None
    region: str | None
    counted: str | None
    text: str
    start: int
    stop: int
    position: int = 0


@dataclass(frozen=True)
class FigureContext:
    """The article text around a figure: `text` starts at `offset` in the body."""

    figure_id: int
    text: str
    offset: int

    def span(self, figure: StoredFigure) -> tuple[int, int]:
        return figure.start - self.offset, figure.stop - self.offset


# --- what a digest is made of -----------------------------------------------------------

@dataclass(frozen=True)
class Fact:
    """One digest line: a figure, what it is about, where, and who reported it."""

    value: float
    unit: str
    category: str
    qualifier: str | None
    change: str | None                 # "up" / "down" for a change in percent, else None
    counted: tuple[Phrase, ...]        # the thing counted as each article's language writes it
    abouts: tuple[Phrase, ...]         # what it is about, as each article puts it
    place: str | None
    sources: tuple[Source, ...]
    figure_ids: tuple[int, ...]
    speakers: tuple[Speaker, ...] = ()  # the officials who gave the figure (digest.attribution)

    def about_for(self, language: str) -> Phrase | None:
        """The phrase in the reader's language when an outlet gave one; another
        language's phrase only when no outlet wrote in the reader's (a Russian reader of a
        story told in both is not shown the Kazakh article's words)."""
        phrase = _in_language(self.abouts, language)
        if phrase is not None and phrase.language != language and any(
            source.language == language for source in self.sources
        ):
            return None
        return phrase

    def counted_for(self, language: str) -> Phrase | None:
        return _in_language(self.counted, language)

    @property
    def about(self) -> Phrase | None:
        return self.abouts[0] if self.abouts else None


def _in_language(phrases: tuple[Phrase, ...], language: str) -> Phrase | None:
    for phrase in phrases:
        if phrase.language == language:
            return phrase
    return phrases[0] if phrases else None


@dataclass(frozen=True)
class Digest:
    region: str                        # ISO 3166-2:KZ code
    first_day: date
    last_day: date
    facts: tuple[Fact, ...]
    place: str | None = None           # a town or district the reader asked for
    place_found: bool = False          # whether any line is about that place
    related: str | None = None         # a region the reader may have meant instead (Алматы → KZ-19)
    quiet_since: date | None = None    # nothing new since this day: the lines are older ones

    def region_name(self, language: str) -> str:
        return region_name(self.region, language)

    def related_name(self, language: str) -> str:
        return region_name(self.related, language) if self.related else ""

    def related_command(self, language: str) -> str:
        return self.related_name(language)


@dataclass(frozen=True)
class ArticleFacts:
    source: Source
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class OfficialProfile:
    key: str
    name_ru: str | None
    name_kk: str | None
    role: str | None
    region: str | None
    articles: tuple[ArticleFacts, ...] = ()
    role_kk: str | None = None         # the office in Kazakh, when the list of officials has it

    def region_name(self, language: str) -> str:
        return region_name(self.region, language) if self.region else ""

    def role_in(self, language: str) -> str | None:
        return self.role_kk if language == "kk" and self.role_kk else self.role


# --- scoring ----------------------------------------------------------------------------

def category_weight(figure: StoredFigure) -> float:
    if figure.category == "count" and about.is_social(figure.counted, figure.source.language):
        return SOCIAL_COUNT_WEIGHT
    return CATEGORY_WEIGHT.get(figure.category, 0.5)


def is_key(figure: StoredFigure) -> bool:
    return category_weight(figure) >= KEY_WEIGHT


def size_score(figure: StoredFigure) -> float:
    """0..1: how large the figure is for its kind (10 трлн ₸, 100 000 jobs, 100% are 1)."""
    value = abs(figure.value)
    if value <= 0:
        return 0.0
    if figure.unit in KZT_RATE:
        return _clamp((math.log10(value * KZT_RATE[figure.unit]) - 6) / 7)
    if figure.unit == "percent":
        return _clamp(min(value, 100) / 100)
    if figure.unit == "times":
        return _clamp(value / 10)
    if figure.unit in ("jobs", "places", "people", "units"):
        return _clamp(math.log10(value) / 5)
    return _clamp(math.log10(value) / 7)


def recency_score(day: date, first_day: date, last_day: date) -> float:
    span = max((last_day - first_day).days, 1)
    return _clamp(1 - (last_day - day).days / span)


def figure_score(figure: StoredFigure, first_day: date, last_day: date) -> float:
    return (
        category_weight(figure)
        + 0.4 * size_score(figure)
        + 0.3 * recency_score(figure.source.day, first_day, last_day)
    )


def _clamp(value: float) -> float:
    return max(0.0, min(1.0, value))


# --- the shortlist ----------------------------------------------------------------------

def shortlist(
    figures: Iterable[StoredFigure],
    first_day: date,
    last_day: date,
    boost_articles: frozenset[int] = frozenset(),
    size: int = SHORTLIST,
) -> list[StoredFigure]:
    """The figures worth reading the article text for, best first.

    Every report of a fact that makes the list is kept (they become its sources);
    figures from `boost_articles` (those naming the town asked about) come first.
    """
    ranked = sorted(
        figures,
        key=lambda f: (
            f.source.article_id not in boost_articles, -figure_score(f, first_day, last_day), f.id
        ),
    )
    picked: list[StoredFigure] = []
    keys: set[tuple] = set()
    for figure in ranked:
        key = _rough_key(figure)
        if len(keys) >= size and key not in keys:
            continue
        keys.add(key)
        picked.append(figure)
    return picked


def _rough_key(figure: StoredFigure) -> tuple:
    """Figures that may be one fact share this key (the value to three digits)."""
    value = figure.value
    rounded = float(f"{value:.3g}") if value else 0.0
    return figure.unit, rounded


# --- reading the text around figures ----------------------------------------------------

@dataclass
class _Reading:
    """What the text around one figure says; computed only for shortlisted figures."""

    figure: StoredFigure
    context: FigureContext | None
    _about: Phrase | None = None
    _place: str | None = None
    _stems: frozenset[str] | None = None
    _done: set[str] = field(default_factory=set)

    @property
    def language(self) -> str:
        return self.figure.source.language

    def about(self) -> Phrase | None:
        if "about" not in self._done:
            self._done.add("about")
            if self.context is not None:
                start, stop = self.context.span(self.figure)
                text = about.about_phrase(self.context.text, start, stop, self.language)
                self._about = Phrase(text, self.language) if text else None
        return self._about

    def place(self, region: str) -> str | None:
        if "place" not in self._done:
            self._done.add("place")
            if self.context is not None:
                self._place = _place_near(self.context, self.figure, region)
        return self._place

    def stems(self) -> frozenset[str]:
        if self._stems is None:
            self._stems = about.context_stems(self.context.text) if self.context else frozenset()
        return self._stems

    def change(self) -> str | None:
        figure = self.figure
        if figure.unit != "percent" or figure.category != "growth":
            return None
        if self.context is not None:
            start, stop = self.context.span(figure)
            if about.is_decrease(self.context.text, start, stop, self.language):
                return "down"
        if figure.value < 0:
            return "down"
        # `на 6,3%`, `17%-ға` say by how much; `107,9%` or `составил 98%` is a level
        # against last year, shown as it is, and so is anything near 100 without `на`.
        if _BY_HOW_MUCH.search(fold(figure.text)) or figure.value < LEVEL_PERCENT:
            return "up"
        return None

    def counted(self) -> Phrase | None:
        figure = self.figure
        if figure.unit not in ("units", "people") or not figure.counted:
            return None
        text = about.counted_phrase(figure.text, figure.counted, figure.value, self.language)
        return Phrase(text, self.language) if text else None


def _place_near(context: FigureContext, figure: StoredFigure, region: str) -> str | None:
    """The town, district or village named nearest the figure in its paragraph."""
    start, stop = context.span(figure)
    begin, end = about.paragraph_bounds(context.text, max(start, 0))
    paragraph = context.text[begin:end]
    mentions = [
        (m.start + begin, m.stop + begin, m.name)
        for m in find_places(paragraph, figure.source.language)
        if m.level != "region" and m.region in (region, None)
    ]
    return about.nearest(mentions, start, stop)


# --- merging ----------------------------------------------------------------------------

@dataclass
class _Group:
    readings: list[_Reading]
    score: float
    featured: bool = False             # about the town asked for: shown even if not a key figure

    @property
    def first(self) -> _Reading:
        return self.readings[0]

    def article_ids(self) -> set[int]:
        return {r.figure.source.article_id for r in self.readings}


def same_fact(a: _Reading, b: _Reading) -> bool:
    """Whether two figures from two articles report one fact."""
    fa, fb = a.figure, b.figure
    if fa.source.article_id == fb.source.article_id or fa.unit != fb.unit:
        return False
    if fa.category != fb.category and not {fa.category, fb.category} <= _SPENDING:
        return False
    if abs(fa.value - fb.value) > SAME_VALUE * max(abs(fa.value), abs(fb.value)):
        return False
    if fa.counted and fb.counted and fa.source.language == fb.source.language and (
        fold(fa.counted) != fold(fb.counted)
    ):
        return False
    # One story retold by two outlets: the same number is the same fact, however small.
    if _distinctive(fa) or fa.source.story == fb.source.story:
        return True
    return len(a.stems() & b.stems()) >= SHARED_STEMS


def _distinctive(figure: StoredFigure) -> bool:
    """A large exact amount is unlikely to coincide in one region and period."""
    if figure.unit in KZT_RATE:
        return abs(figure.value) >= 1e6
    if figure.unit in ("percent", "times"):
        return False
    return abs(figure.value) >= 1000


def _group(readings: Sequence[_Reading], score: Callable[[_Reading], float]) -> list[_Group]:
    groups: list[_Group] = []
    for reading in sorted(readings, key=lambda r: (-score(r), r.figure.id)):
        for group in groups:
            article = reading.figure.source.article_id
            if article not in group.article_ids() and same_fact(group.first, reading):
                group.readings.append(reading)
                break
        else:
            groups.append(_Group([reading], score(reading)))
    for group in groups:
        group.score += 0.2 * (len(group.article_ids()) - 1)
    return groups


# --- the digest -------------------------------------------------------------------------

def compose_digest(
    region: str,
    first_day: date,
    last_day: date,
    figures: Sequence[StoredFigure],
    contexts: Mapping[int, FigureContext],
    place: str | None = None,
    related: str | None = None,
    max_lines: int = MAX_LINES,
) -> Digest:
    """The digest of `region` (or of `place` in it) from its shortlisted figures."""
    readings = [_Reading(f, contexts.get(f.id)) for f in figures if f.region in (region, None)]
    wanted = fold(place) if place else None

    def in_place(reading: _Reading) -> bool:
        if wanted is None:
            return False
        found = reading.place(region)
        return found is not None and fold(found) == wanted

    def score(reading: _Reading) -> float:
        return figure_score(reading.figure, first_day, last_day) + (10.0 if in_place(reading) else 0.0)

    groups = _group(readings, score)
    for group in groups:
        group.featured = in_place(group.first)
    chosen = _choose(groups, max_lines)
    facts = tuple(_fact(group, region) for group in chosen)
    return Digest(
        region=region, first_day=first_day, last_day=last_day, facts=facts, place=place,
        place_found=any(group.featured for group in chosen), related=related,
    )


def figure_speaker(
    figure: StoredFigure, context: FigureContext | None, officials: Mapping[int, Sequence[Speaker]]
) -> Speaker | None:
    """Who gave `figure`, from the text around it and its article's officials (by article id)."""
    if context is None:
        return None
    start, stop = context.span(figure)
    return speaker_of(context.text, start, stop, officials.get(figure.source.article_id, ()))


def with_speakers(
    digest: Digest,
    figures: Iterable[StoredFigure],
    contexts: Mapping[int, FigureContext],
    officials: Mapping[int, Sequence[Speaker]],
) -> Digest:
    """The digest with each line's officials: those named in the sentence of any of its
    figures (`officials` by article id). A phrase about the figure that is only an
    official's name (`по словам акима Марата Султангазиева, …`) is dropped: the name is
    shown as who gave it."""
    by_id = {figure.id: figure for figure in figures}

    def speaker(figure_id: int) -> Speaker | None:
        figure = by_id.get(figure_id)
        return figure_speaker(figure, contexts.get(figure_id), officials) if figure else None

    def named(fact: Fact) -> list[Speaker]:
        articles = {source.article_id for source in fact.sources}
        return [official for article in articles for official in officials.get(article, ())]

    facts = tuple(
        replace(fact, speakers=merge_speakers([speaker(i) for i in fact.figure_ids]),
                abouts=tuple(a for a in fact.abouts if not names_anyone(a.text, named(fact))))
        for fact in digest.facts
    )
    return replace(digest, facts=facts)


def _choose(groups: list[_Group], max_lines: int) -> list[_Group]:
    """Key facts (and any fact about the town asked for) best first, at most
    `PER_ARTICLE` from one article; the rest only fill a digest with fewer than
    `MIN_LINES` lines. Articles of one story count as one article."""
    ordered = sorted(groups, key=lambda g: (-g.score, g.first.figure.id))
    chosen: list[_Group] = []
    per_article: dict[int, int] = {}
    for want_key in (True, False):
        for group in ordered:
            if len(chosen) >= (max_lines if want_key else min(MIN_LINES, max_lines)):
                break
            if (is_key(group.first.figure) or group.featured) != want_key:
                continue
            article = group.first.figure.source.story
            if per_article.get(article, 0) >= PER_ARTICLE:
                continue
            per_article[article] = per_article.get(article, 0) + 1
            chosen.append(group)
    return sorted(chosen, key=lambda g: (-g.score, g.first.figure.id))


def _fact(group: _Group, region: str) -> Fact:
    readings = sorted(group.readings, key=lambda r: (r.figure.source.day, r.figure.id))
    first = group.first
    figure = first.figure
    return Fact(
        value=figure.value,
        unit=figure.unit,
        category=figure.category,
        qualifier=next((r.figure.qualifier for r in group.readings if r.figure.qualifier), None),
        change=first.change(),
        counted=_unique_phrases(r.counted() for r in group.readings),
        abouts=_unique_phrases(r.about() for r in group.readings),
        place=next((p for p in (r.place(r.figure.region or region) for r in group.readings) if p), None),
        sources=_unique_sources(r.figure.source for r in readings),
        figure_ids=tuple(r.figure.id for r in group.readings),
    )


def _unique_phrases(phrases: Iterable[Phrase | None]) -> tuple[Phrase, ...]:
    seen: dict[tuple[str, str], Phrase] = {}
    for phrase in phrases:
        if phrase is not None:
            seen.setdefault((phrase.language, fold(phrase.text)), phrase)
    return tuple(seen.values())


def _unique_sources(sources: Iterable[Source]) -> tuple[Source, ...]:
    """Each outlet once, by its earliest report (an outlet's ru and kk versions are one)."""
    seen: dict[str, Source] = {}
    for source in sources:
        key = fold(source.outlet) if source.outlet else f"#{source.article_id}"
        seen.setdefault(key, source)
    return tuple(seen.values())


# --- an official ------------------------------------------------------------------------

FACTS_PER_ARTICLE = 3
# In an official's profile, a figure they gave outranks a bigger one of the same kind,
# not one of a weightier kind (their `+6,3%` does not push out the article's jobs).
OWN_FIGURE_BONUS = 0.5


def pick_article_figures(
    figures: Iterable[StoredFigure], per_article: int = FACTS_PER_ARTICLE,
    preferred: frozenset[int] = frozenset(),
) -> list[StoredFigure]:
    """The key figures of each article, best first (the `preferred` ids, an official's
    own figures in their profile, with `OWN_FIGURE_BONUS`), at most `per_article` of each."""
    by_article: dict[int, list[StoredFigure]] = {}
    for figure in figures:
        if is_key(figure):
            by_article.setdefault(figure.source.article_id, []).append(figure)
    picked = []
    for article_figures in by_article.values():
        article_figures.sort(key=lambda f: _profile_order(f, f.source.day, preferred))
        picked.extend(article_figures[:per_article])
    return picked


def _profile_order(figure: StoredFigure, day: date, preferred: frozenset[int]) -> tuple:
    bonus = OWN_FIGURE_BONUS if figure.id in preferred else 0.0
    return -(figure_score(figure, day, day) + bonus), figure.id


def compose_official(
    profile: OfficialProfile,
    sources: Sequence[Source],
    figures: Sequence[StoredFigure],
    contexts: Mapping[int, FigureContext],
    preferred: frozenset[int] = frozenset(),
) -> OfficialProfile:
    """The profile with its recent articles, each with the figures picked from it
    (`pick_article_figures`, the `preferred` first), each one line without its own source."""
    by_article: dict[int, list[StoredFigure]] = {}
    for figure in figures:
        by_article.setdefault(figure.source.article_id, []).append(figure)
    items = []
    for source in sources:
        article_figures = sorted(
            by_article.get(source.article_id, []), key=lambda f: _profile_order(f, source.day, preferred)
        )
        facts = tuple(
            replace(_fact(_Group([_Reading(f, contexts.get(f.id))], 0.0), f.region or ""), sources=())
            for f in article_figures
        )
        items.append(ArticleFacts(source, facts))
    return replace(profile, articles=tuple(items))
