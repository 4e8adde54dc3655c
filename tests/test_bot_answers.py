"""/region and /official in both languages, bad input, and admin commands, through the
real Dispatcher and a real Bot against the stand-in Bot API server."""

from __future__ import annotations

from pathlib import Path

import pytest
from botapi import USER_ID, BotHarness, buttons, copy_seeded

from storage.subscribers import SubscribersRepo

ADMIN_ID = 9001


@pytest.fixture
async def harness(tmp_path: Path):
    async with BotHarness.running(copy_seeded(tmp_path), admin_ids=frozenset({ADMIN_ID})) as running:
        yield running
        assert running.server.problems == []


def joined(messages) -> str:
    return "\n".join(m.text for m in messages)


# --- /region ------------------------------------------------------------------------------

async def test_region_answers_in_both_languages_by_default(harness: BotHarness) -> None:
    text = joined(await harness.say("/region Алматинская"))
    assert "<b>Алматинская область</b>" in text and "<b>Алматы облысы</b>" in text
    assert "750" in text                                   # a figure of the seed article of today


async def test_region_answers_in_kazakh_for_a_kazakh_reader(harness: BotHarness) -> None:
    await harness.say("/settings kk", language_code="kk")
    text = joined(await harness.say("/region Алматы облысы", language_code="kk"))
    assert "Алматы облысы" in text and "Алматинская область" not in text
    assert "жұмыс орны" in text


async def test_region_answers_in_russian_for_a_russian_reader(harness: BotHarness) -> None:
    await harness.say("/settings ru")
    text = joined(await harness.say("/region алматинская обл"))
    assert "Алматинская область" in text and "Алматы облысы" not in text


async def test_region_without_a_name_shows_the_regions(harness: BotHarness) -> None:
    [reply] = await harness.say("/region")
    assert "Выберите регион" in reply.text
    [first, *_] = buttons(reply)
    texts = joined(await harness.press(first[1]))
    assert "Абайская область" in texts


async def test_unknown_region_is_named_in_the_answer(harness: BotHarness) -> None:
    text = joined(await harness.say("/region Нарния"))
    assert "Нарния" in text and "Не нашёл" in text


async def test_a_region_button_of_the_keyboard_answers_like_the_command(harness: BotHarness) -> None:
    texts = joined(await harness.press("r:show:KZ-19"))
    assert "Алматинская область" in texts


async def test_a_town_is_answered_with_its_region(harness: BotHarness) -> None:
    text = joined(await harness.say("/region Конаев"))
    assert "Алматинская область" in text


async def test_plain_text_naming_a_region_is_answered(harness: BotHarness) -> None:
    text = joined(await harness.say("ВКО"))
    assert "Восточно-Казахстанская область" in text


# --- /official ----------------------------------------------------------------------------

async def test_official_in_russian_and_kazakh(harness: BotHarness) -> None:
    await harness.say("/settings ru")
    ru = joined(await harness.say("/official Султангазиев"))
    assert "Марат Султангазиев" in ru and "аким" in ru.lower()
    await harness.say("/settings kk", user_id=2, language_code="kk")
    kk = joined(await harness.say("/official Сұлтанғазиев", user_id=2, language_code="kk"))
    assert "Сұлтанғазиев" in kk and "әкімі" in kk


async def test_official_without_a_name_asks_for_one(harness: BotHarness) -> None:
    text = joined(await harness.say("/official"))
    assert "Напишите фамилию" in text


async def test_unknown_official_is_named_in_the_answer(harness: BotHarness) -> None:
    text = joined(await harness.say("/official Ивановвв"))
    assert "Ивановвв" in text


# --- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["/region", "/official", "/subscribe", "/unsubscribe", "/settings"])
async def test_html_and_sql_in_an_argument_are_only_text(harness: BotHarness, command: str) -> None:
    await harness.say("/subscribe Абай")
    hostile = "<b>x</b> & <script>alert(1)</script>'); DROP TABLE subscribers;--"
    replies = await harness.say(f"{command} {hostile}")
    assert replies                                             # answered, and valid HTML (fixture)
    assert "<script>" not in joined(replies)
    assert await SubscribersRepo(harness.db).regions(USER_ID) == ["KZ-10"]      # the table is there


@pytest.mark.parametrize("text", ["/region " + "Алматы " * 600, "/official " + "ы" * 4000, "а" * 4000])
async def test_a_4000_character_message_gets_a_short_answer(harness: BotHarness, text: str) -> None:
    [reply] = await harness.say(text[:4096])
    assert "длинный" in reply.text and len(reply.text) < 300


async def test_a_sticker_is_answered_in_the_user_language(harness: BotHarness) -> None:
    sticker = {"file_id": "s1", "file_unique_id": "s1", "type": "regular", "width": 512, "height": 512,
               "is_animated": False, "is_video": False}
    [reply] = await harness.send(sticker=sticker)
    assert "только текст" in reply.text
    [reply] = await harness.send(sticker=sticker, language_code="kk")
    assert "тек мәтінді" in reply.text


async def test_an_unknown_command_and_chatter_get_a_hint(harness: BotHarness) -> None:
    [reply] = await harness.say("/weather")
    assert "/help" in reply.text
    [reply] = await harness.say("как дела у бота сегодня")
    assert "Не понял" in reply.text


async def test_a_stale_button_is_answered(harness: BotHarness) -> None:
    assert await harness.press("zz:old") == []
    assert harness.server.notices[-1].startswith("Эта кнопка устарела")
    await harness.press("r:sub:KZ-00")
    assert harness.server.notices[-1].startswith("Эта кнопка устарела")


# --- admin --------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["/stats", "/ingest https://example.com/a", "/source https://example.com"])
async def test_admin_commands_are_unknown_commands_for_everyone_else(harness: BotHarness, command: str) -> None:
    [reply] = await harness.say(command)
    [unknown] = await harness.say("/nosuchcommand")
    assert reply.text == unknown.text


async def test_stats_for_an_admin(harness: BotHarness) -> None:
    await harness.say("/subscribe Абай")
    [reply] = await harness.say("/stats", user_id=ADMIN_ID)
    assert "Статистика" in reply.text and "Статей: 5" in reply.text and "Подписчиков: 1 получают" in reply.text


async def test_ingest_needs_a_web_url(harness: BotHarness) -> None:
    [usage] = await harness.say("/ingest", user_id=ADMIN_ID)
    assert "ссылку" in usage.text
    [bad] = await harness.say("/ingest file:///etc/passwd", user_id=ADMIN_ID)
    assert "не похоже" in bad.text


ARTICLE = (
    "В Туркестанской области построят три школы на 3600 мест\n\n"
    "Туркестан. В Туркестанской области в 2026 году построят три школы на 3600 ученических мест. "
    "Стоимость строительства составит 15 млрд тенге, сообщил аким области."
)


async def test_a_post_forwarded_by_an_admin_is_ingested(harness: BotHarness) -> None:
    origin = {"type": "channel", "date": 0, "message_id": 42,
              "chat": {"id": -100123, "type": "channel", "title": "Новости", "username": "news_kz"}}
    [reply] = await harness.say(ARTICLE, user_id=ADMIN_ID, forward_origin=origin)
    assert "Новых статей: 1" in reply.text
    row = await harness.db.fetchone("SELECT url FROM articles WHERE url LIKE 'https://t.me/%'")
    assert row["url"] == "https://t.me/news_kz/42"
    [again] = await harness.say(ARTICLE, user_id=ADMIN_ID, forward_origin=origin)
    assert "уже было: 1" in again.text


async def test_a_post_forwarded_by_someone_else_is_just_text(harness: BotHarness) -> None:
    origin = {"type": "hidden_user", "date": 0, "sender_user_name": "X"}
    [reply] = await harness.say(ARTICLE, forward_origin=origin)
    assert "Новых статей" not in reply.text


async def test_a_file_sent_by_an_admin_is_ingested(harness: BotHarness) -> None:
    harness.server.add_file("doc1", ARTICLE.encode("utf-8"))
    document = {"file_id": "doc1", "file_unique_id": "doc1", "file_name": "школы.txt", "file_size": len(ARTICLE)}
    [reply] = await harness.send(user_id=ADMIN_ID, document=document)
    assert "Новых статей: 1" in reply.text
    harness.server.add_file("doc2", b"\x00\x01binary")
    broken = {"file_id": "doc2", "file_unique_id": "doc2", "file_name": "x.bin", "file_size": 8}
    [reply] = await harness.send(user_id=ADMIN_ID, document=broken)
    assert "ошибок: 1" in reply.text
