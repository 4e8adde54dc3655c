"""`/official <name>`: what is known about an official, in the reader's language."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.answers import official_answer
from bot.texts import query_text, reply, too_long_answer
from storage.database import Database


async def cmd_official(
    message: Message, command: CommandObject, db: Database, lang: str, reader: str
) -> None:
    query = query_text(command.args)
    if too_long := too_long_answer(lang, query):
        await message.answer(too_long)
        return
    # An empty name gets the answer's own hint (`official-empty`).
    answer = await official_answer(db, query, reader)
    await reply(message, answer.messages)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_official, Command("official", ignore_case=True))
    return router
