"""``build_report_data``: from a questionnaire, answers, score card and plan to ``ReportData``.

This is where answers become French sentences (« Oui », the choice's label, « 1 234 m² »),
where the advisor's notes and photos are attached to the findings of their theme (or of their
section, for a question outside every theme), and where a label audit's decision is read.
Plan lines, obligations and funding become rows in ``rows.py``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from audits.answers import Answers, AnswerStatus
from audits.evaluation import AuditState, evaluate
from audits.plan.models import Plan, PlanLine
from audits.questionnaire import Question, Questionnaire, QuestionType
from audits.reference import Reference
from audits.report import fmt
from audits.report.data import (
    AuditInfo,
    Decision,
    Establishment,
    Finding,
    ReportData,
    ThemeFindings,
    ThemeScoreRow,
    chamber_for,
)
from audits.report.rows import action_row, funding_rows, obligation_rows
from audits.scoring import ScoreCard, max_points, points

DECISION_QUESTIONS = ("avis_conseiller", "labels_suggeres", "points_a_lever")
"""A label audit's conclusion: the advisor's opinion, the labels proposed, the points to fix."""


def build_report_data(
    questionnaire: Questionnaire,
    establishment: Establishment,
    audit: AuditInfo,
    answers: Answers,
    scorecard: ScoreCard,
    plan: Plan,
    reference: Reference,
    notes: Mapping[str, str] | None = None,
    photos: Mapping[str, Sequence[Path]] | None = None,
) -> ReportData:
    kept = plan.kept_lines
    state = evaluate(questionnaire, answers, reference.numbers)
    kind = questionnaire.kind.value
    return ReportData(
        title=questionnaire.title,
        kind=kind,
        establishment=establishment,
        audit=audit if audit.chamber else audit.model_copy(update={"chamber": chamber_for(kind)}),
        score_percent=scorecard.percent,
        score_level=scorecard.level,
        themes=[
            ThemeScoreRow(title=t.title, percent=t.percent, level=t.level)
            for t in scorecard.themes
            if t.percent is not None
        ],
        findings=_findings(
            questionnaire, answers, state, scorecard, kept, notes or {}, photos or {}
        ),
        actions=[action_row(line, reference) for line in kept],
        totals=plan.totals,
        obligations=obligation_rows(plan, reference),
        funding=funding_rows(kept, reference),
        labels=[verdict for verdict in plan.labels if verdict.applies],
        decision=_decision(questionnaire, answers, state),
        observations=_observations(questionnaire, answers),
    )


Group = tuple[str, str]
"""``("theme", id)`` or, for questions outside every theme, ``("section", id)``."""


def _findings(
    questionnaire: Questionnaire,
    answers: Answers,
    state: AuditState,
    scorecard: ScoreCard,
    lines: Sequence[PlanLine],
    notes: Mapping[str, str],
    photos: Mapping[str, Sequence[Path]],
) -> list[ThemeFindings]:
    """Findings by theme, then by section for questions no theme holds.

    A note on the establishment's details (a shopping gallery of 6 500 m²) or on a label audit,
    which has no themes at all, is the advisor's word all the same: it must be printed.
    """
    groups: dict[Group, list[Finding]] = {}
    for question in questionnaire.questions():
        if not state.is_visible(question.id):
            continue
        finding = _finding(questionnaire, question, answers, state.values, notes, photos)
        if finding is not None:
            groups.setdefault(_group_of(questionnaire, question), []).append(finding)
    scores = {t.theme: t for t in scorecard.themes}
    result = []
    for theme in questionnaire.themes:
        findings = groups.get(("theme", theme.id), [])
        titles = [line.title for line in lines if line.theme == theme.id]
        score = scores.get(theme.id)
        if findings or titles:
            result.append(
                ThemeFindings(
                    title=theme.title,
                    percent=score.percent if score else None,
                    level=score.level if score else None,
                    findings=findings,
                    actions=titles,
                )
            )
    for section in questionnaire.sections:
        findings = groups.get(("section", section.id), [])
        if findings:
            result.append(ThemeFindings(title=section.title, findings=findings))
    return result


def _group_of(questionnaire: Questionnaire, question: Question) -> Group:
    theme = questionnaire.theme_of(question)
    if theme is not None:
        return ("theme", theme)
    return ("section", questionnaire.section_of_id(question.id))


def _decision(questionnaire: Questionnaire, answers: Answers, state: AuditState) -> Decision | None:
    """The advisor's opinion, proposed labels and points to fix, when the audit asks for them."""
    found: dict[str, Any] = {}
    for question_id in DECISION_QUESTIONS:
        value = state.values.get(question_id)
        if questionnaire.has_question(question_id) and value not in (None, "", []):
            found[question_id] = value
    if not found:
        return None
    opinion, labels, points = (
        questionnaire.question(q) if q in found else None for q in DECISION_QUESTIONS
    )
    return Decision(
        opinion=answer_text(opinion, found[opinion.id]) if opinion else None,
        labels=_choice_labels(labels, found[labels.id]) if labels else [],
        points=str(found[points.id]) if points else None,
    )


def _choice_labels(question: Question, codes: Any) -> list[str]:
    labels = {choice.code: choice.label for choice in question.choices or []}
    chosen = codes if isinstance(codes, list) else [codes]
    return [labels.get(str(code), str(code)) for code in chosen]


def _finding(
    questionnaire: Questionnaire,
    question: Question,
    answers: Answers,
    values: Mapping[str, Any],
    notes: Mapping[str, str],
    photos: Mapping[str, Sequence[Path]],
) -> Finding | None:
    answer = answers.get(question.id)
    value = values.get(question.id)
    gap = (
        value is not None
        and max_points(question) > 0
        and points(questionnaire, question, value) < max_points(question)
    )
    note = notes.get(question.id)
    pictures = list(photos.get(question.id, []))
    if not (gap or note or pictures):
        return None
    status = answer.status if answer is not None else None
    return Finding(
        question=question.label,
        answer=answer_text(question, value, status),
        gap=gap,
        scored=max_points(question) > 0,
        note=note,
        photos=pictures,
    )


def answer_text(question: Question, value: Any, status: AnswerStatus | None = None) -> str:
    """An answer as the owner reads it."""
    if status is AnswerStatus.NOT_APPLICABLE:
        return "Sans objet"
    if status is AnswerStatus.UNKNOWN:
        return "Ne sait pas"
    if value is None:
        return "Non renseigné"
    labels = {choice.code: choice.label for choice in question.choices or []}
    if question.type is QuestionType.BOOL:
        return "Oui" if value else "Non"
    if question.type is QuestionType.CHOICE:
        return labels.get(str(value), str(value))
    if question.type is QuestionType.MULTI:
        return ", ".join(labels.get(code, code) for code in value) or "Aucun"
    if isinstance(value, int | float):
        decimals = 0 if float(value).is_integer() else 1
        return f"{fmt.number(value, decimals)} {question.unit or ''}".strip()
    if question.type is QuestionType.PHOTO:
        return f"{len(value)} photo(s)"
    return str(value)


def _observations(questionnaire: Questionnaire, answers: Answers) -> str | None:
    """The free-text closing remarks of the audit, if the questionnaire has such a question."""
    for question_id in ("observations", "observations_conseiller", "commentaire"):
        answer = answers.get(question_id)
        if answer is not None and answer.is_answered and answer.value:
            return str(answer.value)
    return None


def establishment_from(raw: Mapping[str, Any]) -> Establishment:
    """The ``establishment:`` block of an answers file (unknown keys are ignored)."""
    known = set(Establishment.model_fields)
    fields = {key: str(value) for key, value in raw.items() if key in known and value is not None}
    fields.setdefault("name", "Établissement")
    return Establishment(**fields)
