"""The JSON Schema of the questionnaire format, for editors' completion and validation.

``python -m audits.schema`` rewrites questionnaires/questionnaire.schema.json; a test fails
when the committed file no longer matches the models.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from audits.questionnaire import Questionnaire

SCHEMA_PATH = (
    Path(__file__).resolve().parent.parent / "questionnaires" / "questionnaire.schema.json"
)


def export_schema() -> str:
    schema = Questionnaire.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Questionnaire Diag Terrain"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    SCHEMA_PATH.write_text(export_schema(), encoding="utf-8")
    print(f"schéma écrit : {SCHEMA_PATH}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
