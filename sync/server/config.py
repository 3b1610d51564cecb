"""The server's settings: the only module of the server that reads the environment.

Every setting is ``DIAGTERRAIN_<NAME>`` in the environment (or a ``.env`` file). The defaults
make ``diagterrain server`` work on a laptop with nothing set; outside ``development`` the
default secret is refused, so a production server never runs with a key found on GitHub.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Self

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET = "changethis"  # noqa: S105 (the value refused outside development)
DEFAULT_DATABASE_FILE = "diagterrain-server.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="DIAGTERRAIN_", env_file=".env", env_ignore_empty=True, extra="ignore"
    )

    ENVIRONMENT: Literal["development", "production"] = "development"
    DATABASE_URL: str = f"sqlite:///{DEFAULT_DATABASE_FILE}"
    DATA_DIR: Path = Path("diagterrain-server-data")
    SECRET_KEY: str = DEFAULT_SECRET
    TOKEN_MAX_AGE_DAYS: int | None = Field(default=None, ge=1)
    MAX_REQUEST_BYTES: int = Field(default=8 * 1024 * 1024, ge=1024)
    MAX_ATTACHMENT_BYTES: int = Field(default=25 * 1024 * 1024, ge=1024)
    MAX_PAGE_SIZE: int = Field(default=2000, ge=1, le=2000)
    RATE_LIMIT_PER_MINUTE: int = Field(default=6000, ge=1)
    LOGIN_RATE_LIMIT_PER_MINUTE: int = Field(default=30, ge=1)
    POOL_SIZE: int = Field(default=10, ge=1)
    SYNC_CONCURRENCY: int = Field(default=4, ge=1)

    @property
    def attachments_dir(self) -> Path:
        return self.DATA_DIR / "attachments"

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> Self:
        if self.ENVIRONMENT != "development" and self.SECRET_KEY == DEFAULT_SECRET:
            raise ValueError(
                "DIAGTERRAIN_SECRET_KEY vaut la valeur par défaut : "
                "choisissez un secret (par exemple `openssl rand -hex 32`) hors développement"
            )
        if len(self.SECRET_KEY) < 8:
            raise ValueError("DIAGTERRAIN_SECRET_KEY doit compter au moins 8 caractères")
        return self


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with the command line's options on top."""
    given = {key: value for key, value in overrides.items() if value is not None}
    return Settings(**given)  # type: ignore[arg-type]
