"""The bot end to end: a real aiogram Bot and Dispatcher against the stand-in Bot API
server; /start → subscribe → settings → the digest arrives at the set time, in Russian
and Kazakh. Every message the bot sends is checked by the stand-in (Telegram HTML,
4096 UTF-16 units, 64-byte buttons): each test ends with no problems recorded."""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from botapi import USER_ID, BotAPIServer, BotHarness, buttons, copy_seeded

from bot.app import build_sender, set_commands
from bot.callbacks import CALLBACK_LIMIT
from bot.scheduler import delivery_tick
from digest.regions import REGION_CODES
from storage.deliveries import DeliveriesRepo
from storage.subscribers import SubscribersRepo

ALMATY = ZoneInfo("Asia/Almaty")


@pytest.fixture
async def harness(tmp_path: Path):
    async with BotHarness.running(copy_seeded(tmp_path)) as running:
        yield running
        assert running.server.problems == []


def region_button(message, code: str) -> str:
    return next(data for _, data in buttons(message) if data.endswith(code))


async def test_start_welcomes_in_russian_with_every_region_on_a_keyboard(harness: BotHarness) -> None:
    [reply] = await harness.say("/start", language_code="ru")
    assert "Здравствуйте" in reply.text and "08:00" in reply.text
    datas = [data for _, data in buttons(reply)]
    assert len(datas) == len(REGION_CODES) + 1                   # the regions and "done"
    assert all(len(data.encode()) <= CALLBACK_LIMIT for data in datas)
    assert "Алматинская область" in [text for text, _ in buttons(reply)]


async def test_start_welcomes_in_kazakh_for_language_code_kk(harness: BotHarness) -> None:
    [reply] = await harness.say("/start", language_code="kk")
    assert "Сәлеметсіз бе" in reply.text
    names = [text for text, _ in buttons(reply)]
    assert names[:3] == ["Абай облысы", "Ақмола облысы", "Ақтөбе облысы"]     # Kazakh alphabetical order


async def test_other_languages_get_russian(harness: BotHarness) -> None:
    for code in ("en", "uk", None):
        [reply] = await harness.say("/help", language_code=code)
        assert "Я собираю" in reply.text


async def test_start_subscribe_settings_then_the_digest_arrives_at_the_set_time(harness: BotHarness) -> None:
    subscribers = SubscribersRepo(harness.db)
    [welcome] = await harness.say("/start")
    # A tap on a region follows it: a notice, and the keyboard shows the tick.
    await harness.press(region_button(welcome, "KZ-19"))
    assert harness.server.notices[-1] == "Подписка: Алматинская область"
    ticked = harness.server.edits[-1]["reply_markup"]["inline_keyboard"]
    assert any(b["text"] == "✅ Алматинская область" for row in ticked for b in row)
    # /subscribe with a name, in the other language.
    [reply] = await harness.say("/subscribe Жетісу")
    assert "подписаны на <b>Жетысускую область</b>" in reply.text
    await harness.press("m:done")
    assert "Алматинская область, Жетысуская область" in harness.server.edits[-1]["text"]
    # Settings: Kazakh digests, 09:30.
    [settings] = await harness.say("/settings")
    assert "08:00" in settings.text
    await harness.press("s:lang:kk")
    assert "Дайджест тілі: қазақ тілі" in harness.server.edits[-1]["text"]      # the bot now speaks Kazakh
    replies = await harness.say("/settings 09:30")
    assert "09:30" in replies[0].text
    subscriber = await subscribers.get(USER_ID)
    assert subscriber.reader_language == "kk" and subscriber.digest_time == time(9, 30)
    assert subscriber.regions == ("KZ-19", "KZ-33")

    # The next day: nothing before 09:30, the digest at 09:30, once.
    sender = build_sender(harness.bot, harness.db, harness.settings)
    tomorrow = datetime.now(ALMATY).date() + timedelta(days=1)
    before = len(harness.server.messages)
    assert await delivery_tick(harness.db, sender, ALMATY, datetime.combine(tomorrow, time(9, 29), ALMATY)) == 0
    at_time = datetime.combine(tomorrow, time(9, 30), ALMATY)
    assert await delivery_tick(harness.db, sender, ALMATY, at_time) == 1
    sender.clock = lambda: at_time.astimezone(UTC)
    report = await sender.drain()
    assert report.delivered == 1
    digest = harness.server.messages[before:]
    assert digest and {m.chat_id for m in digest} == {USER_ID}
    assert "Алматы облысы" in digest[0].text                   # in Kazakh, as chosen
    assert await delivery_tick(harness.db, sender, ALMATY, at_time + timedelta(minutes=1)) == 0
    [row] = await DeliveriesRepo(harness.db).for_day(tomorrow.isoformat())
    assert row.status == "sent"


async def test_toggling_a_region_twice_unfollows_it(harness: BotHarness) -> None:
    [welcome] = await harness.say("/start")
    data = region_button(welcome, "KZ-63")
    await harness.press(data)
    await harness.press(data)
    assert harness.server.notices[-1] == "Отписка: Восточно-Казахстанская область"
    assert await SubscribersRepo(harness.db).regions(USER_ID) == []


async def test_subscribe_without_a_name_shows_the_keyboard_and_an_unknown_name_is_explained(
    harness: BotHarness,
) -> None:
    [keyboard] = await harness.say("/subscribe")
    assert len(buttons(keyboard)) == len(REGION_CODES) + 1
    [unknown] = await harness.say("/subscribe Атлантида")
    assert "Атлантида" in unknown.text and "Не нашёл" in unknown.text
    [again] = await harness.say("/subscribe ВКО")
    [twice] = await harness.say("/subscribe вко")
    assert "подписаны" in again.text and "уже подписаны" in twice.text


async def test_a_town_subscribes_to_its_region(harness: BotHarness) -> None:
    [reply] = await harness.say("/subscribe Қонаев")
    assert "подписаны на <b>Алматинскую область</b>" in reply.text
    [reply] = await harness.say("/subscribe Жетісу", language_code="kk")
    assert "<b>Жетісу облысы</b> бойынша жазылдыңыз" in reply.text
    assert await SubscribersRepo(harness.db).regions(USER_ID) == ["KZ-19", "KZ-33"]


async def test_unsubscribe_by_name_by_button_and_all(harness: BotHarness) -> None:
    for name in ("Алматинская", "Жетісу", "Астана"):
        await harness.say(f"/subscribe {name}")
    [reply] = await harness.say("/unsubscribe Астана")
    assert "Подписка на <b>Астану</b> отменена" in reply.text
    [reply] = await harness.say("/unsubscribe Астана")
    assert "не подписаны" in reply.text
    [keyboard] = await harness.say("/unsubscribe")
    assert [text for text, _ in buttons(keyboard)][-1] == "Отписаться от всех"
    await harness.press(region_button(keyboard, "KZ-19"))
    assert await SubscribersRepo(harness.db).regions(USER_ID) == ["KZ-33"]
    await harness.press("m:unsub_all")
    assert await SubscribersRepo(harness.db).regions(USER_ID) == []
    [reply] = await harness.say("/unsubscribe")
    assert "нет подписок" in reply.text


async def test_settings_by_words_and_buttons_in_kazakh(harness: BotHarness) -> None:
    await harness.say("/subscribe Алматы облысы", language_code="kk")
    [settings] = await harness.say("/settings", language_code="kk")
    assert "Баптаулар" in settings.text and "орыс және қазақ тілдері" in settings.text
    await harness.press("s:time:0700", language_code="kk")
    await harness.press("s:pause:on", language_code="kk")
    edited = harness.server.edits[-1]["text"]
    assert "07:00" in edited and "үзілісте" in edited
    [resumed, _] = await harness.say("/settings жалғастыру", language_code="kk")
    assert "қайта басталды" in resumed.text
    [bad] = await harness.say("/settings 25:99", language_code="kk")
    assert "түсініксіз" in bad.text
    subscriber = await SubscribersRepo(harness.db).get(USER_ID)
    assert subscriber.digest_time == time(7, 0) and not subscriber.paused


async def test_choosing_russian_switches_a_kazakh_user_to_russian(harness: BotHarness) -> None:
    replies = await harness.say("/settings ru", language_code="kk")
    assert replies[0].text == "Язык дайджеста: русский."
    [help_text] = await harness.say("/help", language_code="kk")
    assert "Я собираю" in help_text.text


async def test_paused_and_blocked_subscribers_get_no_digest(harness: BotHarness) -> None:
    await harness.say("/subscribe Алматинская", user_id=1)
    await harness.say("/subscribe Алматинская", user_id=2)
    await harness.say("/subscribe Алматинская", user_id=3)
    await harness.say("/settings pause", user_id=2)
    await harness.member_status("kicked", user_id=3)
    subscriber = await SubscribersRepo(harness.db).get(3)
    assert not subscriber.active
    sender = build_sender(harness.bot, harness.db, harness.settings)
    tomorrow = datetime.now(ALMATY).date() + timedelta(days=1)
    assert await delivery_tick(harness.db, sender, ALMATY, datetime.combine(tomorrow, time(8, 0), ALMATY)) == 1
    # Unblocking makes the chat active again.
    await harness.member_status("member", user_id=3)
    assert (await SubscribersRepo(harness.db).get(3)).active


async def test_command_menus_are_set_in_russian_and_kazakh(harness: BotHarness) -> None:
    await set_commands(harness.bot)
    calls = [params for method, params in harness.server.calls if method == "setMyCommands"]
    languages = {params.get("language_code") for params in calls}
    assert languages == {"ru", "kk", None}
    kk = next(params for params in calls if params.get("language_code") == "kk")
    descriptions = [command["description"] for command in json.loads(kk["commands"])]
    assert "Бастау: өңірлерді таңдау" in descriptions


async def test_throttling_answers_a_flood_once_and_drops_the_rest(tmp_path: Path) -> None:
    async with BotHarness.running(copy_seeded(tmp_path), throttle=(0.5, 3)) as harness:
        sent = []
        for _ in range(12):
            sent += await harness.say("/help")
        assert len(sent) == 4                            # three answers and one notice
        assert "подождите" in sent[-1].text
        assert harness.server.problems == []


async def test_the_bot_runs_with_long_polling_against_the_server(tmp_path: Path, monkeypatch) -> None:
    """`kzdigest run`'s entry point: commands menu, polling, an answer, a clean stop."""

    from botapi import test_settings

    from bot.app import run_bot

    server = BotAPIServer()
    await server.start()
    try:
        settings = test_settings(copy_seeded(tmp_path), server.url)
        task = asyncio.create_task(run_bot(settings))
        server.push_update({"message": {"message_id": 1, "date": 0, "chat": {"id": 77, "type": "private"},
                                        "from": {"id": 77, "is_bot": False, "first_name": "A",
                                                 "language_code": "kk"},
                                        "text": "/start"}})
        await server.wait_for_messages(1, timeout=20)
        assert "Сәлеметсіз бе" in server.messages[0].text
        assert any(method == "setMyCommands" for method, _ in server.calls)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        assert server.problems == []
    finally:
        await server.close()


async def test_the_bot_runs_with_a_webhook_that_needs_its_secret(tmp_path: Path) -> None:
    import socket

    import aiohttp
    from botapi import test_settings

    from bot.app import run_bot

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = BotAPIServer()
    await server.start()
    try:
        settings = test_settings(copy_seeded(tmp_path), server.url, webhook_url=f"http://127.0.0.1:{port}/hook",
                                 webhook_secret="s3cret", webhook_port=port)
        task = asyncio.create_task(run_bot(settings))
        for _ in range(200):
            if any(method == "setWebhook" for method, _ in server.calls):
                break
            await asyncio.sleep(0.05)
        [registered] = [params for method, params in server.calls if method == "setWebhook"]
        assert registered["secret_token"] == "s3cret"
        update = {"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private"},
                                              "from": {"id": 5, "is_bot": False, "first_name": "A"},
                                              "text": "/help"}}
        async with aiohttp.ClientSession() as client:
            async with client.post(f"http://127.0.0.1:{port}/hook", json=update) as response:
                assert response.status == 401                      # no secret: not read
            headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret"}
            async with client.post(f"http://127.0.0.1:{port}/hook", json=update, headers=headers) as response:
                assert response.status == 200
        await server.wait_for_messages(1)
        assert "Я собираю" in server.messages[0].text
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    finally:
        await server.close()


async def test_in_a_group_only_commands_are_answered(harness: BotHarness) -> None:
    group = {"id": -100500, "type": "supergroup", "title": "Редакция"}
    assert await harness.say("обсуждаем Алматы", chat=group) == []
    assert await harness.say("/weather", chat=group) == []
    [reply] = await harness.say("/help", chat=group)
    assert "Я собираю" in reply.text


def test_run_without_a_token_explains_and_opens_the_console(tmp_path: Path, monkeypatch, capsys) -> None:
    import io

    from bot.cli import main
    from bot.config import get_settings

    monkeypatch.setenv("BOT_TOKEN", "")
    monkeypatch.setenv("SEED_ON_EMPTY", "false")
    monkeypatch.chdir(tmp_path)                                  # no .env from the checkout
    monkeypatch.setattr("sys.stdin", io.StringIO("/start\n1\n/quit\n"))
    get_settings.cache_clear()
    try:
        assert main(["run", "--db", str(copy_seeded(tmp_path))]) == 0
    finally:
        get_settings.cache_clear()
    captured = capsys.readouterr()
    assert "@BotFather" in captured.err
    assert "Здравствуйте" in captured.out and "[1] Абайская область" in captured.out
    assert "(Подписка: Абайская область)" in captured.out


def test_every_bot_text_exists_in_russian_and_kazakh() -> None:
    import re

    root = Path(__file__).resolve().parents[1] / "bot"
    keys = {}
    for language in ("ru", "kk"):
        text = (root / "locales" / language / "bot.ftl").read_text(encoding="utf-8")
        keys[language] = set(re.findall(r"^([a-z][a-z0-9-]*) =", text, re.MULTILINE))
    assert keys["ru"] == keys["kk"]
    code = "\n".join(path.read_text(encoding="utf-8") for path in root.rglob("*.py"))
    used = set(re.findall(r"say\([a-z_]+, \"([a-z0-9-]+)\"", code))
    assert used and used <= keys["ru"], used - keys["ru"]


async def test_a_refused_token_is_a_clear_error(tmp_path: Path, capsys) -> None:
    from botapi import test_settings

    from bot.cli.run import start

    server = BotAPIServer()
    await server.start()
    try:
        settings = test_settings(copy_seeded(tmp_path), server.url, bot_token="123:not-the-token")
        assert await asyncio.wait_for(start(settings), timeout=20) == 2
    finally:
        await server.close()
    err = capsys.readouterr().err
    assert "Telegram refused BOT_TOKEN" in err and "not-the-token" not in err


async def test_the_token_is_never_logged(tmp_path: Path, caplog) -> None:
    from botapi import TOKEN, test_settings

    from bot.app import run_bot

    caplog.set_level(logging.DEBUG)
    server = BotAPIServer()
    await server.start()
    try:
        settings = test_settings(copy_seeded(tmp_path), server.url, log_level="DEBUG")
        task = asyncio.create_task(run_bot(settings))
        server.push_update({"message": {"message_id": 1, "date": 0, "chat": {"id": 78, "type": "private"},
                                        "from": {"id": 78, "is_bot": False, "first_name": "A"}, "text": "/start"}})
        await server.wait_for_messages(1, timeout=20)
        logging.getLogger("kzdigest.test").info("settings: %s", settings)      # as a careless line would
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    finally:
        await server.close()
    secret = TOKEN.split(":", 1)[1]
    assert len(caplog.records) > 10 and secret not in caplog.text


@pytest.mark.parametrize(("text", "expected"), [
    ("07:30", time(7, 30)), ("7:30", time(7, 30)), ("0730", time(7, 30)), ("7.30", time(7, 30)),
    ("8", time(8, 0)), ("21", time(21, 0)), (" 6-45 ", time(6, 45)),
    ("25:00", None), ("7:60", None), ("утром", None), ("", None),
])
def test_digest_times_as_people_type_them(text: str, expected: time | None) -> None:
    from bot.handlers.settings import parse_time

    assert parse_time(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Қазақша", "kk"), ("kz", "kk"), ("русский", "ru"), ("орысша", "ru"), ("оба", "both"), ("екеуі", "both"),
    ("пауза", None), ("english", None),
])
def test_digest_languages_as_people_type_them(text: str, expected: str | None) -> None:
    from bot.handlers.settings import parse_language

    assert parse_language(text) == expected


def test_env_example_lists_every_setting() -> None:
    from bot.config import Settings

    example = (Path(__file__).resolve().parents[1] / ".env.example").read_text(encoding="utf-8")
    listed = {line.split("=", 1)[0] for line in example.splitlines() if line and not line.startswith("#")}
    assert listed == {name.upper() for name in Settings.model_fields}
