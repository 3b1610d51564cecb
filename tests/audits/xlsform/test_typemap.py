"""XLSForm types onto ours, through pyxform's type dictionary."""

from __future__ import annotations

import pytest

from audits.questionnaire import QuestionType as T
from audits.xlsform.typemap import is_bool_list, row_type


@pytest.mark.parametrize(
    ("xlsform", "ours"),
    [
        ("integer", T.INT),
        ("int", T.INT),
        ("decimal", T.NUMBER),
        ("text", T.TEXT),
        ("date", T.DATE),
        ("time", T.TIME),
        ("image", T.PHOTO),
        ("photo", T.PHOTO),
        ("note", T.NOTE),
        ("calculate", T.COMPUTED),
        ("acknowledge", T.BOOL),
        ("select_one liste", T.CHOICE),
        ("select one liste", T.CHOICE),
        ("select_multiple liste", T.MULTI),
        ("range", T.NUMBER),
    ],
)
def test_a_type_with_an_equivalent_is_mapped_exactly(xlsform, ours):
    found = row_type(xlsform)
    assert (found.kind, found.type, found.approximation) == ("question", ours, None)


@pytest.mark.parametrize(
    ("xlsform", "ours"),
    [("datetime", T.DATE), ("barcode", T.TEXT), ("select_one_from_file communes.csv", T.TEXT)],
)
def test_a_type_without_an_exact_equivalent_is_approximated_and_says_why(xlsform, ours):
    found = row_type(xlsform)
    assert found.type is ours and found.approximation


@pytest.mark.parametrize("xlsform", ["start", "end", "today", "deviceid", "username", "audit"])
def test_metadata_is_recognised_as_such(xlsform):
    assert row_type(xlsform).kind == "metadata"


@pytest.mark.parametrize("xlsform", ["geopoint", "audio", "video", "file", "rank liste", "xyz"])
def test_a_type_with_no_equivalent_is_unsupported(xlsform):
    assert row_type(xlsform).kind == "unsupported"


def test_groups_and_repeats_are_told_apart():
    assert (row_type("begin group").kind, row_type("begin group").repeat) == ("begin", False)
    assert row_type("begin_repeat").repeat and row_type("end repeat").kind == "end"


def test_only_a_conventional_yes_no_list_becomes_a_yes_no_question():
    assert is_bool_list("yes_no", ["yes", "no"])
    assert is_bool_list("oui_non", ["non", "oui"])
    assert not is_bool_list("yes_no", ["yes", "no", "dk"])
    assert not is_bool_list("reponses", ["yes", "no"])
