"""XLSForm question types mapped onto ours, with what each mapping loses.

Type names and their aliases (``int``/``integer``, ``image``/``photo``, ``q note``…) are
resolved through pyxform's own type dictionary, so a type pyxform knows is classified by what
it stores (``int``, ``decimal``, ``date``, ``binary`` image…) rather than by a list of
spellings kept here. Metadata (``start``, ``deviceid``…) is reported, never imported: the
app records dates and device itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pyxform import aliases, constants
from pyxform.question_type_dictionary import QUESTION_TYPE_DICT
from pyxform.xls2json import RE_BEGIN_CONTROL, RE_END_CONTROL, RE_SELECT

from audits.errors import Message
from audits.questionnaire import QuestionType

BOOL_LISTS = frozenset({"yes_no", "yesno", "oui_non", "ouinon"})
BOOL_CODES = {"yes": True, "no": False, "oui": True, "non": False}
METADATA = frozenset({"audit", "start-geopoint", "background-audio", "background-geopoint"})
BY_STORAGE = {
    "int": QuestionType.INT,
    "decimal": QuestionType.NUMBER,
    "date": QuestionType.DATE,
    "time": QuestionType.TIME,
    "string": QuestionType.TEXT,
}


@dataclass(frozen=True)
class RowType:
    """What one survey row is: a group boundary, a question, or something we skip."""

    kind: str  # "begin", "end", "question", "metadata", "unsupported"
    type: QuestionType | None = None
    list_name: str | None = None
    repeat: bool = False
    or_other: bool = False
    approximation: str | None = None  # why the mapping is not exact, for the notice
    external: str | None = None  # file of select_one_from_file


def row_type(text: str) -> RowType:
    """Classify the ``type`` cell of a survey row (whitespace already collapsed)."""
    text = " ".join(text.split())
    if match := RE_BEGIN_CONTROL.match(text):
        return RowType("begin", repeat=match.group("type") != "group")
    if match := RE_END_CONTROL.match(text):
        return RowType("end", repeat=match.group("type") != "group")
    if match := RE_SELECT.match(text):
        return _select(match.group("select_command"), match.group("list_name"), match)
    return _plain(text)


def _select(command: str, list_name: str, match: Any) -> RowType:
    multiple = aliases.select[command] == constants.SELECT_ALL_THAT_APPLY
    if command in aliases.select_from_file or command == "select_one_external":
        why = Message.XLSFORM_WHY_EXTERNAL.format(file=list_name)
        return RowType("question", QuestionType.TEXT, approximation=why, external=list_name)
    if aliases.select[command] == constants.RANK:
        return RowType("unsupported")
    qtype = QuestionType.MULTI if multiple else QuestionType.CHOICE
    return RowType("question", qtype, list_name, or_other=bool(match.group("specify_other")))


def _plain(text: str) -> RowType:
    name = aliases._type_alias_map.get(text, text)
    if name.startswith("uri:") or name in METADATA:
        return RowType("metadata")
    spec = QUESTION_TYPE_DICT.get(name) or QUESTION_TYPE_DICT.get(name.lower())
    if spec is None:
        return RowType("unsupported")
    bind, control = spec.get("bind", {}), spec.get("control", {})
    if "jr:preload" in bind:
        return RowType("metadata")
    if "calculate" in name and not control:
        return RowType("question", QuestionType.COMPUTED)
    if bind.get("readonly") == "true()" and control.get("tag") == "input":
        return RowType("question", QuestionType.NOTE)
    return _by_control(control.get("tag"), bind.get("type"), control.get("mediatype"))


def _by_control(tag: str | None, storage: str | None, media: str | None) -> RowType:
    if tag == "trigger":
        return RowType("question", QuestionType.BOOL)
    if tag == "range":
        return RowType("question", QuestionType.NUMBER)
    if tag == "upload" and storage == "binary" and media == "image/*":
        return RowType("question", QuestionType.PHOTO)
    if tag != "input":
        return RowType("unsupported")
    if storage == "dateTime":
        return RowType("question", QuestionType.DATE, approximation=_why("DATETIME"))
    if storage == "barcode":
        return RowType("question", QuestionType.TEXT, approximation=_why("BARCODE"))
    qtype = BY_STORAGE.get(storage or "")
    return RowType("question", qtype) if qtype else RowType("unsupported")


def _why(name: str) -> str:
    return Message[f"XLSFORM_WHY_{name}"].value


def is_bool_list(list_name: str, codes: list[str]) -> bool:
    """A conventional yes/no list (``yes_no`` with codes yes, no): our ``bool`` type."""
    if list_name.lower() not in BOOL_LISTS or len(codes) != 2:
        return False
    return set(codes) in ({"yes", "no"}, {"oui", "non"})
