"""`kzdigest chat`: the bot in a terminal, through the same dispatcher and handlers.

What you type becomes a Telegram update fed to the dispatcher; what the bot sends
comes back through `ConsoleSession` (a Bot API session that prints instead of calling
Telegram) as plain text, with the buttons of an inline keyboard numbered: type the
number to press one.
"""

from __future__ import annotations

import asyncio
import itertools
import sys
from collections.abc import AsyncGenerator, Callable
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.base import BaseSession
from aiogram.enums import ParseMode
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageReplyMarkup,
    EditMessageText,
    GetMe,
    SendMessage,
    TelegramMethod,
)
from aiogram.types import CallbackQuery, Chat, InlineKeyboardMarkup, Message, Update, User

from bot.cli.digest import plain_text

CONSOLE_TOKEN = "100000:console"
CONSOLE_BOT = User(id=100000, is_bot=True, first_name="kzdigest", username="kzdigest_bot")
CONSOLE_USER_ID = 1
QUIT = ("/quit", "/exit")

Printer = Callable[[str], None]


class ConsoleSession(BaseSession):
    """Answers the Bot API calls the handlers make; prints the messages."""

    def __init__(self, printer: Printer = print) -> None:
        super().__init__()
        self.printer = printer
        self.buttons: list[tuple[str, str, int]] = []      # text, callback data, message id
        self._message_ids = itertools.count(1)

    async def close(self) -> None:
        return None

    async def stream_content(self, url: str, headers: dict[str, Any] | None = None, timeout: int = 30,
                             chunk_size: int = 65536, raise_for_status: bool = True,
                             ) -> AsyncGenerator[bytes, None]:
        raise NotImplementedError("files cannot be downloaded in the console")
        yield b""

    async def make_request(self, bot: Bot, method: TelegramMethod[Any], timeout: int | None = None) -> Any:
        if isinstance(method, GetMe):
            return CONSOLE_BOT
        if isinstance(method, SendMessage):
            return self._show(method.chat_id, method.text, method.reply_markup, next(self._message_ids))
        if isinstance(method, EditMessageText):
            return self._show(method.chat_id, method.text, method.reply_markup, method.message_id or 0)
        if isinstance(method, EditMessageReplyMarkup):
            self._keep_buttons(method.reply_markup, method.message_id or 0)
            self._print_buttons()
            return True
        if isinstance(method, AnswerCallbackQuery):
            if method.text:
                self.printer(f"  ({method.text})")
            return True
        return True          # setMyCommands and the like: nothing to show

    def _show(self, chat_id: int | str, text: str, markup: Any, message_id: int) -> Message:
        self.printer(plain_text(text))
        self._keep_buttons(markup, message_id)
        if isinstance(markup, InlineKeyboardMarkup):
            self._print_buttons()
        self.printer("")
        return Message(message_id=message_id, date=datetime.now(UTC), text=text,
                       chat=Chat(id=int(chat_id), type="private"))

    def _keep_buttons(self, markup: Any, message_id: int) -> None:
        if isinstance(markup, InlineKeyboardMarkup):
            self.buttons = [(button.text, button.callback_data or "", message_id)
                            for row in markup.inline_keyboard for button in row]
        elif markup is None and self.buttons and self.buttons[0][2] == message_id:
            self.buttons = []

    def _print_buttons(self) -> None:
        if self.buttons:
            self.printer("  " + "  ".join(f"[{n}] {text}" for n, (text, _, _) in enumerate(self.buttons, 1)))


class Console:
    """Feeds what a user types (or presses) to the dispatcher as updates."""

    def __init__(self, dp: Dispatcher, session: ConsoleSession, language_code: str = "ru",
                 user_id: int = CONSOLE_USER_ID) -> None:
        self.dp = dp
        self.session = session
        self.bot = Bot(CONSOLE_TOKEN, session=session,
                       default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True))
        self.user = User(id=user_id, is_bot=False, first_name="Console", language_code=language_code)
        self.chat = Chat(id=user_id, type="private")
        self._update_ids = itertools.count(1)

    async def type(self, text: str) -> None:
        """A message, or the number of a button shown last."""
        stripped = text.strip()
        if stripped.isdigit() and 1 <= int(stripped) <= len(self.session.buttons):
            await self.press(int(stripped))
            return
        update_id = next(self._update_ids)
        message = Message(message_id=update_id, date=datetime.now(UTC), chat=self.chat, from_user=self.user,
                          text=text)
        await self.dp.feed_update(self.bot, Update(update_id=update_id, message=message))

    async def press(self, number: int) -> None:
        _, data, message_id = self.session.buttons[number - 1]
        update_id = next(self._update_ids)
        message = Message(message_id=message_id, date=datetime.now(UTC), chat=self.chat,
                          from_user=CONSOLE_BOT)
        query = CallbackQuery(id=str(update_id), from_user=self.user, chat_instance="console", data=data,
                              message=message)
        await self.dp.feed_update(self.bot, Update(update_id=update_id, callback_query=query))

    async def run(self, read: Callable[[str], str] = input) -> None:
        """Read lines until end of input or /quit."""
        interactive = sys.stdin.isatty()
        while True:
            try:
                line = await asyncio.to_thread(read, "› " if interactive else "")
            except EOFError:
                break
            if line.strip().lower() in QUIT:
                break
            if line.strip():
                if not interactive:
                    self.session.printer(f"› {line}")
                await self.type(line)
