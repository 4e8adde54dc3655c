"""The bot process: settings, logging, database, bot, dispatcher, scheduler, sender, start.

`run_bot(settings)` is `kzdigest run`. The pieces are built by small functions so the
console (`kzdigest chat`), `kzdigest deliver` and the tests build the same ones.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import signal
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError, TelegramUnauthorizedError
from aiogram.types import BotCommand, BotCommandScopeDefault
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.config import Settings, has_token
from bot.handlers import build_routers
from bot.limits import ReplyLimitMiddleware
from bot.middlewares import (
    THROTTLE_BURST,
    THROTTLE_RATE,
    DatabaseMiddleware,
    LanguageMiddleware,
    ThrottlingMiddleware,
)
from bot.poller import register_polling
from bot.scheduler import build_scheduler, register_reextraction, stop_scheduler
from bot.seeding import seed_if_empty
from bot.sender import Sender
from bot.subscriber_digest import DigestComposer
from bot.texts import UI_LANGUAGES, say
from storage.database import Database

log = logging.getLogger(__name__)

# The commands in the menu, in this order; their descriptions are `command-<name>`.
MENU_COMMANDS = ("start", "help", "regions", "region", "official", "subscribe", "unsubscribe", "settings")
DEFAULT_WEBHOOK_PATH = "/webhook"


# --- the pieces ---------------------------------------------------------------------------

def configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)   # a line per update is noise


async def open_database(settings: Settings) -> Database:
    """Open (creating the file and folder) and migrate; seed an empty one."""
    db = await Database.open(settings.database_path)
    if settings.seed_on_empty:
        await seed_if_empty(db)
    return db


def build_bot(settings: Settings) -> Bot:
    """The Bot, on Telegram or on the server at TELEGRAM_API_BASE; every message it
    sends is Telegram HTML without link previews."""
    if not has_token(settings):
        raise ValueError("BOT_TOKEN is not set")
    session = None
    if settings.telegram_api_base:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_base))
    return Bot(
        settings.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def build_dispatcher(
    db: Database,
    settings: Settings,
    throttle_rate: float = THROTTLE_RATE,
    throttle_burst: int = THROTTLE_BURST,
) -> Dispatcher:
    """Routers one a feature, the catch-all last; middlewares: throttling, database,
    language. `settings` reaches handlers by name."""
    dp = Dispatcher(settings=settings)
    dp.update.outer_middleware(ThrottlingMiddleware(throttle_rate, throttle_burst))
    dp.update.outer_middleware(DatabaseMiddleware(db))
    dp.update.outer_middleware(LanguageMiddleware())
    dp.include_routers(*build_routers())
    return dp


def build_sender(bot: Bot, db: Database, settings: Settings) -> Sender:
    return Sender(
        bot, db, DigestComposer(db),
        rate=settings.send_rate,
        chat_interval=settings.send_chat_interval,
        max_attempts=settings.send_max_attempts,
    )


async def set_commands(bot: Bot) -> None:
    """The command menu in Russian (also for every other language) and in Kazakh."""
    for language in UI_LANGUAGES:
        commands = [BotCommand(command=name, description=say(language, f"command-{name}"))
                    for name in MENU_COMMANDS]
        await bot.set_my_commands(commands, scope=BotCommandScopeDefault(), language_code=language)
        if language == "ru":
            await bot.set_my_commands(commands, scope=BotCommandScopeDefault())


# --- running --------------------------------------------------------------------------------

async def run_bot(settings: Settings) -> None:
    """`kzdigest run`: long polling, or a webhook server when WEBHOOK_URL is set."""
    configure_logging(settings)
    bot = build_bot(settings)
    db = await open_database(settings)
    dp = build_dispatcher(db, settings)
    sender = build_sender(bot, db, settings)
    # Replies and the broadcast share Telegram's 30 messages a second.
    bot.session.middleware(ReplyLimitMiddleware(sender.limiter))
    scheduler = build_scheduler(settings.timezone, db, sender)
    register_polling(scheduler, db, settings)
    register_reextraction(scheduler, db)
    worker: asyncio.Task[None] | None = None

    async def on_startup() -> None:
        nonlocal worker
        try:
            await set_commands(bot)
        except TelegramUnauthorizedError:
            raise
        except TelegramAPIError as error:       # the menu is a nicety: the bot still answers
            log.warning("setting the command menus failed: %s", error)
        scheduler.start()
        worker = asyncio.create_task(sender.run(), name="deliveries")

    async def on_shutdown() -> None:
        await stop_scheduler(scheduler)
        if worker is not None:
            worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await worker
        await sender.stop()             # what it had claimed goes back to the outbox

    dp.startup.register(on_startup)
    dp.shutdown.register(on_shutdown)
    try:
        if settings.webhook_url:
            await run_webhook(bot, dp, settings)
        else:
            await run_polling(bot, dp)
    finally:
        await bot.session.close()
        await db.close()


async def run_polling(bot: Bot, dp: Dispatcher) -> None:
    """Long polling until SIGINT/SIGTERM, or until the caller cancels (then polling stops
    cleanly: aiogram would leave its polling task running)."""
    try:
        await bot.delete_webhook(drop_pending_updates=False)
    except TelegramNetworkError as error:      # polling itself retries until Telegram is back
        log.warning("could not reach Telegram to remove a webhook: %s", error)
    polling = asyncio.create_task(dp.start_polling(bot, allowed_updates=dp.resolve_used_update_types()))
    try:
        await asyncio.shield(polling)
    except asyncio.CancelledError:
        await dp.stop_polling()
        await polling
        raise


async def run_webhook(bot: Bot, dp: Dispatcher, settings: Settings) -> None:
    """Serve Telegram's webhook; only requests carrying the secret token are read."""
    assert settings.webhook_url
    secret = (settings.webhook_secret.get_secret_value() if settings.webhook_secret
              else secrets.token_urlsafe(32))        # a fresh one each start when none is configured
    path = urlsplit(settings.webhook_url).path or DEFAULT_WEBHOOK_PATH

    app = web.Application()
    SimpleRequestHandler(dispatcher=dp, bot=bot, secret_token=secret).register(app, path=path)
    setup_application(app, dp, bot=bot)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, settings.webhook_host, settings.webhook_port).start()
    log.info("webhook server on %s:%d%s", settings.webhook_host, settings.webhook_port, path)
    # Only once the server listens: Telegram may post the first update right after setWebhook.
    await bot.set_webhook(settings.webhook_url, secret_token=secret,
                          allowed_updates=dp.resolve_used_update_types())
    try:
        await wait_for_stop_signal()
    finally:
        await runner.cleanup()


async def wait_for_stop_signal() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await stop.wait()
