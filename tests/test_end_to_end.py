"""The whole way, on local servers: outlets publish a story in Russian and in Kazakh on
their feeds, the poller stores it, and at each subscriber's time the digest reaches
Telegram (the stand-in Bot API) in their language, with the story's figures once and
both outlets cited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from botapi import BotAPIServer, make_bot
from feedserver import FeedServer

from bot.config import Settings
from bot.poller import poll_all
from bot.scheduler import delivery_tick
from bot.sender import Sender
from bot.subscriber_digest import DigestComposer
from digest.sources import SourceSpec
from storage.database import Database
from storage.sources import SourcesRepo
from storage.subscribers import SubscribersRepo

ALMATY = ZoneInfo("Asia/Almaty")


async def test_a_story_on_two_feeds_reaches_each_subscriber_once_in_their_language(
    db: Database, server: FeedServer
) -> None:
    settings = Settings(allow_private_urls=True, seed_on_empty=False)
    await SourcesRepo(db).sync([
        SourceSpec("Kazinform", "ru", server.url("/rss/ru.xml")),
        SourceSpec("Aikyn.kz", "kk", server.url("/atom/kk.xml")),
    ])
    results = await poll_all(db, settings, due_only=False)
    assert all(result.ok for result in results) and sum(result.stored for result in results) >= 2

    # The next minute: the digest covers what was stored before it.
    now = datetime.now(ALMATY).replace(second=0, microsecond=0) + timedelta(minutes=1)
    subscribers = SubscribersRepo(db)
    for chat_id, language in ((1, "ru"), (2, "kk"), (3, "both")):
        await subscribers.subscribe(chat_id, "KZ-31", now.time(), now=now - timedelta(days=1))
        await subscribers.set_reader_language(chat_id, language)

    api = BotAPIServer()
    await api.start()
    bot = make_bot(api.url)
    try:
        # The sender's clock at that minute too: rows queued for it are due.
        sender = Sender(bot, db, DigestComposer(db), rate=None, chat_interval=0.0,
                        clock=lambda: now.astimezone(UTC))
        assert await delivery_tick(db, sender, ALMATY, now) == 3
        await sender.drain()
        assert await delivery_tick(db, sender, ALMATY, now + timedelta(minutes=1)) == 0
    finally:
        await bot.session.close()
        await api.close()
    assert api.problems == []
    assert api.by_chat() == {1: 1, 2: 1, 3: 1}
    ru, kk, both = (api.texts(chat_id)[0].replace("\u00a0", " ") for chat_id in (1, 2, 3))
    assert ru.startswith("<b>Жамбылская область</b> · ключевые цифры")
    assert kk.startswith("<b>Жамбыл облысы</b> · негізгі көрсеткіштер")
    assert "Жамбылская область" in both and "Жамбыл облысы" in both
    # The glass plant: one line for its jobs, citing the Russian and the Kazakh outlet.
    [jobs] = [line for line in ru.splitlines() if "800 рабочих мест" in line]
    assert "Kazinform" in jobs and "Aikyn.kz" in jobs
    assert sum("800" in line for line in ru.splitlines()) == 1
    assert "қосылғаннан" not in ru                # the Kazakh article's words stay in Kazakh
    assert any("120 млрд ₸" in line for line in kk.splitlines())
