"""Settings from the environment and `.env`. Secrets are kept as SecretStr: never logged."""

from __future__ import annotations

from datetime import time
from functools import lru_cache
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from digest.model import KAZAKHSTAN_TIMEZONE

DEFAULT_DATABASE_PATH = "var/kzdigest.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr | None = None
    telegram_api_base: str | None = None          # a custom Bot API server, e.g. http://127.0.0.1:8081
    database_path: str = DEFAULT_DATABASE_PATH
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    digest_time: time = time(8, 0)                # default daily delivery time, Asia/Almaty
    timezone: str = KAZAKHSTAN_TIMEZONE
    log_level: str = "INFO"
    webhook_url: str | None = None                # set to receive updates by webhook instead of polling
    webhook_secret: SecretStr | None = None
    webhook_host: str = "127.0.0.1"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    allow_private_urls: bool = False              # let admins ingest from private/loopback hosts (tests)
    seed_on_empty: bool = True
    send_rate: float = Field(default=30.0, gt=0)          # digests: messages/s to all chats (Telegram ~30)
    send_chat_interval: float = Field(default=1.0, ge=0)  # seconds between messages to one chat
    send_max_attempts: int = Field(default=5, ge=1)       # tries of a digest on server or network errors

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _parse_admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p for p in value.replace(";", ",").replace(" ", ",").split(",") if p]
            return frozenset(int(p) for p in parts)
        if isinstance(value, int):
            return frozenset({value})
        return value


def has_token(settings: Settings) -> bool:
    """A BOT_TOKEN set and not blank."""
    return settings.bot_token is not None and bool(settings.bot_token.get_secret_value().strip())


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
