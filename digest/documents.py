"""Reading articles from files: plain text, HTML pages, JSON and JSON Lines records.

Each input yields either a `Document` or a `DocumentError` naming the input and the
reason; one bad file never stops the others.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from digest.cleaning import clean_body, is_boilerplate_line
from digest.html import extract_html
from digest.language import detect_language
from digest.metadata import (
    canonical_outlet,
    find_published,
    find_source,
    is_date_line,
    parse_date,
    strip_date_header,
)
from digest.model import Document

MAX_FILE_BYTES = 5 * 1024 * 1024
MIN_BODY_CHARS = 40
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}

_HEADLINE_MAX_WORDS = 30
_HEAD_LINES = 4


@dataclass(frozen=True)
class DocumentError:
    doc: str
    reason: str


class BadDocument(ValueError):
    """The input is not an article we can read; the message says why."""


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files under the given paths, folders read recursively in name order."""
    for path in paths:
        if path.is_dir():
            yield from (p for p in sorted(path.rglob("*")) if not p.is_dir() and not _hidden(p, path))
        else:
            yield path


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_documents(paths: Iterable[Path]) -> Iterator[Document | DocumentError]:
    """Every article in the given files and folders, in order."""
    for path in iter_files(paths):
        yield from read_file(path)


def read_file(path: Path) -> Iterator[Document | DocumentError]:
    name = path.name
    try:
        raw = _read_bytes(path)
        text = _decode(raw)
    except BadDocument as error:
        yield DocumentError(name, str(error))
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _json_lines(name, text)
    elif suffix in JSON_SUFFIXES:
        yield from _json_file(name, text)
    else:
        yield _guarded(name, lambda: _parse_by_content(name, text, suffix))


def _guarded(name: str, parse) -> Document | DocumentError:
    try:
        return parse()
    except BadDocument as error:
        return DocumentError(name, str(error))


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise BadDocument(f"too large: {size} bytes (limit {MAX_FILE_BYTES})")
        return path.read_bytes()
    except FileNotFoundError:
        raise BadDocument("no such file") from None
    except IsADirectoryError:
        raise BadDocument("is a directory") from None
    except PermissionError:
        raise BadDocument("permission denied") from None
    except OSError as error:
        raise BadDocument(f"cannot read: {error.strerror or error}") from None


def _decode(raw: bytes) -> str:
    if not raw.strip():
        raise BadDocument("empty file")
    if b"\x00" in raw[:8192]:
        raise BadDocument("binary file, not an article")
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BadDocument("not UTF-8 or Windows-1251 text")


def _parse_by_content(name: str, text: str, suffix: str) -> Document:
    looks_html = suffix in HTML_SUFFIXES or (
        suffix not in TEXT_SUFFIXES and re.match(r"\s*(?:<!doctype html|<html|<head|<body)", text, re.I)
    )
    if looks_html:
        return parse_html(name, text)
    return parse_text(name, text)


def _json_file(name: str, text: str) -> Iterator[Document | DocumentError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield DocumentError(name, f"invalid JSON: {error.msg} at line {error.lineno}")
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records, 1):
        doc = name if len(records) == 1 else f"{name}#{index}"
        yield _guarded(doc, lambda r=record, d=doc: parse_record(d, r))


def _json_lines(name: str, text: str) -> Iterator[Document | DocumentError]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        doc = f"{name}#{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield DocumentError(doc, f"invalid JSON: {error.msg}")
            continue
        if isinstance(record, dict) and record.get("id"):
            doc = str(record["id"])
        yield _guarded(doc, lambda r=record, d=doc: parse_record(d, r))


def parse_record(doc: str, record: object) -> Document:
    """A JSON record with `body` (or `text`/`content`), and optionally url, title, published, source."""
    if not isinstance(record, dict):
        raise BadDocument("a JSON record must be an object")
    body = record.get("body") or record.get("text") or record.get("content")
    if not isinstance(body, str) or not body.strip():
        raise BadDocument("record has no body text")
    title = record.get("title") if isinstance(record.get("title"), str) else None
    url = record.get("url") if isinstance(record.get("url"), str) else None
    if re.match(r"\s*<", body):
        page = parse_html(doc, body, url=url)
        body = page.body
    published = _record_date(record.get("published") or record.get("date"))
    source = record.get("source") if isinstance(record.get("source"), str) else None
    text = f"{title}\n\n{body}" if title else body
    parsed = parse_text(doc, text, url=url)
    return Document(
        doc=doc,
        body=parsed.body,
        language=parsed.language,
        title=_clean_title(title) or parsed.title,
        published=published or parsed.published,
        source=(canonical_outlet(source) or source.strip()) if source else parsed.source,
        url=url,
    )


def _record_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    return parse_date(value)


def parse_html(doc: str, html: str, url: str | None = None) -> Document:
    page = extract_html(html, url=url)
    if not page.text:
        raise BadDocument("no article text found in the HTML page")
    text = f"{page.title}\n\n{page.text}" if page.title else page.text
    parsed = parse_text(doc, text, url=url or page.url)
    return Document(
        doc=doc,
        body=parsed.body,
        language=parsed.language,
        title=_clean_title(page.title) or parsed.title,
        published=page.published or parsed.published,
        source=canonical_outlet(page.sitename or "") or parsed.source or page.sitename,
        url=url or page.url,
    )


def parse_text(doc: str, raw: str, url: str | None = None) -> Document:
    """A plain-text article: metadata from its head, boilerplate removed, headline first."""
    cleaned = clean_body(raw)
    published = find_published(cleaned)
    source = find_source(cleaned)
    lines = strip_date_header(cleaned).split("\n")
    title, body_lines = _split_head(lines)
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(body_lines)).strip()
    if title:
        body = f"{title}\n\n{body}" if body else title
    if len(body) < MIN_BODY_CHARS:
        raise BadDocument(f"too little text to be an article ({len(body)} characters)")
    return Document(
        doc=doc,
        body=body,
        language=detect_language(body),
        title=title,
        published=published,
        source=source,
        url=url,
    )


def _split_head(lines: list[str]) -> tuple[str | None, list[str]]:
    """Find the headline among the first lines and drop what surrounds it there.

    Before the headline sit section names and outlet names (a few words each);
    right after it, the date line and the dateline with the photo credit.
    """
    title: str | None = None
    rest: list[str] = []
    seen = 0
    for line in lines:
        if seen >= _HEAD_LINES or not line:
            if title or rest or seen >= _HEAD_LINES:
                rest.append(line)
            continue
        seen += 1
        words = len(line.split())
        if is_date_line(line) or is_boilerplate_line(line) or _is_dateline(line):
            continue
        if title is None and not rest and words <= 3:
            continue
        if title is None and not rest and _looks_like_headline(line):
            title = line
            continue
        rest.append(line)
        seen = _HEAD_LINES if words > _HEADLINE_MAX_WORDS else seen
    return title, rest


def _looks_like_headline(line: str) -> bool:
    return len(line.split()) <= _HEADLINE_MAX_WORDS and not line.rstrip().endswith((".", ":", ";"))


def _is_dateline(line: str) -> bool:
    """`Алматы, фото - Новости Zakon.kz от 23.10.2025 18:43`: place, credit, outlet, time."""
    return len(line) < 160 and bool(
        re.search(r"\d{1,2}\.\d{1,2}\.\d{4}", line) and re.search(r"фото|сурет|новости|жаңалық", line, re.I)
    )


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    title = re.sub(r"\s+", " ", title).strip()
    return title or None
