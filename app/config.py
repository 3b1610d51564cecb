"""The device's configuration: the only place of the app that reads the environment."""

from __future__ import annotations

import os
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
QUESTIONNAIRES_DIR = Path(
    os.environ.get("DIAGTERRAIN_QUESTIONNAIRES", PROJECT_ROOT / "questionnaires")
)
REFERENCE_DIR = QUESTIONNAIRES_DIR / "reference"


def _data_dir() -> Path:
    """Where the device database lives: Flet's app storage when run by Flet, else the
    platform's user data folder (XDG on Linux, Application Support on macOS, AppData)."""
    flet_storage = os.environ.get("FLET_APP_STORAGE_DATA")
    if flet_storage:
        return Path(flet_storage)
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / "diagterrain"


DATA_DIR = _data_dir()
DEFAULT_DB_PATH = DATA_DIR / "diagterrain.db"
