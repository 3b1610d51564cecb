"""The protocol models: what a device may send, and what every error code means."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from sync.protocol import MAX_BATCH, Change, ChangesPage, ErrorCode, PushRequest, PushResult
from sync.server.errors import CATALOGUE
from tests.sync.factories import batch, change, rev


def test_a_change_carries_a_hybrid_logical_clock_rev():
    assert Change.model_validate(change(rev_="1700000000000-0001-01a208d6-f393-771c")).rev
    with pytest.raises(ValidationError):
        Change.model_validate(change(rev_="2024-01-01"))


def test_table_names_and_ids_cannot_smuggle_sql_or_paths():
    for table, row_id in (("answers; drop", "x"), ("Answers", "x"), ("answers", "../etc/passwd")):
        with pytest.raises(ValidationError):
            Change.model_validate(change(table, row_id))


def test_a_batch_holds_at_most_500_changes():
    assert (
        len(PushRequest.model_validate(batch([change() for _ in range(MAX_BATCH)])).changes)
        == MAX_BATCH
    )
    with pytest.raises(ValidationError):
        PushRequest.model_validate(batch([change() for _ in range(MAX_BATCH + 1)]))


def test_unknown_fields_are_refused_rather_than_ignored():
    with pytest.raises(ValidationError):
        PushRequest.model_validate({**batch([]), "extra": 1})


def test_results_round_trip_through_json():
    result = PushResult(batch_id="b", applied=1, server_seq=3)
    assert PushResult.model_validate_json(result.model_dump_json()) == result
    page = ChangesPage(changes=[], next=3, more=False)
    assert ChangesPage.model_validate_json(page.model_dump_json()) == page


def test_revs_made_later_sort_later_as_text():
    assert rev("devA") < rev("devA")


@pytest.mark.parametrize("code", list(ErrorCode))
def test_every_error_code_has_a_status_and_a_french_message(code):
    status, message = CATALOGUE[code]
    assert 400 <= status < 600 and message.endswith(".")
