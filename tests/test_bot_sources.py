"""Live sources through the bot: an admin adds a feed or fetches a page by URL, and sees
each source's health and last error in /stats — in Russian and in Kazakh."""

from __future__ import annotations

from pathlib import Path

import pytest
from botapi import BotHarness, copy_seeded
from feedserver import FeedServer

from bot.poller import poll_all
from storage.sources import SourcesRepo

ADMIN_ID = 9001


@pytest.fixture
async def harness(tmp_path: Path, server: FeedServer):
    async with BotHarness.running(copy_seeded(tmp_path), admin_ids=frozenset({ADMIN_ID}),
                                  allow_private_urls=True) as running:
        yield running
        assert running.server.problems == []


async def test_an_admin_adds_the_feed_a_site_announces(harness: BotHarness, server: FeedServer) -> None:
    [reply] = await harness.say(f"/source {server.url('/index.html')}", user_id=ADMIN_ID)
    assert "Источник добавлен" in reply.text and server.url("/rss/ru.xml") in reply.text
    [source] = await SourcesRepo(harness.db).list_all()
    assert (source.url, source.origin, source.language) == (server.url("/rss/ru.xml"), "admin", "ru")
    [refused] = await harness.say(f"/source {server.url('/news/ru/zavod-taraz.html')}", user_id=ADMIN_ID)
    assert "Не удалось добавить источник" in refused.text and "RSS" in refused.text


async def test_an_admin_ingests_a_kazakh_page_by_url(harness: BotHarness, server: FeedServer) -> None:
    url = server.url("/news/kk/aurukhana-atyrau.html")
    [working, result] = await harness.say(f"/ingest {url}", user_id=ADMIN_ID, language_code="kk")
    assert working.text == "Жүктеп жатырмын…"
    assert "Жаңа мақалалар: 1" in result.text
    row = await harness.db.fetchone("SELECT language, story_id FROM articles WHERE url = ?", (url,))
    assert row["language"] == "kk" and row["story_id"] is not None
    [_, failed] = await harness.say(f"/ingest {server.url('/status/404')}", user_id=ADMIN_ID)
    assert "ошибок: 1" in failed.text and "HTTP 404" in failed.text


async def test_stats_show_each_source_s_health_and_last_error(harness: BotHarness, server: FeedServer) -> None:
    await harness.say(f"/source {server.url('/rss/ru.xml')}", user_id=ADMIN_ID)
    await harness.say(f"/source {server.url('/atom/kk.xml')}", user_id=ADMIN_ID)
    broken = await SourcesRepo(harness.db).by_url(server.url("/atom/kk.xml"))
    await poll_all(harness.db, harness.settings, due_only=False)
    # The Kazakh feed breaks after its first good poll: its error shows, the other source is fine.
    server.outages["/atom/kk.xml"] = 500
    await poll_all(harness.db, harness.settings, due_only=False, source_ids=[broken.id])
    [stats] = await harness.say("/stats", user_id=ADMIN_ID)
    assert "<b>Источники</b>" in stats.text
    assert "(ru): работает" in stats.text and "(kk): ошибки" in stats.text and "HTTP 500" in stats.text
    [kazakh] = await harness.say("/stats", user_id=ADMIN_ID, language_code="kk")
    assert "(kk): қателер бар" in kazakh.text and "HTTP 500" in kazakh.text
