"""The imported questionnaire as a YAML document, in the key order authors write by hand.

Text fields keep their ``${name}`` references as our ``{id}`` placeholders. Choice codes are
always quoted, so ``yes``, ``no``, ``1`` or ``1e3`` stay codes under any YAML reader.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from audits.errors import Message
from audits.xlsform.drafts import QuestionDraft, SectionDraft
from audits.xlsform.names import to_identifier
from audits.xlsform.notices import SETTINGS, Notice
from audits.xlsform.reading import Workbook

Document = dict[str, Any]
QUESTION_KEYS = (
    "id",
    "type",
    "label",
    "help",
    "unit",
    "min",
    "max",
    "choices",
    "required",
    "required_if",
    "visible_if",
    "constraint",
    "constraint_message",
    "formula",
)
USED_SETTINGS = frozenset({"title", "id_string", "version", "default_language"})
USED_SETTINGS |= {"clean_text_values"}
_REFERENCE = re.compile(r"\$\{\s*([^}\s]+)\s*\}")


class Code(str):
    """A choice code: dumped quoted."""


_BASE_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BASE_DUMPER):  # type: ignore[misc]
    """``yaml.safe_dump``'s dumper (libyaml's when available: 5,000 choices dump in ms)."""


def _quoted(dumper: yaml.SafeDumper, data: Code) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style="'")


_Dumper.add_representer(Code, _quoted)


def dump(document: Document) -> str:
    text: str = yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    return text


def header(workbook: Workbook, kind: str, notices: list[Notice]) -> Document:
    settings = workbook.settings
    form_id = str(settings.get("id_string") or workbook.stem)
    extra = sorted(key for key in settings if key not in USED_SETTINGS)
    if extra:
        message = Message.XLSFORM_SETTINGS_IGNORED.format(settings=", ".join(extra))
        notices.append(Notice(message, 2, SETTINGS))
    return {
        "id": to_identifier(form_id, "questionnaire", hyphens=True),
        "version": _version(settings.get("version"), notices),
        "title": str(settings.get("title") or form_id),
        "kind": kind,
        "description": Message.XLSFORM_DESCRIPTION.format(file=f"{workbook.stem}"),
    }


def _version(raw: Any, notices: list[Notice]) -> int:
    text = str(raw or "1").strip()
    if text.isdigit() and int(text) >= 1:
        return int(text)
    notices.append(Notice(Message.XLSFORM_VERSION.format(version=text), 2, SETTINGS, False))
    return 1


class Texts:
    """Texts with ``${name}`` turned into our ``{id}`` placeholders.

    A name that was not imported cannot be a placeholder (nor be exported back as a
    reference): it is written « name » and reported.
    """

    def __init__(self, ids: dict[str, str], notices: list[Notice]) -> None:
        self.ids = ids
        self.notices = notices

    def __call__(self, text: str | None, row: int | None) -> str | None:
        if text is None:
            return None

        def replace(match: re.Match[str]) -> str:
            name = match[1]
            if name in self.ids:
                return f"{{{self.ids[name]}}}"
            message = Message.XLSFORM_TEXT_REFERENCE.format(name=name)
            self.notices.append(Notice(message, row))
            return f"« {name} »"

        return _REFERENCE.sub(replace, text)


def question(draft: QuestionDraft, logic: dict[str, Any], texts: Texts) -> Document:
    values: Document = {
        "id": draft.id,
        "type": draft.type.value,
        "label": texts(draft.label, draft.row),
        "help": texts(draft.help, draft.row),
        **draft.extra,
        "choices": _choices(draft.choices),
        **logic,
    }
    if "constraint" in values:
        values["constraint_message"] = texts(draft.constraint_message, draft.row)
    return {key: values[key] for key in QUESTION_KEYS if values.get(key) is not None}


def _choices(choices: list[dict[str, str]] | None) -> list[Document] | None:
    if choices is None:
        return None
    return [{"code": Code(choice["code"]), "label": choice["label"]} for choice in choices]


def section(
    section: SectionDraft, questions: list[Document], condition: str | None, texts: Texts
) -> Document:
    document: Document = {"id": section.id, "title": texts(section.title, section.row)}
    if section.help:
        document["help"] = texts(section.help, section.row)
    if condition:
        document["visible_if"] = condition
    document["questions"] = questions
    return document
