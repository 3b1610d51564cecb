"""The export choices the campaign screen and the settings offer, in the user's words.

One file per choice (see ``audits.fieldwork.audit_export``): CSV comes zipped because it
holds two tables, XLSX is one workbook, JSON one document.
"""

from __future__ import annotations

from audits.fieldwork.audit_export import ExportFile, ExportFormat
from audits.report import fmt

CHOICES: tuple[tuple[ExportFormat, str, str], ...] = (
    ("xlsx", "Excel (XLSX)", "Un classeur : réponses, actions et dictionnaire des colonnes."),
    ("csv", "CSV (ZIP)", "Deux tableaux, réponses et actions, pour Excel ou un tableur."),
    ("json", "JSON", "Chaque audit avec ses réponses et son plan, pour un logiciel."),
)


def export_message(file: ExportFile) -> str:
    """« 46 audits et 412 actions exportés » before the device's own message."""
    audits = f"{fmt.number(file.audits)} audit{'s' if file.audits > 1 else ''}"
    if file.actions is None:
        return f"{audits} exporté{'s' if file.audits > 1 else ''}"
    actions = f"{fmt.number(file.actions)} action{'s' if file.actions > 1 else ''}"
    return f"{audits} et {actions} exportés"
