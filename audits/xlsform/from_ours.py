"""Translating our expressions into XLSForm XPath, for the export.

The inverse of ``to_ours``: ``q == true`` on a yes/no question becomes ``${q} = 'oui'``
(yes/no questions are exported as ``select_one oui_non``), ``answered(q)`` becomes
``${q} != ''``, ``x in ['a', 'b']`` an ``or`` of comparisons, ``hours(t)`` becomes
``decimal-time(${t}) * 24``, and ``ref('key')`` the reference value itself when it is known.
What XPath cannot say raises ``XPathError`` with a French reason.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from audits.errors import Message
from audits.expressions import CONSTANT_NAMES, VALUE_NAME
from audits.questionnaire import NUMERIC_TYPES, QuestionType
from audits.xlsform.xpath import XPathError

OR, AND, EQ, REL, ADD, MUL, UNARY, ATOM = range(1, 9)
BOOL_CODES = {True: "oui", False: "non"}
COMPUTED_CODES = {True: "true", False: "false"}
SYMBOLS: dict[type[ast.AST], tuple[str, int]] = {
    ast.Eq: ("=", EQ),
    ast.NotEq: ("!=", EQ),
    ast.Lt: ("<", REL),
    ast.LtE: ("<=", REL),
    ast.Gt: (">", REL),
    ast.GtE: (">=", REL),
    ast.Add: ("+", ADD),
    ast.Sub: ("-", ADD),
    ast.Mult: ("*", MUL),
    ast.Div: ("div", MUL),
    ast.Mod: ("mod", MUL),
}
SAME_NAME = {"min": "min", "max": "max", "abs": "abs", "round": "round", "default": "coalesce"}


@dataclass(frozen=True)
class X:
    text: str
    prec: int


def wrap(x: X, prec: int, strict: bool = False) -> str:
    loose = x.prec <= prec if strict else x.prec < prec
    return f"({x.text})" if loose else x.text


def refused(what: str) -> XPathError:
    return XPathError(Message.EXPORT_CONSTRUCT.format(what=what))


def literal(value: Any) -> str:
    if value is None:
        return "''"
    if isinstance(value, bool):
        return "true()" if value else "false()"
    if isinstance(value, int | float):
        text = repr(value)
        return format(Decimal(text), "f") if "e" in text else text
    text = str(value)
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    raise refused("texte contenant ' et \"")


class ToXPath:
    """One expression of one question (``current``) of a questionnaire."""

    def __init__(
        self,
        types: Mapping[str, QuestionType],
        boolean_computed: frozenset[str],
        current: str | None = None,
        reference: Mapping[str, Any] | None = None,
    ) -> None:
        self.types = types
        self.boolean_computed = boolean_computed
        self.current = current
        self.reference = reference or {}

    def translate(self, source: str, condition: bool) -> str:
        node = ast.parse(source.strip(), mode="eval").body
        return (self.condition(node) if condition else self.value(node)).text

    def type_of(self, name: str) -> QuestionType | None:
        return self.types.get(self.current if name == VALUE_NAME and self.current else name)

    def is_boolean_computed(self, name: str) -> bool:
        return (self.current if name == VALUE_NAME else name) in self.boolean_computed

    def condition(self, node: ast.expr) -> X:
        if isinstance(node, ast.Name) and node.id not in CONSTANT_NAMES:
            return self.truthy(node.id)
        if isinstance(node, ast.IfExp):
            test, body, orelse = (self.condition(n) for n in (node.test, node.body, node.orelse))
            return X(f"if({test.text}, {body.text}, {orelse.text})", ATOM)
        return self.value(node)

    def truthy(self, name: str) -> X:
        """A bare question in a condition, as Python reads it: set and not false, 0 or empty."""
        ref, qtype = self.ref(name), self.type_of(name)
        if qtype is QuestionType.BOOL:
            return X(f"{ref} = 'oui'", EQ)
        if self.is_boolean_computed(name):
            return X(f"{ref} = 'true'", EQ)
        if qtype is QuestionType.MULTI:
            return X(f"count-selected({ref}) > 0", REL)
        if qtype in NUMERIC_TYPES or qtype is QuestionType.COMPUTED:
            return X(f"{ref} != '' and {ref} != 0", AND)
        return X(f"{ref} != ''", EQ)

    def ref(self, name: str) -> str:
        return "." if name == VALUE_NAME else f"${{{name}}}"

    def value(self, node: ast.expr) -> X:
        method = getattr(self, f"_{type(node).__name__}", None)
        if method is None:
            raise refused(type(node).__name__)
        result: X = method(node)
        return result

    def _Constant(self, node: ast.Constant) -> X:
        return X(literal(node.value), ATOM)

    def _Name(self, node: ast.Name) -> X:
        if node.id in CONSTANT_NAMES:
            return X(literal(CONSTANT_NAMES[node.id]), ATOM)
        return X(self.ref(node.id), ATOM)

    def _BoolOp(self, node: ast.BoolOp) -> X:
        word, prec = ("and", AND) if isinstance(node.op, ast.And) else ("or", OR)
        parts = [wrap(self.condition(value), prec) for value in node.values]
        return X(f" {word} ".join(parts), prec)

    def _UnaryOp(self, node: ast.UnaryOp) -> X:
        if isinstance(node.op, ast.Not):
            return X(f"not({self.condition(node.operand).text})", ATOM)
        operand = self.value(node.operand)
        if isinstance(node.op, ast.USub):
            return X(f"-{wrap(operand, UNARY)}", UNARY)
        return operand

    def _BinOp(self, node: ast.BinOp) -> X:
        left, right = self.value(node.left), self.value(node.right)
        if isinstance(node.op, ast.FloorDiv):
            return X(f"floor({wrap(left, MUL)} div {wrap(right, MUL, True)})", ATOM)
        if type(node.op) not in SYMBOLS:
            raise refused(type(node.op).__name__)
        symbol, prec = SYMBOLS[type(node.op)]
        return X(f"{wrap(left, prec)} {symbol} {wrap(right, prec, True)}", prec)

    def _IfExp(self, node: ast.IfExp) -> X:
        test, body, orelse = (
            self.condition(node.test),
            self.value(node.body),
            self.value(node.orelse),
        )
        return X(f"if({test.text}, {body.text}, {orelse.text})", ATOM)

    def _Compare(self, node: ast.Compare) -> X:
        terms = [node.left, *node.comparators]
        parts = [self.compare(terms[i], op, terms[i + 1]) for i, op in enumerate(node.ops)]
        if len(parts) == 1:
            return parts[0]
        return X(" and ".join(wrap(part, AND) for part in parts), AND)

    def compare(self, left: ast.expr, op: ast.cmpop, right: ast.expr) -> X:
        if isinstance(op, ast.In):
            return self.membership(left, right)
        if isinstance(op, ast.NotIn):
            return self.non_membership(left, right)
        if type(op) not in SYMBOLS:
            raise refused(type(op).__name__)
        symbol, prec = SYMBOLS[type(op)]
        left_x = self.operand(left, right)
        right_x = self.operand(right, left)
        return X(f"{wrap(left_x, prec, True)} {symbol} {wrap(right_x, prec, True)}", prec)

    def operand(self, node: ast.expr, other: ast.expr) -> X:
        """A True/False compared with a yes/no question is its code, not an XPath boolean."""
        constant = _constant(node)
        if isinstance(constant, bool) and isinstance(other, ast.Name):
            if self.type_of(other.id) is QuestionType.BOOL:
                return X(literal(BOOL_CODES[constant]), ATOM)
            if self.is_boolean_computed(other.id):
                return X(literal(COMPUTED_CODES[constant]), ATOM)
        return self.value(node)

    def membership(self, item: ast.expr, container: ast.expr) -> X:
        if isinstance(container, ast.List | ast.Tuple):
            left = self.value(item)
            options = [f"{wrap(left, EQ, True)} = {self.value(e).text}" for e in container.elts]
            return X(" or ".join(options) or "false()", OR if len(options) > 1 else EQ)
        if isinstance(container, ast.Name) and _constant(item) is not None:
            if self.type_of(container.id) is QuestionType.MULTI:
                return X(f"selected({self.ref(container.id)}, {self.value(item).text})", ATOM)
            return X(f"{self.ref(container.id)} = {self.value(item).text}", EQ)
        raise refused("in")

    def non_membership(self, item: ast.expr, container: ast.expr) -> X:
        """``x not in [...]`` is false while ``x`` is unanswered, as any comparison with it."""
        found = X(f"not({self.membership(item, container).text})", ATOM)
        unknown = [n for n in (item, container) if isinstance(n, ast.Name) and _constant(n) is None]
        if not unknown:
            return found
        return X(f"{self.ref(unknown[0].id)} != '' and {found.text}", AND)

    def _Call(self, node: ast.Call) -> X:
        assert isinstance(node.func, ast.Name)
        name = node.func.id
        args = [self.value(arg) for arg in node.args] if name != "ref" else []
        if name == "answered":
            return X(f"{args[0].text} != ''", EQ)
        if name == "count":
            return X(f"count-selected({args[0].text})", ATOM)
        if name == "selected":
            return X(f"selected({args[0].text}, {args[1].text})", ATOM)
        if name == "hours":
            return X(f"decimal-time({args[0].text}) * 24", MUL)
        if name == "ref":
            return self.reference_value(node)
        if name in SAME_NAME:
            return X(f"{SAME_NAME[name]}({', '.join(arg.text for arg in args)})", ATOM)
        raise XPathError(Message.EXPORT_FUNCTION.format(name=name))

    def reference_value(self, node: ast.Call) -> X:
        key = _constant(node.args[0]) if node.args else None
        found = self.reference.get(str(key))
        if found is None:
            raise XPathError(Message.EXPORT_FUNCTION.format(name="ref"))
        return X(literal(getattr(found, "value", found)), ATOM)


def _constant(node: ast.expr) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name) and node.id in CONSTANT_NAMES:
        return CONSTANT_NAMES[node.id]
    return None


def is_boolean_formula(source: str) -> bool:
    """Whether a computed question holds a yes/no (exported as XPath ``true``/``false``)."""
    return _boolean(ast.parse(source.strip(), mode="eval").body) is True


def _boolean(node: ast.expr) -> bool | None:
    """True: a condition; None: no value (``None``); False: anything else."""
    if isinstance(node, ast.Compare | ast.BoolOp):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id in ("answered", "selected") or False
    if isinstance(node, ast.IfExp):
        branches = [_boolean(node.body), _boolean(node.orelse)]
        if False in branches:
            return False
        return True if True in branches else None
    if isinstance(node, ast.Constant | ast.Name) and _constant(node) is None:
        is_none = isinstance(node, ast.Constant) or node.id in CONSTANT_NAMES
        return None if is_none else False
    return isinstance(_constant(node), bool)
