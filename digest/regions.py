"""Regions and places: found in an article, ranked, given to figures, resolved from a query.

Built bottom-up like the other extractors:
1. `digest.gazetteer` finds names in any case of either language (`Талдыкоргане`,
   `Алматы облысының`, `Қонаевта`) with every place that could be meant.
2. The word next to a name picks the reading: `область`/`облысы` the region,
   `район`/`ауданы` the district, `город`/`қаласы` the town, `село`/`ауылы` the
   village; without one only names that may stand alone count (`Алматы` is the city
   KZ-75, `Алматы облысы` is KZ-19). Coordinated names share the word
   (`в Панфиловском и Саркандском районах`).
3. Post-filters drop names that are not places here: in quotes (`клуба «Жетісу»`),
   after a club, street or river word (`ФК Кайрат`, `улица Абая`, `реке Тобол`), a
   surname (`Каныш Сатпаев`).
4. A name found in several regions (`село Ынтымак`) takes the region named in the
   same sentence or in the article, or is dropped.

`rank_regions` then orders the article's regions by salience and leaves out regions
named only in passing (`выезжать в Алматы`, `из Алматы`, a dateline, a route).
"""

from __future__ import annotations

import bisect
import os
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from digest.folding import fold
from digest.gazetteer import (
    CITY_REGIONS,
    KK_ABLATIVE_KEYS,
    KK_DATIVE_KEYS,
    LEVELS,
    Entry,
    NameMatch,
    find_names,
    load,
    name_key,
)
from digest.model import Figure, PlaceMention
from digest.vocabulary import read_lines

# --- the 20 regions ----------------------------------------------------------------------

# The contract's table (EXTRACTION.md): ISO 3166-2:KZ code -> (Russian, Kazakh).
REGIONS: dict[str, tuple[str, str]] = {
    "KZ-10": ("Абайская область", "Абай облысы"),
    "KZ-11": ("Акмолинская область", "Ақмола облысы"),
    "KZ-15": ("Актюбинская область", "Ақтөбе облысы"),
    "KZ-19": ("Алматинская область", "Алматы облысы"),
    "KZ-23": ("Атырауская область", "Атырау облысы"),
    "KZ-27": ("Западно-Казахстанская область", "Батыс Қазақстан облысы"),
    "KZ-31": ("Жамбылская область", "Жамбыл облысы"),
    "KZ-33": ("Жетысуская область", "Жетісу облысы"),
    "KZ-35": ("Карагандинская область", "Қарағанды облысы"),
    "KZ-39": ("Костанайская область", "Қостанай облысы"),
    "KZ-43": ("Кызылординская область", "Қызылорда облысы"),
    "KZ-47": ("Мангистауская область", "Маңғыстау облысы"),
    "KZ-55": ("Павлодарская область", "Павлодар облысы"),
    "KZ-59": ("Северо-Казахстанская область", "Солтүстік Қазақстан облысы"),
    "KZ-61": ("Туркестанская область", "Түркістан облысы"),
    "KZ-62": ("Улытауская область", "Ұлытау облысы"),
    "KZ-63": ("Восточно-Казахстанская область", "Шығыс Қазақстан облысы"),
    "KZ-71": ("Астана", "Астана"),
    "KZ-75": ("Алматы", "Алматы"),
    "KZ-79": ("Шымкент", "Шымкент"),
}
REGION_CODES: tuple[str, ...] = tuple(REGIONS)
# The region around a top-level city: a reader asking for `Алматы` may have meant it.
RELATED: dict[str, tuple[str, ...]] = {"KZ-75": ("KZ-19",), "KZ-71": ("KZ-11",), "KZ-79": ("KZ-61",)}

_RU_CASES = {
    "nominative": ("ая область", ""), "genitive": ("ой области", "gen"),
    "dative": ("ой области", "dat"), "accusative": ("ую область", "acc"),
    "instrumental": ("ой областью", "ins"), "prepositional": ("ой области", "loc"),
}
_RU_CASES["locative"] = _RU_CASES["prepositional"]
_RU_CITY_CASES = {
    "Астана": {"gen": "Астаны", "dat": "Астане", "acc": "Астану", "ins": "Астаной", "loc": "Астане"},
    "Шымкент": {"gen": "Шымкента", "dat": "Шымкенту", "acc": "Шымкент", "ins": "Шымкентом",
                "loc": "Шымкенте"},
}
_KK_CASES = {
    "nominative": "", "genitive": "ның", "dative": "на", "accusative": "н", "locative": "нда",
    "ablative": "нан", "instrumental": "мен",
}
_KK_CASES["prepositional"] = _KK_CASES["locative"]
_KK_CITY_CASES = {
    "Астана": ("", "ның", "ға", "ны", "да", "дан", "мен"),
    "Алматы": ("", "ның", "ға", "ны", "да", "дан", "мен"),
    "Шымкент": ("", "тің", "ке", "ті", "те", "тен", "пен"),
}
_KK_CASE_ORDER = ("nominative", "genitive", "dative", "accusative", "locative", "ablative", "instrumental")


def region_name(code: str, language: str, form: str = "nominative") -> str:
    """Display name of a region in Russian or Kazakh, in a grammatical case:
    (`KZ-19`, `ru`, `genitive`) -> `Алматинской области`; (`KZ-19`, `kk`, `locative`)
    -> `Алматы облысында`. Unknown code: the code itself."""
    if code not in REGIONS:
        return code
    ru, kk = REGIONS[code]
    if language == "kk":
        if form not in _KK_CASES:
            raise ValueError(f"unknown case {form!r}")
        if code in CITY_REGIONS:
            return kk + _KK_CITY_CASES[kk][_KK_CASE_ORDER.index(
                "locative" if form == "prepositional" else form)]
        return kk + _KK_CASES[form]
    if form not in _RU_CASES:
        raise ValueError(f"unknown case {form!r}")
    ending, case = _RU_CASES[form]
    if code in CITY_REGIONS:
        return _RU_CITY_CASES.get(ru, {}).get(case, ru) if case else ru
    adjective = ru.removesuffix(" область")
    return adjective[:-2] + ending


# --- the words next to a name -----------------------------------------------------------

_GAP = r"[ \t\u00a0]*\n?[ \t\u00a0]*"
_NOUN_AFTER = {
    "region": r"област(?:ь|и|ью|ей|ям|ями|ях)\b|областн\w+|обл\b\.?|облыс\w*",
    "district": r"район(?:а|у|ом|е|ы|ов|ам|ами|ах)?\b|районн\w+|р-н\w*|аудан\w*",
    "city": r"қала(?:сы|сын\w*|лық\w*)|кала(?:сы|сын\w*|лык\w*)",
    "settlement": r"ауыл(?:ы|ын\w*|дық\w*)?\b|аул(?:ы|ын\w*)\b|кент(?:і|ін\w*)?\b|селосы\w*",
}
_NOUN_BEFORE = {
    "region": r"област(?:ь|и|ью|ей|ям|ями|ях)",
    "district": r"район(?:а|у|ом|е|ы|ов|ам|ами|ах)?(?:\s+имени|\s+им\.)?",
    "city": r"город(?:а|у|ом|е)?|(?<!\d)(?<!\d\s)г\.|гор\.",
    "settlement": (r"сел(?:о|а|у|ом|е|ах|ам|ами)|сёл|с\.|посел(?:ок|ка|ку|ком|ке|ки|ков|кам|ках)"
                   r"|посёл(?:ок|ка|ку|ком|ке|ки)|пос\.|п\.|пгт|аул(?:а|у|ом|е|ы|ов)?"
                   r"|станци(?:я|и|ю|ей)|ст\.|деревн(?:я|и|е|ю)|хутор\w*"),
}
_AFTER = re.compile(
    "|".join(f"(?P<{cls}>{_GAP}(?:{pattern}))" for cls, pattern in _NOUN_AFTER.items()), re.IGNORECASE
)
_BEFORE = re.compile(
    "(?:^|(?<=[^\\w.]))(?:" + "|".join(f"(?P<{cls}>{pattern})" for cls, pattern in _NOUN_BEFORE.items())
    + ")[ \t\u00a0]*\n?[ \t\u00a0]*$",
    re.IGNORECASE,
)
_PLURAL_NOUN = re.compile(r"област(?:ях|ей|ям|ями)|район(?:ах|ов|ам|ами)|облыстар|аудандар", re.IGNORECASE)
_ADJECTIVE_END = re.compile(r"(?:ая|ий|ый|ой|ое|ее)$")
_CONJUNCTION = re.compile(r"^\s*(?:,\s*(?:а\s+также\s+|и\s+)?|и\s+|және\s+|мен\s+|а\s+также\s+)$")
_LOOKBEHIND = 40


def noun_after(text: str, stop: int) -> tuple[str, int] | None:
    match = _AFTER.match(text, stop)
    if match is None:
        return None
    return match.lastgroup, match.end()


def noun_before(text: str, start: int) -> tuple[str, int] | None:
    window_start = max(0, start - _LOOKBEHIND)
    match = _BEFORE.search(text[window_start:start])
    if match is None:
        return None
    return match.lastgroup, window_start + match.start(match.lastgroup)


# --- candidates and their filters -------------------------------------------------------

@dataclass
class _Candidate:
    match: NameMatch
    start: int
    stop: int
    entries: tuple[Entry, ...]
    noun: str | None = None           # the noun class that chose the reading, if any
    noun_stop: int | None = None      # where a noun after the name ends (span grows to it)
    noun_start: int | None = None     # where a noun before the name starts

    @property
    def regions(self) -> set[str]:
        return {entry.place.region for entry in self.entries}


def _best_level(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    entries = tuple(entries)
    if not entries:
        return ()
    best = min(LEVELS.index(e.place.level) for e in entries)
    return tuple(e for e in entries if LEVELS.index(e.place.level) == best)


def _choose_readings(text: str, matches: list[NameMatch], query: bool) -> list[_Candidate]:
    """Readings of each name chosen by the noun next to it, or by its standing alone."""
    after = [noun_after(text, m.stop) for m in matches]
    before = [noun_before(text, m.start) for m in matches]
    # A noun after one name is not also before the next: `Медеуском районе Алматы`.
    for i in range(1, len(matches)):
        if before[i] and after[i - 1] and before[i][1] < after[i - 1][1]:
            before[i] = None
    # Coordination: `Панфиловском и Саркандском районах`, `Алматы және Жетісу облыстарында`;
    # not `в Алматы и Жамбылской области` (a noun in the singular, a name not an adjective).
    shared: list[str | None] = [None] * len(matches)
    plural = [_is_plural(text, m, a) for m, a in zip(matches, after, strict=True)]
    for i in range(len(matches) - 2, -1, -1):
        nxt = after[i + 1][0] if after[i + 1] else shared[i + 1]
        plural[i] = plural[i] or (not after[i] and plural[i + 1])
        if (nxt and _CONJUNCTION.match(text[matches[i].stop:matches[i + 1].start])
                and (plural[i + 1] or _ADJECTIVE_END.search(matches[i].written))):
            shared[i] = nxt
    candidates = []
    for i, match in enumerate(matches):
        candidate = _reading(match, after[i], before[i], shared[i], query)
        if candidate is not None:
            candidates.append(candidate)
    return candidates


def _is_plural(text: str, match: NameMatch, noun: tuple[str, int] | None) -> bool:
    return bool(noun and _PLURAL_NOUN.search(text, match.stop, noun[1]))


def _reading(match: NameMatch, after: tuple[str, int] | None, before: tuple[str, int] | None,
             shared: str | None, query: bool) -> _Candidate | None:
    if after:
        chosen = _best_level(e for e in match.entries if after[0] in e.accepts)
        if chosen:
            return _Candidate(match, match.start, match.stop, chosen, after[0], noun_stop=after[1])
    if before:
        chosen = _best_level(e for e in match.entries if before[0] in e.accepts)
        if chosen:
            return _Candidate(match, match.start, match.stop, chosen, before[0], noun_start=before[1])
    if shared:
        chosen = _best_level(e for e in match.entries if shared in e.accepts)
        if chosen:
            return _Candidate(match, match.start, match.stop, chosen, shared)
    alone = _best_level(e for e in match.entries if e.solo)
    if not alone and query:
        alone = _best_level(match.entries)
    if not alone:
        return None
    return _Candidate(match, match.start, match.stop, alone)


_OPEN_QUOTES = "«\"“„'‘"
_CLOSE_QUOTES = "»\"”“'’"
_CLUB_BEFORE = re.compile(
    r"(?:\b(?:ФК|ХК|БК|ВК|МФК|ПФК|ФК-|клуб\w*|команд\w*|футбольн\w*|хоккейн\w*|волейбольн\w*"
    r"|баскетбольн\w*|гандбольн\w*))\s*$",
)
_CLUB_AFTER = re.compile(r"^\s*(?:клуб\w*|команда\w*|ФК|ХК|футбол\w*|хоккей\w*|волейбол\w*|баскетбол\w*)",
                         re.IGNORECASE)
_STREET_BEFORE = re.compile(
    r"(?:\b(?:улиц\w*|ул\.|проспект\w*|пр-т\w*|пр\.|переул\w*|пер\.|бульвар\w*|б-р|микрорайон\w*"
    r"|мкр\w*\.?|площад\w*|сквер\w*|парк\w*|алле\w*|набережн\w*|шоссе|имени|им\.|ЖК|ТРЦ|ТЦ|БЦ"
    r"|санатори\w*|пансионат\w*|отел\w*|гостиниц\w*)|\bим\.)\s*$",
    re.IGNORECASE,
)
_STREET_AFTER = re.compile(
    r"^(?:[-‑]\d|\s*(?:көше\w*|даңғыл\w*|шағын\s*аудан\w*|шағынаудан\w*|ықшамаудан\w*|мөлтек\w*"
    r"|атындағы|алаң\w*|саябағ\w*|гүлзар\w*|тұрғын\s+үй\s+кешен\w*)\b)",
    re.IGNORECASE,
)
_NATURE_BEFORE = re.compile(
    r"\b(?:рек[аеиуо]\w*|р\.|озер\w*|оз\.|водохранилищ\w*|канал\w*|хреб\w*|гор[аеуыо]\w*|пик\w*"
    r"|ущель\w*|перевал\w*|пустын\w*|полуостров\w*|залив\w*|урочищ\w*|бассейн\w*"
    r"|заилийск\w*|джунгарск\w*|жетысуск\w*|кунгей\w*|терскей\w*|таласск\w*|Іле|Иле)\s*$",
    re.IGNORECASE,
)
_NATURE_AFTER = re.compile(
    r"^\s*(?:Алта[йяюе]\w*|өзен\w*|көл(?:і|інің|іне|інде|інен|дер\w*)?\b|тау(?:ы|лары\w*|ында)\b|жота\w*|шың\w*"
    r"|асу(?:ы)?\b|шөл\w*|түбег\w*|су\s*қойма\w*|суқойма\w*|бөген\w*|шатқал\w*)",
    re.IGNORECASE,
)
_SURNAME_SHAPE = re.compile(r"(?:ов|ев|ёв|ин|ын|ова|ева|ина|ына|уллин|ұлы)$", re.IGNORECASE)
# A first name inside a sentence (`академик Каныш Сатпаев`) or an initial (`Д. Кунаев`).
_INITIAL_OR_NAME_BEFORE = re.compile(
    r"(?:[\w,;:»\")]\s+[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+|\b[А-ЯЁӘҒҚҢӨҰҮҺІ]\.(?:\s?[А-ЯЁӘҒҚҢӨҰҮҺІ]\.)?)\s?$"
)
_PERSON_WORDS = re.compile(
    r"\b(?:академик\w*|поэт\w*|акын\w*|ақын\w*|писател\w*|жазушы\w*|композитор\w*)\s*$", re.IGNORECASE
)


_NAME_GOES_ON = re.compile(r"^[ \t]*(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w-]*[ \t]*)+[»\"”“']")


def _in_quotes(text: str, c: _Candidate) -> bool:
    """`клуба «Жетісу»`, `ТОО «Астана Моторс»`: a name in quotes, alone or opening a
    name of capitalised words, is a club, company or project."""
    before = text[max(0, c.start - 2):c.start].rstrip(" ")
    if not before or before[-1] not in _OPEN_QUOTES or c.noun in ("region", "district"):
        return False
    after = text[c.match.stop:c.match.stop + 60]
    return after.lstrip(" ")[:1] in _CLOSE_QUOTES or bool(_NAME_GOES_ON.match(after))


def _club(text: str, c: _Candidate) -> bool:
    if c.noun:
        return False
    before = text[max(0, c.start - 30):c.start]
    return bool(_CLUB_BEFORE.search(before) or _CLUB_AFTER.match(text, c.match.stop))


def _street(text: str, c: _Candidate) -> bool:
    """`улица Абылай хана`, `проспект Абая`, `мкр Аксай`, `Жетісу көшесі`, `Алматы-1`."""
    if c.noun in ("region", "district"):
        return False
    before = text[max(0, c.start - 30):c.start]
    return bool(_STREET_BEFORE.search(before) or _STREET_AFTER.match(text[c.match.stop:c.match.stop + 40]))


def _nature(text: str, c: _Candidate) -> bool:
    """`реке Тобол`, `озеро Балхаш`, `Заилийский Алатау`, `Ертіс өзені`."""
    if c.noun:
        return False
    before = text[max(0, c.start - 30):c.start]
    return bool(_NATURE_BEFORE.search(before) or _NATURE_AFTER.match(text[c.match.stop:c.match.stop + 30]))


def _compound(text: str, c: _Candidate) -> bool:
    """`Аксу-Жабаглы`, `Ақ-Алатау`: a name inside a hyphenated word that is not a place here."""
    stop = c.match.stop
    glued_before = c.start > 1 and text[c.start - 1] in "-‑" and text[c.start - 2].isalpha()
    glued_after = text[stop:stop + 1] in ("-", "‑") and text[stop + 1:stop + 2].isupper()
    return glued_before or glued_after


def _person(text: str, c: _Candidate) -> bool:
    """`Каныш Сатпаев`, `Д. Кунаев`, `академика Сатпаева`: a town named after a person."""
    if c.noun or not _SURNAME_SHAPE.search(c.match.written):
        return False
    before = text[max(0, c.start - 30):c.start]
    return bool(_INITIAL_OR_NAME_BEFORE.search(before) or _PERSON_WORDS.search(before)
                or text[c.match.stop:c.match.stop + 12].lstrip().startswith("атындағы"))


# Ordered: the first that says "not a place" names the reason in debug output.
FILTERS: tuple[Callable[[str, _Candidate], bool], ...] = (
    _in_quotes, _club, _street, _nature, _compound, _person,
)
DEBUG = bool(os.environ.get("KZDIGEST_DEBUG_REGIONS"))


def _kept(text: str, candidate: _Candidate) -> bool:
    for check in FILTERS:
        if check(text, candidate):
            if DEBUG:
                print(f"regions: {check.__name__} dropped {text[candidate.start:candidate.stop]!r}",
                      file=sys.stderr)
            return False
    return True


# --- sentences and ambiguity ---------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…]+[»\"”)]*\s+(?=[«\"“(]?[А-ЯЁӘҒҚҢӨҰҮҺІA-Z0-9–—-])|\n+")


def sentence_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


def paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n+", text)]


def _span_index(starts: list[int], position: int) -> int:
    return bisect.bisect_right(starts, position) - 1


def _disambiguate(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """A name found in several regions takes the one named in its sentence, else the one
    the article names most, else its only prominent reading (a district centre); or goes."""
    starts = sentence_starts(text)
    sure = [c for c in candidates if len(c.regions) == 1]
    by_sentence: dict[int, Counter[str]] = defaultdict(Counter)
    article: Counter[str] = Counter()
    for c in sure:
        region = next(iter(c.regions))
        by_sentence[_span_index(starts, c.start)][region] += 1
        article[region] += 1
    kept = []
    for c in candidates:
        if len(c.regions) == 1:
            kept.append(c)
            continue
        region = (
            _single_best(by_sentence[_span_index(starts, c.start)], c.regions)
            or _single_best(article, c.regions)
            or _single({e.place.region for e in c.entries if e.solo})
        )
        if region is not None:
            c.entries = tuple(e for e in c.entries if e.place.region == region)
            kept.append(c)
        elif DEBUG:
            print(f"regions: ambiguous {text[c.start:c.stop]!r} {sorted(c.regions)}", file=sys.stderr)
    return kept


def _single_best(counts: Counter[str], allowed: set[str]) -> str | None:
    ranked = sorted(((n, r) for r, n in counts.items() if r in allowed), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return None
    return ranked[0][1]


def _single(regions: set[str]) -> str | None:
    return next(iter(regions)) if len(regions) == 1 else None


# --- finding places ----------------------------------------------------------------------

def _candidates(text: str, query: bool = False) -> list[_Candidate]:
    candidates = _choose_readings(text, find_names(text, query), query)
    if not query:
        candidates = _disambiguate(text, [c for c in candidates if _kept(text, c)])
    for c in candidates:
        entry = c.entries[0]
        if c.noun_stop is not None and c.noun in ("region", "district"):
            c.stop = c.noun_stop
        if c.noun_start is not None and c.noun in ("region", "district"):
            c.start = c.noun_start
        # A district spelled with its noun is named with it; a town is named without.
        if entry.place.level not in ("region", "district"):
            c.start, c.stop = c.match.start, c.match.stop
    return _without_overlaps(candidates)


def _without_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    kept: list[_Candidate] = []
    for c in sorted(candidates, key=lambda c: (c.start, -(c.stop - c.start))):
        if kept and c.start < kept[-1].stop:
            continue
        kept.append(c)
    return kept


def _place_name(text: str, c: _Candidate, language: str) -> str:
    entry = c.entries[0]
    place = entry.place
    if place.level == "region":
        return region_name(place.region, language)
    if entry.renamed:
        return place.name_kk if language == "kk" else place.name_ru
    written = c.match.written
    if place.level == "district":
        if entry.noun_kk:
            return f"{written} {entry.noun_kk}"
        noun = entry.noun_ru or "район"
        return f"{noun} {written}" if entry.noun_first else f"{written} {noun}"
    return written


def find_places(text: str, language: str) -> list[PlaceMention]:
    """Places named in the text, sorted by start, not overlapping, each mapped to its
    top-level region: `в Алматинской области` (KZ-19, region), `Талдыкоргане` (KZ-33,
    city `Талдыкорган`), `Қарасай ауданында` (KZ-19, district `Қарасай ауданы`)."""
    return [
        PlaceMention(c.start, c.stop, text[c.start:c.stop], _place_name(text, c, language),
                     c.entries[0].place.region, c.entries[0].place.level)
        for c in _candidates(text)
    ]


def list_places(places: Sequence[PlaceMention]) -> list[str]:
    """Distinct names of the towns, districts and villages, in order of appearance."""
    seen: dict[str, str] = {}
    for place in places:
        if place.level != "region":
            seen.setdefault(fold(place.name), place.name)
    return list(seen.values())


# --- passing mentions and ranking ------------------------------------------------------------

_FROM_BEFORE = re.compile(r"\b(?:из|изо|от|до)\s+(?:г\.\s*|город[а]?\s+)?$", re.IGNORECASE)
# Leaving, travelling, being taken somewhere: `приходилось выезжать на тренировки в Алматы`.
# Not arriving: `Президент прибыл в Актау` is news about Aktau.
_TRAVEL_BEFORE = re.compile(
    r"\b(?:выезж|выех|выезд|ездит|ездил|уех|уезж|поех|вылет|вылел|переех|переезж|командир|этапир"
    r"|госпитализ|доставл|доставит|отправил|отправля|вернул|возвращ|летат|добира|добрал|рейс|маршрут"
    r"|трасс|автодорог|автомагистрал)\w*[^.!?\n]{0,40}?\b(?:в|во|на)\s+(?:г\.\s*|город\s+)?$",
    re.IGNORECASE,
)
_ROUTE_AFTER = re.compile(r"^\s*[–—-]\s*[А-ЯЁӘҒҚҢӨҰҮҺІ]")
_ROUTE_BEFORE = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]\s*[–—]\s*$|\w\s+-\s+$")
_KK_UP_TO = re.compile(r"^\s*дейін\b", re.IGNORECASE)     # `Астанаға дейін`: as far as Astana
# `Алматы, фото - ...`, `АСТАНА. KAZINFORM – ...`, `Шымкент, 12 мая`: a dateline, not the story.
_DATELINE_AFTER = re.compile(r"^\s*(?:[,.]\s*(?:[Фф]ото|ФОТО|\d|[A-ZА-ЯЁ]{3,}\b)|\s+[–—]\s+[A-Z])")


def is_passing(text: str, place: PlaceMention) -> bool:
    """A town named only on the way: `выезжать на тренировки в Алматы`, `из Алматы`,
    `Алматыдан`, `Астанаға дейін`, the route `Алматы – Бишкек`, a dateline `АЛМАТЫ. KAZINFORM`.
    A region named with its noun is never passing: `из Алматинской области` is news about it."""
    if place.level not in ("region", "city") or _is_oblast(place):
        return False
    before = text[max(0, place.start - 80):place.start]
    line_start = text.rfind("\n", 0, place.start) + 1
    after = text[place.stop:place.stop + 40]
    key = name_key(place.text)
    suffix_after_name = key[len(name_key(place.name)):] if key.startswith(name_key(place.name)) else ""
    return bool(
        _FROM_BEFORE.search(before)
        or _TRAVEL_BEFORE.search(before)
        or _ROUTE_AFTER.match(after)
        or _ROUTE_BEFORE.search(before)
        or suffix_after_name in KK_ABLATIVE_KEYS
        or (suffix_after_name in KK_DATIVE_KEYS and _KK_UP_TO.match(after))
        or (not text[line_start:place.start].strip() and _DATELINE_AFTER.match(after))
    )


def _is_oblast(place: PlaceMention) -> bool:
    return place.level == "region" and place.region not in CITY_REGIONS


LEVEL_WEIGHT = {"region": 1.0, "city": 0.9, "district": 0.8, "settlement": 0.6}
TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
LEAD_CHARS = 400
# A region whose score is below this share of the top region's is named in passing.
MIN_SHARE = 0.3
# ...and so is one named once outside title and lead when the top one is named this often.
MANY_MENTIONS = 3


def lead_end(text: str) -> int:
    """End of the lead: the first paragraph, at least one full sentence, at most LEAD_CHARS."""
    newline = text.find("\n", 80)
    end = newline if newline != -1 else len(text)
    return min(end, LEAD_CHARS)


def rank_regions(text: str, places: list[PlaceMention], title: str | None = None) -> list[str]:
    """The regions the article reports on, most salient first. Title and lead weigh
    more; towns, districts and villages count for their region; a region named only
    in passing, or far less than the main one, is left out."""
    scores: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    prominent: set[str] = set()
    first_seen: dict[str, int] = {}
    lead = lead_end(text)
    if title:
        for place in find_places(title, "ru"):
            if not is_passing(title, place):
                scores[place.region] += TITLE_WEIGHT * LEVEL_WEIGHT[place.level]
                counts[place.region] += 1
                prominent.add(place.region)
                first_seen.setdefault(place.region, -1)
    for place in places:
        if is_passing(text, place):
            continue
        weight = LEVEL_WEIGHT.get(place.level, 0.5)
        if place.start < lead:
            weight *= LEAD_WEIGHT
            prominent.add(place.region)
        scores[place.region] += weight
        counts[place.region] += 1
        first_seen.setdefault(place.region, place.start)
    if not scores:
        return []
    top_region, top = max(scores.items(), key=lambda item: (item[1], -first_seen[item[0]]))
    kept = [
        region for region, score in scores.items()
        if region == top_region or (
            score >= MIN_SHARE * top
            and not (counts[region] == 1 and region not in prominent and counts[top_region] >= MANY_MENTIONS)
        )
    ]
    # `в Северо-Казахстанскую, Костанайскую и Павлодарскую области`: regions listed with one the
    # article reports on share what is said of it; a list is not a passing mention.
    for group in region_lists(text, [p for p in places if not is_passing(text, p)]):
        if any(p.region in kept for p in group):
            kept += [p.region for p in group if p.level == "region" and p.region not in kept]
    return sorted(kept, key=lambda r: (-scores[r], first_seen[r]))


def region_lists(text: str, places: Sequence[PlaceMention]) -> list[list[PlaceMention]]:
    """Runs of places of two or more regions joined only by commas and conjunctions:
    `Ақтөбе, Батыс Қазақстан және Атырау облыстарының`."""
    groups: list[list[PlaceMention]] = []
    run: list[PlaceMention] = []
    for place in places:
        if run and _CONJUNCTION.match(text[run[-1].stop:place.start]):
            run.append(place)
            continue
        if len({p.region for p in run}) > 1:
            groups.append(run)
        run = [place]
    if len({p.region for p in run}) > 1:
        groups.append(run)
    return groups


# --- figures ------------------------------------------------------------------------------

NATIONAL = "national"     # a figure about the whole country: region null in the contract


def assign_figure_regions(
    text: str, figures: list[Figure], places: list[PlaceMention], regions: list[str],
    title: str | None = None,
) -> list[Figure]:
    """Each figure gets the region of the nearest place named before it in its sentence
    (or after it there, or before it in its paragraph) when that is one of the article's
    regions, or any region named as such in the same sentence; else the article's
    first region when the title or lead names it. None for a country-wide figure
    (`по Казахстану`, `елімізде` closer before it than any place), and in an article whose
    title and lead name no region (a government meeting naming regions further down
    reports national figures first)."""
    if not figures:
        return []
    usable = [p for p in places if not is_passing(text, p)]
    listed = {p.start for group in region_lists(text, usable) for p in group}
    usable = [replace(p, region=NATIONAL) if p.start in listed else p for p in usable]
    default = regions[0] if regions and _named_up_front(text, usable, regions[0], title) else None
    starts = [p.start for p in usable]
    sentences, paragraphs = sentence_starts(text), paragraph_starts(text)
    assigned = []
    for figure in figures:
        region = _figure_region(text, figure, usable, starts, sentences, paragraphs, set(regions))
        assigned.append(replace(figure, region=None if region == NATIONAL else region or default))
    return assigned


def _named_up_front(text: str, places: list[PlaceMention], region: str, title: str | None) -> bool:
    lead = lead_end(text)
    if any(p.region == region and p.start < lead for p in places):
        return True
    return bool(title) and any(
        p.region == region and not is_passing(title, p) for p in find_places(title or "", "ru"))


def _markers(name: str) -> re.Pattern[str]:
    lines = read_lines(resources.files("digest.data").joinpath(name))
    return re.compile("|".join(f"(?:{line})" for line in lines), re.IGNORECASE)


@lru_cache(maxsize=1)
def _national_markers() -> re.Pattern[str]:
    return _markers("national_markers.txt")


@lru_cache(maxsize=1)
def _local_markers() -> re.Pattern[str]:
    return _markers("local_markers.txt")


def _is_national(text: str, figure: Figure, before: list[PlaceMention], sentence_start: int) -> bool:
    """A country-wide word closer before the figure than any place in its sentence."""
    last_place = max((p.stop for p in before if p.start >= sentence_start), default=sentence_start)
    return _national_markers().search(text, last_place, figure.start) is not None


def _figure_region(text: str, figure: Figure, places: list[PlaceMention], starts: list[int],
                   sentences: list[int], paragraphs: list[int], regions: set[str]) -> str | None:
    sentence = _bounds(sentences, figure.start, len(text))
    paragraph = _bounds(paragraphs, figure.start, len(text))
    before = places[: bisect.bisect_left(starts, figure.start)]
    if _is_national(text, figure, before, sentence[0]):
        return NATIONAL
    for place in reversed(before):
        if place.start < sentence[0]:
            break
        if place.region in regions or _is_oblast(place) or place.region in CITY_REGIONS:
            return place.region
    if _local_markers().search(text, sentence[0], figure.start):
        # `в регионе`, `облыста`: the region the paragraph is about (`Ақтөбе облысының әкімі ...
        # Облыста 45 мың бас мал`), else the article's own region; whatever follows.
        for place in reversed(before):
            if place.start < paragraph[0]:
                break
            if place.region in regions:
                return place.region
        return None
    for place in places[bisect.bisect_left(starts, figure.stop):]:
        if place.start >= sentence[1]:
            break
        if place.region in regions or _is_oblast(place):
            return place.region
    for place in reversed(before):
        if place.start < paragraph[0]:
            break
        if place.region in regions or place.region == NATIONAL:
            return place.region
    return None


def _bounds(starts: list[int], position: int, size: int) -> tuple[int, int]:
    i = _span_index(starts, position)
    return starts[i], starts[i + 1] if i + 1 < len(starts) else size


# --- what users type ----------------------------------------------------------------------

@dataclass(frozen=True)
class RegionQuery:
    """What a bot user meant: a region, maybe a town or district in it, or candidates."""

    region: str | None
    place: str | None = None
    candidates: tuple[str, ...] = ()
    related: tuple[str, ...] = ()


FUZZY_CUTOFF = 78
FUZZY_SURE = 86
FUZZY_MARGIN = 5
MAX_CANDIDATES = 5
_QUERY_NOUNS = re.compile(
    r"\b(?:область|обл|облысы|район|р-н|ауданы|город|г|қаласы|каласы|село|с|ауылы)\b\.?", re.IGNORECASE
)
_QUERY_TRIM = " \t\n.,;:!?«»\"'/()"


def resolve_region(query: str) -> RegionQuery:
    """`Алматинская`, `Алматы облысы`, `алматинская обл`, `ВКО`, `Жетысу` -> the region;
    `Қонаев` -> KZ-19 and the town; `Алматы` -> the city KZ-75, with KZ-19 related;
    a typo (`Алмтинская`) -> the closest name; unknown or ambiguous -> candidates."""
    text = " ".join(query.split()).strip(_QUERY_TRIM)
    if not text:
        return RegionQuery(None)
    if text.upper() in REGIONS:
        return RegionQuery(text.upper())
    exact = _exact_query(text)
    if exact is not None:
        return exact
    return _fuzzy_query(text)


def _exact_query(text: str) -> RegionQuery | None:
    upper = text.upper()
    if upper in load().abbreviations:
        return RegionQuery(load().abbreviations[upper][0].place.region)
    candidates = [c for c in _candidates(text, query=True) if _covers(text, c)]
    if not candidates:
        return None
    c = candidates[0]
    regions = sorted(c.regions, key=REGION_CODES.index)
    if len(regions) > 1:
        return RegionQuery(None, candidates=tuple(regions))
    entry = c.entries[0]
    place = entry.place
    if place.level == "region":
        related = RELATED.get(place.region, ()) if c.noun is None else ()
        return RegionQuery(place.region, related=related)
    language = "kk" if re.search(r"[әғқңөұүһі]", text.lower()) else "ru"
    return RegionQuery(place.region, place=_place_name(text, c, language))


def _covers(text: str, c: _Candidate) -> bool:
    """The match is (almost) the whole query: nothing but a noun or a letter or two left."""
    start = min(c.start, c.noun_start if c.noun_start is not None else c.start)
    stop = max(c.stop, c.noun_stop if c.noun_stop is not None else c.stop)
    rest = _QUERY_NOUNS.sub("", text[:start] + " " + text[stop:])
    return sum(ch.isalpha() for ch in rest) <= 2


@dataclass(frozen=True)
class _Target:
    region: str
    place: str | None


@lru_cache(maxsize=1)
def _fuzzy_choices() -> dict[str, tuple[_Target, ...]]:
    """Names a user may mistype: regions (adjective and with noun), towns, districts."""
    choices: dict[str, set[_Target]] = defaultdict(set)
    for code, (ru, kk) in REGIONS.items():
        target = _Target(code, None)
        for name in (ru, kk, ru.removesuffix(" область"), kk.removesuffix(" облысы")):
            choices[name_key(name)].add(target)
    for entry in load().entries:
        place = entry.place
        if place.level == "settlement" and not entry.solo:
            continue
        target = _Target(place.region, None if place.level == "region" else place.name_ru)
        bare = " ".join(w.stem + w.nominative.lower() for w in entry.words)
        choices[bare].add(target)
    for form, entries in load().abbreviations.items():
        choices[name_key(form)].add(_Target(entries[0].place.region, None))
    return {key: tuple(sorted(targets, key=_target_order)) for key, targets in choices.items()}


def _target_order(target: _Target) -> tuple[str, str]:
    return target.region, target.place or ""


def _fuzzy_query(text: str) -> RegionQuery:
    from rapidfuzz import fuzz, process

    key = name_key(_QUERY_NOUNS.sub(" ", text)).strip()
    key = " ".join(key.split())
    if len(key) < 3:
        return RegionQuery(None)
    choices = _fuzzy_choices()
    found = process.extract(key, list(choices), scorer=fuzz.ratio, limit=12, score_cutoff=FUZZY_CUTOFF)
    targets: dict[_Target, float] = {}
    for choice, score, _ in found:
        for target in choices[choice]:
            targets[target] = max(score, targets.get(target, 0.0))
    if not targets:
        return RegionQuery(None)
    ranked = sorted(targets.items(), key=lambda item: (-item[1], item[0].region, item[0].place or ""))
    (best, best_score), rest = ranked[0], ranked[1:]
    runner_up = rest[0][1] if rest else 0.0
    if best_score >= FUZZY_SURE and runner_up <= best_score - FUZZY_MARGIN:
        related = RELATED.get(best.region, ()) if best.place is None else ()
        return RegionQuery(best.region, place=best.place, related=related)
    close = [t for t, score in ranked if score > best_score - FUZZY_MARGIN]
    if best_score >= FUZZY_SURE and len({t.region for t in close}) == 1:
        # `Павладар`: the city and the region, one region either way.
        return RegionQuery(best.region, place=best.place if len(close) == 1 else None)
    names = [t.region if t.place is None else t.place for t, _ in ranked]
    return RegionQuery(None, candidates=tuple(dict.fromkeys(names))[:MAX_CANDIDATES])
