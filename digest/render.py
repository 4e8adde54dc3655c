"""Telegram HTML for digests and answers: escaping, numbers per language, message splitting.

Every piece of text that came from an article or a user goes through `escape`; the
markup itself comes from code and from the `.ftl` templates, which are ours. Numbers
are formatted with the separators, scale words and unit names of the reader's
language (`digest/digest_locales/<lang>/digest.ftl`); a phrase quoted from an article
stays in the article's language.

Telegram refuses a message over 4096 characters, counted in UTF-16 code units after
the markup is parsed. `split_message` counts the markup as well, so a piece it returns
is always accepted, and it cuts on line boundaries, so no tag is ever cut; a single
line too long for one message is cut between words, its open tags closed and reopened.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from digest.compose import Digest, Fact, OfficialProfile, Source
from digest.locale import Translator, translator

LOCALES = "digest.digest_locales"
READER_LANGUAGES = ("ru", "kk", "both")
DEFAULT_READER_LANGUAGE = "both"

# What the bot passes to Telegram with every message these texts go into.
PARSE_MODE = "HTML"
DISABLE_LINK_PREVIEW = True
MESSAGE_LIMIT = 4096

MONEY_UNITS = ("KZT", "USD", "EUR", "RUB", "CNY")
MEASURE_UNITS = ("ha", "km2", "m2", "m3", "m", "km", "t", "kg", "l", "MW", "kWh")
COUNT_UNITS = ("jobs", "places", "people", "units")
_SCALES = ((1e12, "scale-trillion"), (1e9, "scale-billion"), (1e6, "scale-million"))
# A title standing in for a missing outlet name is cut to this many characters.
TITLE_AS_SOURCE_LENGTH = 60
_NBSP = "\u00a0"


def t(language: str) -> Translator:
    return translator(LOCALES, language)


def reader_languages(language: str) -> tuple[str, ...]:
    """`both` reads Russian first, then Kazakh."""
    return ("ru", "kk") if language == "both" else (language,)


# --- escaping ---------------------------------------------------------------------------

def escape(text: str) -> str:
    """Text for Telegram HTML: `<`, `>` and `&` become entities (quotes need not)."""
    return html.escape(text, quote=False)


def safe_url(url: str | None) -> str | None:
    """The URL as an `href` value, or None when it is not a plain web link."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return html.escape(url.strip(), quote=True)


def link(text: str, url: str | None) -> str:
    """`text` escaped, as a link when `url` is a web link."""
    href = safe_url(url)
    return f'<a href="{href}">{escape(text)}</a>' if href else escape(text)


# --- numbers ----------------------------------------------------------------------------

@dataclass(frozen=True)
class NumberStyle:
    decimal: str
    group: str


def number_style(language: str) -> NumberStyle:
    tr = t(language)
    return NumberStyle(decimal=tr("number-decimal"), group=tr("number-group"))


def format_number(value: float, style: NumberStyle, decimals: int = 0) -> str:
    """`value` rounded to at most `decimals` places, trailing zeros dropped, digits grouped.

    >>> format_number(3000, NumberStyle(",", " "))
    '3 000'
    """
    text = f"{abs(value):.{decimals}f}"
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    if len(whole) > 3:
        groups = []
        while whole:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = style.group.join(groups)
    sign = "−" if value < 0 and (whole.strip("0" + style.group) or fraction) else ""
    return sign + whole + (style.decimal + fraction if fraction else "")


def significant_decimals(mantissa: float, digits: int = 3) -> int:
    """How many decimals keep `digits` significant digits: 1,18 / 46,4 / 447."""
    if mantissa == 0:
        return 0
    magnitude = math.floor(math.log10(abs(mantissa))) + 1
    return max(0, digits - magnitude)


def scaled_amount(value: float, language: str) -> tuple[str, float]:
    """`1176000000` → ("1,18 млрд", 1.18): three significant digits with a scale word.

    Below a million the number is written out whole (`350 000`). Returns the text and
    the rounded mantissa (what a reader sees, for choosing plural forms).
    """
    style = number_style(language)
    for index, (scale, key) in enumerate(_SCALES):
        if abs(value) < scale:
            continue
        mantissa = value / scale
        decimals = significant_decimals(mantissa)
        rounded = round(mantissa, decimals)
        if abs(rounded) >= 1000 and index > 0:       # 999,6 млн is 1 млрд
            scale, key = _SCALES[index - 1]
            mantissa = value / scale
            decimals = significant_decimals(mantissa)
            rounded = round(mantissa, decimals)
        return f"{format_number(rounded, style, decimals)}{_NBSP}{t(language)(key)}", rounded
    decimals = 0 if abs(value) >= 100 or value == int(value) else 2
    return format_number(value, style, decimals), round(value, decimals)


def plural_count(value: float, scaled: bool) -> int | float:
    """The number Fluent chooses a plural form by: after a scale word (`млн`) the noun
    agrees with the scale word, which takes the genitive plural, like 0 does."""
    if scaled:
        return 0
    return int(value) if value == int(value) else value


def format_figure(fact: Fact, language: str) -> str:
    """The figure as a reader says it: `750 млн $`, `+17%`, `около 3 000 рабочих мест`.

    Returns HTML (a phrase quoted from the article is escaped here).
    """
    tr = t(language)
    core = _figure_core(fact, language, tr)
    if fact.qualifier:
        key = f"qualifier-{fact.qualifier.replace('_', '-')}"
        if tr.has(key):
            core = tr(key, figure=core)
    return core


def _figure_core(fact: Fact, language: str, tr: Translator) -> str:
    unit, value = fact.unit, fact.value
    style = number_style(language)
    if unit in MONEY_UNITS:
        amount, _ = scaled_amount(value, language)
        return tr("money", amount=amount, currency=tr(f"currency-{unit}"))
    if unit == "percent":
        amount = format_number(abs(value) if fact.change else value, style, 2)
        if fact.change == "up":
            return tr("percent-change", sign="+", amount=amount)
        if fact.change == "down":
            return tr("percent-change", sign="−", amount=amount)
        return tr("percent", amount=amount)
    if unit == "times":
        amount = format_number(value, style, 2)
        return tr("times", amount=amount, count=plural_count(round(value, 2), False))
    if unit in MEASURE_UNITS:
        amount, _ = _count_amount(value, language, decimals=2)
        return tr("measure", amount=amount, unit=tr(f"unit-{unit}"))
    amount, scaled = _count_amount(value, language, decimals=1)
    counted = fact.counted_for(language)
    if counted is not None:
        return f"{amount} {escape(counted.text)}"
    key = f"unit-{unit}" if unit in COUNT_UNITS else "unit-units"
    return tr(key, amount=amount, count=plural_count(round(value, 1), scaled))


def _count_amount(value: float, language: str, decimals: int) -> tuple[str, bool]:
    """Counts and measures: whole below a million (`136 700`), scaled above (`1,2 млн`)."""
    if abs(value) >= 1e6:
        return scaled_amount(value, language)[0], True
    return format_number(value, number_style(language), decimals), False


# --- dates ------------------------------------------------------------------------------

def format_date(day: date, language: str) -> str:
    """`24 ноября 2025` / `2025 жылғы 24 қараша`."""
    tr = t(language)
    return tr("date-long", day=str(day.day), month=tr(f"month-{day.month}"), year=str(day.year))


def format_short_date(day: date, language: str) -> str:
    return t(language)("date-short", day=f"{day.day:02d}", month=f"{day.month:02d}", year=str(day.year))


def format_period(first: date, last: date, language: str) -> str:
    """One day, or a range written as briefly as the language allows: `23–24 ноября 2025`."""
    tr = t(language)
    if first == last:
        return format_date(first, language)
    if first.year == last.year and first.month == last.month:
        return tr("period-same-month", day1=str(first.day), day2=str(last.day),
                  month=tr(f"month-{last.month}"), year=str(last.year))
    if first.year == last.year:
        return tr("period-same-year", day1=str(first.day), month1=tr(f"month-{first.month}"),
                  day2=str(last.day), month2=tr(f"month-{last.month}"), year=str(last.year))
    return tr("period", first=format_date(first, language), last=format_date(last, language))


# --- digest lines -----------------------------------------------------------------------

def format_source(source: Source, language: str) -> str:
    """`Zakon.kz, 23.10.2025` with the outlet linked to the article."""
    name = source.outlet or _url_host(source.url)
    if name is None and source.title:
        name = _shorten(source.title, TITLE_AS_SOURCE_LENGTH)
    if name is None:
        name = t(language)("source-unknown")
    return f"{link(name, source.url)}, {format_short_date(source.day, language)}"


def format_sources(sources: Sequence[Source], language: str) -> str:
    return "; ".join(format_source(source, language) for source in sources)


def category_label(fact: Fact, language: str) -> str:
    key = "category-decline" if fact.change == "down" else f"category-{fact.category}"
    return t(language)(key)


# Counts, jobs and seats say what they are in their unit; money and percentages need a word.
_SELF_EXPLAINED_UNITS = frozenset(COUNT_UNITS)


def fact_line(fact: Fact, language: str) -> str:
    """`• <b>750 млн $</b> — объем инвестиций (Конаев) · Марат Султангазиев · Zakon.kz, 23.10.2025`:
    the figure, what it is, where, who gave it, where it was reported."""
    parts = [f"• <b>{format_figure(fact, language)}</b>"]
    description = _describe(fact, language)
    if description:
        parts.append(f" — {description}")
    if fact.place:
        parts.append(f" ({escape(fact.place)})")
    if fact.speakers:
        parts.append(" · " + ", ".join(escape(speaker.name(language)) for speaker in fact.speakers))
    if fact.sources:
        parts.append(f" · {format_sources(fact.sources, language)}")
    return "".join(parts)


def _describe(fact: Fact, language: str) -> str:
    """The category word in the reader's language, then the article's own phrase.

    The category word is left out only when the phrase, in the reader's language,
    already says it (`объем инвестиций` needs no `инвестиции:` before it).
    """
    about = fact.about_for(language)
    label = "" if fact.unit in _SELF_EXPLAINED_UNITS else category_label(fact, language)
    if about is None:
        return escape(label)
    if not label or (about.language == language and _mentions(about.text, label)):
        return escape(about.text)
    return f"{escape(label)}: {escape(about.text)}"


def _mentions(phrase: str, label: str) -> bool:
    from digest.folding import fold_words

    stems = {word[:5] for word in fold_words(phrase).split() if len(word) >= 4}
    return any(word[:5] in stems for word in fold_words(label).split() if len(word) >= 4)


def _url_host(url: str | None) -> str | None:
    if not url or safe_url(url) is None:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _shorten(text: str, length: int) -> str:
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0] or text[:length]
    return cut.rstrip(" ,.;:—–-") + "…"


# --- whole texts ------------------------------------------------------------------------

def digest_text(digest: Digest, language: str) -> str:
    """One language's digest as HTML lines."""
    tr = t(language)
    region = escape(digest.region_name(language))
    period = format_period(digest.first_day, digest.last_day, language)
    if digest.place:
        title = tr("digest-title-place", place=escape(digest.place), region=region, period=period)
    else:
        title = tr("digest-title", region=region, period=period)
    if not digest.facts:
        lines = [tr("digest-nothing", region=region, period=period)]
    else:
        lines = [title, *(fact_line(fact, language) for fact in digest.facts)]
        if digest.quiet_since:
            quiet = format_period(digest.quiet_since, digest.last_day, language)
            lines.insert(0, tr("digest-nothing-recent", period=quiet))
        if digest.place and not digest.place_found:
            lines.insert(1, tr("digest-place-nothing", place=escape(digest.place)))
    if digest.related:
        lines.append(tr("digest-related", region=escape(digest.related_name(language)),
                        command=escape(digest.related_command(language))))
    return "\n".join(lines)


def render_digest(digest: Digest, language: str = DEFAULT_READER_LANGUAGE) -> list[str]:
    """The digest in `ru`, `kk` or `both`, cut into Telegram messages."""
    blocks = [digest_text(digest, lang) for lang in reader_languages(language)]
    return split_message("\n\n".join(blocks))


def official_text(profile: OfficialProfile, language: str) -> str:
    tr = t(language)
    names = [name for name in (profile.name_ru, profile.name_kk) if name]
    unique_names = list(dict.fromkeys(names))
    lines = [" / ".join(f"<b>{escape(name)}</b>" for name in unique_names)]
    role = profile.role_in(language)
    details = [escape(role) if role else None]
    if profile.region:
        details.append(escape(profile.region_name(language)))
    details = [d for d in details if d]
    if details:
        lines.append(" · ".join(details))
    if not profile.articles:
        lines.append(tr("official-no-articles"))
        return "\n".join(lines)
    lines.append(tr("official-recent"))
    for item in profile.articles:
        lines.append(f"• {_article_heading(item.source, language)}")
        lines.extend(f"   {fact_line(fact, language).removeprefix('• ')}" for fact in item.facts)
    return "\n".join(lines)


def _article_heading(source: Source, language: str) -> str:
    """`24.11.2025 · <a>Headline</a> (Zakon.kz)`; without a headline, the outlet is the link."""
    day = format_short_date(source.day, language)
    outlet = source.outlet or _url_host(source.url)
    if source.title:
        heading = link(_shorten(source.title, 120), source.url)
        return f"{day} · {heading}" + (f" ({escape(outlet)})" if outlet else "")
    return f"{day} · {link(outlet or t(language)('source-unknown'), source.url)}"


def render_official(profile: OfficialProfile, language: str = DEFAULT_READER_LANGUAGE) -> list[str]:
    blocks = [official_text(profile, lang) for lang in reader_languages(language)]
    return split_message("\n\n".join(blocks))


def render_text(key: str, language: str = DEFAULT_READER_LANGUAGE, **args: str) -> list[str]:
    """A one-message template in each reader language; `args` are escaped here."""
    escaped = {name: escape(value) for name, value in args.items()}
    return split_message("\n\n".join(t(lang)(key, **escaped) for lang in reader_languages(language)))


def render_choices(
    key: str, options: Iterable[str], language: str = DEFAULT_READER_LANGUAGE, **args: str
) -> list[str]:
    """A prompt and a short list of what the user may have meant (already plain text)."""
    options = list(options)
    blocks = []
    for lang in reader_languages(language):
        prompt = t(lang)(key, **{name: escape(value) for name, value in args.items()})
        blocks.append("\n".join([prompt, *(f"• {escape(option)}" for option in options)]))
    return split_message("\n\n".join(blocks))


# --- splitting --------------------------------------------------------------------------

def utf16_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji outside the BMP is 2)."""
    return len(text.encode("utf-16-le")) // 2


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Cut HTML text into messages of at most `limit` UTF-16 units, on line boundaries.

    A blank line (between blocks) is the preferred place to cut when one falls in the
    second half of a message. Lines are never cut unless a single line is longer than
    a message; then it is cut between words with its tags closed and reopened.
    """
    lines: list[str] = []
    for line in text.strip("\n").split("\n"):
        lines.extend([line] if utf16_length(line) <= limit else _split_long_line(line, limit))
    messages: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines:
        extra = utf16_length(line) + (1 if current else 0)
        if current and size + extra > limit:
            keep, carry = _cut_at_blank_line(current, limit)
            messages.append("\n".join(keep).strip("\n"))
            current = carry
            size = utf16_length("\n".join(current))
            extra = utf16_length(line) + (1 if current else 0)
        current.append(line)
        size += extra
    if current and "\n".join(current).strip():
        messages.append("\n".join(current).strip("\n"))
    return [message for message in messages if message.strip()]


def _cut_at_blank_line(lines: list[str], limit: int) -> tuple[list[str], list[str]]:
    """Lines to send now and lines to carry over: cut at the last blank line if it is
    in the second half of the message, else send everything."""
    for index in range(len(lines) - 1, 0, -1):
        if not lines[index].strip():
            if utf16_length("\n".join(lines[:index])) >= limit // 2:
                return lines[:index], [line for line in lines[index + 1:]]
            break
    return lines, []


_TOKEN = re.compile(r"<(/?)([a-zA-Z0-9-]+)[^>]*>|&[#a-zA-Z0-9]+;|[^<&\s]+\s*|\s+|[<&]")


def _split_long_line(line: str, limit: int) -> list[str]:
    """Cut one over-long HTML line between words; tags open at a cut are closed before
    it and reopened after it, entities are never split, a word longer than a whole
    message is cut between characters."""
    pieces: list[str] = []
    stack: list[tuple[str, str]] = []           # (name, opening tag as written)
    current = ""

    def closing(extra: str = "") -> str:
        return "".join(f"</{name}>" for name, _ in reversed(stack)) + extra

    def reopened() -> str:
        return "".join(tag for _, tag in stack)

    def fits(unit: str, extra_closing: str = "") -> bool:
        return utf16_length(current + unit + closing(extra_closing)) <= limit

    def flush() -> None:
        nonlocal current
        pieces.append(current + closing())
        current = reopened()

    for match in _TOKEN.finditer(line):
        unit = match.group(0)
        name = match.group(2)
        if name and not match.group(1):            # an opening tag: it will need closing too
            if not fits(unit, f"</{name.lower()}>") and current != reopened():
                flush()
            current += unit
            stack.append((name.lower(), unit))
            continue
        if name:                                   # a closing tag
            current += unit
            if stack and stack[-1][0] == name.lower():
                stack.pop()
            continue
        if not fits(unit) and current != reopened():
            flush()
        while not fits(unit):                      # longer than a whole message
            head, unit = _take_utf16(unit, max(1, limit - utf16_length(current + closing())))
            current += head
            flush()
        current += unit
    if current != reopened() or not pieces:
        pieces.append(current + closing())
    return [piece for piece in pieces if strip_markup(piece).strip()]


def strip_markup(text: str) -> str:
    return re.sub(r"<[^>]*>", "", text)


def _take_utf16(text: str, units: int) -> tuple[str, str]:
    """The longest prefix of `text` within `units` UTF-16 units (never half a surrogate pair)."""
    size = 0
    for index, char in enumerate(text):
        size += 2 if ord(char) > 0xFFFF else 1
        if size > units:
            return text[:index], text[index:]
    return text, ""
