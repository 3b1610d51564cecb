"""The choices sheet turned into our choice lists, codes made valid and kept traceable.

Each list keeps the map XLSForm code -> our code, which expressions use when they compare a
question with a code (``${activite} = 'Boulangerie pâtisserie'``). Duplicates are reported
and dropped (choice filters, which make them legal in XLSForm, are not supported), and
columns without an equivalent (filters, media) are reported once per list, not per row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from audits.errors import Message
from audits.xlsform.columns import ignored_names
from audits.xlsform.languages import text_in
from audits.xlsform.names import Registry
from audits.xlsform.notices import CHOICES, Notice
from audits.xlsform.reading import LIST_NAME, ROW, Row

USED = frozenset({LIST_NAME, "name", "label"})


@dataclass
class ChoiceList:
    name: str
    row: int
    choices: list[dict[str, str]] = field(default_factory=list)
    codes: dict[str, str] = field(default_factory=dict)  # XLSForm code -> our code
    first_rows: dict[str, int] = field(default_factory=dict)
    ignored: dict[str, None] = field(default_factory=dict)  # ordered set of column names
    registry: Registry = field(default_factory=lambda: Registry(code=True))


def build_lists(rows: list[Row], language: str, notices: list[Notice]) -> dict[str, ChoiceList]:
    """Every list of the choices sheet, by XLSForm list name, in sheet order."""
    lists: dict[str, ChoiceList] = {}
    for row in rows:
        list_name, code = row.get(LIST_NAME), row.get("name")
        if not list_name and not code:
            continue
        line = int(row[ROW])
        if not list_name or not code:
            notices.append(Notice(Message.XLSFORM_CHOICE_NO_NAME.value, line, CHOICES))
            continue
        target = lists.setdefault(list_name, ChoiceList(list_name, line))
        _add(target, str(code), row, language, notices)
    for found in lists.values():
        if found.ignored:
            message = Message.XLSFORM_LIST_COLUMNS_IGNORED.format(
                list=found.name, columns=", ".join(found.ignored)
            )
            notices.append(Notice(message, found.row, CHOICES))
    return lists


def _add(target: ChoiceList, code: str, row: Row, language: str, notices: list[Notice]) -> None:
    line = int(row[ROW])
    target.ignored.update(dict.fromkeys(ignored_names(row, USED)))
    if code in target.first_rows:
        message = Message.XLSFORM_CODE_DUPLICATE.format(
            list=target.name, code=code, first=target.first_rows[code]
        )
        notices.append(Notice(message, line, CHOICES))
        return
    target.first_rows[code] = line
    new = target.registry.claim(code)
    if new != code:
        message = Message.XLSFORM_CODE_RENAMED.format(list=target.name, code=code, new=new)
        notices.append(Notice(message, line, CHOICES, lost=False))
    target.codes[code] = new
    label = text_in(row.get("label"), language) or code
    target.choices.append({"code": new, "label": label})
