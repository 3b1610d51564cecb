"""``build_report_data``: from a questionnaire, answers, score card and plan to ``ReportData``.

This is where answers become French sentences (« Oui », the choice's label, « 1 234 m² »),
where obligation and funding ids become their titles and texts, and where the advisor's notes
and photos are attached to the findings of their theme.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from audits.answers import Answers, AnswerStatus
from audits.evaluation import evaluate
from audits.plan.models import LineStatus, Plan, PlanLine
from audits.questionnaire import Question, Questionnaire, QuestionType
from audits.reference import Reference
from audits.report import fmt
from audits.report.data import (
    ActionRow,
    AuditInfo,
    Establishment,
    Finding,
    FundingRow,
    ObligationRow,
    ReportData,
    ThemeFindings,
    ThemeScoreRow,
)
from audits.scoring import ScoreCard, max_points, points

OBLIGATION_STATUS = {
    "a_regulariser": "À régulariser",
    "conforme": "Pas d'écart constaté",
    "non_verifie": "Non vérifié",
}


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
    kept = [line for line in plan.lines if line.status is not LineStatus.REJECTED]
    return ReportData(
        title=questionnaire.title,
        kind=questionnaire.kind.value,
        establishment=establishment,
        audit=audit,
        score_percent=scorecard.percent,
        score_level=scorecard.level,
        themes=[
            ThemeScoreRow(title=t.title, percent=t.percent, level=t.level)
            for t in scorecard.themes
            if t.percent is not None
        ],
        findings=_findings(
            questionnaire, answers, scorecard, kept, reference, notes or {}, photos or {}
        ),
        actions=[_action_row(line, reference) for line in kept],
        totals=plan.totals,
        obligations=_obligations(plan, reference),
        funding=_funding(kept, reference),
        labels=[verdict for verdict in plan.labels if verdict.applies],
        observations=_observations(questionnaire, answers),
    )


def _action_row(line: PlanLine, reference: Reference) -> ActionRow:
    figures = line.figures
    obligation = reference.obligations.get(line.obligation) if line.obligation else None
    return ActionRow(
        priority=line.priority,
        title=line.title,
        description=line.description,
        theme=line.theme_title,
        category=line.category,
        kwh=figures.kwh_total,
        eur=figures.eur,
        kgco2e=figures.kgco2e,
        cost=figures.cost,
        aid=figures.aid,
        payback_years=figures.payback_years,
        effort=line.effort,
        obligation=obligation.title if obligation else None,
        funding=[reference.funding[f].title for f in line.funding if f in reference.funding],
        indicative=line.indicative,
        aid_indicative=line.aid_indicative,
        computed=figures.computed,
        status=line.status,
        owner=line.owner,
        deadline=line.deadline,
        achieved_eur=line.follow_up.eur if line.follow_up else None,
    )


def _obligations(plan: Plan, reference: Reference) -> list[ObligationRow]:
    rows = []
    for check in plan.obligations:
        item = reference.obligations.get(check.obligation)
        if item is None or check.status == "sans_objet":
            continue
        rows.append(
            ObligationRow(
                title=item.title,
                text=item.text,
                rule=item.rule,
                sanction=item.sanction,
                status=OBLIGATION_STATUS[check.status],
                verified=item.verified,
            )
        )
    order = list(OBLIGATION_STATUS.values())
    return sorted(rows, key=lambda row: order.index(row.status))


def _funding(lines: Sequence[PlanLine], reference: Reference) -> list[FundingRow]:
    used: dict[str, list[str]] = {}
    for line in lines:
        for scheme_id in line.funding:
            used.setdefault(scheme_id, []).append(line.title)
    rows = []
    for scheme_id, titles in used.items():
        scheme = reference.funding.get(scheme_id)
        if scheme is None:
            continue
        end = f"jusqu'au {fmt.long_date(scheme.end)}" if scheme.end else "sans date de fin"
        rows.append(
            FundingRow(
                title=scheme.title,
                organisme=scheme.organisme,
                eligibility=scheme.eligibility,
                how_to_apply=scheme.how_to_apply,
                url=scheme.url,
                amount=scheme.amount,
                validity=f"Depuis le {fmt.long_date(scheme.start)}, {end}",
                indicative=scheme.kind == "cee" or not scheme.verified,
                actions=titles,
            )
        )
    return rows


def _findings(
    questionnaire: Questionnaire,
    answers: Answers,
    scorecard: ScoreCard,
    lines: Sequence[PlanLine],
    reference: Reference,
    notes: Mapping[str, str],
    photos: Mapping[str, Sequence[Path]],
) -> list[ThemeFindings]:
    state = evaluate(questionnaire, answers, reference.numbers)
    scores = {t.theme: t for t in scorecard.themes}
    result = []
    for theme in questionnaire.themes:
        findings = []
        for question in questionnaire.questions():
            if questionnaire.theme_of(question) != theme.id or not state.is_visible(question.id):
                continue
            finding = _finding(questionnaire, question, answers, state.values, notes, photos)
            if finding is not None:
                findings.append(finding)
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
    return result


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
