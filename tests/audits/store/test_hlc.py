from __future__ import annotations

from pathlib import Path

import pytest

from audits.answers import answered
from audits.questionnaire import Questionnaire
from audits.store import open_store
from audits.store.answers import save_answer
from audits.store.audits import create_audit
from audits.store.hlc import HybridClock, format_rev, parse_rev
from audits.store.questionnaires import import_questionnaire
from tests.audits.store.conftest import FakeClock, make_shop


def test_revs_increase_and_sort_as_text_while_the_clock_moves_forward() -> None:
    clock = FakeClock(1_000)
    hlc = HybridClock("node", clock)
    first = hlc.tick()
    clock.ms = 2_000
    second = hlc.tick()
    assert first == "0000000001000-0000-node"
    assert second == "0000000002000-0000-node"
    assert first < second


def test_revs_keep_increasing_when_the_wall_clock_goes_backwards() -> None:
    clock = FakeClock(5_000_000)
    hlc = HybridClock("node", clock)
    revs = [hlc.tick()]
    for ms in (4_000_000, 1_000, 4_999_999, 5_000_000):
        clock.ms = ms
        revs.append(hlc.tick())
    assert revs == sorted(revs)
    assert len(set(revs)) == len(revs)
    assert all(parse_rev(rev)[0] == 5_000_000 for rev in revs)


def test_a_spent_counter_borrows_the_next_millisecond_instead_of_wrapping() -> None:
    hlc = HybridClock("node", FakeClock(1_000), wall_ms=1_000, counter=9_999)
    assert hlc.tick() == "0000000001001-0000-node"


def test_observing_a_later_rev_from_another_device_moves_the_clock_past_it() -> None:
    hlc = HybridClock("a", FakeClock(1_000))
    hlc.observe(format_rev(9_000, 7, "b"))
    assert hlc.tick() == "0000000009000-0008-a"


def test_parse_rev_refuses_what_is_not_a_rev() -> None:
    with pytest.raises(ValueError, match="not a rev"):
        parse_rev("yesterday")


def test_a_reopened_store_issues_revs_after_those_on_disk_even_with_the_clock_set_back(
    tmp_path: Path, boutique: Questionnaire
) -> None:
    path = tmp_path / "device.db"
    with open_store(path, now=FakeClock(1_800_000_000_000)) as store:
        import_questionnaire(store, boutique)
        audit = create_audit(store, make_shop(store).id, "boutique@1")
        save_answer(store, audit.id, "activite", answered("coiffure"))
        before = store.db.execute("SELECT max(rev) FROM answers").fetchone()[0]
    with open_store(path, now=FakeClock(1_600_000_000_000)) as store:
        save_answer(store, audit.id, "activite", answered("boulangerie"))
        after = store.db.execute("SELECT max(rev) FROM answers").fetchone()[0]
    assert after > before
