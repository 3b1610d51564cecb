"""ODK / XPath functions with an equivalent in our expression language.

``selected``, ``count-selected``, ``not``, ``if``, ``coalesce``, ``round``, ``abs``,
``min``/``max``, ``int``, ``floor``, ``ceiling``, ``number`` and ``pow`` with a small integer
exponent (we have no ``**``). Any other function is refused by name, never guessed.
"""

from __future__ import annotations

from collections.abc import Callable

from audits.errors import Message
from audits.questionnaire import QuestionType
from audits.xlsform.translation import (
    ATOM,
    CMP,
    CODED,
    IFEXP,
    MUL,
    NOT,
    NUMERIC,
    UNARY,
    ConstantResult,
    Field,
    Out,
    wrap,
)
from audits.xlsform.xpath import Binary, Call, Node, Number, Text, XPathError


class FunctionTranslations:
    """Mixin of the translator: one method per supported function."""

    def value(self, node: Node) -> Out:
        raise NotImplementedError

    def condition(self, node: Node) -> Out:
        raise NotImplementedError

    def numeric(self, out: Out) -> Out:
        raise NotImplementedError

    def code(self, target: Field, raw: str, op: str = "=") -> str:
        raise NotImplementedError

    def literal(self, target: Field, node: Number | Text, op: str) -> Out:
        raise NotImplementedError

    def function_table(self) -> dict[str, Callable[[tuple[Node, ...]], Out]]:
        return {
            "selected": self.selected,
            "count-selected": self.count_selected,
            "not": self.negation,
            "true": lambda args: self.constant(args, True),
            "false": lambda args: self.constant(args, False),
            "if": self.if_,
            "coalesce": lambda args: self.pure("default", args, 2, 2),
            "round": lambda args: self.pure("round", args, 1, 2),
            "abs": lambda args: self.pure("abs", args, 1, 1),
            "min": lambda args: self.pure("min", args, 1, 20),
            "max": lambda args: self.pure("max", args, 1, 20),
            "int": self.int_,
            "floor": self.floor,
            "ceiling": self.ceiling,
            "number": self.number,
            "pow": self.power,
            "decimal-time": self.decimal_time,
        }

    def call(self, node: Call) -> Out:
        function = self.function_table().get(node.name)
        if function is None:
            raise XPathError(Message.XPATH_FUNCTION.format(name=node.name))
        return function(node.args)

    def arity(self, name: str, args: tuple[Node, ...], least: int, most: int) -> None:
        if not least <= len(args) <= most:
            raise XPathError(Message.XPATH_ARGUMENTS.format(name=name))

    def question(self, name: str, node: Node) -> Out:
        out = self.value(node)
        if out.field is None:
            raise XPathError(Message.XPATH_ARGUMENTS.format(name=name))
        return out

    def selected(self, args: tuple[Node, ...]) -> Out:
        self.arity("selected", args, 2, 2)
        target = self.question("selected", args[0])
        assert target.field is not None
        code_node = args[1]
        if isinstance(code_node, Text | Number) and target.field.type in CODED:
            raw = code_node.value if isinstance(code_node, Text) else code_node.text
            try:
                code = self.code(target.field, raw)
            except ConstantResult:
                return Out("False", ATOM, condition=True)
        else:
            code = self.value(code_node).text
        if target.field.type is QuestionType.BOOL:
            return Out(f"{target.text} == {code}", CMP, condition=True)
        return Out(f"selected({target.text}, {code})", ATOM, condition=True)

    def count_selected(self, args: tuple[Node, ...]) -> Out:
        self.arity("count-selected", args, 1, 1)
        return Out(f"count({self.question('count-selected', args[0]).text})", ATOM)

    def negation(self, args: tuple[Node, ...]) -> Out:
        self.arity("not", args, 1, 1)
        operand = self.condition(args[0])
        return Out(f"not {wrap(operand, ATOM)}", NOT, condition=True)

    def constant(self, args: tuple[Node, ...], value: bool) -> Out:
        self.arity(str(value).lower(), args, 0, 0)
        return Out(str(value), ATOM, condition=True)

    def if_(self, args: tuple[Node, ...]) -> Out:
        self.arity("if", args, 3, 3)
        test = self.condition(args[0])
        body, orelse = self.value(args[1]), self.value(args[2])
        text = f"{wrap(body, IFEXP, True)} if {wrap(test, IFEXP, True)} else {wrap(orelse, IFEXP)}"
        branches = (body, orelse)
        condition = all(b.condition or b.text == "None" for b in branches) and any(
            b.condition for b in branches
        )
        return Out(text, IFEXP, condition=condition)

    def pure(self, name: str, args: tuple[Node, ...], least: int, most: int) -> Out:
        self.arity(name, args, least, most)
        texts = ", ".join(self.value(arg).text for arg in args)
        return Out(f"{name}({texts})", ATOM)

    def int_(self, args: tuple[Node, ...]) -> Out:
        self.arity("int", args, 1, 1)
        x = wrap(self.numeric(self.value(args[0])), MUL, strict=True)
        return Out(f"{x} // 1 if {x} >= 0 else -(-{x} // 1)", IFEXP)

    def floor(self, args: tuple[Node, ...]) -> Out:
        self.arity("floor", args, 1, 1)
        arg = args[0]
        if isinstance(arg, Binary) and arg.op == "div":
            left = self.numeric(self.value(arg.left))
            right = self.numeric(self.value(arg.right))
            return Out(f"{wrap(left, MUL)} // {wrap(right, MUL, strict=True)}", MUL)
        return Out(f"{wrap(self.numeric(self.value(arg)), MUL)} // 1", MUL)

    def ceiling(self, args: tuple[Node, ...]) -> Out:
        self.arity("ceiling", args, 1, 1)
        x = wrap(self.numeric(self.value(args[0])), UNARY)
        return Out(f"-(-{x} // 1)", UNARY)

    def number(self, args: tuple[Node, ...]) -> Out:
        self.arity("number", args, 1, 1)
        arg = args[0]
        if isinstance(arg, Text):
            return self.literal(Field("", QuestionType.NUMBER), arg, "=")
        out = self.value(arg)
        if isinstance(arg, Number) or (out.field is not None and out.field.type in NUMERIC):
            return out
        raise XPathError(Message.XPATH_ARGUMENTS.format(name="number"))

    def power(self, args: tuple[Node, ...]) -> Out:
        self.arity("pow", args, 2, 2)
        exponent = args[1]
        if not (isinstance(exponent, Number) and exponent.text in ("0", "1", "2", "3", "4")):
            raise XPathError(Message.XPATH_ARGUMENTS.format(name="pow"))
        base = wrap(self.numeric(self.value(args[0])), MUL, strict=True)
        if exponent.text == "0":
            return Out("1", ATOM)
        return Out(" * ".join([base] * int(exponent.text)), MUL)

    def decimal_time(self, args: tuple[Node, ...]) -> Out:
        """ODK's fraction of a day; ``hours()`` counts hours."""
        self.arity("decimal-time", args, 1, 1)
        return Out(f"hours({self.value(args[0]).text}) / 24", MUL)
