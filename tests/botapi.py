"""A stand-in Telegram Bot API server on 127.0.0.1 for the tests and the delivery benchmark.

It answers the methods the bot uses the way Telegram does (same JSON, same error
codes), records every message, and is strict where Telegram is: a message must be
valid Telegram HTML (known tags, balanced, only the entities Telegram decodes), at
most 4096 UTF-16 units once parsed, and a button's callback data at most 64 bytes.
A violation is answered with Telegram's 400 and kept in `problems`, so a test only
has to assert that list is empty.

Faults on demand: `fail(chat_id, status, times, retry_after)` answers a chat's next
messages with 429 / 500 / 403 (a 200 in the queue lets one through first); `drop(chat_id)` closes the connection without an
answer; `block(chat_id)` is a user who blocked the bot. Limits on demand: `rate`
(messages a second to all chats, a sliding one-second window: over it a 429 with
retry_after) and `chat_interval` (seconds between two messages to one chat).
`hold()` parks every new sendMessage unprocessed until `release()`, to stop a
broadcast at a known point.

Run alone for the benchmark: `python tests/botapi.py --rate 30` prints its URL on the
first line; GET /_stats returns what it received.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import re
import time
from collections import Counter, deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.types import Update
from aiohttp import web

from bot.app import build_dispatcher
from bot.config import Settings
from bot.ingestion import ingest_paths
from storage.database import Database

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TOKEN = "123456:TEST-token"
BOT_USER = {"id": 123456, "is_bot": True, "first_name": "kzdigest", "username": "kzdigest_test_bot"}
MESSAGE_LIMIT = 4096
CALLBACK_LIMIT = 64

# --- Telegram HTML ------------------------------------------------------------------------

# The tags Telegram's HTML parse mode knows, and the attributes they may carry.
ALLOWED_TAGS = {
    "b": set(), "strong": set(), "i": set(), "em": set(), "u": set(), "ins": set(), "s": set(),
    "strike": set(), "del": set(), "tg-spoiler": set(), "span": {"class"}, "a": {"href"},
    "code": {"class"}, "pre": set(), "blockquote": {"expandable"}, "tg-emoji": {"emoji-id"},
}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'))?)*)\s*>")
_ATTRIBUTE = re.compile(r"([a-zA-Z-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'))?")
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);")


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def html_problems(text: str) -> list[str]:
    """What Telegram would refuse in `text` sent with parse_mode HTML ([] when fine)."""
    problems: list[str] = []
    stack: list[str] = []
    visible: list[str] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char == "<":
            match = _TAG.match(text, position)
            if not match:
                problems.append(f"unsupported start tag at {position}: {text[position:position + 20]!r}")
                break
            closing, name, attributes = match.group(1), match.group(2).lower(), match.group(3)
            if name not in ALLOWED_TAGS:
                problems.append(f"unsupported tag <{name}>")
            elif closing:
                if not stack or stack[-1] != name:
                    problems.append(f"unexpected end tag </{name}> (open: {stack})")
                else:
                    stack.pop()
            else:
                problems += _attribute_problems(name, attributes)
                stack.append(name)
            position = match.end()
        elif char == "&":
            match = _ENTITY.match(text, position)
            if not match:
                problems.append(f"unsupported entity at {position}: {text[position:position + 10]!r}")
                break
            visible.append(html.unescape(match.group(0)))
            position = match.end()
        elif char == ">":
            problems.append(f"bare > at {position}")
            position += 1
        else:
            visible.append(char)
            position += 1
    if stack:
        problems.append(f"unclosed tags {stack}")
    shown = "".join(visible).strip()
    if not shown:
        problems.append("message text is empty")
    if utf16_length(shown) > MESSAGE_LIMIT:
        problems.append(f"message is too long: {utf16_length(shown)} UTF-16 units")
    return problems


def _attribute_problems(name: str, attributes: str) -> list[str]:
    found = {m.group(1).lower(): m.group(2) or m.group(3) or "" for m in _ATTRIBUTE.finditer(attributes)}
    problems = [f"attribute {key} not allowed on <{name}>" for key in found if key not in ALLOWED_TAGS[name]]
    if name == "a":
        href = html.unescape(found.get("href", ""))
        if not re.match(r"^(https?|tg)://", href):
            problems.append(f"<a> without a usable href: {href!r}")
    if name == "span" and found.get("class") != "tg-spoiler":
        problems.append("<span> is only for class=tg-spoiler")
    return problems


def plain_problems(text: str) -> list[str]:
    if not text.strip():
        return ["message text is empty"]
    if utf16_length(text) > MESSAGE_LIMIT:
        return [f"message is too long: {utf16_length(text)} UTF-16 units"]
    return []


def markup_problems(markup: Any) -> list[str]:
    if markup is None:
        return []
    problems = []
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not str(button.get("text", "")).strip():
                problems.append("a button without text")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode("utf-8")) <= CALLBACK_LIMIT:
                problems.append(f"callback data of {len(data.encode('utf-8'))} bytes: {data!r}")
    return problems


# --- the server ---------------------------------------------------------------------------

@dataclass(frozen=True)
class SentMessage:
    message_id: int
    chat_id: int
    text: str
    parse_mode: str | None
    reply_markup: dict | None
    at: float                          # time.monotonic() when it was accepted


@dataclass
class Fault:
    status: int
    retry_after: int | None = None
    description: str | None = None


@dataclass
class BotAPIServer:
    rate: float | None = None                  # messages/s to all chats; None: no limit
    chat_interval: float | None = None         # seconds between messages to one chat
    token: str = TOKEN
    messages: list[SentMessage] = field(default_factory=list)
    calls: list[tuple[str, dict]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    rate_limited: int = 0
    files: dict[str, bytes] = field(default_factory=dict)
    edits: list[dict] = field(default_factory=list)          # editMessageText / ReplyMarkup params
    notices: list[str] = field(default_factory=list)         # answerCallbackQuery texts

    def __post_init__(self) -> None:
        self._faults: dict[int, deque[Fault]] = {}
        self._dropped: Counter[int] = Counter()
        self._blocked: set[int] = set()
        self._recent: deque[float] = deque()
        self._last_by_chat: dict[int, float] = {}
        self._message_ids = 0
        self._updates: list[dict] = []
        self._new_update = asyncio.Event()
        self._hold: asyncio.Event | None = None
        self._closing = False
        self._hold_from = 0
        self._held_record = True
        self.held = 0
        self.url = ""
        self._runner: web.AppRunner | None = None
        self.message_event = asyncio.Event()

    # --- life -------------------------------------------------------------------------

    def app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file)
        app.router.add_get("/_stats", self._stats)
        return app

    async def start(self, port: int = 0) -> str:
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", port).start()
        host, bound = self._runner.addresses[0][:2]              # the port the OS chose
        self.url = f"http://{host}:{bound}"
        return self.url

    async def close(self) -> None:
        self._closing = True
        self._new_update.set()              # long polls return at once
        self.release(record=False)
        if self._runner is not None:
            await self._runner.cleanup()

    # --- what tests arrange -----------------------------------------------------------

    def fail(self, chat_id: int, status: int, times: int = 1, retry_after: int | None = None,
             description: str | None = None) -> None:
        queue = self._faults.setdefault(chat_id, deque())
        queue.extend(Fault(status, retry_after, description) for _ in range(times))

    def clear_faults(self) -> None:
        self._faults.clear()

    def drop(self, chat_id: int, times: int = 1) -> None:
        """Close the connection without answering (a network error for the client)."""
        self._dropped[chat_id] += times

    def block(self, chat_id: int) -> None:
        self._blocked.add(chat_id)

    def hold(self, after: int = 0) -> None:
        """Once `after` more messages are accepted, sendMessage requests wait here unprocessed."""
        self._hold = asyncio.Event()
        self._hold_from = len(self.messages) + after

    def release(self, record: bool = True) -> None:
        """Let held requests go on (`record=False`: as if never received, for a client
        that was killed while they hung)."""
        if self._hold is not None:
            self._held_record = record
            self._hold.set()
            self._hold = None

    def push_update(self, update: dict) -> None:
        update.setdefault("update_id", len(self._updates) + 1)
        self._updates.append(update)
        self._new_update.set()

    def add_file(self, file_id: str, content: bytes) -> None:
        self.files[file_id] = content

    def texts(self, chat_id: int | None = None) -> list[str]:
        return [m.text for m in self.messages if chat_id is None or m.chat_id == chat_id]

    def by_chat(self) -> Counter[int]:
        return Counter(m.chat_id for m in self.messages)

    async def wait_for_messages(self, count: int, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"{len(self.messages)} of {count} messages after {timeout} s")
            self.message_event.clear()
            with suppress(TimeoutError):
                await asyncio.wait_for(self.message_event.wait(), min(remaining, 0.2))

    # --- requests ---------------------------------------------------------------------

    async def _params(self, request: web.Request) -> dict:
        if request.content_type == "application/json":
            return dict(await request.json())
        if request.method == "GET":
            return dict(request.query)
        form = await request.post()
        return {key: value for key, value in form.items()}

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params = await self._params(request)
        self.calls.append((method, params))
        handler = getattr(self, f"_m_{method.lower()}", None)
        if handler is None:
            return _error(404, "Not Found: method not found")
        return await handler(params, request)

    async def _m_getme(self, params: dict, request: web.Request) -> web.Response:
        return _ok(BOT_USER)

    async def _m_sendmessage(self, params: dict, request: web.Request) -> web.StreamResponse:
        chat_id = int(params["chat_id"])
        if self._hold is not None and len(self.messages) >= self._hold_from:
            self.held += 1
            hold = self._hold
            await hold.wait()
            self.held -= 1
            if not self._held_record:
                return _error(500, "Internal Server Error: dropped while held")
        if self._dropped[chat_id] > 0:
            self._dropped[chat_id] -= 1
            request.transport.close()          # the client sees the connection die
            return web.Response(status=500)
        fault = self._next_fault(chat_id)
        if fault is not None:
            return fault
        if limited := self._rate_limit(chat_id):
            return limited
        text = str(params.get("text", ""))
        parse_mode = params.get("parse_mode")
        problems = html_problems(text) if parse_mode == "HTML" else plain_problems(text)
        markup = _json(params.get("reply_markup"))
        problems += markup_problems(markup)
        if problems:
            self.problems += [f"sendMessage to {chat_id}: {p}" for p in problems]
            return _error(400, f"Bad Request: can't parse entities: {problems[0]}")
        self._message_ids += 1
        now = time.monotonic()
        self.messages.append(SentMessage(self._message_ids, chat_id, text, parse_mode, markup, now))
        self._last_by_chat[chat_id] = now
        self.message_event.set()
        return _ok(_message(self._message_ids, chat_id, text))

    def _next_fault(self, chat_id: int) -> web.Response | None:
        if chat_id in self._blocked:
            return _error(403, "Forbidden: bot was blocked by the user")
        queue = self._faults.get(chat_id)
        if not queue:
            return None
        fault = queue.popleft()
        if fault.status == 200:                        # this one passes; a later one fails
            return None
        if fault.status == 429:
            retry_after = fault.retry_after or 1
            return _error(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)
        if fault.status == 403:
            return _error(403, fault.description or "Forbidden: bot was blocked by the user")
        return _error(fault.status, fault.description or "Internal Server Error")

    def _rate_limit(self, chat_id: int) -> web.Response | None:
        now = time.monotonic()
        if self.chat_interval is not None:
            last = self._last_by_chat.get(chat_id)
            if last is not None and now - last < self.chat_interval:
                self.rate_limited += 1
                return _error(429, "Too Many Requests: retry after 1", retry_after=1)
        if self.rate is not None:
            while self._recent and self._recent[0] <= now - 1.0:
                self._recent.popleft()
            if len(self._recent) >= self.rate:
                self.rate_limited += 1
                return _error(429, "Too Many Requests: retry after 1", retry_after=1)
            self._recent.append(now)
        return None

    async def _m_editmessagetext(self, params: dict, request: web.Request) -> web.Response:
        text = str(params.get("text", ""))
        problems = html_problems(text) if params.get("parse_mode") == "HTML" else plain_problems(text)
        problems += markup_problems(_json(params.get("reply_markup")))
        if problems:
            self.problems += [f"editMessageText: {p}" for p in problems]
            return _error(400, f"Bad Request: can't parse entities: {problems[0]}")
        self.edits.append({**params, "reply_markup": _json(params.get("reply_markup"))})
        return _ok(_message(int(params.get("message_id", 0)), int(params["chat_id"]), text))

    async def _m_editmessagereplymarkup(self, params: dict, request: web.Request) -> web.Response:
        problems = markup_problems(_json(params.get("reply_markup")))
        if problems:
            self.problems += [f"editMessageReplyMarkup: {p}" for p in problems]
            return _error(400, f"Bad Request: {problems[0]}")
        self.edits.append({**params, "reply_markup": _json(params.get("reply_markup"))})
        return _ok(_message(int(params.get("message_id", 0)), int(params["chat_id"]), "…"))

    async def _m_answercallbackquery(self, params: dict, request: web.Request) -> web.Response:
        text = str(params.get("text", ""))
        if len(text) > 200:
            self.problems.append(f"answerCallbackQuery text of {len(text)} characters")
            return _error(400, "Bad Request: MESSAGE_TOO_LONG")
        self.notices.append(text)
        return _ok(True)

    async def _m_setmycommands(self, params: dict, request: web.Request) -> web.Response:
        for command in _json(params.get("commands")) or []:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command.get("command", "")):
                self.problems.append(f"bad command name {command!r}")
            if not 1 <= len(command.get("description", "")) <= 256:
                self.problems.append(f"bad command description {command!r}")
        return _ok(True)

    async def _m_deletewebhook(self, params: dict, request: web.Request) -> web.Response:
        return _ok(True)

    async def _m_setwebhook(self, params: dict, request: web.Request) -> web.Response:
        return _ok(True)

    async def _m_sendchataction(self, params: dict, request: web.Request) -> web.Response:
        return _ok(True)

    async def _m_getfile(self, params: dict, request: web.Request) -> web.Response:
        file_id = str(params.get("file_id"))
        if file_id not in self.files:
            return _error(400, "Bad Request: invalid file_id")
        return _ok({"file_id": file_id, "file_unique_id": file_id, "file_size": len(self.files[file_id]),
                    "file_path": f"documents/{file_id}"})

    async def _m_getupdates(self, params: dict, request: web.Request) -> web.Response:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        deadline = time.monotonic() + timeout
        while True:
            fresh = [u for u in self._updates if u["update_id"] >= offset]
            if fresh or self._closing or time.monotonic() >= deadline:
                return _ok(fresh)
            self._new_update.clear()
            with suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), max(0.01, deadline - time.monotonic()))

    async def _file(self, request: web.Request) -> web.Response:
        file_id = request.match_info["path"].removeprefix("documents/")
        if request.match_info["token"] != self.token or file_id not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[file_id])

    async def _stats(self, request: web.Request) -> web.Response:
        return web.json_response(self.stats())

    def stats(self) -> dict:
        per_chat = self.by_chat()
        same = Counter((m.chat_id, m.text) for m in self.messages)      # a digest's parts differ
        times = [m.at for m in self.messages]
        return {
            "messages": len(self.messages),
            "chats": len(per_chat),
            "duplicates": sum(count - 1 for count in same.values() if count > 1),
            "rate_limited": self.rate_limited,
            "problems": self.problems[:20],
            "first": min(times) if times else None,
            "last": max(times) if times else None,
            "max_in_any_second": _max_in_window(sorted(times), 1.0),
        }


def _max_in_window(times: list[float], window: float) -> int:
    best, start = 0, 0
    for end, moment in enumerate(times):
        while times[start] <= moment - window:
            start += 1
        best = max(best, end - start + 1)
    return best


def _json(value: Any) -> Any:
    if value is None or isinstance(value, (dict, list)):
        return value
    return json.loads(value)


def _message(message_id: int, chat_id: int, text: str) -> dict:
    return {"message_id": message_id, "date": int(time.time()), "text": text, "from": BOT_USER,
            "chat": {"id": chat_id, "type": "private", "first_name": "User"}}


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(status: int, description: str, retry_after: int | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return web.json_response(body, status=status)


# --- the bot against it -------------------------------------------------------------------

USER_ID = 5001
_SEEDED: dict[str, Path] = {}


def seeded_database(folder: Path) -> Path:
    """A database file with the seed articles, ingested once a test session and copied:
    each test gets its own copy from `copy_seeded(tmp_path)`."""
    if "path" not in _SEEDED:
        path = folder / "seeded.db"

        async def build() -> None:
            db = await Database.open(path)
            try:
                await ingest_paths(db, sorted(SEEDS.glob("*.txt")))
                await db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                await db.close()

        _run_in_thread(build)         # a test's event loop may be running: use another thread
        _SEEDED["path"] = path
    return _SEEDED["path"]


def _run_in_thread(factory: Any) -> None:
    import threading

    errors: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(factory())
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


def copy_seeded(folder: Path, name: str = "bot.db") -> Path:
    import shutil

    target = folder / name
    shutil.copyfile(seeded_database(folder.parent), target)
    return target


def test_settings(database: Path, api_base: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "bot_token": TOKEN, "telegram_api_base": api_base, "database_path": str(database),
        "admin_ids": frozenset(), "seed_on_empty": False, "send_rate": 1000.0, "send_chat_interval": 0.0,
    }
    values.update(overrides)
    return Settings.model_validate(values)


def make_bot(api_base: str) -> Bot:
    return Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(api_base)),
               default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True))


def user_json(user_id: int, language_code: str | None) -> dict:
    user = {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}
    if language_code:
        user["language_code"] = language_code
    return user


class BotHarness:
    """The real dispatcher and a real aiogram Bot talking to a `BotAPIServer`; each call
    feeds one update and returns the messages the bot sent while handling it."""

    def __init__(self, server: BotAPIServer, bot: Bot, dp: Dispatcher, db: Database, settings: Settings):
        self.server, self.bot, self.dp, self.db, self.settings = server, bot, dp, db, settings
        self._update_ids = iter(range(1, 10**9))

    @classmethod
    @asynccontextmanager
    async def running(cls, database: Path, throttle: tuple[float, int] = (1000.0, 1000),
                      server: BotAPIServer | None = None, **overrides: Any) -> AsyncIterator[BotHarness]:
        server = server or BotAPIServer()
        await server.start()
        settings = test_settings(database, server.url, **overrides)
        db = await Database.open(database)
        bot = make_bot(server.url)
        try:
            dp = build_dispatcher(db, settings, throttle_rate=throttle[0], throttle_burst=throttle[1])
            yield cls(server, bot, dp, db, settings)
        finally:
            await bot.session.close()
            await db.close()
            await server.close()

    async def feed(self, update: dict) -> list[SentMessage]:
        before = len(self.server.messages)
        update.setdefault("update_id", next(self._update_ids))
        await self.dp.feed_update(self.bot, Update.model_validate(update, context={"bot": self.bot}))
        return self.server.messages[before:]

    async def say(self, text: str, user_id: int = USER_ID, language_code: str | None = "ru",
                  **fields: Any) -> list[SentMessage]:
        message = {"message_id": next(self._update_ids), "date": int(time.time()),
                   "chat": {"id": user_id, "type": "private"}, "from": user_json(user_id, language_code),
                   "text": text, **fields}
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return await self.feed({"message": message})

    async def send(self, user_id: int = USER_ID, language_code: str | None = "ru",
                   **fields: Any) -> list[SentMessage]:
        """A message without text: a sticker, a document, a photo."""
        message = {"message_id": next(self._update_ids), "date": int(time.time()),
                   "chat": {"id": user_id, "type": "private"}, "from": user_json(user_id, language_code),
                   **fields}
        return await self.feed({"message": message})

    async def press(self, data: str, user_id: int = USER_ID, language_code: str | None = "ru",
                    message_id: int = 1) -> list[SentMessage]:
        query = {"id": str(next(self._update_ids)), "from": user_json(user_id, language_code),
                 "chat_instance": "test", "data": data,
                 "message": {"message_id": message_id, "date": int(time.time()),
                             "chat": {"id": user_id, "type": "private"}, "from": BOT_USER, "text": "…"}}
        return await self.feed({"callback_query": query})

    async def member_status(self, status: str, user_id: int = USER_ID) -> None:
        """The user blocked (`kicked`) or unblocked (`member`) the bot."""
        old = "member" if status == "kicked" else "kicked"
        now = int(time.time())
        event = {"chat": {"id": user_id, "type": "private"}, "from": user_json(user_id, "ru"), "date": now,
                 "old_chat_member": _member(old, now), "new_chat_member": _member(status, now)}
        await self.feed({"my_chat_member": event})


def _member(status: str, now: int) -> dict:
    member: dict[str, Any] = {"status": status, "user": BOT_USER}
    if status == "kicked":
        member["until_date"] = 0
    return member


def buttons(message: SentMessage) -> list[tuple[str, str]]:
    """(text, callback data) of every button of a message's inline keyboard."""
    markup = message.reply_markup or {}
    return [(b["text"], b.get("callback_data", "")) for row in markup.get("inline_keyboard", []) for b in row]


# --- run alone ----------------------------------------------------------------------------

async def _serve(args: argparse.Namespace) -> None:
    server = BotAPIServer(rate=args.rate, chat_interval=args.chat_interval)
    url = await server.start(args.port)
    print(url, flush=True)
    await asyncio.Event().wait()


def main() -> None:
    parser = argparse.ArgumentParser(description="A stand-in Telegram Bot API server on 127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--rate", type=float, default=None, help="messages/s to all chats (default: no limit)")
    parser.add_argument("--chat-interval", type=float, default=None, help="seconds between messages to one chat")
    asyncio.run(_serve(parser.parse_args()))


if __name__ == "__main__":
    main()
