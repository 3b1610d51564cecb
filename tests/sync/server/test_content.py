"""Questionnaire versions (immutable once published) and campaign results (scoped, no contacts)."""

from __future__ import annotations

import uuid

from audits.loader import load_questionnaire
from tests.conftest import FIXTURES
from tests.sync.factories import batch, change

BOUTIQUE = load_questionnaire(FIXTURES / "store" / "boutique.yaml").model_dump(mode="json")


def body(questionnaire_id: str, **changes):
    return {**BOUTIQUE, "id": questionnaire_id, **changes}


def new_id():
    return f"q_{uuid.uuid4().hex[:8]}"


def test_an_admin_publishes_a_version_that_devices_can_download(server, advisor):
    admin = server.account("admin", org_id=advisor.org_id)
    qid = new_id()
    payload = {"title": "Énergie", "kind": "energy", "body": body(qid)}
    assert admin.put(f"/questionnaires/{qid}/1", json=payload).status_code == 201
    assert admin.put(f"/questionnaires/{qid}/1", json=payload).status_code == 200
    listed = [
        q
        for q in advisor.get("/questionnaires").json()["questionnaires"]
        if q["questionnaire_id"] == qid
    ]
    assert [q["version"] for q in listed] == [1]
    downloaded = advisor.get(f"/questionnaires/{qid}/1").json()
    assert downloaded["body"] == body(qid) and downloaded["sha256"] == listed[0]["sha256"]


def test_a_published_version_never_changes(server):
    admin = server.account("admin")
    qid = new_id()
    admin.put(f"/questionnaires/{qid}/1", json={"title": "A", "kind": "energy", "body": body(qid)})
    other = body(qid, title="Autre titre")
    changed = admin.put(
        f"/questionnaires/{qid}/1", json={"title": "A", "kind": "energy", "body": other}
    )
    assert changed.status_code == 409
    assert changed.json()["error"]["code"] == "QUESTIONNAIRE_IMMUTABLE"


def test_a_questionnaire_the_devices_could_not_load_is_refused(server):
    admin = server.account("admin")
    qid = new_id()
    broken = body(qid, sections=[{"id": "s1", "title": "Vide", "questions": []}])
    response = admin.put(
        f"/questionnaires/{qid}/1", json={"title": "A", "kind": "energy", "body": broken}
    )
    assert response.status_code == 422
    assert response.json()["error"]["details"]["problems"]
    mismatch = admin.put(
        f"/questionnaires/{qid}/2", json={"title": "A", "kind": "energy", "body": body(qid)}
    )
    assert mismatch.status_code == 422 and "@1" in mismatch.json()["error"]["message"]


def test_only_admins_publish_and_unknown_versions_are_not_found(advisor):
    payload = {"title": "A", "kind": "energy", "body": body("energie")}
    assert (
        advisor.put("/questionnaires/energie/1", json=payload).json()["error"]["code"]
        == "FORBIDDEN"
    )
    assert advisor.get("/questionnaires/inconnu/9").json()["error"]["code"] == "NOT_FOUND"


def campaign_with_one_audit(advisor, consent_at="2026-11-02T10:00:00Z"):
    campaign = change("campaigns", name="Commerces du centre")
    shop = change("establishments", name="Boulangerie", contact_email="jean@example.fr", siret="1")
    link = change(
        "campaign_establishments",
        campaign_id=campaign["id"],
        establishment_id=shop["id"],
        consent_at=consent_at,
    )
    audit = change(
        "audits", campaign_id=campaign["id"], establishment_id=shop["id"], status="completed"
    )
    action = change("actions", audit_id=audit["id"], title="LED", kwh_year=1200)
    advisor.post("/sync/push", json=batch([campaign, shop, link, audit, action]))
    return campaign["id"]


def test_an_association_sees_only_the_campaigns_shared_with_it_without_contacts(server, advisor):
    campaign_id = campaign_with_one_audit(advisor)
    viewer = server.account("viewer", kind="association")
    assert viewer.get(f"/campaigns/{campaign_id}/results").status_code == 404
    assert viewer.get("/campaigns").json() == {"campaigns": []}
    admin = server.account("admin", org_id=advisor.org_id)
    assert admin.put(f"/campaigns/{campaign_id}/viewers/{viewer.org_id}").status_code == 204
    assert [c["id"] for c in viewer.get("/campaigns").json()["campaigns"]] == [campaign_id]
    results = viewer.get(f"/campaigns/{campaign_id}/results").json()
    assert [a["status"] for a in results["audits"]] == ["completed"]
    assert [a["title"] for a in results["actions"]] == ["LED"]
    [shop] = results["establishments"]
    assert shop["name"] == "Boulangerie" and "contact_email" not in shop


def test_another_chamber_cannot_read_nor_share_a_campaign(server, advisor):
    campaign_id = campaign_with_one_audit(advisor)
    stranger = server.account("admin")
    assert stranger.get(f"/campaigns/{campaign_id}/results").status_code == 404
    response = stranger.put(f"/campaigns/{campaign_id}/viewers/{stranger.org_id}")
    assert (response.status_code, response.json()["error"]["code"]) == (404, "NOT_FOUND")
    assert advisor.get(f"/campaigns/{campaign_id}/results").status_code == 200


def test_an_association_does_not_see_the_name_of_a_shop_that_did_not_consent(server, advisor):
    campaign_id = campaign_with_one_audit(advisor, consent_at=None)
    viewer = server.account("viewer", kind="association")
    admin = server.account("admin", org_id=advisor.org_id)
    assert admin.put(f"/campaigns/{campaign_id}/viewers/{viewer.org_id}").status_code == 204
    results = viewer.get(f"/campaigns/{campaign_id}/results").json()
    assert results["establishments"] == []
    assert [a["status"] for a in results["audits"]] == ["completed"]
    chamber = admin.get(f"/campaigns/{campaign_id}/results").json()
    assert [shop["name"] for shop in chamber["establishments"]] == ["Boulangerie"]
