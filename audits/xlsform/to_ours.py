"""Translating XLSForm XPath into our expression language, or saying exactly why not.

The translation is by meaning, not by spelling: ``${q} = ''`` becomes ``not answered(q)``
(an unanswered question is '' in XPath but ``None`` here), codes compared with a yes/no
question become ``True``/``False``, a number compared with a choice becomes its code text,
and a comparison with a code the list does not have is replaced by its constant result.
Whatever has no faithful equivalent raises ``XPathError`` with a French reason.
"""

from __future__ import annotations

from audits.errors import Message
from audits.expressions import ExpressionError, parse
from audits.questionnaire import QuestionType
from audits.xlsform.translation import (
    ADD,
    AND,
    ATOM,
    CMP,
    CODED,
    MUL,
    NOT,
    NUMERIC,
    OR,
    UNARY,
    ConstantResult,
    Context,
    Field,
    Out,
    number_text,
    wrap,
)
from audits.xlsform.xpath import (
    Binary,
    Call,
    Current,
    Negate,
    Node,
    Number,
    Ref,
    Text,
    XPathError,
    parse_xpath,
)
from audits.xlsform.xpath_functions import FunctionTranslations

COMPARISONS = frozenset({"=", "!=", "<", "<=", ">", ">="})
ORDERINGS = COMPARISONS - {"=", "!="}
ARITHMETIC = {
    "+": ("+", ADD),
    "-": ("-", ADD),
    "*": ("*", MUL),
    "div": ("/", MUL),
    "mod": ("%", MUL),
}
MIRROR = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "!=": "!="}


def translate_condition(source: str | Node, context: Context) -> str:
    """``relevant``, ``required`` or ``constraint`` as one of our conditions."""
    node = parse_xpath(source) if isinstance(source, str) else source
    return _checked(_Translator(context).condition(node).text)


def translate_value(source: str, context: Context) -> tuple[str, bool]:
    """``calculation`` as one of our formulas, and whether it is a yes/no."""
    out = _Translator(context).value(parse_xpath(source))
    return _checked(out.text), out.condition


def _checked(text: str) -> str:
    try:
        parse(text)
    except ExpressionError as error:
        raise XPathError(Message.XPATH_REFUSED.format(problem=error)) from None
    return text


class _Translator(FunctionTranslations):
    def __init__(self, context: Context) -> None:
        self.context = context

    def condition(self, node: Node) -> Out:
        out = self.value(node)
        if out.condition:
            return out
        if out.field is not None and out.text != "value":
            # JavaRosa reads a bare reference as its text: true when there is one.
            return self.answered(out, empty=False)
        raise XPathError(Message.XPATH_NOT_CONDITION.format(expression=out.text))

    def value(self, node: Node) -> Out:
        if isinstance(node, Number):
            return Out(number_text(node.text), ATOM)
        if isinstance(node, Text):
            # '' is how XPath writes "no value": ours is None.
            return Out(repr(node.value) if node.value else "None", ATOM)
        if isinstance(node, Ref):
            return self.ref(node.name)
        if isinstance(node, Current):
            if self.context.current is None:
                raise XPathError(Message.XPATH_CURRENT.value)
            return Out("value", ATOM, self.context.current)
        if isinstance(node, Negate):
            operand = self.numeric(self.value(node.operand))
            return Out(f"-{wrap(operand, UNARY)}", UNARY)
        if isinstance(node, Call):
            return self.call(node)
        return self.binary(node)

    def ref(self, name: str) -> Out:
        if name in self.context.excluded:
            raise XPathError(Message.XPATH_NOT_IMPORTED.format(name=name))
        found = self.context.fields.get(name)
        if found is None:
            raise XPathError(Message.XPATH_UNKNOWN_NAME.format(name=name))
        if found.type is QuestionType.NOTE:
            raise XPathError(Message.XPATH_NOTE.format(name=name))
        return Out(found.id, ATOM, found)

    def numeric(self, out: Out) -> Out:
        if out.field is not None and out.field.type not in NUMERIC:
            raise XPathError(Message.XPATH_ARITHMETIC.format(name=out.text))
        return out

    def binary(self, node: Binary) -> Out:
        if node.op in ("and", "or"):
            prec = AND if node.op == "and" else OR
            left, right = self.condition(node.left), self.condition(node.right)
            return Out(f"{wrap(left, prec)} {node.op} {wrap(right, prec)}", prec, condition=True)
        if node.op in COMPARISONS:
            try:
                return self.compare(node.op, node.left, node.right)
            except ConstantResult as constant:
                return Out(str(constant.value), ATOM, condition=True)
        hours = self.hours(node)
        if hours is not None:
            return hours
        symbol, prec = ARITHMETIC[node.op]
        left = self.numeric(self.value(node.left))
        right = self.numeric(self.value(node.right))
        return Out(f"{wrap(left, prec)} {symbol} {wrap(right, prec, strict=True)}", prec)

    def hours(self, node: Binary) -> Out | None:
        """``decimal-time(${t}) * 24`` (how we export ``hours(t)``) read back as ``hours(t)``."""
        for call, factor in ((node.left, node.right), (node.right, node.left)):
            if (
                node.op == "*"
                and isinstance(call, Call)
                and call.name == "decimal-time"
                and isinstance(factor, Number)
                and float(number_text(factor.text)) == 24
                and len(call.args) == 1
            ):
                return Out(f"hours({self.value(call.args[0]).text})", ATOM)
        return None

    def compare(self, op: str, left_node: Node, right_node: Node) -> Out:
        special = self.emptiness(op, left_node, right_node)
        if special is not None:
            return special
        left, right = self.value(left_node), self.value(right_node)
        if left.field is not None and isinstance(right_node, Number | Text):
            right = self.literal(left.field, right_node, op)
        elif right.field is not None and isinstance(left_node, Number | Text):
            left = self.literal(right.field, left_node, MIRROR[op])
        for side in (left, right):
            if op in ORDERINGS and side.field is not None and side.field.type not in NUMERIC:
                raise XPathError(Message.XPATH_TEXT_ORDER.format(name=side.text))
        symbol = "==" if op == "=" else op
        text = f"{wrap(left, CMP, strict=True)} {symbol} {wrap(right, CMP, strict=True)}"
        return Out(text, CMP, condition=True)

    def emptiness(self, op: str, left: Node, right: Node) -> Out | None:
        """``${q} = ''`` and ``string-length(${q}) > 0``: whether ``q`` is answered."""
        if isinstance(left, Text | Number) and not isinstance(right, Text | Number):
            left, right, op = right, left, MIRROR[op]
        if isinstance(right, Text) and right.value == "" and op in ("=", "!="):
            return self.answered(self.value(left), empty=op == "=")
        if isinstance(left, Call) and left.name == "string-length" and isinstance(right, Number):
            target = self.value(left.args[0]) if len(left.args) == 1 else None
            bound = float(number_text(right.text))
            empty = {("=", 0.0), ("<", 1.0), ("<=", 0.0)}
            filled = {(">", 0.0), ("!=", 0.0), (">=", 1.0)}
            if target is not None and (op, bound) in empty | filled:
                return self.answered(target, empty=(op, bound) in empty)
            raise XPathError(Message.XPATH_ARGUMENTS.format(name=left.name))
        return None

    def answered(self, target: Out, empty: bool) -> Out:
        if target.field is None:
            raise XPathError(Message.XPATH_ARGUMENTS.format(name="string-length"))
        if target.text == "value" or target.field.type is QuestionType.COMPUTED:
            # A computed question always counts as answered: what XPath sees is its value.
            return Out(f"{target.text} {'==' if empty else '!='} None", CMP, condition=True)
        if empty:
            return Out(f"not answered({target.text})", NOT, condition=True)
        return Out(f"answered({target.text})", ATOM, condition=True)

    def literal(self, target: Field, node: Number | Text, op: str) -> Out:
        raw = node.value if isinstance(node, Text) else number_text(node.text)
        if (target.type in CODED or target.codes) and op not in ORDERINGS:
            codes = raw.split() if target.type is QuestionType.MULTI else [raw]
            mapped = [self.code(target, code, op) for code in codes]
            if target.type is QuestionType.MULTI:
                return Out(f"[{', '.join(mapped)}]", ATOM)
            return Out(mapped[0], ATOM)
        if target.type in NUMERIC and isinstance(node, Text):
            try:
                float(raw)
            except ValueError:
                return Out(repr(raw), ATOM)
            return Out(number_text(raw), ATOM)
        if target.type is QuestionType.TEXT and isinstance(node, Number):
            return Out(repr(raw), ATOM)
        return self.value(node)

    def code(self, target: Field, raw: str, op: str = "=") -> str:
        """Our literal for an XLSForm code of ``target``, or the comparison's constant."""
        candidates = [raw]
        if raw.replace(".", "", 1).isdigit() and float(raw).is_integer():
            candidates.append(str(int(float(raw))))
        for candidate in candidates:
            if candidate in target.codes:
                return target.codes[candidate]
        constant = op == "!="
        self.context.notes.append(
            Message.XLSFORM_CONSTANT_CODE.format(
                column=self.context.column, code=raw, name=target.id, constant=constant
            )
        )
        raise ConstantResult(constant)
