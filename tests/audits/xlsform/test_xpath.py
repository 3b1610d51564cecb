"""The XPath parser: precedence as XPath 1.0 defines it, references, refusals."""

from __future__ import annotations

import pytest

from audits.errors import Message
from audits.xlsform.xpath import (
    Binary,
    Call,
    Current,
    Negate,
    Number,
    Ref,
    Text,
    XPathError,
    parse_xpath,
)


def test_and_binds_tighter_than_or_and_comparisons_tighter_than_and():
    tree = parse_xpath("${a} = 1 or ${b} > 2 and ${c} != 'x'")
    assert tree == Binary(
        "or",
        Binary("=", Ref("a"), Number("1")),
        Binary("and", Binary(">", Ref("b"), Number("2")), Binary("!=", Ref("c"), Text("x"))),
    )


def test_arithmetic_is_left_associative_and_div_mod_bind_tighter_than_plus():
    assert parse_xpath("1 - 2 - 3") == Binary(
        "-", Binary("-", Number("1"), Number("2")), Number("3")
    )
    assert parse_xpath("1 + 2 div 3") == Binary(
        "+", Number("1"), Binary("div", Number("2"), Number("3"))
    )


def test_unary_minus_applies_to_its_operand_only():
    assert parse_xpath("-${a} * 2") == Binary("*", Negate(Ref("a")), Number("2"))


def test_functions_take_hyphenated_names_and_dot_is_the_current_answer():
    assert parse_xpath("count-selected(.)") == Call("count-selected", (Current(),))
    assert parse_xpath('selected (${q}, "a")') == Call("selected", (Ref("q"), Text("a")))


def test_a_reference_keeps_the_name_as_written_in_the_form():
    assert parse_xpath("${ Surface-Vente }") == Ref("Surface-Vente")


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("../x = 1", Message.XPATH_PATH.format(path="../x")),
        ("${a} | ${b}", Message.XPATH_UNION.value),
        ("(${a} = 1", Message.XPATH_SYNTAX.format(near="(${a} = 1")),
        ("${a} = #", Message.XPATH_SYNTAX.format(near="#")),
    ],
)
def test_what_the_parser_cannot_read_is_refused_with_a_french_reason(source, reason):
    with pytest.raises(XPathError) as refused:
        parse_xpath(source)
    assert refused.value.reason == reason


def test_an_expression_nested_beyond_reason_is_refused_not_crashing():
    with pytest.raises(XPathError) as refused:
        parse_xpath("(" * 5000 + "1" + ")" * 5000)
    assert refused.value.reason == Message.XPATH_REFUSED.format(problem="expression trop imbriquée")
