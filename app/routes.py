"""Which screen answers which route name (the navigator's stack holds names and params)."""

from __future__ import annotations

from app.views.campaign import CampaignScreen
from app.views.establishment_form import EstablishmentFormScreen
from app.views.establishments import EstablishmentScreen, EstablishmentsScreen
from app.views.follow_up import FollowUpScreen
from app.views.home import HomeScreen
from app.views.new_audit import NewAuditScreen
from app.views.plan import PlanScreen
from app.views.review import ReviewScreen
from app.views.screen import Screen
from app.views.settings import SettingsScreen
from app.views.sign import SignScreen
from app.views.sync import SyncScreen
from app.views.wizard import WizardScreen

SCREENS: dict[str, type[Screen]] = {
    "home": HomeScreen,
    "establishments": EstablishmentsScreen,
    "establishment": EstablishmentScreen,
    "establishment_form": EstablishmentFormScreen,
    "new_audit": NewAuditScreen,
    "wizard": WizardScreen,
    "review": ReviewScreen,
    "plan": PlanScreen,
    "sign": SignScreen,
    "follow_up": FollowUpScreen,
    "sync": SyncScreen,
    "settings": SettingsScreen,
    "campaign": CampaignScreen,
}
