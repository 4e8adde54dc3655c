"""Main text and metadata of an HTML article page (trafilatura does the heavy lifting)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

import trafilatura

from digest.metadata import parse_date

# trafilatura logs every page it finds too short; that is our decision to report.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


@dataclass(frozen=True)
class HtmlPage:
    text: str
    title: str | None
    published: date | None
    sitename: str | None
    url: str | None


def extract_html(html: str, url: str | None = None) -> HtmlPage:
    """The page's article text (paragraphs kept) and what its metadata says."""
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        # No: trafilatura would drop text it saw in earlier pages of the process (a reprint, a re-read page).
        deduplicate=False,
    )
    if result is None:
        return HtmlPage("", None, None, None, url)
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    published = parse_date(data["date"]) if data.get("date") else None
    return HtmlPage(
        text=(data.get("text") or "").strip(),
        title=data.get("title") or None,
        published=published,
        sitename=data.get("sitename") or None,
        url=data.get("url") or url,
    )
