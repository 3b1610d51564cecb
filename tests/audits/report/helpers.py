"""Report data of the example answers files, and a rendered PDF's text read back with pypdf."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from audits.report.builder import build_report_data, establishment_from
from audits.report.data import AuditInfo
from audits.scoring import score
from tests.audits.plan.helpers import AUDIT_DAY, example, example_plan, shipped_reference


def report_for(name: str, chamber: str | None = None):
    questionnaire, answers = example(name)
    reference = shipped_reference()
    plan = example_plan(name, reference)
    audit = AuditInfo(date=AUDIT_DAY, advisor=answers.advisor or "Conseiller", chamber=chamber)
    card = score(questionnaire, answers.answers, reference.numbers)
    return build_report_data(
        questionnaire,
        establishment_from(answers.establishment),
        audit,
        answers.answers,
        card,
        plan,
        reference,
        answers.notes,
        answers.photos,
    )


def pdf_text(path: Path) -> tuple[list[str], str]:
    pages = [page.extract_text() for page in PdfReader(path).pages]
    joined = re.sub(r"[\s\u202f\u00a0]+", " ", "\n".join(pages))
    return pages, joined
