"""Real device databases for the sync tests: a store, logged in to a test server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from audits.answers import Answer
from audits.loader import load_questionnaire
from audits.store import Store, open_store
from audits.store.answers import save_answer
from audits.store.audits import create_audit
from audits.store.establishments import create_establishment
from audits.store.questionnaires import import_questionnaire
from sync import device
from sync.client import Retry, SyncClient
from sync.runner import SyncReport, synchronise
from tests.conftest import FIXTURES
from tests.sync.servers import PASSWORD, Account

BOUTIQUE = load_questionnaire(FIXTURES / "store" / "boutique.yaml")
SIRET = "73282932000074"


def new_device(path: Path, account: Account) -> Store:
    store = open_store(path)
    import_questionnaire(store, BOUTIQUE)
    result = SyncClient(account.server.url).login(account.username, PASSWORD, store.device_id)
    device.save_login(
        store,
        server_url=account.server.url,
        token=result.token,
        user_id=result.user.id,
        org_id=result.user.org_id,
    )
    return store


def client_of(store: Store, **options: Any) -> SyncClient:
    server_url, token = device.credentials(store)
    assert server_url and token
    options.setdefault("retry", Retry(attempts=3, backoff=0.01))
    return SyncClient(server_url, token, **options)


def sync(store: Store, **options: Any) -> SyncReport:
    return synchronise(store, client_of(store, **options))


def new_audit(store: Store) -> str:
    shop = create_establishment(
        store, {"siret": SIRET, "name": "Boulangerie Martin", "commune": "Apt"}
    )
    return create_audit(store, shop.id, "boutique").id


def answer(store: Store, audit_id: str, question_id: str, value: Any, **kwargs: Any) -> str:
    return save_answer(store, audit_id, question_id, Answer(value=value), **kwargs)


def answers(store: Store, audit_id: str) -> dict[str, Any]:
    rows = store.db.execute(
        "SELECT question_id, value FROM answers WHERE audit_id = ? AND deleted = 0", [audit_id]
    ).fetchall()
    return dict(rows)


def conflicts(store: Store) -> list[dict[str, Any]]:
    cursor = store.db.execute(
        "SELECT table_name, row_id, kept_rev, lost_rev, lost_data FROM conflicts"
    )
    return [dict(zip([d[0] for d in cursor.description], row, strict=True)) for row in cursor]
