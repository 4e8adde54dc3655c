"""Reading RSS and Atom feeds safely: items with their link, title, date and summary.

A feed comes from a server we do not control, so it is checked before any parser
that could expand entities sees it: a document declaring entities (billion laughs,
external entities) is refused outright, whatever else is wrong with it. Only then
does feedparser read it; feedparser tolerates the small faults real feeds have
(a stray `&`, a bad date) and reports a feed it cannot read at all.
"""

from __future__ import annotations

import calendar
import html
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import defusedxml.ElementTree as safe_etree
import feedparser
from defusedxml import DefusedXmlException

# A feed with more items than this is cut: a real news feed lists tens.
MAX_ITEMS = 300
SUMMARY_CHARS = 2000
# Feeds are small; a document this large is refused before parsing.
MAX_FEED_BYTES = 10 * 1024 * 1024

_DECLARES_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+xml", "application/rdf+xml")


class FeedError(ValueError):
    """The document is not a feed we read; the message says why."""


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str | None
    published: datetime | None        # aware, UTC
    summary: str | None               # plain text, short
    content: str | None = None        # the full text when the feed carries it (content:encoded)


@dataclass(frozen=True)
class Feed:
    title: str | None
    language: str | None
    items: tuple[FeedItem, ...]


def looks_like_feed(body: bytes, content_type: str | None = None) -> bool:
    """Whether a response is a feed rather than a page: by its type, else by its first tag."""
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind in _FEED_TYPES or kind.endswith(("+xml", "/xml")):
        return True
    if kind == "text/html":
        return False
    return bool(_FEED_START.match(_text_head(body)))


def _text_head(body: bytes) -> bytes:
    head = body[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore").encode("utf-8")
    return head.lstrip(b"\xef\xbb\xbf")


def check_safe_xml(body: bytes) -> None:
    """Refuse entity declarations and external references; raise FeedError on them.

    A malformed document that declares nothing is let through: feedparser may still
    read its items. The byte scan catches declarations expat never reached because
    the document broke before them.
    """
    if _DECLARES_ENTITY.search(body) or _DECLARES_ENTITY.search(_utf16_as_utf8(body)):
        raise FeedError("refused: the document declares XML entities (possible entity-expansion attack)")
    try:
        safe_etree.fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise FeedError(f"refused: unsafe XML ({type(error).__name__})") from None
    except safe_etree.ParseError:
        pass  # malformed: feedparser's lenient reading decides


def _utf16_as_utf8(body: bytes) -> bytes:
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return body.decode("utf-16", errors="ignore").encode("utf-8")
    return b""


def parse_feed(body: bytes, base_url: str | None = None, content_type: str | None = None) -> Feed:
    """The items of an RSS or Atom document; FeedError when it is unsafe or unreadable."""
    if len(body) > MAX_FEED_BYTES:
        raise FeedError(f"too large for a feed: {len(body)} bytes")
    if not body.strip():
        raise FeedError("empty document")
    check_safe_xml(body)
    headers = {"content-location": base_url or "", "content-type": content_type or "application/xml"}
    # A stream, never bytes: feedparser opens bytes that look like a path as a local file.
    parsed = feedparser.parse(
        io.BytesIO(body), response_headers=headers, sanitize_html=True, resolve_relative_uris=True
    )
    items = _items(parsed.entries, base_url)
    if not items:
        if not parsed.get("version") and not looks_like_feed(body, content_type):
            raise FeedError("not an RSS or Atom feed")
        if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
            raise FeedError(f"malformed feed: {_reason(parsed.bozo_exception)}")
    feed = parsed.get("feed", {})
    return Feed(
        title=_clean(feed.get("title")),
        language=(feed.get("language") or None),
        items=tuple(items),
    )


def _reason(error: object) -> str:
    text = str(error).strip() or type(error).__name__
    return text[:200]


def _items(entries: list, base_url: str | None) -> list[FeedItem]:
    items: list[FeedItem] = []
    seen: set[str] = set()
    for entry in entries[:MAX_ITEMS]:
        url = _entry_url(entry, base_url)
        if url is None or url in seen:
            continue
        seen.add(url)
        items.append(
            FeedItem(
                url=url,
                title=_clean(entry.get("title")),
                published=_entry_time(entry),
                summary=_short(html_to_text(entry.get("summary") or "")),
                content=_entry_content(entry),
            )
        )
    return items


def _entry_url(entry: dict, base_url: str | None) -> str | None:
    """The item's page: its link, else a guid that is a URL; only http(s)."""
    for candidate in (entry.get("link"), entry.get("id")):
        if not candidate or not isinstance(candidate, str):
            continue
        url = urljoin(base_url or "", candidate.strip())
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname:
            return url
    return None


def _entry_time(entry: dict) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        # dict.get: feedparser's own get maps a missing date to another with a warning.
        value = dict.get(entry, key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
            except (OverflowError, ValueError, OSError):
                continue
    return None


def _entry_content(entry: dict) -> str | None:
    """The full text of a feed that carries whole articles (`content:encoded`, Atom content)."""
    for content in entry.get("content") or ():
        text = html_to_text(content.get("value") or "")
        if text:
            return text
    return None


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, paragraphs on their own lines."""
    if not fragment:
        return ""
    fragment = re.sub(r"(?i)<\s*(?:br|/p|/div|/li|/h\d)\s*/?>", "\n", fragment)
    text = html.unescape(_TAG.sub(" ", fragment))
    text = _SPACES.sub(" ", text)
    return _BLANK_LINES.sub("\n", text).strip()


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = _SPACES.sub(" ", html.unescape(_TAG.sub(" ", value))).strip()
    return text or None


def _short(text: str) -> str | None:
    if not text:
        return None
    return text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"


# --- feed discovery ---------------------------------------------------------------------

class _FeedLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {name: (value or "") for name, value in attrs}
        rel = values.get("rel", "").lower().split()
        if "alternate" in rel and values.get("type", "").lower() in _FEED_TYPES and values.get("href"):
            self.found.append(values["href"])


def find_feed_links(page: str, base_url: str) -> list[str]:
    """Feeds a page announces (`<link rel="alternate" type="application/rss+xml">`), absolute."""
    parser = _FeedLinks()
    try:
        parser.feed(page[:200_000])   # the links sit in <head>
    except Exception:  # HTMLParser is lenient; a page it chokes on simply announces nothing
        return []
    links = []
    for href in parser.found:
        url = urljoin(base_url, href.strip())
        if urlsplit(url).scheme in ("http", "https") and url not in links:
            links.append(url)
    return links
