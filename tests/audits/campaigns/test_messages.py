"""Campaigns, exports and the collective report word their errors through ``audits.errors``:
one catalogue to proofread and translate, and tests that assert against the same entries."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from audits.campaigns.importer import checked_rows
from audits.campaigns.sheet import read_sheet
from audits.errors import DiagError, Message

AUDITS = Path(__file__).resolve().parents[3] / "audits"
PACKAGES = ("campaigns", "exports", "collective")


def _literal_text(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def inline_messages(source: str) -> list[int]:
    """Lines raising an error, or recording a row's problem, with text written in place."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            arguments = node.exc.args
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "append"
            and isinstance(node.func.value, ast.Attribute)
            and node.func.value.attr == "problems"
        ):
            arguments = node.args
        else:
            continue
        if any(_literal_text(argument) for argument in arguments):
            lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("package", PACKAGES)
def test_no_error_text_is_written_outside_the_catalogue(package):
    found = {
        path.name: lines
        for path in sorted((AUDITS / package).glob("*.py"))
        if (lines := inline_messages(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_checker_sees_a_message_written_in_place():
    assert inline_messages('raise DiagError(f"campagne introuvable : {key}")\n') == [1]
    assert inline_messages('row.problems.append("nom manquant")\n') == [1]
    assert inline_messages("raise DiagError(Message.LIST_EMPTY.format(path=p))\n") == []


def test_an_old_excel_file_is_refused_with_the_catalogue_sentence(tmp_path):
    path = tmp_path / "liste.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(DiagError) as raised:
        read_sheet(path)
    assert str(raised.value) == Message.LIST_XLS.format(path=path)
    assert str(raised.value).endswith(
        "ancien format Excel (.xls) : enregistrez-le en .xlsx ou .csv"
    )


def test_a_list_without_siret_column_names_what_it_read(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text("Nom;Ville\nBoulangerie Martin;Toulon\n", encoding="utf-8")
    with pytest.raises(DiagError) as raised:
        checked_rows(read_sheet(path), path)
    missing = Message.IMPORT_COLUMNS_MISSING.format(names="« siret »", found="« Nom », « Ville »")
    assert str(raised.value).splitlines() == [
        Message.IMPORT_REFUSED.format(path=path, count=1),
        Message.IMPORT_AT_LINE.format(line=1, problem=missing),
    ]
