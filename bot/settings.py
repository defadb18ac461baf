"""The one Settings class: command-line flags beat the environment, which beats `.env`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from corpus.attribution.backends import DEFAULT_BACKEND
from corpus.paths import user_articles_dir
from index.paths import default_index_dir

TELEGRAM_API_BASE_URL = "https://api.telegram.org/bot"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,  # `WHOSAID_CORPUS_DIR=` in .env means "default", not "."
        extra="ignore",
        populate_by_name=True,
    )

    telegram_bot_token: SecretStr | None = Field(
        default=None, validation_alias="TELEGRAM_BOT_TOKEN"
    )
    # Defaults in the user's data folder (platformdirs), looked up when settings are made so that
    # XDG_DATA_HOME (or HOME) set at run time counts. The default corpus is the user's articles
    # folder plus the bundled articles (corpus.paths.article_files).
    corpus_dir: Path = Field(
        default_factory=user_articles_dir, validation_alias="WHOSAID_CORPUS_DIR"
    )
    index_dir: Path = Field(default_factory=default_index_dir, validation_alias="WHOSAID_INDEX_DIR")
    # The bot's per-chat state (conversations, what its buttons refer to); empty: next to the
    # index, as `<index folder>.bot-state.sqlite3`.
    state_file: Path | None = Field(default=None, validation_alias="WHOSAID_STATE_FILE")
    top_k: int = Field(default=3, ge=1, le=50, validation_alias="WHOSAID_TOP_K")
    # Comma-separated chat ids; empty means everybody may use the bot.
    allowed_chats: Annotated[frozenset[int], NoDecode] = Field(
        default=frozenset(), validation_alias="WHOSAID_ALLOWED_CHATS"
    )
    admin_chats: Annotated[frozenset[int], NoDecode] = Field(
        default=frozenset(), validation_alias="WHOSAID_ADMIN_CHATS"
    )
    log_level: str = Field(default="INFO", validation_alias="WHOSAID_LOG_LEVEL")
    # Who proposes attribution cues: the rules, or the spaCy parser (the `parser` extra). corpus
    # reads WHOSAID_ATTRIBUTION from the environment; `settings_for` puts this value there, so a
    # `.env` line reaches attribution and the rebuild's worker processes too.
    attribution: Literal["rules", "parser"] = Field(
        default=DEFAULT_BACKEND, validation_alias="WHOSAID_ATTRIBUTION"
    )
    # The semantic rerank (index.semantic): on when its model is installed, or off. index reads
    # WHOSAID_SEMANTIC from the environment; `settings_for` puts this value there, as above.
    semantic: Literal["on", "off"] = Field(default="on", validation_alias="WHOSAID_SEMANTIC")
    telegram_base_url: str = Field(
        default=TELEGRAM_API_BASE_URL, validation_alias="WHOSAID_TELEGRAM_BASE_URL"
    )
    webhook_url: str | None = Field(default=None, validation_alias="WHOSAID_WEBHOOK_URL")
    # Webhook mode only: where the bot's own HTTP server listens (behind your HTTPS proxy), and the
    # secret Telegram must send back in X-Telegram-Bot-Api-Secret-Token (random per run if unset).
    webhook_listen: str = Field(default="0.0.0.0", validation_alias="WHOSAID_WEBHOOK_LISTEN")
    webhook_port: int = Field(default=8443, ge=1, le=65535, validation_alias="WHOSAID_WEBHOOK_PORT")
    webhook_secret: SecretStr | None = Field(
        default=None, validation_alias="WHOSAID_WEBHOOK_SECRET"
    )

    @field_validator("allowed_chats", "admin_chats", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(
                int(part) for part in value.replace(";", ",").split(",") if part.strip()
            )
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return level

    @field_validator("webhook_url", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value
