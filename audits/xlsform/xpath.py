"""A parser for the XPath subset XLSForm authors write in relevant, constraint and calculation.

XLSForm expressions are XPath 1.0 with ODK functions and ``${name}`` references. This parser
builds a small tree of what can mean something in our language (references, ``.``, literals,
operators, function calls) and refuses with a French reason what cannot (paths, predicates,
unions), so the translator never guesses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NoReturn

from audits.errors import Message


class XPathError(ValueError):
    """An expression outside what we translate; ``reason`` is French, for the notice."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Number:
    text: str


@dataclass(frozen=True)
class Text:
    value: str


@dataclass(frozen=True)
class Ref:
    name: str


@dataclass(frozen=True)
class Current:
    pass


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Binary:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Negate:
    operand: Node


Node = Number | Text | Ref | Current | Call | Binary | Negate

PRECEDENCE = {
    "or": 1,
    "and": 2,
    "=": 3,
    "!=": 3,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "div": 6,
    "mod": 6,
}
WORD_OPERATORS = frozenset({"and", "or", "div", "mod"})
UNARY_PRECEDENCE = 7
_TOKEN = re.compile(
    r"""\s*(?:
      (?P<ref>\$\{[^}]*\})
    | (?P<string>'[^']*'|"[^"]*")
    | (?P<number>\d+(?:\.\d*)?|\.\d+)
    | (?P<path>\.\.|//|/|@|\[|\]|::)
    | (?P<current>\.)
    | (?P<op>!=|<=|>=|=|<|>|\+|-|\*|\||\(|\)|,)
    | (?P<name>[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)
    )""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    position = 0
    source = source.rstrip()
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None or match.lastgroup is None:
            raise XPathError(Message.XPATH_SYNTAX.format(near=source[position:][:20].strip()))
        tokens.append(Token(match.lastgroup, match.group(match.lastgroup)))
        position = match.end()
    return tokens


def parse_xpath(source: str) -> Node:
    """The tree of ``source``, or XPathError with the reason it is refused."""
    parser = _Parser(tokenize(source), source)
    try:
        node = parser.expression(0)
    except RecursionError:
        raise XPathError(
            Message.XPATH_REFUSED.format(problem="expression trop imbriquée")
        ) from None
    if parser.peek() is not None:
        parser.fail()
    return node


class _Parser:
    """Precedence climbing over the token list."""

    def __init__(self, tokens: list[Token], source: str) -> None:
        self.tokens = tokens
        self.source = source
        self.index = 0

    def peek(self) -> Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            self.fail()
        self.index += 1
        return token

    def fail(self, token: Token | None = None) -> NoReturn:
        token = token or self.peek()
        near = token.text if token else self.source[-20:]
        raise XPathError(Message.XPATH_SYNTAX.format(near=near))

    def expect(self, text: str) -> None:
        token = self.take()
        if token.text != text:
            self.fail(token)

    def operator(self) -> str | None:
        token = self.peek()
        if token is None:
            return None
        if token.text == "|":
            raise XPathError(Message.XPATH_UNION.value)
        if token.kind == "path":
            raise XPathError(Message.XPATH_PATH.format(path=self.path_text()))
        if token.kind == "op" or (token.kind == "name" and token.text in WORD_OPERATORS):
            return token.text if token.text in PRECEDENCE else None
        return None

    def expression(self, minimum: int) -> Node:
        left = self.unary()
        while (op := self.operator()) is not None and PRECEDENCE[op] > minimum:
            self.index += 1
            left = Binary(op, left, self.expression(PRECEDENCE[op]))
        return left

    def unary(self) -> Node:
        token = self.peek()
        if token is not None and token.text == "-":
            self.index += 1
            return Negate(self.expression(UNARY_PRECEDENCE - 1))
        return self.primary()

    def primary(self) -> Node:
        token = self.take()
        if token.kind == "ref":
            return Ref(token.text[2:-1].strip())
        if token.kind == "string":
            return Text(token.text[1:-1])
        if token.kind == "number":
            return Number(token.text)
        if token.kind == "current":
            return Current()
        if token.text == "(":
            node = self.expression(0)
            self.expect(")")
            return node
        if token.kind == "name" and self._at("("):
            return self.call(token.text)
        if token.kind in ("name", "path", "current"):
            self.index -= 1
            raise XPathError(Message.XPATH_PATH.format(path=self.path_text()))
        self.fail(token)

    def path_text(self) -> str:
        """The path the author wrote (``/data/x``, ``../y``), for the notice."""
        parts: list[str] = []
        for token in self.tokens[self.index :]:
            if token.kind not in ("name", "path", "current", "ref") or token.text in WORD_OPERATORS:
                break
            parts.append(token.text)
        return "".join(parts)

    def _at(self, text: str) -> bool:
        token = self.peek()
        return token is not None and token.text == text

    def call(self, name: str) -> Call:
        self.expect("(")
        args: list[Node] = []
        if not self._at(")"):
            args.append(self.expression(0))
            while self._at(","):
                self.index += 1
                args.append(self.expression(0))
        self.expect(")")
        return Call(name, tuple(args))
