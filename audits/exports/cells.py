"""How one value is written in an export cell, and the fixed columns of the plans table.

Booleans are « oui » / « non » (what a French user filters on), several codes are joined by
spaces like ODK's select_multiple, « sans objet » and « je ne sais pas » answers are the codes
``sans_objet`` and ``ne_sait_pas``. XLSX cells keep numbers as numbers; CSV writes them with
the dialect's decimal mark.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from audits.plan.models import ENERGIES

STATUS_CODES = {"not_applicable": "sans_objet", "unknown": "ne_sait_pas"}

PLAN_COLUMNS: tuple[tuple[str, str], ...] = (
    ("_audit", "Identifiant de l'audit"),
    ("_questionnaire", "Questionnaire"),
    ("_version", "Version du questionnaire"),
    ("_etablissement_id", "Identifiant de l'établissement"),
    ("_siret", "SIRET"),
    ("_etablissement", "Nom de l'établissement"),
    ("_campagne", "Campagne"),
    ("_statut", "Statut de l'audit"),
    ("action", "Clé de l'action (catalogue, ou custom_… pour une action libre)"),
    ("titre", "Intitulé"),
    ("theme", "Thème"),
    ("catalogue", "Action du catalogue (oui/non)"),
    ("statut", "proposed, accepted, rejected, done"),
    ("priorite", "Rang dans le plan"),
    ("kwh_an", "Économie estimée, kWh/an"),
    *((f"kwh_{energy}", f"dont {energy}, kWh/an") for energy in ENERGIES),
    ("eur_an", "Économie estimée, € HT/an"),
    ("kgco2e_an", "Émissions évitées, kgCO2e/an"),
    ("cout_eur", "Coût, € HT"),
    ("aide_eur", "Aide attendue, €"),
    ("retour_ans", "Temps de retour net, années"),
    ("obligation", "Obligation réglementaire visée"),
    ("financements", "Financements (identifiants séparés par des espaces)"),
    ("responsable", "Responsable"),
    ("echeance", "Échéance"),
    ("kwh_realises_an", "Économie mesurée au suivi, kWh/an"),
    ("eur_realises_an", "Économie mesurée au suivi, €/an"),
    ("note", "Note du conseiller"),
)
"""Fixed: a new column may only be appended at the end."""


def answer_cell(answer: Mapping[str, Any] | None) -> Any:
    """The cell of one answer: its value, a status code, or None when unanswered."""
    if answer is None:
        return None
    status = answer.get("status")
    if status in STATUS_CODES:
        return STATUS_CODES[str(status)]
    return plain(answer.get("value"))


def plain(value: Any) -> Any:
    """A value as a spreadsheet cell: text, number or None."""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    if isinstance(value, dict):
        return " ".join(f"{k}={v}" for k, v in value.items())
    return value


def plan_cells(meta: Mapping[str, Any], line: Mapping[str, Any]) -> list[Any]:
    """One plan line as a row of ``PLAN_COLUMNS``."""
    by_energy = line.get("kwh_by_energy") or {}
    values = [meta.get(name) for name, _ in PLAN_COLUMNS[:8]]
    values += [
        line["action_key"], line["title"], line.get("theme"), plain(line["from_catalogue"]),
        line["status"], line.get("priority"), line.get("kwh_year"),
        *(by_energy.get(energy) for energy in ENERGIES),
        line.get("eur_year"), line.get("kgco2e_year"), line.get("cost_eur"),
        line.get("aid_eur"), line.get("payback_years"), line.get("obligation"),
        plain(line.get("funding") or []) or None, line.get("owner"), line.get("deadline"),
        line.get("achieved_kwh_year"), line.get("achieved_eur_year"), line.get("note"),
    ]  # fmt: skip
    return values


def text_cell(value: Any, decimal: str) -> str:
    """A cell as CSV text: numbers with the dialect's decimal mark, None as empty."""
    if value is None:
        return ""
    if isinstance(value, float):
        written = repr(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
        return written.replace(".", decimal)
    return str(value)
