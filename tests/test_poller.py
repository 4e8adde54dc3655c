"""Polling feeds from a local server: new articles stored, faults recorded, nothing lost."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from feedserver import FeedServer

from bot import poller
from bot.cli import main
from bot.poller import (
    POLL_JOB_ID,
    SourceError,
    add_source,
    ingest_url,
    poll_all,
    register_polling,
    sync_sources,
)
from digest.sources import SourceSpec
from storage.articles import ArticlesRepo
from storage.database import Database
from storage.sources import MAX_ITEM_ATTEMPTS, FeedSource, SourcesRepo

SETTINGS = SimpleNamespace(
    allow_private_urls=True, timezone="Asia/Almaty",
    fetch_timeout=1.0, fetch_connect_timeout=0.5, fetch_read_timeout=0.3, fetch_max_bytes=1024 * 1024,
)


async def add(db: Database, server: FeedServer, path: str, outlet: str = "Kazinform", language: str = "ru") -> FeedSource:
    await SourcesRepo(db).sync([SourceSpec(outlet, language, server.url(path))])
    source = await SourcesRepo(db).by_url(server.url(path))
    assert source is not None
    return source


async def articles(db: Database) -> dict[str, dict]:
    rows = await db.fetchall("SELECT url, source, title, language, published, body FROM articles")
    return {row["url"]: dict(row) for row in rows}


def almaty_today() -> str:
    return (datetime.now(UTC) - timedelta(hours=1)).astimezone(ZoneInfo("Asia/Almaty")).date().isoformat()


async def poll(db: Database, source_id: int) -> poller.PollResult:
    results = await poll_all(db, SETTINGS, due_only=False, source_ids=[source_id])
    assert len(results) == 1
    return results[0]


# --- a healthy feed ----------------------------------------------------------------------

async def test_new_items_of_a_russian_rss_feed_are_stored(db: Database, server: FeedServer) -> None:
    source = await add(db, server, "/rss/ru.xml")
    result = await poll(db, source.id)
    assert result.ok and result.error is None
    assert (result.items, result.new_items, result.stored, result.skipped) == (5, 5, 4, 1)
    stored = await articles(db)
    zavod = stored[server.url("/news/ru/zavod-taraz.html")]
    assert zavod["source"] == "Kazinform" and zavod["language"] == "ru"
    assert zavod["title"] == "В Жамбылской области построят завод по производству стекла за 120 млрд тенге"
    assert zavod["published"] == almaty_today()            # the feed's date, in Almaty
    assert "200 тысяч тонн" in zavod["body"] and "Погода на выходные" not in zavod["body"]
    # A tracking redirect is stored under the feed's link; a page without text falls back
    # to the full text the feed carries; an item 60 days old is not fetched.
    assert server.url("/go/dorogi-pavlodar") in stored
    assert "6,8 млрд тенге" in stored[server.url("/news/ru/empty.html")]["body"]
    assert server.hits["/news/ru/archive-old.html"] == 0
    health = (await SourcesRepo(db).health())[0]
    assert (health.status, health.items_seen, health.articles_stored, health.failures) == ("ok", 5, 4, 0)


async def test_a_kazakh_atom_feed(db: Database, server: FeedServer) -> None:
    source = await add(db, server, "/atom/kk.xml", outlet="Aikyn.kz", language="kk")
    result = await poll(db, source.id)
    assert result.stored == 3
    stored = await articles(db)
    assert {a["language"] for a in stored.values()} == {"kk"}
    assert stored[server.url("/news/kk/mektep-shymkent.html")]["title"] == "Шымкентте үш жаңа мектеп ашылды"
    assert stored[server.url("/news/kk/mektep-shymkent.html")]["source"] == "Aikyn.kz"


async def test_a_feed_repeating_old_items_fetches_nothing_again(db: Database, server: FeedServer) -> None:
    source = await add(db, server, "/rss/ru.xml")
    await poll(db, source.id)
    pages = server.hits["/news/ru/zavod-taraz.html"]
    again = await poll(db, source.id)
    assert (again.new_items, again.stored, again.failed) == (0, 0, [])
    assert server.hits["/news/ru/zavod-taraz.html"] == pages == 1
    assert await ArticlesRepo(db).count() == 4
    assert (await SourcesRepo(db).health())[0].items_seen == 5


async def test_an_article_another_feed_already_brought_is_not_fetched(db: Database, server: FeedServer) -> None:
    first = await add(db, server, "/rss/ru.xml")
    await poll(db, first.id)
    hits = sum(server.hits.values())
    second = await add(db, server, "/etag.xml", outlet="Другое")    # the same items
    result = await poll(db, second.id)
    assert (result.duplicates, result.stored, result.skipped) == (4, 0, 1)
    assert sum(server.hits.values()) == hits + 1                    # only the feed itself


async def test_the_same_article_under_another_link_is_a_duplicate(db: Database, server: FeedServer) -> None:
    first = await add(db, server, "/rss/ru.xml")           # links /go/dorogi-pavlodar
    await poll(db, first.id)
    second = await add(db, server, "/hostile.xml", outlet="Другое")   # links the page itself
    result = await poll(db, second.id)
    # The Pavlodar page by its text; the empty page because the first feed's text is stored under it.
    assert result.duplicates == 2 and result.stored == 0


async def test_conditional_requests_use_the_stored_etag(db: Database, server: FeedServer) -> None:
    source = await add(db, server, "/etag.xml")
    first = await poll(db, source.id)
    assert first.stored == 4 and not first.not_modified
    stored = await SourcesRepo(db).get(source.id)
    assert stored.etag == '"feed-v1"' and stored.last_modified
    second = await poll(db, source.id)
    assert second.not_modified and second.ok
    assert server.headers["/etag.xml"]["If-None-Match"] == '"feed-v1"'
    after = await SourcesRepo(db).get(source.id)
    assert after.etag == '"feed-v1"' and after.polls == 2 and after.failures == 0


# --- faults ------------------------------------------------------------------------------

async def test_hostile_items_fail_alone_and_are_given_up_after_a_few_tries(db: Database, server: FeedServer) -> None:
    source = await add(db, server, "/hostile.xml")
    result = await poll(db, source.id)
    assert result.ok and result.stored == 1
    reasons = "\n".join(result.failed)
    for expected in ["HTTP 404", "HTTP 500", "timed out", "too large", "redirect loop", "no article text"]:
        assert expected in reasons
    assert len(result.failed) == 6
    for _ in range(MAX_ITEM_ATTEMPTS + 1):
        await poll(db, source.id)
    assert server.hits["/status/404"] == MAX_ITEM_ATTEMPTS
    assert server.hits["/news/ru/dorogi-pavlodar.html"] == 1
    health = (await SourcesRepo(db).health())[0]
    assert health.status == "ok" and health.articles_stored == 1


@pytest.mark.parametrize(("path", "reason"), [
    ("/malformed.xml", "malformed feed"),
    ("/bomb.xml", "entity-expansion"),
    ("/xxe.xml", "declares XML entities"),
    ("/status/404", "HTTP 404"),
    ("/status/500", "HTTP 500"),
    ("/hang", "timed out"),
    ("/huge", "too large"),
    ("/loop/a", "redirect loop"),
    ("/news/ru/zavod-taraz.html", "not an RSS or Atom feed"),
])
async def test_a_broken_feed_records_its_error(db: Database, server: FeedServer, path: str, reason: str) -> None:
    source = await add(db, server, path)
    result = await poll(db, source.id)
    assert not result.ok and reason in result.error
    stored = await SourcesRepo(db).get(source.id)
    assert reason in stored.last_error and stored.failures == 1 and stored.last_ok_at is None
    assert stored.next_poll_at > datetime.now(UTC) + timedelta(minutes=stored.interval_minutes)


async def test_one_failing_source_never_stops_the_others(db: Database, server: FeedServer) -> None:
    await SourcesRepo(db).sync([
        SourceSpec("Broken", "ru", server.url("/malformed.xml")),
        SourceSpec("Bomb", "ru", server.url("/bomb.xml")),
        SourceSpec("Hanging", "ru", server.url("/hang")),
        SourceSpec("Kazinform", "ru", server.url("/rss/ru.xml")),
        SourceSpec("Aikyn.kz", "kk", server.url("/atom/kk.xml")),
    ])
    results = await poll_all(db, SETTINGS)
    assert sorted(r.outlet for r in results if r.ok) == ["Aikyn.kz", "Kazinform"]
    assert await ArticlesRepo(db).count() == 7
    health = {h.outlet: h for h in await SourcesRepo(db).health()}
    assert health["Broken"].status == "failing" and "malformed" in health["Broken"].last_error
    assert health["Kazinform"].status == "ok"
    # Failing sources wait longer; healthy ones wait their interval: nothing is due now.
    assert await SourcesRepo(db).due() == []
    later = datetime.now(UTC) + timedelta(minutes=31)
    assert {s.outlet for s in await SourcesRepo(db).due(later)} == {"Kazinform", "Aikyn.kz"}


async def test_a_bug_in_one_source_is_recorded_and_the_others_go_on(
    db: Database, server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    await SourcesRepo(db).sync([
        SourceSpec("Kazinform", "ru", server.url("/rss/ru.xml")),
        SourceSpec("Aikyn.kz", "kk", server.url("/atom/kk.xml")),
    ])
    real = poller.poll_source

    async def buggy(db, source, *args, **kwargs):
        if source.outlet == "Kazinform":
            raise KeyError("surprise")
        return await real(db, source, *args, **kwargs)

    monkeypatch.setattr(poller, "poll_source", buggy)
    results = {r.outlet: r for r in await poll_all(db, SETTINGS)}
    assert "internal error: KeyError" in results["Kazinform"].error
    assert results["Aikyn.kz"].stored == 3


async def test_what_was_fetched_before_is_never_lost(db: Database, server: FeedServer) -> None:
    source = await add(db, server, "/rss/ru.xml")
    await poll(db, source.id)
    before = await SourcesRepo(db).get(source.id)
    await server.stop()
    for _ in range(DOWN_POLLS := 5):
        result = await poll(db, source.id)
        assert "cannot connect" in result.error
    after = await SourcesRepo(db).get(source.id)
    assert await ArticlesRepo(db).count() == 4
    assert after.last_ok_at == before.last_ok_at and after.etag == before.etag
    assert after.failures == DOWN_POLLS and after.items_seen == 5
    assert (await SourcesRepo(db).health())[0].status == "down"


async def test_a_source_recovers(db: Database, server: FeedServer) -> None:
    source = await add(db, server, "/status/500")
    await poll(db, source.id)
    async with db.transaction() as conn:
        await conn.execute("UPDATE sources SET url = ? WHERE id = ?", (server.url("/rss/ru.xml"), source.id))
    result = await poll(db, source.id)
    assert result.ok
    recovered = await SourcesRepo(db).get(source.id)
    assert recovered.failures == 0 and recovered.total_failures == 1
    assert "HTTP 500" in recovered.last_error             # kept: the last thing that went wrong


# --- what an admin sends -----------------------------------------------------------------

async def test_ingest_url_of_a_page(db: Database, server: FeedServer) -> None:
    summary = await ingest_url(db, server.url("/news/kk/aurukhana-atyrau.html"), SETTINGS)
    assert summary.new == [server.url("/news/kk/aurukhana-atyrau.html")] and not summary.failed
    stored = (await articles(db))[server.url("/news/kk/aurukhana-atyrau.html")]
    assert stored["language"] == "kk" and stored["source"] == "Egemen.kz"
    assert stored["published"] == "2025-03-04"                      # from the page
    again = await ingest_url(db, server.url("/news/kk/aurukhana-atyrau.html"), SETTINGS)
    assert again.duplicates and not again.new


async def test_ingest_url_of_a_feed_stores_its_items(db: Database, server: FeedServer) -> None:
    summary = await ingest_url(db, server.url("/other/rss.xml"), SETTINGS)
    assert len(summary.new) == 2 and not summary.failed


@pytest.mark.parametrize(("path", "reason"), [
    ("/status/404", "HTTP 404"), ("/news/ru/empty.html", "no article text"), ("/bomb.xml", "entity"),
    ("/huge", "too large"),
])
async def test_ingest_url_failures_come_back_in_the_summary(
    db: Database, server: FeedServer, path: str, reason: str
) -> None:
    summary = await ingest_url(db, server.url(path), SETTINGS)
    assert not summary.new and reason in summary.failed[0].reason


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/news", "http://localhost/feed", "http://169.254.169.254/latest/meta-data/",
    "file:///etc/passwd", "ftp://example.kz/a",
])
async def test_ingest_url_refuses_private_addresses_and_other_schemes(db: Database, url: str) -> None:
    settings = SimpleNamespace(allow_private_urls=False, timezone="Asia/Almaty")
    summary = await ingest_url(db, url, settings)
    assert summary.failed and ("refused" in summary.failed[0].reason or "only http" in summary.failed[0].reason)


async def test_add_source_finds_the_feed_a_page_announces(db: Database, server: FeedServer) -> None:
    source = await add_source(db, server.url("/index.html"), SETTINGS)
    assert source.url == server.url("/rss/ru.xml") and source.language == "ru" and source.origin == "admin"
    kazakh = await add_source(db, server.url("/atom/kk.xml"), SETTINGS, outlet="Aikyn.kz")
    assert kazakh.language == "kk" and kazakh.outlet == "Aikyn.kz"
    result = await poll(db, kazakh.id)
    assert result.stored == 3


@pytest.mark.parametrize(("path", "reason"), [
    ("/news/ru/zavod-taraz.html", "no RSS or Atom feed"), ("/status/404", "HTTP 404"), ("/bomb.xml", "entit"),
])
async def test_add_source_refuses_what_is_not_a_feed(db: Database, server: FeedServer, path: str, reason: str) -> None:
    with pytest.raises(SourceError, match=reason):
        await add_source(db, server.url(path), SETTINGS)
    assert await SourcesRepo(db).list_all() == []


# --- the sources file and the schedule ---------------------------------------------------

def sources_file(tmp_path: Path, server: FeedServer, paths: list[tuple[str, str, str]]) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text("".join(
        f'[[source]]\noutlet = "{outlet}"\nlanguage = "{language}"\nurl = "{server.url(feed)}"\n\n'
        for outlet, language, feed in paths
    ), encoding="utf-8")
    return path


async def test_sync_adds_updates_and_disables_never_deletes(db: Database, server: FeedServer, tmp_path: Path) -> None:
    admin = await SourcesRepo(db).add(server.url("/other/rss.xml"), "Orda.kz", "ru")
    path = sources_file(tmp_path, server, [("Kazinform", "ru", "/rss/ru.xml"), ("Aikyn.kz", "kk", "/atom/kk.xml")])
    first = await sync_sources(db, path)
    assert (first.added, first.updated, first.disabled) == (2, 0, 0)
    path = sources_file(tmp_path, server, [("Казинформ", "ru", "/rss/ru.xml")])
    second = await sync_sources(db, path)
    assert (second.added, second.updated, second.disabled) == (0, 1, 1)
    by_url = {s.url: s for s in await SourcesRepo(db).list_all()}
    assert by_url[server.url("/rss/ru.xml")].outlet == "Казинформ"
    assert not by_url[server.url("/atom/kk.xml")].enabled
    assert by_url[admin.url].enabled and by_url[admin.url].origin == "admin"


async def test_the_packaged_sources_file_syncs(db: Database) -> None:
    result = await sync_sources(db)
    assert result.added >= 20
    assert await SourcesRepo(db).list_all(enabled_only=True)


async def test_register_polling_adds_an_interval_job(db: Database, server: FeedServer, tmp_path: Path) -> None:
    path = sources_file(tmp_path, server, [("Kazinform", "ru", "/rss/ru.xml")])
    scheduler = AsyncIOScheduler(timezone="Asia/Almaty")
    job = register_polling(scheduler, db, SETTINGS, sources_path=path)
    assert job.id == POLL_JOB_ID and job.trigger.interval == timedelta(minutes=1)
    assert job.max_instances == 1 and job.coalesce
    await job.func()                                          # what the scheduler runs each minute
    assert await ArticlesRepo(db).count() == 4
    await job.func()                                          # nothing due yet
    assert server.hits["/rss/ru.xml"] == 1


async def test_register_polling_survives_a_broken_sources_file(db: Database, server: FeedServer, tmp_path: Path) -> None:
    await SourcesRepo(db).sync([SourceSpec("Kazinform", "ru", server.url("/rss/ru.xml"))])
    broken = tmp_path / "broken.toml"
    broken.write_text("[[source]]\noutlet = 1\n", encoding="utf-8")
    job = register_polling(AsyncIOScheduler(timezone="Asia/Almaty"), db, SETTINGS, sources_path=broken)
    await job.func()
    assert await ArticlesRepo(db).count() == 4


def test_cli_poll_once(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.config import get_settings

    monkeypatch.setenv("ALLOW_PRIVATE_URLS", "true")
    monkeypatch.chdir(tmp_path)
    get_settings.cache_clear()
    database = str(tmp_path / "cli.db")
    try:
        with FeedServer.in_thread() as server:
            path = sources_file(tmp_path, server, [
                ("Kazinform", "ru", "/rss/ru.xml"), ("Aikyn.kz", "kk", "/atom/kk.xml"), ("Broken", "ru", "/bomb.xml"),
            ])
            code = main(["poll", "--once", "--sources", str(path), "--db", database])
            out = capsys.readouterr().out
            assert code == 1                                          # one source failed
            assert "sources: 3 added" in out
            assert "stored 4" in out and "stored 3" in out and "FAIL  Broken" in out
            assert main(["poll", "--once", "--sources", str(path), "--db", database, "--only", "Aikyn.kz"]) == 0
            assert "items 3, new 0, stored 0" in capsys.readouterr().out
            assert main(["poll", "--health", "--db", database]) == 0
            health = capsys.readouterr().out
            assert health.index("failing") < health.index("ok")
            assert "entity-expansion" in health
            assert main(["poll", "--add", server.url("/other/rss.xml"), "--db", database]) == 0
            assert "added: " in capsys.readouterr().out
    finally:
        get_settings.cache_clear()
        os.environ.pop("ALLOW_PRIVATE_URLS", None)


async def test_a_long_feed_is_read_a_share_at_a_time(
    db: Database, server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(poller, "MAX_ITEMS_PER_POLL", 2)
    source = await add(db, server, "/rss/ru.xml")
    shares = [await poll(db, source.id) for _ in range(4)]
    assert [r.new_items for r in shares] == [2, 2, 1, 0]
    assert sum(r.stored for r in shares) == 4 and sum(r.skipped for r in shares) == 1
    assert (await SourcesRepo(db).health())[0].items_seen == 5


def test_the_feed_s_date_is_the_day_in_almaty() -> None:
    from bot.fetch import FetchResult
    from digest.feeds import FeedItem

    page = FetchResult(
        url="http://x.kz/a", status=200, content_type="text/html", charset="utf-8", etag=None, last_modified=None,
        body=(Path(__file__).parent / "fixtures/feeds/news/ru/zavod-taraz.html").read_bytes(),
    )
    late = FeedItem("http://x.kz/a", "Заголовок из ленты", datetime(2025, 3, 4, 20, 30, tzinfo=UTC), None)
    document = poller.page_document(page, late, "kazinform")
    assert document.published.isoformat() == "2025-03-05"          # 01:30 on the 5th in Almaty
    assert document.title == "Заголовок из ленты" and document.source == "Kazinform"
    assert document.url == document.doc == "http://x.kz/a"
    undated = poller.page_document(page, None)
    assert undated.published.isoformat() == "2025-03-04" and undated.source == "Kazinform"
