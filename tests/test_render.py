"""Telegram HTML: numbers per language, escaping, templates in both languages, splitting."""

from __future__ import annotations

import re
from datetime import date
from importlib import resources

import pytest
from fluent.syntax import FluentParser, ast

from digest.about import Phrase
from digest.compose import Digest, Fact, Source
from digest.render import (
    MESSAGE_LIMIT,
    escape,
    fact_line,
    format_figure,
    format_period,
    link,
    render_digest,
    split_message,
    utf16_length,
)

NBSP = "\u00a0"


def fact(value: float, unit: str, category: str = "count", qualifier: str | None = None,
         change: str | None = None, counted: str | None = None, about: str | None = None,
         language: str = "ru", place: str | None = None, sources: tuple[Source, ...] = ()) -> Fact:
    return Fact(
        value=value, unit=unit, category=category, qualifier=qualifier, change=change,
        counted=(Phrase(counted, language),) if counted else (),
        abouts=(Phrase(about, language),) if about else (),
        place=place, sources=sources, figure_ids=(1,),
    )


# [(value, unit, category, qualifier, change, counted, language), expected] — NBSP shown as a space.
FIGURES = [
    [(750e6, "USD", "investment", None, None, None, "ru"), "750 млн $"],
    [(750e6, "USD", "investment", None, None, None, "kk"), "750 млн $"],
    [(1.176e9, "KZT", "cost", None, None, None, "ru"), "1,18 млрд ₸"],
    [(1.176e9, "KZT", "cost", None, None, None, "kk"), "1,18 млрд ₸"],
    [(446.7e9, "KZT", "investment", None, None, None, "ru"), "447 млрд ₸"],
    [(46.4e9, "KZT", "investment", "approx", None, None, "kk"), "шамамен 46,4 млрд ₸"],
    [(5e12, "KZT", "output", None, None, None, "ru"), "5 трлн ₸"],
    [(999.6e6, "KZT", "budget", None, None, None, "ru"), "1 млрд ₸"],
    [(350_000, "KZT", "budget", None, None, None, "ru"), "350 000 ₸"],
    [(1.3e9, "USD", "output", "more_than", None, None, "ru"), "более 1,3 млрд $"],
    [(2e6, "EUR", "investment", "up_to", None, None, "ru"), "до 2 млн €"],
    [(17, "percent", "growth", None, "up", None, "ru"), "+17%"],
    [(17, "percent", "growth", None, "up", None, "kk"), "+17%"],
    [(5.2, "percent", "growth", None, "down", None, "ru"), "−5,2%"],
    [(107.9, "percent", "growth", None, None, None, "ru"), "107,9%"],
    [(88.5, "percent", "share", None, None, None, "kk"), "88,5%"],
    [(3, "times", "growth", None, None, None, "ru"), "в 3 раза"],
    [(5, "times", "growth", None, None, None, "ru"), "в 5 раз"],
    [(1.5, "times", "growth", None, None, None, "ru"), "в 1,5 раза"],
    [(3, "times", "growth", None, None, None, "kk"), "3 есе"],
    [(3000, "jobs", "jobs", None, None, None, "ru"), "3 000 рабочих мест"],
    [(3000, "jobs", "jobs", "approx", None, None, "ru"), "около 3 000 рабочих мест"],
    [(3000, "jobs", "jobs", "approx", None, None, "kk"), "шамамен 3 000 жұмыс орны"],
    [(21000, "jobs", "jobs", "more_than", None, None, "kk"), "кемінде 21 000 жұмыс орны"],
    [(1, "jobs", "jobs", None, None, None, "ru"), "1 рабочее место"],
    [(2, "jobs", "jobs", None, None, None, "ru"), "2 рабочих места"],
    [(21, "jobs", "jobs", None, None, None, "ru"), "21 рабочее место"],
    [(5300, "jobs", "jobs", None, None, None, "ru"), "5 300 рабочих мест"],
    [(600, "places", "capacity", None, None, None, "ru"), "600 мест"],
    [(13800, "places", "capacity", None, None, None, "kk"), "13 800 орын"],
    [(24, "people", "count", None, None, None, "ru"), "24 человека"],
    [(24, "people", "count", None, None, None, "kk"), "24 адам"],
    [(1.2e6, "people", "count", None, None, None, "ru"), "1,2 млн человек"],
    [(136700, "units", "count", None, None, "субъектов МСБ", "ru"), "136 700 субъектов МСБ"],
    [(41, "units", "count", None, None, "инвестициялық жоба", "kk"), "41 инвестициялық жоба"],
    [(14.3, "ha", "area", None, None, None, "ru"), "14,3 га"],
    [(3866.5, "m2", "area", None, None, None, "ru"), "3 866,5 м²"],
    [(300_000, "m2", "area", None, None, None, "kk"), "300 000 м²"],
    [(2.5e6, "m2", "area", None, None, None, "ru"), "2,5 млн м²"],
    [(19506, "t", "quantity", None, None, None, "ru"), "19 506 т"],
    [(120, "MW", "capacity", None, None, None, "kk"), "120 МВт"],
]


@pytest.mark.parametrize(("spec", "expected"), FIGURES)
def test_format_figure(spec: tuple, expected: str) -> None:
    value, unit, category, qualifier, change, counted, language = spec
    shown = format_figure(fact(value, unit, category, qualifier, change, counted, language=language), language)
    assert shown.replace(NBSP, " ") == expected


def test_digit_groups_never_wrap() -> None:
    assert format_figure(fact(3000, "jobs", "jobs"), "ru") == f"3{NBSP}000 рабочих мест"
    assert f"млн{NBSP}$" in format_figure(fact(750e6, "USD", "investment"), "ru")


@pytest.mark.parametrize(("first", "last", "language", "expected"), [
    (date(2025, 11, 24), date(2025, 11, 24), "ru", "24 ноября 2025"),
    (date(2025, 11, 24), date(2025, 11, 24), "kk", "2025 жылғы 24 қараша"),
    (date(2025, 11, 23), date(2025, 11, 24), "ru", "23–24 ноября 2025"),
    (date(2025, 11, 23), date(2025, 11, 24), "kk", "2025 жылғы 23–24 қараша"),
    (date(2025, 10, 31), date(2025, 11, 1), "ru", "31 октября — 1 ноября 2025"),
    (date(2025, 10, 31), date(2025, 11, 1), "kk", "2025 жылғы 31 қазан — 1 қараша"),
    (date(2024, 12, 31), date(2025, 1, 1), "ru", "31 декабря 2024 — 1 января 2025"),
])
def test_format_period(first: date, last: date, language: str, expected: str) -> None:
    assert format_period(first, last, language) == expected


# --- escaping ---------------------------------------------------------------------------

def test_escape_and_links() -> None:
    assert escape('<script>alert("x")</script> & Co') == '&lt;script&gt;alert("x")&lt;/script&gt; &amp; Co'
    assert link("A&B", "https://x.kz/a?b=1&c=\"2\"") == '<a href="https://x.kz/a?b=1&amp;c=&quot;2&quot;">A&amp;B</a>'
    assert link("<b>", "javascript:alert(1)") == "&lt;b&gt;"
    assert link("x", "ftp://x.kz/") == "x"


def test_article_text_is_escaped_everywhere_in_a_line() -> None:
    source = Source(1, "<b>Outlet</b>", None, "https://x.kz/1", date(2025, 11, 24), "ru")
    no_outlet = Source(2, None, "<script>alert(1)</script> & заголовок", None, date(2025, 11, 24), "ru")
    line = fact_line(fact(1e9, "KZT", "investment", about="проект <Кайрат> & Co", place="<Конаев>",
                          counted=None, sources=(source, no_outlet)), "ru")
    assert_telegram_html(line)
    assert "&lt;Кайрат&gt; &amp; Co" in line and "(&lt;Конаев&gt;)" in line
    assert "&lt;b&gt;Outlet&lt;/b&gt;" in line
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; заголовок" in line
    assert "<script>" not in line


def test_category_word_in_the_readers_language_before_a_foreign_phrase() -> None:
    line_ru = fact_line(fact(750e6, "USD", "investment", about="объем инвестиций"), "ru")
    line_kk = fact_line(fact(750e6, "USD", "investment", about="объем инвестиций"), "kk")
    assert "— объем инвестиций" in line_ru                      # the phrase already says it
    assert "— инвестиция: объем инвестиций" in line_kk           # Kazakh label, Russian quote


# --- templates --------------------------------------------------------------------------

def _messages(language: str) -> dict[str, ast.Message]:
    text = (resources.files("digest.digest_locales") / language / "digest.ftl").read_text(encoding="utf-8")
    resource = FluentParser().parse(text)
    junk = [entry for entry in resource.body if isinstance(entry, ast.Junk)]
    assert not junk, [j.content for j in junk]
    return {entry.id.name: entry for entry in resource.body if isinstance(entry, ast.Message)}


def test_both_languages_have_the_same_texts() -> None:
    assert set(_messages("ru")) == set(_messages("kk"))


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_every_template_is_telegram_html(language: str) -> None:
    from digest.render import t

    args = {name: "X" for name in ("region", "period", "place", "query", "command", "amount", "currency",
                                   "unit", "sign", "figure", "day", "month", "year", "day1", "day2",
                                   "month1", "month2", "first", "last")}
    for key in _messages(language):
        text = t(language)(key, count=5, **args)
        assert text, key
        assert_telegram_html(text)


# --- splitting --------------------------------------------------------------------------

def test_utf16_length_counts_astral_characters_twice() -> None:
    assert utf16_length("абв") == 3
    assert utf16_length("📊") == 2


def test_long_digest_is_split_on_line_boundaries() -> None:
    source = Source(1, "Zakon.kz", None, "https://www.zakon.kz/" + "x" * 60, date(2025, 11, 24), "ru")
    facts = tuple(
        fact(1e9 + i * 1e7, "KZT", "investment", about=f"проект номер {i} «Школа будущего» 📊", sources=(source,))
        for i in range(120)
    )
    digest = Digest("KZ-19", date(2025, 11, 23), date(2025, 11, 24), facts)
    messages = render_digest(digest, "both")
    assert len(messages) > 2
    lines = [line for message in messages for line in message.split("\n") if line.strip()]
    expected = [line for line in "\n\n".join(render_digest_blocks(digest)).split("\n") if line.strip()]
    assert lines == expected                                      # nothing lost, nothing cut
    for message in messages:
        assert utf16_length(message) <= MESSAGE_LIMIT
        assert_telegram_html(message)


def render_digest_blocks(digest: Digest) -> list[str]:
    from digest.render import digest_text

    return [digest_text(digest, "ru"), digest_text(digest, "kk")]


def test_cut_prefers_the_blank_line_between_languages() -> None:
    ru = "\n".join(f"строка {i} " + "а" * 30 for i in range(70))
    kk = "\n".join(f"жол {i} " + "ә" * 30 for i in range(70))
    messages = split_message(ru + "\n\n" + kk)
    assert messages == [ru, kk]


def test_a_line_longer_than_a_message_is_cut_between_words_with_tags_reopened() -> None:
    words = " ".join(f"слово{i} &amp; 📊" for i in range(900))
    line = f'• <b>заголовок</b> <a href="https://x.kz/1">{words}</a> конец'
    messages = split_message(line, limit=1000)
    assert len(messages) > 4
    for message in messages:
        assert utf16_length(message) <= 1000
        assert_telegram_html(message)
    assert strip_tags("".join(messages)).split() == strip_tags(line).split()


def test_a_word_longer_than_a_message_is_cut_inside_it() -> None:
    line = "<b>" + "я" * 3000 + "</b>"
    messages = split_message(line, limit=1000)
    assert all(utf16_length(m) <= 1000 for m in messages)
    assert "".join(strip_tags(m) for m in messages) == "я" * 3000
    for message in messages:
        assert_telegram_html(message)


def test_short_text_is_one_message() -> None:
    assert split_message("одна строка\nвторая") == ["одна строка\nвторая"]
    assert split_message("\n\n") == []


# --- a checker for what Telegram accepts ------------------------------------------------

_TAG = re.compile(r'<(/?)(b|i|u|s|code|pre|a|blockquote)((?: href="[^"<>]*")?)>')
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


def assert_telegram_html(text: str) -> None:
    """Only Telegram's tags, properly nested and closed; `<` and `&` only as markup."""
    stack: list[str] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char == "<":
            match = _TAG.match(text, position)
            assert match, f"stray < at {position}: {text[position:position + 30]!r}"
            closing, name, attributes = match.groups()
            if closing:
                assert stack and stack[-1] == name, f"unbalanced </{name}> in {text!r}"
                stack.pop()
            else:
                assert name != "a" or attributes, "a link without href"
                stack.append(name)
            position = match.end()
        elif char == "&":
            match = _ENTITY.match(text, position)
            assert match, f"stray & at {position}: {text[position:position + 30]!r}"
            position = match.end()
        else:
            position += 1
    assert not stack, f"unclosed {stack} in {text!r}"


def strip_tags(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)
