from __future__ import annotations

import pytest

from audits.store import Store
from audits.store.actions import PlanLine, actions_of, add_custom, edit_action, propose
from audits.store.audit_rows import Audit
from audits.store.errors import StoreError


def line(key: str = "led", **fields: object) -> PlanLine:
    return PlanLine.model_validate({"action_key": key, "title": "Passer en LED", **fields})


def test_the_engine_refreshes_a_line_the_advisor_left_alone(store: Store, audit: Audit) -> None:
    first = propose(store, audit.id, line(kwh_year=1200, priority=2))
    again = propose(store, audit.id, line(kwh_year=900, priority=2))
    [stored] = actions_of(store, audit.id)
    assert (first, stored["kwh_year"], stored["edited"]) == (again, 900, False)


def test_a_line_the_advisor_edited_or_accepted_is_not_overwritten(
    store: Store, audit: Audit
) -> None:
    led = propose(store, audit.id, line(kwh_year=1200))
    edit_action(store, led, {"kwh_year": 1500, "owner": "gérant"})
    propose(store, audit.id, line(kwh_year=900))
    rideaux = propose(store, audit.id, line("rideaux", title="Rideaux de nuit"))
    edit_action(store, rideaux, {"status": "accepted"})
    propose(store, audit.id, line("rideaux", title="Rideaux (recalculé)"))
    by_key = {row["action_key"]: row for row in actions_of(store, audit.id)}
    assert (by_key["led"]["kwh_year"], by_key["led"]["owner"]) == (1500, "gérant")
    assert (by_key["rideaux"]["title"], by_key["rideaux"]["status"]) == (
        "Rideaux de nuit",
        "accepted",
    )


def test_a_custom_line_gets_its_own_key(store: Store, audit: Audit) -> None:
    add_custom(store, audit.id, line("x", title="Changer le joint de la chambre froide"))
    [custom] = actions_of(store, audit.id)
    assert custom["action_key"].startswith("custom_")
    assert (custom["from_catalogue"], custom["edited"]) == (False, True)


def test_an_invalid_edit_is_refused_in_french(store: Store, audit: Audit) -> None:
    led = propose(store, audit.id, line())
    with pytest.raises(StoreError, match="action : « status » : « fini » n'est pas permis"):
        edit_action(store, led, {"status": "fini"})
