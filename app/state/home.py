"""Home: today's visits, drafts to finish, changes waiting to sync, the campaigns I am in."""

from __future__ import annotations

from app.state.context import AppContext
from audits.fieldwork.dashboard import CampaignLine, campaign_lines, open_conflicts
from audits.fieldwork.dashboard import pending_changes as pending_by_kind
from audits.store.audit_rows import get_audit
from audits.store.questionnaires import stored_questionnaire
from audits.store.search import AuditLine, list_audits, visits_on


class HomeVM:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.visits: list[AuditLine] = []
        self.drafts: list[AuditLine] = []
        self.pending: dict[str, int] = {}
        self.conflicts = 0
        self.campaigns: list[CampaignLine] = []
        self.load()

    def load(self) -> None:
        store = self.ctx.store
        self.visits = visits_on(store, self.ctx.today())
        today_ids = {line.id for line in self.visits}
        self.drafts = [line for line in list_audits(store, "draft") if line.id not in today_ids]
        self.pending = pending_by_kind(store)
        self.conflicts = len(open_conflicts(store))
        self.campaigns = campaign_lines(store)

    @property
    def greeting(self) -> str:
        name = (
            self.ctx.settings.advisor_name.split(" ")[0] if self.ctx.settings.advisor_name else ""
        )
        return f"Bonjour {name}".strip()

    @property
    def pending_total(self) -> int:
        return sum(self.pending.values())

    @property
    def last_sync(self) -> str:
        return self.ctx.settings.last_sync_at

    def title_of(self, questionnaire_ref: str) -> str:
        return stored_questionnaire(self.ctx.store, questionnaire_ref).title

    def kind_of(self, questionnaire_ref: str) -> str:
        return stored_questionnaire(self.ctx.store, questionnaire_ref).kind.value


def audit_screen(ctx: AppContext, audit_id: str) -> str:
    """Where an audit opens: a draft in the wizard (a follow-up on its list of actions done),
    a finished or signed one on its plan."""
    audit = get_audit(ctx.store, audit_id)
    if audit.status != "draft":
        return "plan"
    return "follow_up" if audit.follow_up_of else "wizard"
