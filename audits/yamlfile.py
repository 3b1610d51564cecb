"""Reading YAML with line numbers, on the libyaml parser, without YAML 1.1 surprises.

YAML 1.1 turns ``yes``, ``no``, ``on`` and ``off`` into booleans and ``2024-01-01`` into a
date, which silently breaks choice codes and answers. Here only ``true``/``false`` are
booleans (as in YAML 1.2) and dates stay text. The node tree is kept so that any problem
found later, by pydantic or by the rule checks, can be traced back to its line.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import yaml

from audits.errors import Message, Path, Problem

_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
STR_TAG = "tag:yaml.org,2002:str"


YAML_11_TAGS = (
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
)


class Loader(_BASE_LOADER):  # type: ignore[misc]
    """libyaml's safe loader with YAML 1.2 booleans and numbers, and no timestamp resolution."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in YAML_11_TAGS]
        for first, resolvers in _BASE_LOADER.yaml_implicit_resolvers.items()
    }


Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
# YAML 1.2 numbers: no sexagesimal (``18:30`` is not 1110), no octal (``012`` is not 10),
# no ``_`` separators; a leading zero keeps the scalar as text, so code ``007`` stays ``007``.
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)


class YamlDocument:
    """A parsed YAML document: its Python data and the node tree that locates it."""

    def __init__(self, root: yaml.Node | None, data: Any) -> None:
        self.root = root
        self.data = data

    def line_of(self, path: Path) -> int | None:
        """1-based line of the node at ``path``, or of its nearest existing parent."""
        node = self.root
        if node is None:
            return None
        for step in path:
            child = _child(node, step)
            if child is None:
                break
            node = child
        return int(node.start_mark.line) + 1


def _child(node: yaml.Node, step: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == str(step):
                return value  # type: ignore[no-any-return]
    elif (
        isinstance(node, yaml.SequenceNode)
        and isinstance(step, int)
        and 0 <= step < len(node.value)
    ):
        return node.value[step]  # type: ignore[no-any-return]
    return None


class YamlSyntaxError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def parse_yaml(text: str) -> tuple[YamlDocument, list[Problem]]:
    """Parse ``text``; duplicate keys are reported as problems, syntax errors raised."""
    loader = Loader(text)
    try:
        if _may_nest_deeply(text):
            _check_depth(text)
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise YamlSyntaxError(_syntax_problem(exc)) from None
    except yaml.reader.ReaderError as exc:
        raise YamlSyntaxError(_reader_problem(exc, text)) from None
    finally:
        loader.dispose()
    problems: list[Problem] = []
    if root is not None and "&" in text:
        _check_aliases(root)
    try:
        data = _construct(loader, root, problems) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        raise YamlSyntaxError(_syntax_problem(exc)) from None
    except RecursionError:
        raise YamlSyntaxError(_too_deep()) from None
    return YamlDocument(root, data), problems


MAX_NESTING = 100
COMPACT_NESTING = re.compile(r"(?:^|\s)[-?] +[-?](?:\s|$)", re.MULTILINE)


def _may_nest_deeply(text: str) -> bool:
    """Cheap test: deep nesting needs many brackets, or compact ``- - -`` sequences."""
    brackets = text.count("[") + text.count("{")
    return brackets > MAX_NESTING * 10 or COMPACT_NESTING.search(text) is not None


def _check_depth(text: str) -> None:
    """libyaml composes nested nodes recursively in C: tens of thousands of levels overflow the
    stack and kill the process, so deep nesting is refused from the event stream first."""
    depth = 0
    for event in yaml.parse(text, Loader=_BASE_LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_NESTING:
                mark = event.start_mark
                raise YamlSyntaxError(_too_deep(mark.line + 1 if mark else 1))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _too_deep(line: int = 1) -> Problem:
    problem = f"imbrication trop profonde ({MAX_NESTING} niveaux de listes et de tables au plus)"
    return Problem(Message.YAML_SYNTAX.format(problem=problem), line=line)


MAX_EXPANDED_NODES = 1_000_000


def _check_aliases(root: yaml.Node) -> None:
    """Refuse aliases that expand without end (``&a [*a]``) or explode (« billion laughs »)."""
    stack = [root]
    expanded = 0
    while stack:
        node = stack.pop()
        expanded += 1
        if expanded > MAX_EXPANDED_NODES:
            problem = "alias récursif ou trop répété (« *nom » qui se contient lui-même ?)"
            raise YamlSyntaxError(Problem(Message.YAML_SYNTAX.format(problem=problem), line=1))
        if isinstance(node, yaml.MappingNode):
            stack.extend(child for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _reader_problem(exc: yaml.reader.ReaderError, text: str) -> Problem:
    """Characters YAML refuses (control characters pasted from a word processor)."""
    line = text.count("\n", 0, exc.position) + 1
    problem = f"caractère de contrôle interdit (#x{exc.character:04x}) : retirez-le"
    return Problem(Message.YAML_SYNTAX.format(problem=problem), line=line)


UNCLOSED = ("did not find expected ',' or", "found unexpected end of stream")


def _syntax_problem(exc: yaml.MarkedYAMLError) -> Problem:
    problem = exc.problem or "structure illisible"
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and any(unclosed in problem for unclosed in UNCLOSED):
        mark = exc.context_mark  # where the bracket or quote left open starts, not the file's end
    line = mark.line + 1 if mark else None
    message = Message.YAML_SYNTAX.format(problem=_translate_syntax(problem))
    return Problem(message, line=line)


SYNTAX_TRANSLATIONS = (
    (
        "mapping values are not allowed",
        "« : » inattendu (une valeur qui contient « : » s'écrit entre guillemets)",
    ),
    ("could not find expected ':'", "« : » attendu après la clé"),
    (
        "cannot start any token",
        "caractère interdit en début de valeur (tabulation ? indentez avec des espaces)",
    ),
    ("expected <block end>", "indentation incohérente"),
    ("did not find expected key", "clé attendue : vérifiez l'indentation"),
    ("did not find expected '-'", "élément de liste « - » attendu : vérifiez l'indentation"),
    ("found a tab character", "tabulation dans l'indentation : indentez avec des espaces"),
    ("did not find expected ',' or ']'", "liste [ … ] mal fermée : « , » ou « ] » attendu"),
    ("did not find expected ',' or '}'", "table { … } mal fermée : « , » ou « } » attendu"),
    ("found unknown escape character", "échappement « \\ » inconnu entre guillemets doubles"),
    ("found undefined alias", "alias inconnu"),
    ("found another document", "un seul document par fichier : retirez le second « --- »"),
    ("could not determine a constructor", "étiquette « ! » inconnue : retirez-la"),
    ("found unexpected end of stream", "guillemet ou crochet non fermé"),
    ("unclosed", "guillemet ou crochet non fermé"),
)


def _translate_syntax(problem: str) -> str:
    for english, french in SYNTAX_TRANSLATIONS:
        if english in problem:
            return french
    return f"structure illisible ({problem})"


def _construct(loader: Any, node: yaml.Node, problems: list[Problem], path: Path = ()) -> Any:
    if isinstance(node, yaml.MappingNode):
        return _construct_mapping(loader, node, problems, path)
    if isinstance(node, yaml.SequenceNode):
        return [_construct(loader, item, problems, (*path, i)) for i, item in enumerate(node.value)]
    if node.tag == STR_TAG:
        return node.value
    return loader.construct_object(node, deep=True)


def _construct_mapping(
    loader: Any, node: yaml.MappingNode, problems: list[Problem], path: Path
) -> dict[Any, Any]:
    result: dict[Any, Any] = {}
    first_lines: dict[Any, int] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str | int):
            problems.append(Problem(Message.YAML_SYNTAX.format(problem="clé complexe"), path, line))
            continue
        if key in first_lines:
            message = Message.DUPLICATE_KEY.format(key=key, first_line=first_lines[key])
            problems.append(Problem(message, (*path, key), line))
            continue
        first_lines[key] = line
        result[key] = _construct(loader, value_node, problems, (*path, key))
    return result
