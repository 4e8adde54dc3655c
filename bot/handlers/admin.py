"""Admin commands, only for the ids in ADMIN_IDS: `/stats`, `/ingest <url>`, `/source <url>`,
a forwarded post or a file to ingest.

The router's filter lets everyone else through to the next routers, so a non-admin
typing `/stats` gets the answer for an unknown command, as for any other.
"""

from __future__ import annotations

import logging
import re
import tempfile
from datetime import UTC, datetime, time
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, Filter
from aiogram.types import Message, MessageOriginChannel

from bot.config import Settings
from bot.ingestion import IngestSummary, assign_stories, ingest_document, ingest_paths
from bot.poller import SourceError, add_source, ingest_url
from bot.texts import query_text, reply, say, t
from digest.documents import MAX_FILE_BYTES, BadDocument, DocumentError, parse_text
from storage.database import Database
from storage.deliveries import DeliveriesRepo
from storage.facts import utc_text
from storage.sources import SourceHealth, SourcesRepo
from storage.subscribers import SubscribersRepo

log = logging.getLogger(__name__)

MAX_ERRORS_SHOWN = 5
_UNSAFE_NAME = re.compile(r"[^\w.\-]+")


class IsAdmin(Filter):
    async def __call__(self, message: Message, settings: Settings) -> bool:
        return message.from_user is not None and message.from_user.id in settings.admin_ids


# --- /stats -----------------------------------------------------------------------------

async def cmd_stats(message: Message, db: Database, lang: str, settings: Settings) -> None:
    tz = ZoneInfo(settings.timezone)
    today = datetime.now(tz).date()
    midnight = datetime.combine(today, time(0, 0), tzinfo=tz)
    articles = await db.fetchone(
        "SELECT count(*) AS total, coalesce(sum(ingested_at >= ?), 0) AS today FROM articles",
        (utc_text(midnight.astimezone(UTC)),),
    )
    people = await SubscribersRepo(db).counts()
    deliveries = await DeliveriesRepo(db).counts(today.isoformat())
    lines = [say(
        lang, "stats",
        articles=articles["total"] if articles else 0, articles_today=articles["today"] if articles else 0,
        subscribed=people["subscribed"], paused=people["paused"], inactive=people["inactive"],
        subscriptions=people["subscriptions"], sent=deliveries["sent"],
        pending=deliveries["pending"] + deliveries["sending"], failed=deliveries["failed"],
    )]
    sources = await source_health_lines(db, lang)
    if sources:
        lines += ["", say(lang, "stats-sources"), *sources]
    await reply(message, "\n".join(lines))


async def source_health_lines(db: Database, lang: str) -> list[str]:
    """One line a news source, failing and down sources first."""
    return [source_line(item, lang) for item in await SourcesRepo(db).health()]


def source_line(item: SourceHealth, lang: str) -> str:
    key = f"source-status-{item.status}"
    status_text = say(lang, key) if t(lang).has(key) else item.status
    line = say(lang, "stats-source", outlet=item.outlet or item.url, language=item.language,
               status=status_text, articles=item.articles_stored)
    if item.last_error and item.status != "ok":
        line += "\n" + say(lang, "stats-source-error", error=item.last_error[:200])
    return line


# --- /ingest <url>, /source <url> --------------------------------------------------------

def is_web_url(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


async def _url_argument(message: Message, command: CommandObject, lang: str, usage: str) -> str | None:
    """The http(s) URL after the command, or None once the admin was told what is wrong."""
    url = query_text(command.args)
    if not url:
        await message.answer(say(lang, usage))
        return None
    if not is_web_url(url):
        await message.answer(say(lang, "ingest-bad-url", url=url[:200]))
        return None
    return url


async def cmd_ingest(
    message: Message, command: CommandObject, db: Database, lang: str, settings: Settings
) -> None:
    url = await _url_argument(message, command, lang, "ingest-usage")
    if url is None:
        return
    await message.answer(say(lang, "ingest-working"))
    summary = await ingest_url(db, url, settings)
    await reply(message, summary_text(summary, lang))


async def cmd_source(
    message: Message, command: CommandObject, db: Database, lang: str, settings: Settings
) -> None:
    url = await _url_argument(message, command, lang, "source-usage")
    if url is None:
        return
    try:
        source = await add_source(db, url, settings)
    except SourceError as error:
        await message.answer(say(lang, "source-failed", reason=str(error)[:300]))
        return
    await message.answer(say(lang, "source-added", outlet=str(source.outlet), url=str(source.url),
                             language=str(source.language)))


def summary_text(summary: IngestSummary, lang: str) -> str:
    lines = [say(lang, "ingest-result", new=len(summary.new), duplicates=len(summary.duplicates),
                 failed=len(summary.failed))]
    lines += [say(lang, "ingest-error", doc=error.doc[:200], reason=str(error.reason)[:300])
              for error in summary.failed[:MAX_ERRORS_SHOWN]]
    return "\n".join(lines)


# --- a forwarded post, a file ------------------------------------------------------------

async def on_forwarded_post(message: Message, db: Database, lang: str) -> None:
    text = message.text or message.caption
    if not text:
        await message.answer(say(lang, "ingest-no-text"))
        return
    origin = message.forward_origin
    url = None
    doc = f"telegram:{message.chat.id}/{message.message_id}"
    if isinstance(origin, MessageOriginChannel):
        doc = f"telegram:{origin.chat.id}/{origin.message_id}"
        if origin.chat.username:
            url = f"https://t.me/{origin.chat.username}/{origin.message_id}"
    try:
        document = parse_text(doc, text, url)
    except BadDocument as error:
        await reply(message, summary_text(IngestSummary(failed=[DocumentError(doc, str(error))]), lang))
        return
    summary = await ingest_document(db, document)
    await assign_stories(db)
    await reply(message, summary_text(summary, lang))


async def on_document(message: Message, db: Database, lang: str) -> None:
    document = message.document
    size = document.file_size or 0
    if size > MAX_FILE_BYTES:
        await message.answer(say(lang, "ingest-too-big", size=round(size / 2**20, 1),
                                 limit=MAX_FILE_BYTES // 2**20))
        return
    buffer = BytesIO()
    await message.bot.download(document, destination=buffer)
    name = _UNSAFE_NAME.sub("_", Path(document.file_name or "article.txt").name)[:100] or "article.txt"
    with tempfile.TemporaryDirectory(prefix="kzdigest-") as folder:
        path = Path(folder) / name
        path.write_bytes(buffer.getvalue())
        summary = await ingest_paths(db, [path])
    await reply(message, summary_text(summary, lang))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.filter(IsAdmin())
    router.message.register(cmd_stats, Command("stats", ignore_case=True))
    router.message.register(cmd_ingest, Command("ingest", ignore_case=True))
    router.message.register(cmd_source, Command("source", ignore_case=True))
    router.message.register(on_forwarded_post, F.forward_origin)
    router.message.register(on_document, F.document)
    return router
