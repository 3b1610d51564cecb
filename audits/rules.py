"""Every expression of a questionnaire, parsed once and cross-checked against its questions.

``compile_rules`` walks a validated ``Questionnaire``, parses each condition and formula,
checks that the questions, choice codes, themes and sources they name exist (suggesting the
nearest name on a typo), rejects dependency cycles, and returns the ``Rules`` the engine
evaluates. Problems carry the document path of the offending field so the loader can print
its line.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import Any

from audits.errors import Message, Path, Problem, QuestionnaireError, hint
from audits.expressions import Expression, ExpressionError, parse
from audits.questionnaire import CHOICE_TYPES, NumericScore, Question, Questionnaire
from audits.rule_checks import structural_problems


@dataclass(frozen=True)
class Step:
    """One question of the evaluation pass: its visibility conditions and, if computed, formula."""

    question_id: str
    conditions: tuple[Expression, ...]
    formula: Expression | None


@dataclass
class Rules:
    """The parsed expressions of one questionnaire, by what they govern."""

    section_visible: dict[str, Expression] = field(default_factory=dict)
    visible: dict[str, Expression] = field(default_factory=dict)
    required_if: dict[str, Expression] = field(default_factory=dict)
    constraint: dict[str, Expression] = field(default_factory=dict)
    formula: dict[str, Expression] = field(default_factory=dict)
    score_formula: dict[str, Expression] = field(default_factory=dict)
    trigger: dict[str, Expression] = field(default_factory=dict)
    action_formula: dict[tuple[str, str], Expression] = field(default_factory=dict)
    label_applies: dict[str, Expression] = field(default_factory=dict)
    criterion: dict[tuple[str, str], Expression] = field(default_factory=dict)
    order: tuple[str, ...] = ()
    steps: tuple[Step, ...] = ()

    def conditions_of(self, question_id: str, section_id: str) -> list[Expression]:
        found = [self.section_visible.get(section_id), self.visible.get(question_id)]
        return [expression for expression in found if expression is not None]


@dataclass(frozen=True)
class _Site:
    """Where an expression stands: its document path, what it governs, its readable name."""

    path: Path
    label: str
    allows_value: bool = False


def compile_rules(
    questionnaire: Questionnaire, reference_keys: Collection[str] | None = None
) -> tuple[Rules, list[Problem]]:
    """Parse and check every expression; the problems list is empty when all is well."""
    compiler = _RuleCompiler(questionnaire, reference_keys)
    compiler.run()
    return compiler.rules, compiler.problems


def rules_of(questionnaire: Questionnaire) -> Rules:
    """The questionnaire's rules, compiled on first use and kept with the model."""
    cached = questionnaire.__pydantic_private__ or {}
    rules = cached.get("_rules")
    if rules is None:
        rules, problems = compile_rules(questionnaire)
        if problems:
            raise QuestionnaireError(questionnaire.ref, problems)
        questionnaire._rules = rules
    assert isinstance(rules, Rules)
    return rules


class _RuleCompiler:
    def __init__(self, questionnaire: Questionnaire, reference_keys: Collection[str] | None):
        self.q = questionnaire
        self.reference_keys = reference_keys
        self.rules = Rules()
        self.problems: list[Problem] = structural_problems(questionnaire)
        self.questions = {q.id: q for q in questionnaire.questions()}

    def run(self) -> None:
        self._sections()
        self._actions()
        self._labels()
        self.rules.order = self._dependency_order()
        self.rules.steps = tuple(self._step(qid) for qid in self.rules.order)

    def _step(self, qid: str) -> Step:
        conditions = self.rules.conditions_of(qid, self.q.section_of_id(qid))
        formula = self.rules.formula.get(qid) if self.questions[qid].type == "computed" else None
        return Step(qid, tuple(conditions), formula)

    def _sections(self) -> None:
        for s_index, section in enumerate(self.q.sections):
            base: Path = ("sections", s_index)
            self._add(
                self.rules.section_visible, section.id, section.visible_if, base, "visible_if"
            )
            for q_index, question in enumerate(section.questions):
                self._question(question, (*base, "questions", q_index))

    def _question(self, question: Question, base: Path) -> None:
        qid = question.id
        self._add(self.rules.visible, qid, question.visible_if, base, "visible_if")
        self._add(self.rules.required_if, qid, question.required_if, base, "required_if")
        self._add(self.rules.constraint, qid, question.constraint, base, "constraint", True)
        self._add(self.rules.formula, qid, question.formula, base, "formula")
        if isinstance(question.score, NumericScore):
            path = (*base, "score")
            self._add(self.rules.score_formula, qid, question.score.formula, path, "formula", True)

    def _actions(self) -> None:
        for index, action in enumerate(self.q.actions):
            base: Path = ("actions", index)
            self._add(self.rules.trigger, action.id, action.trigger, base, "trigger")
            for key in ("cost", "aid", "savings_eur"):
                formula = getattr(action, key)
                self._add(self.rules.action_formula, (action.id, key), formula, base, key)
            for family in ("savings_kwh", "use_kwh"):
                for energy, formula in getattr(action, family).items():
                    site = (action.id, f"{family}.{energy}")
                    self._add(self.rules.action_formula, site, formula, (*base, family), energy)

    def _labels(self) -> None:
        for index, label in enumerate(self.q.labels):
            base: Path = ("labels", index)
            self._add(self.rules.label_applies, label.id, label.applies_if, base, "applies_if")
            for c_index, criterion in enumerate(label.criteria):
                path = (*base, "criteria", c_index)
                key = (label.id, criterion.id)
                self._add(self.rules.criterion, key, criterion.condition, path, "condition")

    def _add(
        self,
        target: dict[Any, Expression],
        key: Any,
        source: str | None,
        base: Path,
        name: str,
        allows_value: bool = False,
    ) -> None:
        if source is None:
            return
        label = name if base[-1] not in ("savings_kwh", "use_kwh") else f"{base[-1]}.{name}"
        site = _Site((*base, name), label, allows_value)
        try:
            expression = parse(source)
        except ExpressionError as exc:
            self._problem(site, Message.BAD_EXPRESSION.format(field=label, problem=exc))
            return
        self._check_names(expression, site)
        target[key] = expression

    def _problem(self, site: _Site, message: str) -> None:
        self.problems.append(Problem(message, site.path))

    def _check_names(self, expression: Expression, site: _Site) -> None:
        if expression.uses_value and not site.allows_value:
            self._problem(site, Message.VALUE_OUTSIDE_CONSTRAINT.format(field=site.label))
        for name in sorted(expression.names):
            self._check_question(name, site)
        for name, code in sorted(expression.codes):
            self._check_code(name, code, site)
        if self.reference_keys is not None:
            for key in sorted(expression.refs - set(self.reference_keys)):
                found = hint(self.reference_keys, key)
                self._problem(
                    site, Message.UNKNOWN_REFERENCE.format(field=site.label, key=key, hint=found)
                )

    def _check_question(self, name: str, site: _Site) -> None:
        question = self.questions.get(name)
        if question is None:
            found = hint(self.questions, name)
            self._problem(
                site, Message.UNKNOWN_QUESTION.format(field=site.label, name=name, hint=found)
            )
        elif not question.takes_answer:
            self._problem(site, Message.NOTE_REFERENCED.format(field=site.label, name=name))

    def _check_code(self, name: str, code: str, site: _Site) -> None:
        question = self.questions.get(name)
        if question is None or question.type not in CHOICE_TYPES or not question.choices:
            return
        codes = [choice.code for choice in question.choices]
        if code not in codes:
            message = Message.UNKNOWN_CODE.format(
                field=site.label, code=code, question=name, hint=hint(codes, code)
            )
            self._problem(site, message)

    def _dependency_order(self) -> tuple[str, ...]:
        """Question ids so that each comes after every question its visibility or formula reads."""
        graph = {qid: sorted(self._dependencies(qid)) for qid in self.questions}
        order: list[str] = []
        state: dict[str, int] = {}
        for qid in graph:
            cycle = _visit(qid, graph, state, order)
            if cycle:
                self.problems.append(self._cycle_problem(cycle))
                return tuple(self.questions)
        return tuple(order)

    def _dependencies(self, qid: str) -> Iterator[str]:
        section_id = self.q.section_of_id(qid)
        for expression in (
            self.rules.section_visible.get(section_id),
            self.rules.visible.get(qid),
            self.rules.formula.get(qid),
        ):
            if expression is not None:
                yield from (name for name in expression.names if name in self.questions)

    def _cycle_problem(self, cycle: list[str]) -> Problem:
        first = cycle[0]
        section_index, question_index = _position(self.q, first)
        path: Path = ("sections", section_index, "questions", question_index)
        return Problem(Message.CYCLE.format(cycle=" → ".join(cycle)), path)


def _visit(
    root: str, graph: dict[str, list[str]], state: dict[str, int], order: list[str]
) -> list[str] | None:
    """Iterative depth-first topological sort from ``root``; returns a cycle when one is found."""
    if state.get(root) == 2:
        return None
    stack: list[tuple[str, Iterator[str]]] = [(root, iter(graph[root]))]
    state[root] = 1
    while stack:
        qid, pending = stack[-1]
        dependency = next(pending, None)
        if dependency is None:
            stack.pop()
            state[qid] = 2
            order.append(qid)
        elif state.get(dependency) == 1:
            path = [name for name, _ in stack]
            return [*path[path.index(dependency) :], dependency]
        elif state.get(dependency) != 2:
            state[dependency] = 1
            stack.append((dependency, iter(graph[dependency])))
    return None


def _position(questionnaire: Questionnaire, qid: str) -> tuple[int, int]:
    for s_index, section in enumerate(questionnaire.sections):
        for q_index, question in enumerate(section.questions):
            if question.id == qid:
                return s_index, q_index
    raise KeyError(qid)
