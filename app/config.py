"""The device's configuration: the only place of the app that reads the environment."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
QUESTIONNAIRES_DIR = Path(
    os.environ.get("DIAGTERRAIN_QUESTIONNAIRES", PROJECT_ROOT / "questionnaires")
)
REFERENCE_DIR = QUESTIONNAIRES_DIR / "reference"
