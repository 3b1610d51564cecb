"""The expression language of questionnaires: conditions, constraints and formulas.

Expressions are written in a small subset of Python syntax (``surface > 100 and activite in
['boulangerie', 'boucherie']``). Each one is parsed once, with Python's own parser, into an
AST that is checked against a whitelist and compiled into closures; evaluating it is then a
pure function of the answers, the reference data and, in a constraint, ``value``. There is no
``eval``, no attribute or item access, no lambda and no loop, and size, depth and numbers are
bounded, so a hostile questionnaire cannot run code or hang the device.

Unanswered questions read as ``None``: a comparison with ``None`` is false, arithmetic on
``None`` gives ``None``, so ``surface > 100`` is simply false until the surface is known.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Any

MAX_LENGTH = 2000
MAX_DEPTH = 32
MAX_NODES = 400
MAX_NUMBER = 1e15
CONSTANT_NAMES: dict[str, Any] = {
    "true": True,
    "false": False,
    "True": True,
    "False": False,
    "null": None,
    "None": None,
}
VALUE_NAME = "value"


class ExpressionError(ValueError):
    """An expression that cannot be accepted; ``column`` is 1-based within the expression."""

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.column = column

    def __str__(self) -> str:
        where = f" (colonne {self.column})" if self.column else ""
        return f"{self.message}{where}"


class EvaluationError(ValueError):
    """An expression that parsed but cannot be computed on these answers."""


class Scope:
    """What an expression can see: answered values, reference data and ``value``.

    A plain slotted class: one is made per evaluation pass and shared by every expression.
    """

    __slots__ = ("reference", "value", "values")

    def __init__(
        self,
        values: Mapping[str, Any],
        reference: Mapping[str, Any] | None = None,
        value: Any = None,
    ) -> None:
        self.values = values
        self.reference = reference if reference is not None else {}
        self.value = value


Compiled = Callable[[Scope], Any]


@dataclass(frozen=True)
class Expression:
    source: str
    names: frozenset[str]
    refs: frozenset[str]
    codes: frozenset[tuple[str, str]]
    uses_value: bool
    _run: Compiled = field(repr=False, compare=False)

    def evaluate(
        self,
        values: Mapping[str, Any],
        reference: Mapping[str, Any] | None = None,
        value: Any = None,
    ) -> Any:
        return self._run(Scope(values, reference, value))

    def run(self, scope: Scope) -> Any:
        """Evaluate in a scope the caller reuses across many expressions."""
        return self._run(scope)

    def holds(
        self,
        values: Mapping[str, Any],
        reference: Mapping[str, Any] | None = None,
        value: Any = None,
    ) -> bool:
        """Truth of a condition: ``None`` (unknown) is false."""
        return bool(self.evaluate(values, reference, value))


@lru_cache(maxsize=4096)
def parse(source: str) -> Expression:
    """Parse and compile ``source``, or raise ExpressionError saying what is refused.

    Expressions are immutable, so the same text (a ``visible_if`` repeated over a section)
    is compiled once and shared.
    """
    if len(source) > MAX_LENGTH:
        raise ExpressionError(
            f"expression trop longue ({len(source)} caractères, {MAX_LENGTH} au plus)"
        )
    tree = _python_parse(" ".join(source.split("\n")).strip())
    compiler = _Compiler()
    run = compiler.compile(tree.body)
    names = frozenset(compiler.names - {VALUE_NAME})
    return Expression(
        source,
        names,
        frozenset(compiler.refs),
        frozenset(compiler.codes),
        VALUE_NAME in compiler.names,
        run,
    )


def _python_parse(source: str) -> ast.Expression:
    if not source:
        raise ExpressionError("expression vide")
    try:
        return ast.parse(source, mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"syntaxe invalide : {_syntax_reason(exc)}", exc.offset) from None
    except (RecursionError, MemoryError, ValueError):
        raise ExpressionError("expression trop imbriquée") from None


def _syntax_reason(exc: SyntaxError) -> str:
    reason = (exc.msg or "").lower()
    if "too many nested" in reason:
        return "expression trop imbriquée"
    if "parenthes" in reason or "bracket" in reason or "never closed" in reason:
        return "parenthèse ou crochet mal fermé"
    return "vérifiez les opérateurs, les guillemets et les parenthèses"


REFUSED = {
    ast.Attribute: "accès à un attribut (« . ») interdit",
    ast.Subscript: "accès par indice (« [ ] ») interdit",
    ast.Lambda: "lambda interdit",
    ast.ListComp: "compréhension interdite",
    ast.SetComp: "compréhension interdite",
    ast.DictComp: "compréhension interdite",
    ast.GeneratorExp: "compréhension interdite",
    ast.NamedExpr: "affectation « := » interdite",
    ast.JoinedStr: "f-string interdite",
    ast.Starred: "« * » de dépaquetage interdit",
    ast.Await: "await interdit",
    ast.Yield: "yield interdit",
    ast.Dict: "dictionnaire interdit",
    ast.Set: "ensemble interdit",
}

BINARY_OPERATORS: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
}

COMPARISONS: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda item, container: _contains(container, item),
    ast.NotIn: lambda item, container: not _contains(container, item),
}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _contains(container: Any, item: Any) -> bool:
    if container is None or item is None:
        return False
    if isinstance(container, list | tuple):
        return item in container
    if isinstance(container, str) and isinstance(item, str):
        return item == container
    raise EvaluationError("« in » attend une liste à droite")


def _arithmetic(op: Callable[[Any, Any], Any], left: Any, right: Any) -> Any:
    if left is None or right is None:
        return None
    if not (_is_number(left) and _is_number(right)):
        raise EvaluationError("calcul impossible : les deux termes doivent être des nombres")
    try:
        result = op(left, right)
    except (ZeroDivisionError, OverflowError):
        return None
    if isinstance(result, float) and not math.isfinite(result):
        return None
    return result


def _compare(op: Callable[[Any, Any], bool], left: Any, right: Any) -> bool:
    if left is None or right is None:
        return op(left, right) if op in (operator.eq, operator.ne) else False
    try:
        return op(left, right)
    except TypeError:
        raise EvaluationError(
            f"comparaison impossible entre {_type_name(left)} et {_type_name(right)}"
        ) from None


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "booléen"
    if _is_number(value):
        return "nombre"
    if isinstance(value, str):
        return "texte"
    if isinstance(value, list | tuple):
        return "liste"
    return "valeur"


def _hours(value: Any) -> float | None:
    """``"08:30"`` -> 8.5: opening times are answered as HH:MM."""
    if value is None:
        return None
    if _is_number(value):
        return float(value)
    try:
        hours, minutes = str(value).split(":")[:2]
        return int(hours) + int(minutes) / 60
    except ValueError:
        raise EvaluationError(f"heure illisible : « {value} » (format HH:MM)") from None


def _count(value: Any) -> int:
    if value is None:
        return 0
    return len(value) if isinstance(value, list | tuple) else 1


def _numbers(args: Sequence[Any]) -> list[Any] | None:
    known = [a for a in args if a is not None]
    if not all(_is_number(a) for a in known):
        raise EvaluationError("min/max attendent des nombres")
    return known or None


def _min(*args: Any) -> Any:
    known = _numbers(args)
    return min(known) if known else None


def _max(*args: Any) -> Any:
    known = _numbers(args)
    return max(known) if known else None


def _round(number: Any, digits: Any = 0) -> Any:
    if number is None:
        return None
    if not _is_number(number) or not isinstance(digits, int):
        raise EvaluationError("round attend un nombre et un nombre de décimales entier")
    return round(number, max(0, min(digits, 6)))


def _abs(number: Any) -> Any:
    return None if number is None else abs(_arithmetic(operator.add, number, 0))


def _default(first: Any, fallback: Any) -> Any:
    return fallback if first is None else first


PURE_FUNCTIONS: dict[str, tuple[Callable[..., Any], int, int]] = {
    # name: (function, minimum arity, maximum arity)
    "min": (_min, 1, 20),
    "max": (_max, 1, 20),
    "round": (_round, 1, 2),
    "abs": (_abs, 1, 1),
    "hours": (_hours, 1, 1),
    "default": (_default, 2, 2),
}
QUESTION_FUNCTIONS = ("answered", "count", "selected")
FUNCTION_NAMES = (*QUESTION_FUNCTIONS, "ref", *PURE_FUNCTIONS)


class _Compiler:
    """Turns a whitelisted AST into nested closures, collecting the names it reads."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.refs: set[str] = set()
        self.codes: set[tuple[str, str]] = set()
        self.depth = 0
        self.nodes = 0

    def compile(self, node: ast.expr) -> Compiled:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise ExpressionError(f"expression trop grande ({MAX_NODES} éléments au plus)")
        if self.depth >= MAX_DEPTH:
            raise ExpressionError(f"expression trop imbriquée ({MAX_DEPTH} niveaux au plus)")
        self.depth += 1
        try:
            return self._compile_node(node)
        finally:
            self.depth -= 1

    def _compile_node(self, node: ast.expr) -> Compiled:
        refused = REFUSED.get(type(node))
        if refused:
            raise ExpressionError(refused, node.col_offset + 1)
        method = _COMPILERS.get(type(node))
        if method is None:
            raise ExpressionError(
                f"construction non autorisée ({type(node).__name__})", node.col_offset + 1
            )
        result: Compiled = method(self, node)
        return result

    def _Constant(self, node: ast.Constant) -> Compiled:
        constant = node.value
        if isinstance(constant, int | float) and abs(constant) > MAX_NUMBER:
            raise ExpressionError(
                f"nombre trop grand ({MAX_NUMBER:.0e} au plus)", node.col_offset + 1
            )
        if isinstance(constant, complex | bytes) or constant is Ellipsis:
            raise ExpressionError("constante non autorisée", node.col_offset + 1)
        return lambda scope: constant

    def _Name(self, node: ast.Name) -> Compiled:
        if node.id in CONSTANT_NAMES:
            constant = CONSTANT_NAMES[node.id]
            return lambda scope: constant
        name = node.id
        self.names.add(name)
        if name == VALUE_NAME:
            return lambda scope: scope.value
        return lambda scope: scope.values.get(name)

    def _List(self, node: ast.List | ast.Tuple) -> Compiled:
        items = [self.compile(item) for item in node.elts]
        return lambda scope: [item(scope) for item in items]

    _Tuple = _List

    def _UnaryOp(self, node: ast.UnaryOp) -> Compiled:
        operand = self.compile(node.operand)
        if isinstance(node.op, ast.Not):
            return lambda scope: not operand(scope)
        if isinstance(node.op, ast.USub):
            return lambda scope: _arithmetic(operator.sub, 0, operand(scope))
        if isinstance(node.op, ast.UAdd):
            return lambda scope: _arithmetic(operator.add, 0, operand(scope))
        raise ExpressionError("opérateur « ~ » non autorisé", node.col_offset + 1)

    def _BinOp(self, node: ast.BinOp) -> Compiled:
        op = BINARY_OPERATORS.get(type(node.op))
        if op is None:
            symbol = "**" if isinstance(node.op, ast.Pow) else type(node.op).__name__
            raise ExpressionError(f"opérateur « {symbol} » non autorisé", node.col_offset + 1)
        left, right = self.compile(node.left), self.compile(node.right)
        return lambda scope: _arithmetic(op, left(scope), right(scope))

    def _BoolOp(self, node: ast.BoolOp) -> Compiled:
        operands = [self.compile(value) for value in node.values]
        if isinstance(node.op, ast.And):
            return lambda scope: all(operand(scope) for operand in operands)
        return lambda scope: any(operand(scope) for operand in operands)

    def _Compare(self, node: ast.Compare) -> Compiled:
        self._note_codes(node)
        terms = [self.compile(node.left)] + [self.compile(c) for c in node.comparators]
        ops = [COMPARISONS[type(op)] for op in node.ops if type(op) in COMPARISONS]
        if len(ops) != len(node.ops):
            raise ExpressionError("« is » non autorisé : utilisez == ou !=", node.col_offset + 1)

        def compare(scope: Scope) -> bool:
            values = [term(scope) for term in terms]
            return all(
                _compare(op, a, b) for op, a, b in zip(ops, values, values[1:], strict=False)
            )

        return compare

    def _note_codes(self, node: ast.Compare) -> None:
        """Remember ``question == 'code'`` pairs so the loader can check the codes exist."""
        terms = [node.left, *node.comparators]
        for left, right in pairwise(terms):
            for name, other in ((left, right), (right, left)):
                if isinstance(name, ast.Name):
                    self.codes.update((name.id, text) for text in _string_constants(other))

    def _IfExp(self, node: ast.IfExp) -> Compiled:
        test, body, orelse = (
            self.compile(node.test),
            self.compile(node.body),
            self.compile(node.orelse),
        )
        return lambda scope: body(scope) if test(scope) else orelse(scope)

    def _Call(self, node: ast.Call) -> Compiled:
        if not isinstance(node.func, ast.Name):
            raise ExpressionError(
                "seules les fonctions du langage peuvent être appelées", node.col_offset + 1
            )
        if node.keywords:
            raise ExpressionError("arguments nommés non autorisés", node.col_offset + 1)
        name = node.func.id
        if name == "ref":
            return self._ref(node)
        if name in QUESTION_FUNCTIONS:
            return self._question_function(name, node)
        if name in PURE_FUNCTIONS:
            return self._pure_function(name, node)
        known = ", ".join(FUNCTION_NAMES)
        raise ExpressionError(
            f"fonction inconnue « {name} » (fonctions : {known})", node.col_offset + 1
        )

    def _ref(self, node: ast.Call) -> Compiled:
        args = node.args
        if (
            len(args) != 1
            or not isinstance(args[0], ast.Constant)
            or not isinstance(args[0].value, str)
        ):
            raise ExpressionError(
                "ref() attend un nom entre guillemets : ref('prix_electricite')",
                node.col_offset + 1,
            )
        key = args[0].value
        self.refs.add(key)

        def lookup(scope: Scope) -> Any:
            if key not in scope.reference:
                raise EvaluationError(f"donnée de référence inconnue : « {key} »")
            return scope.reference[key]

        return lookup

    def _question_function(self, name: str, node: ast.Call) -> Compiled:
        args = node.args
        arity = 2 if name == "selected" else 1
        if len(args) != arity or not isinstance(args[0], ast.Name):
            usage = "selected(question, 'code')" if name == "selected" else f"{name}(question)"
            raise ExpressionError(f"{name}() s'écrit {usage}", node.col_offset + 1)
        question = self.compile(args[0])
        if name == "answered":
            question_id = args[0].id
            return lambda scope: question_id in scope.values
        if name == "count":
            return lambda scope: _count(question(scope))
        code = self.compile(args[1])
        self.codes.update((args[0].id, text) for text in _string_constants(args[1]))
        return lambda scope: _contains(question(scope), code(scope))

    def _pure_function(self, name: str, node: ast.Call) -> Compiled:
        function, least, most = PURE_FUNCTIONS[name]
        if not least <= len(node.args) <= most:
            raise ExpressionError(
                f"{name}() attend de {least} à {most} arguments", node.col_offset + 1
            )
        args = [self.compile(arg) for arg in node.args]
        return lambda scope: function(*(arg(scope) for arg in args))


_COMPILERS: dict[type[ast.AST], Callable[[_Compiler, Any], Compiled]] = {
    node_type: getattr(_Compiler, f"_{node_type.__name__}")
    for node_type in (
        ast.Constant,
        ast.Name,
        ast.List,
        ast.Tuple,
        ast.UnaryOp,
        ast.BinOp,
        ast.BoolOp,
        ast.Compare,
        ast.IfExp,
        ast.Call,
    )
}


def _string_constants(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.List | ast.Tuple):
        return [text for item in node.elts for text in _string_constants(item)]
    return []
