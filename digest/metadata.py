"""Publication date, headline and outlet of an article, from its text."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from importlib import resources

from digest.vocabulary import read_table

_ISO_HEADER = re.compile(r"^\s*date\s+(\d{4})-(\d{2})-(\d{2})\b\s*", re.IGNORECASE)
_DOTTED = re.compile(
    r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*(?:г\.|ж\.))?(?:,?\s+\d{1,2}:\d{2})?"
)
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DOMAIN = r"[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:kz|ru|com|org|net|media|news|info|tv|қаз)"
_NAME = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w.-]{1,30}(?:\s[A-ZА-ЯЁ][\w.-]{1,30})?"
_OUTLET = rf"(?:«[^»\n]{{2,40}}»|\"[^\"\n]{{2,40}}\"|{_DOMAIN}|{_NAME})"
_ATTRIBUTION = re.compile(
    rf"(?:сообщает|сообщают|передает|передаёт|пишет|информирует|хабарлайды|хабарлады|"
    rf"со ссылкой на|по данным|по информации|Новости)\s+({_OUTLET})"
    rf"|({_OUTLET})\s+(?:хабарлайды|хабарлады|тілшісі|жазады|мәлім етті)",
)
_HEAD_LINES = 8
_TAIL_LINES = 2
_SOURCE_LABEL = re.compile(r"^\s*(?:источник|дереккөз|көзі)\s*:\s*", re.IGNORECASE)
# A wire dateline: `УСТЬ-КАМЕНОГОРСК. KAZINFORM –`, `АСТАНА, 3 марта. Kazinform -`.
_DATELINE = re.compile(
    r"(?m)^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][A-ZА-ЯЁӘҒҚҢӨҰҮҺІ -]{2,}(?:,[^.\n]{1,20})?\.\s+([\w.]+)\s*[–—-]"
)


@lru_cache(maxsize=1)
def _months() -> list[tuple[int, str]]:
    return [(int(n), forms) for n, forms in read_table(resources.files("digest.data") / "months.tsv")]


@lru_cache(maxsize=1)
def _written_dates() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, int]]:
    by_form = {form: n for n, forms in _months() for form in forms.split("|")}
    names = "|".join(sorted(by_form, key=len, reverse=True))
    ru = re.compile(rf"(?<!\d)(\d{{1,2}})\s+({names})\s+(\d{{4}})(?:\s*(?:года|г\.))?", re.IGNORECASE)
    kk = re.compile(rf"(\d{{4}})\s*(?:жылғы|ж\.)\s+(\d{{1,2}})\s*-?\s*({names})", re.IGNORECASE)
    return ru, kk, by_form


@lru_cache(maxsize=1)
def _outlets() -> list[tuple[re.Pattern[str], str]]:
    rows = read_table(resources.files("digest.data") / "outlets.tsv")
    return [(re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE), name) for pattern, name in rows]


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found if 1990 <= year <= 2100 else None


def parse_date(text: str) -> date | None:
    """The first date written in `text` in any of the forms news sites use."""
    ru, kk, by_form = _written_dates()
    candidates: list[tuple[int, date | None]] = []
    for m in _ISO_HEADER.finditer(text):
        candidates.append((m.start(), _valid(int(m[1]), int(m[2]), int(m[3]))))
    for m in _ISO.finditer(text):
        candidates.append((m.start(), _valid(int(m[1]), int(m[2]), int(m[3]))))
    for m in _DOTTED.finditer(text):
        candidates.append((m.start(), _valid(int(m[3]), int(m[2]), int(m[1]))))
    for m in ru.finditer(text):
        candidates.append((m.start(), _valid(int(m[3]), by_form[m[2].lower()], int(m[1]))))
    for m in kk.finditer(text):
        candidates.append((m.start(), _valid(int(m[1]), by_form[m[3].lower()], int(m[2]))))
    found = [(pos, d) for pos, d in candidates if d]
    return min(found)[1] if found else None


# `Шымкент, 29 августа 2025 года`: a dateline's place before the date under the headline.
_PLACE_BEFORE_DATE = re.compile(r"^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+(?: [A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+)?,\s*(?=\d)")


def is_date_line(line: str) -> bool:
    """A line that is only a date (and time), as sites print under the headline, perhaps
    after the dateline's place."""
    ru, kk, _ = _written_dates()
    line = _PLACE_BEFORE_DATE.sub("", line.strip(), count=1)
    rest = line
    for pattern in (ru, kk, _DOTTED, _ISO):
        rest = pattern.sub("", rest)
    return rest != line and not re.search(r"[^\W\d_]{3,}", re.sub(r"\d{1,2}:\d{2}", "", rest))


def find_published(text: str) -> date | None:
    """The publication date: a `date` header, or a date in the article's head lines.

    Only the head counts: a date in the body (`запущено 6 декабря`) is an event.
    """
    header = _ISO_HEADER.match(text)
    if header:
        return _valid(int(header[1]), int(header[2]), int(header[3]))
    head = [line for line in text.split("\n") if line.strip()][:_HEAD_LINES]
    for line in head:
        if is_date_line(line) or (len(line) < 160 and _DOTTED.search(line)):
            found = parse_date(line)
            if found:
                return found
    return None


def find_source(text: str) -> str | None:
    """The outlet the article names as its own (`сообщает Zakon.kz`, an `Акорда` header)."""
    lines = [line for line in text.split("\n") if line.strip()]
    head = "\n".join(lines[:_HEAD_LINES])
    for line in lines[:_HEAD_LINES]:
        if len(line.split()) <= 3:
            name = canonical_outlet(line)
            if name:
                return name
    for match in _DATELINE.finditer(head):
        name = canonical_outlet(match.group(1))
        if name:
            return name
    for match in _ATTRIBUTION.finditer(head):
        named = (match.group(1) or match.group(2)).strip("«»\" ")
        return canonical_outlet(named) or named
    # A signature at the end (`primeminister.kz`, `Источник: Kazinform`): only a known outlet,
    # on a line of its own, since a tail line may be anything the cleaning left.
    for line in lines[-_TAIL_LINES:][::-1]:
        signature = _SOURCE_LABEL.sub("", line).strip()
        if len(signature.split()) <= 3 and (name := canonical_outlet(signature)):
            return name
    return None


def canonical_outlet(name: str) -> str | None:
    for pattern, canonical in _outlets():
        if pattern.search(name):
            return canonical
    return None


def strip_date_header(text: str) -> str:
    """Remove the ` date YYYY-MM-DD` prefix some exports put before the headline."""
    return _ISO_HEADER.sub("", text, count=1)
