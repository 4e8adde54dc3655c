"""`/subscribe`, `/unsubscribe`, their buttons, and a chat blocking or unblocking the bot."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.filters import KICKED, MEMBER, ChatMemberUpdatedFilter, Command, CommandObject
from aiogram.types import CallbackQuery, ChatMemberUpdated, Message

from bot.callbacks import MenuCallback, RegionCallback, chat_of
from bot.config import Settings
from bot.keyboards import region_codes_keyboard, regions_keyboard, unsubscribe_keyboard
from bot.texts import edit_keyboard, edit_text, query_text, reply, say, send, too_long_answer
from digest.regions import REGION_CODES, region_name, resolve_region
from digest.render import render_text
from storage.subscribers import SubscribersRepo, format_time

log = logging.getLogger(__name__)

# --- /subscribe -------------------------------------------------------------------------

async def cmd_subscribe(
    message: Message, command: CommandObject, subscribers: SubscribersRepo, lang: str, settings: Settings
) -> None:
    chat_id = message.chat.id
    query = query_text(command.args)
    if not query:
        followed = await subscribers.regions(chat_id)
        await message.answer(say(lang, "subscribe-choose"),
                             reply_markup=regions_keyboard("sub", lang, followed))
        return
    if too_long := too_long_answer(lang, query):
        await message.answer(too_long)
        return
    resolved = resolve_region(query)
    if resolved.region is None:
        codes = candidate_regions(resolved.candidates)
        if codes:
            await message.answer(say(lang, "subscribe-choose-query", query=query),
                                 reply_markup=region_codes_keyboard(codes, lang, "add"))
        else:
            await reply(message, render_text("region-unknown", lang, query=query))
        return
    texts = [say(lang, "subscribed-place", place=resolved.place)] if resolved.place else []
    texts.append(await subscribe_text(subscribers, chat_id, resolved.region, lang, settings))
    await reply(message, "\n".join(texts))


def candidate_regions(candidates: tuple[str, ...]) -> list[str]:
    """The regions among what an ambiguous query may have meant (codes or place names)."""
    codes = []
    for candidate in candidates:
        code = candidate if candidate in REGION_CODES else resolve_region(candidate).region
        if code and code not in codes:
            codes.append(code)
    return codes


def subscription_name(code: str, lang: str) -> str:
    """The region as the subscription texts need it: Russian says "подписаны на Алматинскую
    область" (accusative); Kazakh says "Алматы облысы бойынша", which keeps the nominative."""
    return region_name(code, lang, "accusative" if lang == "ru" else "nominative")


async def subscribe_text(
    subscribers: SubscribersRepo, chat_id: int, region: str, lang: str, settings: Settings
) -> str:
    added = await subscribers.subscribe(chat_id, region, settings.digest_time)
    name = subscription_name(region, lang)
    if not added:
        return say(lang, "subscribed-already", region=name)
    subscriber = await subscribers.get(chat_id)
    digest_time = subscriber.digest_time if subscriber else settings.digest_time
    return say(lang, "subscribed", region=name, time=format_time(digest_time))


async def on_callback_subscribe(
    callback: CallbackQuery, callback_data: RegionCallback, bot: Bot, subscribers: SubscribersRepo,
    lang: str, settings: Settings,
) -> None:
    await callback.answer()
    chat_id = chat_of(callback)
    await send(bot, chat_id, await subscribe_text(subscribers, chat_id, callback_data.code, lang, settings))


async def on_callback_toggle(
    callback: CallbackQuery, callback_data: RegionCallback, subscribers: SubscribersRepo,
    lang: str, settings: Settings,
) -> None:
    """A tap on the region keyboard follows the region, a second tap unfollows it."""
    chat_id = chat_of(callback)
    code = callback_data.code
    if code not in REGION_CODES:
        await callback.answer(say(lang, "button-outdated"))
        return
    if code in await subscribers.regions(chat_id):
        await subscribers.unsubscribe(chat_id, code)
        notice = say(lang, "callback-unsubscribed", region=region_name(code, lang))
    else:
        await subscribers.subscribe(chat_id, code, settings.digest_time)
        notice = say(lang, "callback-subscribed", region=region_name(code, lang))
    await callback.answer(notice)
    await edit_keyboard(callback, regions_keyboard("sub", lang, await subscribers.regions(chat_id)))


async def on_callback_done(callback: CallbackQuery, subscribers: SubscribersRepo, lang: str) -> None:
    await callback.answer()
    subscriber = await subscribers.get(chat_of(callback))
    if subscriber is None or not subscriber.regions:
        text = say(lang, "subscriptions-empty")
    else:
        names = ", ".join(region_name(code, lang) for code in subscriber.regions)
        text = say(lang, "subscriptions-summary", regions=names, time=format_time(subscriber.digest_time))
    await edit_text(callback, text)


# --- /unsubscribe -----------------------------------------------------------------------

async def cmd_unsubscribe(
    message: Message, command: CommandObject, subscribers: SubscribersRepo, lang: str
) -> None:
    chat_id = message.chat.id
    followed = await subscribers.regions(chat_id)
    query = query_text(command.args)
    if not query:
        if not followed:
            await message.answer(say(lang, "unsubscribe-none"))
        else:
            await message.answer(say(lang, "unsubscribe-choose"),
                                 reply_markup=unsubscribe_keyboard(followed, lang))
        return
    if too_long := too_long_answer(lang, query):
        await message.answer(too_long)
        return
    resolved = resolve_region(query)
    if resolved.region is None:
        await reply(message, render_text("region-unknown", lang, query=query))
        return
    name = subscription_name(resolved.region, lang)
    if await subscribers.unsubscribe(chat_id, resolved.region):
        await message.answer(say(lang, "unsubscribed", region=name))
    else:
        await message.answer(say(lang, "unsubscribed-not", region=name))


async def on_callback_unsubscribe(
    callback: CallbackQuery, callback_data: RegionCallback, subscribers: SubscribersRepo, lang: str
) -> None:
    chat_id = chat_of(callback)
    await subscribers.unsubscribe(chat_id, callback_data.code)
    await callback.answer(say(lang, "callback-unsubscribed", region=region_name(callback_data.code, lang)))
    remaining = await subscribers.regions(chat_id)
    if remaining:
        await edit_keyboard(callback, unsubscribe_keyboard(remaining, lang))
    else:
        await edit_text(callback, say(lang, "unsubscribed-all"))


async def on_callback_unsubscribe_all(
    callback: CallbackQuery, subscribers: SubscribersRepo, lang: str
) -> None:
    await subscribers.unsubscribe(chat_of(callback))
    await callback.answer()
    await edit_text(callback, say(lang, "unsubscribed-all"))


# --- the chat blocks or unblocks the bot ------------------------------------------------

async def on_bot_blocked(event: ChatMemberUpdated, subscribers: SubscribersRepo) -> None:
    if await subscribers.set_active(event.chat.id, False):
        log.info("chat %s blocked the bot: no more digests", event.chat.id)


async def on_bot_unblocked(event: ChatMemberUpdated, subscribers: SubscribersRepo) -> None:
    await subscribers.set_active(event.chat.id, True)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(cmd_subscribe, Command("subscribe", ignore_case=True))
    router.callback_query.register(on_callback_subscribe, RegionCallback.filter(F.action == "add"))
    router.callback_query.register(on_callback_toggle, RegionCallback.filter(F.action == "sub"))
    router.callback_query.register(on_callback_done, MenuCallback.filter(F.action == "done"))
    router.message.register(cmd_unsubscribe, Command("unsubscribe", ignore_case=True))
    router.callback_query.register(on_callback_unsubscribe, RegionCallback.filter(F.action == "unsub"))
    router.callback_query.register(on_callback_unsubscribe_all, MenuCallback.filter(F.action == "unsub_all"))
    router.my_chat_member.register(on_bot_blocked, ChatMemberUpdatedFilter(member_status_changed=KICKED))
    router.my_chat_member.register(on_bot_unblocked, ChatMemberUpdatedFilter(member_status_changed=MEMBER))
    return router
