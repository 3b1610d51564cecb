"""The expression language: what it computes, how unknown answers propagate, what it refuses."""

from __future__ import annotations

import time

import pytest

from audits.expressions import (
    MAX_LENGTH,
    EvaluationError,
    Expression,
    ExpressionError,
    parse,
)

REFERENCE = {"prix_electricite": 0.25, "jours_ouvres": 250}


def run(source: str, value=None, **values):
    return parse(source).evaluate(values, REFERENCE, value)


# --- what it computes -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "values", "expected"),
    [
        ("surface > 100", {"surface": 150}, True),
        ("surface > 100", {"surface": 100}, False),
        ("surface >= 100", {"surface": 100}, True),
        ("surface < 100", {"surface": 50.5}, True),
        ("surface <= 100", {"surface": 100.0}, True),
        ("activite == 'boulangerie'", {"activite": "boulangerie"}, True),
        ("activite != 'boulangerie'", {"activite": "coiffure"}, True),
        ("chauffage == true", {"chauffage": True}, True),
        ("chauffage == false", {"chauffage": True}, False),
        ("chauffage", {"chauffage": True}, True),
        ("not chauffage", {"chauffage": False}, True),
        ("a and b", {"a": True, "b": False}, False),
        ("a or b", {"a": False, "b": True}, True),
        ("a and (b or c)", {"a": True, "b": False, "c": True}, True),
        ("not a and b", {"a": False, "b": True}, True),
        ("0 < x <= 10", {"x": 10}, True),
        ("0 < x <= 10", {"x": 0}, False),
        ("0 < x <= 10 < y", {"x": 5, "y": 11}, True),
        ("1 < x < 3", {"x": 3}, False),
        ("activite in ['boulangerie', 'boucherie']", {"activite": "boucherie"}, True),
        ("activite in ['boulangerie', 'boucherie']", {"activite": "coiffure"}, False),
        ("activite not in ['boulangerie', 'boucherie']", {"activite": "coiffure"}, True),
        ("activite in ('boulangerie', 'boucherie')", {"activite": "boulangerie"}, True),
        ("'led' in equipements", {"equipements": ["led", "portes"]}, True),
        ("'led' not in equipements", {"equipements": ["portes"]}, True),
        ("x if chauffage else y", {"chauffage": True, "x": 1, "y": 2}, 1),
        ("x if chauffage else y", {"chauffage": False, "x": 1, "y": 2}, 2),
    ],
)
def test_conditions_compute_as_written(source, values, expected):
    assert parse(source).evaluate(values) == expected


@pytest.mark.parametrize(
    ("source", "values", "expected"),
    [
        ("a + b", {"a": 2, "b": 3}, 5),
        ("a - b", {"a": 2, "b": 3}, -1),
        ("a * b", {"a": 2, "b": 3.5}, 7.0),
        ("a / b", {"a": 7, "b": 2}, 3.5),
        ("a // b", {"a": 7, "b": 2}, 3),
        ("a % b", {"a": 7, "b": 2}, 1),
        ("-a", {"a": 2}, -2),
        ("+a", {"a": 2}, 2),
        ("(a + b) * 2", {"a": 1, "b": 2}, 6),
        ("a + b * 2", {"a": 1, "b": 2}, 5),
        ("1_000 + 0.5", {}, 1000.5),
        ("1e15", {}, 1e15),
    ],
)
def test_arithmetic_computes_on_numbers(source, values, expected):
    assert parse(source).evaluate(values) == expected


@pytest.mark.parametrize(
    ("source", "values", "expected"),
    [
        ("answered(surface)", {"surface": 0}, True),
        ("answered(surface)", {}, False),
        ("count(equipements)", {"equipements": ["led", "portes"]}, 2),
        ("count(equipements)", {"equipements": []}, 0),
        ("count(equipements)", {}, 0),
        ("count(equipements) >= 2", {"equipements": ["led", "portes"]}, True),
        ("selected(equipements, 'led')", {"equipements": ["led", "portes"]}, True),
        ("selected(equipements, 'led')", {"equipements": ["portes"]}, False),
        ("selected(equipements, 'led')", {}, False),
        ("selected(activite, 'boulangerie')", {"activite": "boulangerie"}, True),
        ("ref('prix_electricite') * 1000", {}, 250.0),
        ("min(a, b, 10)", {"a": 3, "b": 7}, 3),
        ("max(a, b, 10)", {"a": 3, "b": 17}, 17),
        ("min(a, b)", {"a": 3}, 3),
        ("max(a, b)", {}, None),
        ("round(a)", {"a": 2.6}, 3),
        ("round(a, 2)", {"a": 2.3456}, 2.35),
        ("round(a, 100)", {"a": 1.23456789}, 1.234568),
        ("round(a, -2)", {"a": 1234.5678}, 1235),
        ("abs(a)", {"a": -3.5}, 3.5),
        ("hours(t)", {"t": "08:30"}, 8.5),
        ("hours(t)", {"t": "18:45"}, 18.75),
        ("hours(fermeture) - hours(ouverture)", {"ouverture": "08:30", "fermeture": "19:00"}, 10.5),
        ("default(a, 5)", {}, 5),
        ("default(a, 5)", {"a": 0}, 0),
    ],
)
def test_functions_compute_as_documented(source, values, expected):
    assert parse(source).evaluate(values, REFERENCE) == expected


def test_value_is_the_answer_being_checked():
    expression = parse("value >= ouverture and value <= 24")
    assert expression.uses_value
    assert expression.holds({"ouverture": 8}, value=20)
    assert not expression.holds({"ouverture": 8}, value=7)


def test_names_refs_and_codes_are_collected_for_the_loader_checks():
    expression = parse(
        "activite in ['boulangerie', 'boucherie'] and selected(froid, 'vitrine') "
        "and surface * ref('prix_electricite') > value and answered(date_visite)"
    )
    assert expression.names == {"activite", "froid", "surface", "date_visite"}
    assert expression.refs == {"prix_electricite"}
    assert expression.codes == {
        ("activite", "boulangerie"),
        ("activite", "boucherie"),
        ("froid", "vitrine"),
    }
    assert expression.uses_value


def test_codes_compared_on_either_side_are_collected():
    assert parse("'boulangerie' == activite").codes == {("activite", "boulangerie")}


def test_constants_are_not_question_names():
    assert parse("a == true or a == false or a == null or a == True or a == None").names == {"a"}


def test_an_expression_spread_over_several_lines_by_yaml_parses():
    assert parse("a > 1\nand b < 2").holds({"a": 2, "b": 1})


def test_the_same_text_compiles_once_and_is_shared():
    assert parse("surface > 12345") is parse("surface > 12345")


# --- unknown answers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "surface > 100",
        "surface < 100",
        "surface >= 0",
        "surface <= 0",
        "0 < surface < 10",
        "activite == 'boulangerie'",
        "activite in ['boulangerie', 'boucherie']",
        "activite not in ['boulangerie', 'boucherie']",
        "'led' in equipements",
        "selected(equipements, 'led')",
        "answered(surface)",
    ],
)
def test_a_comparison_with_an_unanswered_question_is_false(source):
    assert parse(source).evaluate({}) is False
    assert not parse(source).holds({})


@pytest.mark.parametrize(
    "source",
    [
        "surface + 1",
        "surface - 1",
        "surface * 2",
        "surface / 2",
        "surface // 2",
        "surface % 2",
        "-surface",
        "abs(surface)",
        "round(surface, 1)",
        "hours(ouverture)",
        "surface * 2 + 3",
    ],
)
def test_arithmetic_on_an_unanswered_question_gives_nothing(source):
    assert parse(source).evaluate({}) is None


@pytest.mark.parametrize("source", ["a / b", "a // b", "a % b", "a / (b - b)"])
def test_division_by_zero_gives_nothing(source):
    assert parse(source).evaluate({"a": 10, "b": 0}) is None


def test_a_division_by_zero_in_a_condition_makes_it_false():
    assert not parse("a / b > 1").holds({"a": 10, "b": 0})


def test_unanswered_equals_null():
    assert parse("surface == null").evaluate({}) is True
    assert parse("surface == null").evaluate({"surface": 0}) is False


def test_an_overflowing_result_gives_nothing():
    assert parse("a * a * a").evaluate({"a": 1e200}) is None
    assert parse("a / 3").evaluate({"a": 10**400}) is None


# --- errors at evaluation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "values", "message"),
    [
        ("'a' * 1000000000", {}, "calcul impossible : les deux termes doivent être des nombres"),
        (
            "a * 1000000000",
            {"a": "x"},
            "calcul impossible : les deux termes doivent être des nombres",
        ),
        ("[1] * 1000000000", {}, "calcul impossible : les deux termes doivent être des nombres"),
        (
            "a * 1000000000",
            {"a": [1, 2]},
            "calcul impossible : les deux termes doivent être des nombres",
        ),
        ("a + 'b'", {"a": "a"}, "calcul impossible : les deux termes doivent être des nombres"),
        ("a + 1", {"a": True}, "calcul impossible : les deux termes doivent être des nombres"),
        ("a > 'x'", {"a": 1}, "comparaison impossible entre nombre et texte"),
        ("a < b", {"a": True, "b": [1]}, "comparaison impossible entre booléen et liste"),
        ("a in 3", {"a": 1}, "« in » attend une liste à droite"),
        ("hours(t)", {"t": "midi"}, "heure illisible : « midi » (format HH:MM)"),
        ("min(a, 'x')", {"a": 1}, "min/max attendent des nombres"),
        ("round(a)", {"a": "x"}, "round attend un nombre et un nombre de décimales entier"),
        ("round(a, 1.5)", {"a": 1}, "round attend un nombre et un nombre de décimales entier"),
        ("ref('inconnue')", {}, "donnée de référence inconnue : « inconnue »"),
    ],
)
def test_impossible_computations_raise_evaluation_error(source, values, message):
    with pytest.raises(EvaluationError) as caught:
        parse(source).evaluate(values, REFERENCE)
    assert str(caught.value) == message


def test_a_string_multiplied_by_a_huge_number_is_refused_without_allocating():
    started = time.perf_counter()
    with pytest.raises(EvaluationError):
        parse("texte * 1000000000").evaluate({"texte": "a" * 1000})
    assert time.perf_counter() - started < 0.1


# --- what it refuses, always with ExpressionError -------------------------------------------


HOSTILE = {
    "1000 nested parentheses": "(" * 1000 + "1" + ")" * 1000,
    "300 nested parentheses": "(" * 300 + "1" + ")" * 300,
    "100 nested brackets": "[" * 100 + "]" * 100,
    "100 nested not": "not " * 100 + "a",
    "400 nested not": "not " * 400 + "a",
    "1000 unary minus": "-" * 1000 + "1",
    "long chain of +": "+".join(["1"] * 900),
    "long chain of comparisons": "<".join(["a"] * 500),
    "long list": "[" + ",".join(["1"] * 600) + "]",
    "nested calls": "min(" * 300 + "1" + ")" * 300,
    "1e300": "1e300",
    "1e309 (infinite)": "1e309",
    "huge integer": "9" * 1500,
    "10 ** 400": "10 ** 400",
    "power": "surface ** 2",
    "tower of powers": "10 ** 10 ** 10",
    "class of a tuple": "().__class__",
    "subclasses": "().__class__.__bases__[0].__subclasses__()",
    "attribute": "a.b",
    "method": "activite.upper()",
    "subscript": "a[0]",
    "slice": "a[1:2]",
    "lambda": "lambda: 1",
    "called lambda": "(lambda: 1)()",
    "list comprehension": "[x for x in a]",
    "generator": "sum(x for x in a)",
    "dict comprehension": "{x: 1 for x in a}",
    "set comprehension": "{x for x in a}",
    "f-string": "f'{a}'",
    "walrus": "(x := 1)",
    "__import__": "__import__('os')",
    "open": "open('x')",
    "eval": "eval('1')",
    "exec": "exec('1')",
    "getattr": "getattr(a, 'b')",
    "keyword argument": "round(a, ndigits=2)",
    "star argument": "min(*a)",
    "double star argument": "min(**a)",
    "dict": "{'a': 1}",
    "set": "{1, 2}",
    "is": "a is None",
    "bitwise not": "~a",
    "shift": "a << 100000",
    "bitwise and": "a & b",
    "matrix product": "a @ b",
    "bytes": "b'x'",
    "complex": "1j",
    "ellipsis": "...",
    "await": "await a",
    "yield": "(yield)",
    "statement": "import os",
    "assignment": "a = 1",
    "two statements": "a; b",
    "empty": "",
    "blank": "   ",
    "unfinished": "surface >",
    "unclosed": "min(a, b",
    "null byte": "a\x00",
    "too long": "a" * (MAX_LENGTH + 1),
    "too long with spaces": "a or " + " " * MAX_LENGTH + "b",
    "ref of a name": "ref(prix)",
    "ref of two keys": "ref('a', 'b')",
    "answered of a number": "answered(1)",
    "count of two": "count(a, b)",
    "selected of one": "selected(a)",
    "min of nothing": "min()",
    "round of three": "round(a, 1, 2)",
    "call of a question": "activite(1)",
}


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_expressions_are_refused_with_expression_error(source):
    started = time.perf_counter()
    with pytest.raises(ExpressionError) as caught:
        parse(source)
    assert time.perf_counter() - started < 1
    assert str(caught.value)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("().__class__", "accès à un attribut (« . ») interdit (colonne 1)"),
        ("a[0]", "accès par indice (« [ ] ») interdit (colonne 1)"),
        ("lambda: 1", "lambda interdit (colonne 1)"),
        ("[x for x in a]", "compréhension interdite (colonne 1)"),
        ("f'{a}'", "f-string interdite (colonne 1)"),
        ("(x := 1)", "affectation « := » interdite (colonne 2)"),
        ("10 ** 400", "opérateur « ** » non autorisé (colonne 1)"),
        ("1e300", "nombre trop grand (1e+15 au plus) (colonne 1)"),
        ("a + 1000000000000001", "nombre trop grand (1e+15 au plus) (colonne 5)"),
        ("round(a, ndigits=2)", "arguments nommés non autorisés (colonne 1)"),
        ("a is None", "« is » non autorisé : utilisez == ou != (colonne 1)"),
        ("not " * 100 + "a", "expression trop imbriquée (32 niveaux au plus)"),
        ("+".join(["1"] * 900), "expression trop imbriquée (32 niveaux au plus)"),
        ("<".join(["a"] * 500), "expression trop grande (400 éléments au plus)"),
        ("(" * 1000 + "1" + ")" * 1000, "expression trop longue (2001 caractères, 2000 au plus)"),
        ("(" * 300 + "1" + ")" * 300, "syntaxe invalide : expression trop imbriquée (colonne 201)"),
        ("min(a, b", "syntaxe invalide : parenthèse ou crochet mal fermé (colonne 4)"),
        ("", "expression vide"),
        ("ref(prix)", "ref() attend un nom entre guillemets : ref('prix_electricite') (colonne 1)"),
        ("selected(a)", "selected() s'écrit selected(question, 'code') (colonne 1)"),
        ("answered(1)", "answered() s'écrit answered(question) (colonne 1)"),
        ("default(a)", "default() attend de 2 à 2 arguments (colonne 1)"),
        (
            "open('x')",
            "fonction inconnue « open » (fonctions : answered, count, selected, ref, min, max, "
            "round, abs, hours, default) (colonne 1)",
        ),
    ],
)
def test_a_refused_expression_says_why_and_where(source, message):
    with pytest.raises(ExpressionError) as caught:
        parse(source)
    assert str(caught.value) == message


def test_an_expression_of_the_maximum_length_is_accepted():
    source = "a + " + " " * (MAX_LENGTH - 9) + "b + 1"
    assert len(source) == MAX_LENGTH
    assert parse(source).evaluate({"a": 1, "b": 2}) == 4


def test_the_largest_number_is_accepted():
    assert parse("1e15 + 1000000000000000").evaluate({}) == 2e15


def test_python_builtins_are_not_reachable_by_name():
    expression = parse("__builtins__ == None and open == None")
    assert expression.names == {"__builtins__", "open"}
    assert expression.evaluate({}) is True


def test_an_expression_is_immutable_data():
    expression = parse("a > 1")
    assert isinstance(expression, Expression)
    with pytest.raises(AttributeError):
        expression.source = "a > 2"  # type: ignore[misc]
