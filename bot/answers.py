"""What the bot and the CLI answer: a region's digest, an official's profile.

Each function resolves what the user typed, reads the stored facts, composes and
renders Telegram HTML, and returns an `Answer`: the messages to send and whether
there was anything new. Composing reads article text with morphology, so it runs
off the event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz

from digest.compose import (
    Digest,
    OfficialProfile,
    compose_digest,
    compose_official,
    figure_speaker,
    is_key,
    pick_article_figures,
    shortlist,
    with_speakers,
)
from digest.folding import fold, fold_words
from digest.model import KAZAKHSTAN_TIMEZONE
from digest.officials import official_key, resolve_official
from digest.regions import region_name, resolve_region
from digest.render import (
    DEFAULT_READER_LANGUAGE,
    READER_LANGUAGES,
    reader_languages,
    render_choices,
    render_digest,
    render_official,
    render_text,
)
from storage.database import Database
from storage.facts import FactsRepo, OfficialRow

# An article stored since the last digest is news if it is not older than this
# (a late feed, a page published last evening); older ones are archive imports.
LATE_DAYS = 2
# When a region has nothing new, /region shows its latest figures of this many days.
RECENT_DAYS = 30
MAX_CHOICES = 6
OFFICIAL_ARTICLES = 5


@dataclass(frozen=True)
class Answer:
    messages: list[str]
    has_news: bool = False                     # a digest or profile with figures in it
    kind: str = "digest"                       # digest, official, choices, unknown
    region: str | None = None                  # the region answered about
    options: tuple[str, ...] = field(default=())  # what the user may have meant (for buttons)


def reader_language(language: str | None) -> str:
    return language if language in READER_LANGUAGES else DEFAULT_READER_LANGUAGE


def _today(now: datetime | None) -> date:
    """Today in Kazakhstan (a naive `now` is already a local time)."""
    zone = ZoneInfo(_timezone())
    if now is None:
        return datetime.now(zone).date()
    return now.astimezone(zone).date() if now.tzinfo else now.date()


def _local_day(moment: datetime, zone: ZoneInfo) -> date:
    """The day of `moment` in `zone` (a naive moment is taken as UTC, as storage writes it)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone).date()


def _timezone() -> str:
    try:
        from bot.config import get_settings

        return get_settings().timezone
    except Exception:  # settings that do not load must not stop an answer
        return KAZAKHSTAN_TIMEZONE


# --- regions ----------------------------------------------------------------------------

async def region_answer(
    db: Database, query: str, language: str, days: int = 1, now: datetime | None = None
) -> Answer:
    """`/region Алматинская`: key figures of the last `days` days and today so far."""
    language = reader_language(language)
    query = " ".join(query.split())
    if not query:
        return Answer(render_text("region-empty", language), kind="unknown")
    resolved = resolve_region(query)
    if resolved.region is None:
        return _region_not_resolved(query, resolved.candidates, language)
    today = _today(now)
    first_day = today - timedelta(days=max(days, 0))
    related = resolved.related[0] if resolved.related else None
    digest = await build_digest(db, resolved.region, first_day, today, place=resolved.place, related=related)
    if not digest.facts and days < RECENT_DAYS:
        # Nothing new: the latest figures of the month are still an answer, said to be older.
        recent = await build_digest(db, resolved.region, today - timedelta(days=RECENT_DAYS), today,
                                    place=resolved.place, related=related)
        if recent.facts:
            digest = replace(recent, quiet_since=first_day)
    return _digest_answer(digest, language)


async def regional_digest(
    db: Database,
    region: str,
    language: str,
    since: datetime,
    until: datetime,
    place: str | None = None,
) -> Answer:
    """The subscriber's digest: articles stored in `[since, until)` (since the last
    digest), so a late article is neither missed nor sent twice, dated no earlier than
    `LATE_DAYS` before `since`, so an archive import is not news."""
    language = reader_language(language)
    # Articles are dated by the day in Kazakhstan: so are the window's ends (stored in UTC,
    # whose date lags five hours behind until 05:00 in Astana).
    zone = ZoneInfo(_timezone())
    first_shown, last_day = _local_day(since, zone), _local_day(until, zone)
    digest = await build_digest(
        db, region, first_shown - timedelta(days=LATE_DAYS), last_day, place=place,
        ingested_since=since, ingested_until=until, shown_first_day=first_shown,
    )
    return _digest_answer(digest, language)


async def build_digest(
    db: Database,
    region: str,
    first_day: date,
    last_day: date,
    place: str | None = None,
    related: str | None = None,
    ingested_since: datetime | None = None,
    ingested_until: datetime | None = None,
    shown_first_day: date | None = None,
) -> Digest:
    repo = FactsRepo(db)
    figures = await repo.region_figures(region, first_day, last_day, ingested_since, ingested_until)
    boost: frozenset[int] = frozenset()
    if place and figures:
        wanted = fold(place)
        places = await repo.article_places({f.source.article_id for f in figures})
        boost = frozenset(aid for aid, names in places.items() if any(fold(n) == wanted for n in names))
    picked = shortlist(figures, first_day, last_day, boost_articles=boost)
    contexts = await repo.figure_contexts(f.id for f in picked)
    digest = await asyncio.to_thread(
        compose_digest, region, shown_first_day or first_day, last_day, picked, contexts,
        place, related,
    )
    shown = {figure_id for fact in digest.facts for figure_id in fact.figure_ids}
    officials = await repo.article_speakers(f.source.article_id for f in picked if f.id in shown)
    return with_speakers(digest, picked, contexts, officials)


def _digest_answer(digest: Digest, language: str) -> Answer:
    return Answer(
        render_digest(digest, language), has_news=bool(digest.facts), kind="digest", region=digest.region
    )


def _region_not_resolved(query: str, candidates: Sequence[object], language: str) -> Answer:
    if not candidates:
        return Answer(render_text("region-unknown", language, query=query), kind="unknown")
    first = reader_languages(language)[0]
    options = tuple(dict.fromkeys(_candidate_name(c, first) for c in candidates))[:MAX_CHOICES]
    return Answer(render_choices("region-choose", options, language, query=query), kind="choices",
                  options=options)


def _candidate_name(candidate: object, language: str) -> str:
    """A candidate is a region code (`KZ-19`) or a place name as the gazetteer writes it."""
    text = str(candidate)
    if text.startswith("KZ-"):
        return region_name(text, language)
    return text


# --- officials --------------------------------------------------------------------------

async def official_answer(db: Database, query: str, language: str) -> Answer:
    """`/official Султангазиев`: names in both languages, role, region, recent articles
    and the figures reported with them."""
    language = reader_language(language)
    query = " ".join(query.split())
    if not query:
        return Answer(render_text("official-empty", language), kind="unknown")
    repo = FactsRepo(db)
    stored = match_officials(query, await repo.officials())
    profiles = _merge_official_sources(stored, resolve_official(query))
    if not profiles:
        return Answer(render_text("official-unknown", language, query=query), kind="unknown")
    if len(profiles) > 1:
        first = reader_languages(language)[0]
        options = tuple(_official_option(p, first) for p in profiles[:MAX_CHOICES])
        return Answer(render_choices("official-choose", options, language, query=query), kind="choices",
                      options=options)
    profile, row = profiles[0]
    profile = await _with_articles(repo, profile, row)
    return Answer(
        render_official(profile, language), has_news=any(a.facts for a in profile.articles),
        kind="official", region=profile.region,
    )


def match_officials(query: str, rows: Sequence[OfficialRow]) -> list[OfficialRow]:
    """Stored officials the query names, best first: the folded surname key exactly, the
    key with a case ending (`токаева`, `сұлтанғазиевтің`), the start of a key, or a typo.

    Only the best kind of match is kept: `Токаева` finds a stored `токаева` before
    `токаев`, and a typo is considered only when nothing matches better.
    """
    words = [w for w in fold_words(query).split() if len(w) >= 3]
    scored: list[tuple[float, OfficialRow]] = []
    for row in rows:
        score = max((_key_score(word, row.key) for word in words), default=0.0)
        if score > 0:
            scored.append((score, row))
    if not scored:
        return []
    best = max(score for score, _ in scored)
    margin = 0.0 if best >= 90 else 5.0
    kept = [(score, row) for score, row in scored if score >= best - margin]
    kept.sort(key=lambda item: (-item[0], -item[1].mentions, item[1].key))
    return [row for _, row in kept]


def _key_score(word: str, key: str) -> float:
    if not key:
        return 0.0
    if word == key:
        return 100.0
    if word.startswith(key) and len(word) - len(key) <= 4 and len(key) >= 4:
        return 95.0 - (len(word) - len(key))
    if key.startswith(word) and len(word) >= 5:
        return 85.0
    ratio = fuzz.ratio(word, key)
    return ratio * 0.9 if ratio >= 84 and len(word) >= 5 else 0.0


def _merge_official_sources(
    rows: Sequence[OfficialRow], curated: Sequence[object]
) -> list[tuple[OfficialProfile, OfficialRow | None]]:
    """One profile a person: stored rows and curated records joined by the surname key."""
    merged: dict[str, tuple[OfficialProfile, OfficialRow | None]] = {}
    for row in rows:
        merged[row.key] = (
            OfficialProfile(key=row.key, name_ru=row.name_ru, name_kk=row.name_kk, role=row.role,
                            region=row.region),
            row,
        )
    for record in curated:
        key = _record_key(record)
        if not key:
            continue
        existing, row = merged.get(key, (None, None))
        profile = OfficialProfile(
            key=key,
            name_ru=_attr(record, "name_ru") or (existing.name_ru if existing else None),
            name_kk=_attr(record, "name_kk") or (existing.name_kk if existing else None),
            role=_attr(record, "role_ru", "role") or (existing.role if existing else None),
            region=_attr(record, "region") or (existing.region if existing else None),
            role_kk=_attr(record, "role_kk"),
        )
        merged[key] = (profile, row)
    return list(merged.values())


def _attr(record: object, *names: str) -> str | None:
    for name in names:
        value = getattr(record, name, None)
        if value:
            return str(value)
    return None


def _record_key(record: object) -> str | None:
    key = _attr(record, "key")
    if key:
        return key
    name = _attr(record, "name_ru", "name_kk", "name")
    return official_key(name) if name else None


def _official_option(item: tuple[OfficialProfile, OfficialRow | None], language: str) -> str:
    profile, _ = item
    name = (profile.name_kk if language == "kk" else profile.name_ru) or profile.name_ru or profile.name_kk
    parts = [name or profile.key]
    if profile.role:
        parts.append(profile.role)
    elif profile.region:
        parts.append(region_name(profile.region, language))
    return " — ".join(parts)


async def _with_articles(
    repo: FactsRepo, profile: OfficialProfile, row: OfficialRow | None
) -> OfficialProfile:
    if row is None:
        return profile
    sources = await repo.official_sources(row.id, OFFICIAL_ARTICLES)
    articles = [s.article_id for s in sources]
    candidates = [f for f in await repo.article_figures(articles) if is_key(f)]
    contexts = await repo.figure_contexts(f.id for f in candidates)
    # The figures the official gave come first in their profile.
    speakers = await repo.article_speakers(articles)
    own = frozenset(
        f.id for f in candidates
        if (speaker := figure_speaker(f, contexts.get(f.id), speakers)) and speaker.key == row.key
    )
    figures = pick_article_figures(candidates, preferred=own)
    return await asyncio.to_thread(compose_official, profile, sources, figures, contexts, own)
