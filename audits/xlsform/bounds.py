"""``. >= 0 and . <= 100`` in a numeric constraint read back as ``min: 0`` / ``max: 100``.

Bounds are first-class in our questionnaires (the app shows them, validation names them),
and our own export writes them as such a constraint; reading them back keeps a round trip
lossless. Only the top-level ``and`` terms comparing ``.`` with a number are taken.
"""

from __future__ import annotations

from functools import reduce

from audits.xlsform.translation import number_text
from audits.xlsform.xpath import Binary, Current, Negate, Node, Number

LOWER = {(">=", "current"), ("<=", "number")}  # . >= n  or  n <= .
UPPER = {("<=", "current"), (">=", "number")}


def and_terms(node: Node) -> list[Node]:
    """The terms of ``a and b and c``; a parenthesised ``and`` stays one term, which keeps
    an exported ``. >= 1 and (value-check)`` apart from the bounds written before it."""
    if isinstance(node, Binary) and node.op == "and":
        return [*and_terms(node.left), node.right]
    return [node]


def split_bounds(node: Node) -> tuple[float | None, float | None, Node | None]:
    """(min, max, what is left of the constraint)."""
    low: float | None = None
    high: float | None = None
    rest: list[Node] = []
    for term in and_terms(node):
        found = _bound(term)
        if found is None:
            rest.append(term)
        elif found[0] == "min":
            low = found[1] if low is None else max(low, found[1])
        else:
            high = found[1] if high is None else min(high, found[1])
    remaining = reduce(lambda left, right: Binary("and", left, right), rest) if rest else None
    return low, high, remaining


def _bound(term: Node) -> tuple[str, float] | None:
    if not isinstance(term, Binary) or term.op not in (">=", "<="):
        return None
    for current, other, side in (
        (term.left, term.right, "current"),
        (term.right, term.left, "number"),
    ):
        number = _number(other)
        if isinstance(current, Current) and number is not None:
            return ("min" if (term.op, side) in LOWER else "max", number)
    return None


def _number(node: Node) -> float | None:
    if isinstance(node, Number):
        return float(number_text(node.text))
    if isinstance(node, Negate) and isinstance(node.operand, Number):
        return -float(number_text(node.operand.text))
    return None
