"""`/regions` and `/region <name>`: a region's key figures, or a keyboard to pick one."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from bot.answers import region_answer
from bot.callbacks import QueryCallback, RegionCallback, chat_of
from bot.keyboards import choices_keyboard, regions_keyboard
from bot.texts import query_text, say, send, too_long_answer
from storage.database import Database


async def cmd_regions(message: Message, lang: str) -> None:
    await message.answer(say(lang, "regions-choose"), reply_markup=regions_keyboard("show", lang))


async def cmd_region(message: Message, command: CommandObject, db: Database, lang: str, reader: str) -> None:
    query = query_text(command.args)
    if not query:
        await cmd_regions(message, lang)
        return
    if too_long := too_long_answer(lang, query):
        await message.answer(too_long)
        return
    await answer_region(message.bot, message.chat.id, db, query, reader)


async def answer_region(bot: Bot, chat_id: int, db: Database, query: str, reader: str) -> None:
    """The region's figures; for an ambiguous query, buttons for what it may have meant."""
    answer = await region_answer(db, query, reader)
    keyboard = choices_keyboard(answer.options) if answer.kind == "choices" else None
    await send(bot, chat_id, answer.messages, keyboard)


async def on_callback_region(
    callback: CallbackQuery, callback_data: RegionCallback, bot: Bot, db: Database, reader: str
) -> None:
    await callback.answer()
    await answer_region(bot, chat_of(callback), db, callback_data.code, reader)


async def on_callback_query_choice(
    callback: CallbackQuery, callback_data: QueryCallback, bot: Bot, db: Database, reader: str
) -> None:
    await callback.answer()
    await answer_region(bot, chat_of(callback), db, callback_data.text, reader)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_regions, Command("regions", ignore_case=True))
    router.message.register(cmd_region, Command("region", ignore_case=True))
    router.callback_query.register(on_callback_region, RegionCallback.filter(F.action == "show"))
    router.callback_query.register(on_callback_query_choice, QueryCallback.filter())
    return router
