"""Home screen: today's visits, drafts, waiting changes, campaigns; tabs and layouts."""

from __future__ import annotations

import flet as ft
import pytest

from app.state.home import HomeVM, audit_screen
from tests.app.conftest import start_app


@pytest.mark.asyncio
async def test_home_lists_todays_visits_drafts_and_campaigns(demo_db, device):
    h = await start_app(demo_db, device)
    assert h.find("title").value == "Accueil"
    assert h.has_text("Aujourd'hui, 23/11/2026 · 5 visites prévues")
    assert h.has_text("Commerces économes de la rue des Marchands")
    assert h.has_text("Le Grand Café des Marchands")
    assert h.has_text("À envoyer · synchro jamais faite")


@pytest.mark.asyncio
async def test_navigation_tabs_switch_screens(demo_db, device):
    h = await start_app(demo_db, device)
    rail = next(c for c in h.walk() if isinstance(c, ft.NavigationRail))
    for index, title in ((1, "Établissements"), (2, "Synchronisation"), (3, "Réglages")):
        h.type_into(rail, index, "selected_index")
        await h.fire(rail, "change")
        assert h.find("title").value == title
    h.type_into(rail, 0, "selected_index")
    await h.fire(rail, "change")
    assert h.find("title").value == "Accueil"


@pytest.mark.asyncio
async def test_a_phone_gets_a_bottom_bar_and_a_resize_brings_the_rail(demo_db, device):
    h = await start_app(demo_db, device, width=390)
    assert h.page.navigation_bar is not None
    await h.fire(h.page, "resize", {"width": 1200, "height": 800})
    assert h.page.navigation_bar is None
    assert any(isinstance(c, ft.NavigationRail) for c in h.walk())


@pytest.mark.asyncio
async def test_new_audit_starts_by_choosing_the_establishment(demo_db, device):
    h = await start_app(demo_db, device)
    await h.click("new-audit")
    assert h.find("title").value == "Établissements"
    assert h.has_text("Choisissez l'établissement visité, ou créez-le.")


def test_home_vm_counts(ctx):
    vm = HomeVM(ctx)
    assert len(vm.visits) == 5 and all(line.planned_on == "2026-11-23" for line in vm.visits)
    assert all(line.status == "draft" for line in vm.drafts)
    assert vm.pending_total > 0 and vm.conflicts == 0
    assert vm.campaigns[0].progress.establishments == 10
    assert audit_screen(ctx, vm.visits[0].id) == "wizard"
    ctx.settings.advisor_name = "Claire Dumas"
    assert vm.greeting == "Bonjour Claire"
