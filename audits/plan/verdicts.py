"""Label verdicts and the obligations checklist, read from the visible answers.

A criterion whose condition fails only because a visible question is still unanswered is
« à vérifier », not « non rempli »: the advisor must not tell an artisan they fail a label for
a question nobody asked. Hidden questions do not count, they are out of the audit's scope.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from audits.evaluation import AuditState
from audits.expressions import EvaluationError, Expression
from audits.plan.models import CriterionResult, LabelVerdict, ObligationCheck
from audits.plan.scope import out_of_scope
from audits.questionnaire import Questionnaire
from audits.rules import Rules

Status = Literal["a_regulariser", "conforme", "non_verifie", "sans_objet"]
SEVERITY: dict[Status, int] = {"a_regulariser": 3, "non_verifie": 2, "conforme": 1, "sans_objet": 0}


def holds(
    expression: Expression | None, values: Mapping[str, Any], numbers: Mapping[str, float]
) -> bool:
    if expression is None:
        return True
    try:
        return bool(expression.evaluate(values, numbers))
    except EvaluationError:
        return False


def _open_questions(expression: Expression, state: AuditState) -> bool:
    """Some question the expression reads is shown to the advisor but has no answer yet."""
    return any(state.is_visible(n) and n not in state.values for n in expression.names)


def _untriggered_status(expression: Expression, state: AuditState) -> Status:
    """Not triggered: checked, out of scope (mostly hidden questions), or not asked yet.

    A question it reads still open on screen (the shop is in a 1 000 m² gallery, the OPERAT
    question not answered yet) leaves it « non vérifié »: no gap was found because none was
    looked for.

    Every question hidden (no cold, no air conditioning: the refrigerant section is not shown)
    is out of scope, not « non vérifié »: nothing was left for the advisor to check.
    """
    answered = [n for n in expression.names if state.values.get(n) is not None]
    hidden = [n for n in expression.names if not state.is_visible(n)]
    if answered and _open_questions(expression, state):
        return "non_verifie"
    if not answered:
        return "sans_objet" if hidden and len(hidden) == len(expression.names) else "non_verifie"
    return "sans_objet" if len(hidden) > len(answered) else "conforme"


def label_verdicts(
    questionnaire: Questionnaire, rules: Rules, state: AuditState, numbers: Mapping[str, float]
) -> list[LabelVerdict]:
    verdicts = []
    for label in questionnaire.labels:
        applies = holds(rules.label_applies.get(label.id), state.values, numbers)
        criteria = []
        for criterion in label.criteria:
            condition = rules.criterion[(label.id, criterion.id)]
            if holds(condition, state.values, numbers):
                status: Literal["rempli", "non_rempli", "a_verifier"] = "rempli"
            else:
                status = "a_verifier" if _open_questions(condition, state) else "non_rempli"
            criteria.append(CriterionResult(id=criterion.id, label=criterion.label, status=status))
        eligible = applies and all(c.status == "rempli" for c in criteria)
        verdicts.append(
            LabelVerdict(
                label=label.id,
                title=label.title,
                applies=applies,
                eligible=eligible,
                criteria=criteria,
            )
        )
    return verdicts


def obligation_checks(
    questionnaire: Questionnaire,
    rules: Rules,
    state: AuditState,
    triggered: set[str],
    numbers: Mapping[str, float],
) -> list[ObligationCheck]:
    """One check per obligation; with several actions, the worst finding wins.

    An obligation the answers put out of scope (``scope.py``: a 140 m² shop and the décret
    tertiaire) is « sans objet », printed « Non concerné », never « pas d'écart constaté ».
    """
    found: dict[str, ObligationCheck] = {}
    for action in questionnaire.actions:
        if action.obligation is None:
            continue
        status: Status
        trigger = rules.trigger[action.id]
        if action.id in triggered:
            status = "a_regulariser"
        elif out_of_scope(trigger, questionnaire, state, numbers):
            status = "sans_objet"
        else:
            status = _untriggered_status(trigger, state)
        check = ObligationCheck(obligation=action.obligation, action_id=action.id, status=status)
        previous = found.get(action.obligation)
        if previous is None or SEVERITY[status] > SEVERITY[previous.status]:
            found[action.obligation] = check
    return list(found.values())
