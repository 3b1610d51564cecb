"""Recomputation keeps the advisor's decisions; advisor operations; invariants of every plan."""

from __future__ import annotations

import datetime as dt

import pytest

from audits.answers import Answer
from audits.errors import DiagError
from audits.plan import (
    LineStatus,
    accept,
    assign,
    build_plan,
    custom_line,
    edit,
    merge_plan,
    record_follow_up,
    reject,
    with_line,
)
from tests.audits.plan.helpers import AUDIT_DAY, example, example_plan, shipped_reference

BAKERY = "boulangerie-energie.yaml"


def rebuilt(changes: dict[str, Answer]):
    questionnaire, answers = example(BAKERY)
    return build_plan(questionnaire, {**answers.answers, **changes}, shipped_reference(), AUDIT_DAY)


@pytest.fixture
def plan():
    return example_plan(BAKERY, shipped_reference())


def test_recompute_updates_untouched_lines_only(plan):
    edited = edit(plan.line("fermer_porte"), plan.valuation, kwh={"electricite": 999})
    accepted = accept(plan.line("consigne_chauffage_19"))
    owned = assign(plan.line("prechauffe_four"), owner="Julien", deadline=dt.date(2027, 1, 31))
    changed = {line.action_id: line for line in (edited, accepted, owned)}
    lines = [changed.get(line.action_id, line) for line in plan.lines]
    # the heating share doubles: every heating estimate changes
    new = rebuilt({"conso_chauffage_connue": Answer(value=21_600)})
    merged = merge_plan(lines, new)
    assert merged.line("fermer_porte").figures.kwh_total == 999
    assert merged.line("consigne_chauffage_19").figures.kwh_total == 1512
    assert merged.line("programmer_chauffage").figures.kwh_total == pytest.approx(3240)
    assert merged.line("prechauffe_four").owner == "Julien"


def test_untriggered_line_leaves_unless_decided(plan):
    rejected = reject(plan.line("fermer_porte"), "porte automatique prévue")
    lines = [rejected if line.action_id == "fermer_porte" else line for line in plan.lines]
    new = rebuilt({"porte_ouverte": Answer(value="jamais"), "consigne_hiver": Answer(value=19)})
    merged = merge_plan(lines, new)
    ids = {line.action_id for line in merged.lines}
    assert "consigne_chauffage_19" not in ids
    kept = merged.line("fermer_porte")
    assert kept.status is LineStatus.REJECTED and not kept.triggered and kept.priority == 0


def test_rejected_lines_leave_the_totals(plan):
    without = with_line(plan, reject(plan.line("pac_air_air")))
    assert without.totals.cost == pytest.approx(plan.totals.cost - 4000)
    assert without.totals.kwh < plan.totals.kwh


def test_custom_line_and_follow_up(plan):
    custom = custom_line(
        "isoler_porte_fournil",
        "Isoler la porte du fournil",
        plan.valuation,
        kwh={"electricite": 500},
        cost=300,
    )
    added = with_line(plan, custom, new=True)
    assert added.line("isoler_porte_fournil").figures.eur == pytest.approx(100)
    with pytest.raises(DiagError):
        with_line(added, custom, new=True)
    done = record_follow_up(
        accept(plan.line("fermer_porte")),
        dt.date(2027, 11, 20),
        plan.valuation,
        kwh={"electricite": 1400},
    )
    assert done.status is LineStatus.DONE
    assert done.follow_up.eur == pytest.approx(280)
    assert done.figures.kwh_total == 1620
    merged = merge_plan([*added.lines, done], rebuilt({}))
    assert merged.line("isoler_porte_fournil").custom
    assert merged.line("fermer_porte").status is LineStatus.DONE


def test_refused_transition_is_a_french_error(plan):
    done = record_follow_up(plan.line("fermer_porte"), AUDIT_DAY, plan.valuation)
    with pytest.raises(DiagError, match="impossible de passer"):
        reject(done)


@pytest.mark.parametrize("consumption", [1_000, 5_000, 20_000, 90_000])
def test_totals_never_exceed_declared_consumption(consumption):
    plan = rebuilt({"conso_electricite_kwh": Answer(value=consumption)})
    for total in plan.totals.energies:
        assert total.kwh <= total.declared_kwh
    assert plan.totals.share <= 1


def test_no_line_saves_more_than_its_use(plan):
    for line in plan.lines:
        for energy, kwh in line.figures.kwh.items():
            use = line.figures.use_kwh.get(energy)
            assert use is None or kwh <= use


def test_expired_funding_is_never_offered():
    questionnaire, answers = example(BAKERY)
    reference = shipped_reference()
    before = build_plan(questionnaire, answers.answers, reference, dt.date(2025, 6, 1))
    after = build_plan(questionnaire, answers.answers, reference, dt.date(2026, 1, 1))
    offered_after = {f for line in after.lines for f in line.funding}
    assert "ademe_tremplin" not in offered_after
    for line in after.lines:
        for scheme in line.funding:
            assert reference.funding[scheme].open_on(dt.date(2026, 1, 1))
    assert {f for line in before.lines for f in line.funding} >= offered_after - {
        "baisse_les_watts"
    }
