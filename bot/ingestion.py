"""Reading, extracting and storing articles: the one path every input takes."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from digest.documents import DocumentError, read_documents
from digest.extract import EXTRACTOR_VERSION, extract
from digest.model import Document, Extraction
from storage.articles import ArticlesRepo
from storage.database import Database
from storage.stories import StoriesRepo

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    new: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failed: list[DocumentError] = field(default_factory=list)

    def merge(self, other: IngestSummary) -> None:
        self.new += other.new
        self.duplicates += other.duplicates
        self.failed += other.failed


def _parse_all(paths: list[Path]) -> list[tuple[Document, Extraction] | DocumentError]:
    results: list[tuple[Document, Extraction] | DocumentError] = []
    for item in read_documents(paths):
        if isinstance(item, DocumentError):
            results.append(item)
            continue
        try:
            results.append((item, extract(item)))
        except Exception as error:  # an extractor bug must not lose the other articles
            log.exception("extraction failed for %s", item.doc)
            results.append(DocumentError(item.doc, f"extraction failed: {error}"))
    return results


async def ingest_paths(db: Database, paths: Iterable[Path]) -> IngestSummary:
    """Store every article found under `paths`; report what was new, duplicate, or failed."""
    parsed = await asyncio.to_thread(_parse_all, list(paths))
    summary = await store_parsed(db, parsed)
    await assign_stories(db)
    return summary


async def assign_stories(db: Database) -> None:
    """Group the new articles into stories, so a reprinted story counts its figures once.
    Called after a batch rather than per article: one pass sees the whole batch."""
    try:
        await StoriesRepo(db).assign_pending()
    except Exception:  # the articles are stored; their stories are assigned on the next pass
        log.exception("assigning stories failed")


async def ingest_document(db: Database, document: Document) -> IngestSummary:
    try:
        extraction = await asyncio.to_thread(extract, document)
    except Exception as error:
        log.exception("extraction failed for %s", document.doc)
        return IngestSummary(failed=[DocumentError(document.doc, f"extraction failed: {error}")])
    return await store_parsed(db, [(document, extraction)])


async def store_parsed(
    db: Database, parsed: Iterable[tuple[Document, Extraction] | DocumentError]
) -> IngestSummary:
    summary = IngestSummary()
    repo = ArticlesRepo(db)
    for item in parsed:
        if isinstance(item, DocumentError):
            summary.failed.append(item)
            continue
        document, extraction = item
        result = await repo.add(document, extraction, EXTRACTOR_VERSION)
        (summary.new if result.created else summary.duplicates).append(document.doc)
    return summary


async def reextract_all(db: Database, only_stale: bool = True) -> int:
    """Run the current extractor over stored articles; return how many were updated."""
    repo = ArticlesRepo(db)
    ids = await repo.ids_to_reextract(EXTRACTOR_VERSION if only_stale else None)
    for article_id in ids:
        article = await repo.get(article_id)
        if article is None:
            continue
        extraction = await asyncio.to_thread(extract, article.to_document())
        await repo.replace_facts(article_id, article.language, extraction, EXTRACTOR_VERSION)
    # Stories were grouped on the old figures and regions: group them again.
    await StoriesRepo(db).forget(ids)
    await assign_stories(db)
    return len(ids)
