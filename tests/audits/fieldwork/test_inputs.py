"""Typed answers read the French way, and shown back the same way."""

from __future__ import annotations

import pytest

from audits.errors import AnswerError
from audits.fieldwork.images import image_media_type, thumbnail
from audits.fieldwork.inputs import (
    computed_text,
    field_message,
    input_text,
    note_text,
    number_text,
    parse_amount,
    parse_day,
    parse_text,
)
from audits.questionnaire import Question, QuestionType
from audits.store.demo import demo_png


def q(kind: QuestionType, unit: str | None = None) -> Question:
    return Question(id="x", type=kind, label="X", unit=unit)


@pytest.mark.parametrize(
    ("kind", "text", "value"),
    [
        (QuestionType.NUMBER, "12,5", 12.5),
        (QuestionType.NUMBER, " 1 200 ", 1200),
        (QuestionType.NUMBER, "1\u202f234,5", 1234.5),
        (QuestionType.INT, "6", 6),
        (QuestionType.INT, "6,0", 6),
        (QuestionType.TIME, "8h30", "08:30"),
        (QuestionType.TIME, "19:00", "19:00"),
        (QuestionType.TIME, "7h", "07:00"),
        (QuestionType.DATE, "15/03/2025", "2025-03-15"),
        (QuestionType.DATE, "2025-03-15", "2025-03-15"),
        (QuestionType.TEXT, "  vitrine  ", "vitrine"),
        (QuestionType.NUMBER, "   ", None),
    ],
)
def test_typed_text_becomes_the_engine_value(kind, text, value):
    assert parse_text(q(kind), text) == value


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        (QuestionType.NUMBER, "douze", "saisissez un nombre"),
        (QuestionType.INT, "2,5", "nombre entier"),
        (QuestionType.TIME, "25h00", "saisissez une heure"),
        (QuestionType.DATE, "31/02/2025", "saisissez une date"),
    ],
)
def test_unreadable_text_says_what_to_type(kind, text, message):
    with pytest.raises(AnswerError, match=message):
        parse_text(q(kind), text)


def test_values_are_shown_back_as_typed():
    assert input_text(q(QuestionType.DATE), "2025-03-15") == "15/03/2025"
    assert input_text(q(QuestionType.NUMBER), 12.5) == "12,5"
    assert input_text(q(QuestionType.INT), None) == ""


def test_engine_messages_lose_their_question_prefix():
    error = AnswerError("« surface » : 5 est inférieur au minimum 10")
    assert field_message(error) == "5 est inférieur au minimum 10"


def test_numbers_and_notes_in_french():
    assert number_text(1234.5, 1) == "1\u00a0234,5"
    assert number_text(-3) == "-3"
    assert computed_text(q(QuestionType.COMPUTED, "kWh/an"), 52000) == "52\u00a0000\u00a0kWh/an"
    assert computed_text(q(QuestionType.COMPUTED), None) == "—"
    assert note_text("Total : {a} kWh, {b}", {"a": 1500.0}) == "Total : 1\u00a0500 kWh, …"


def test_form_amounts_and_days():
    assert parse_amount("1 500") == 1500
    assert parse_amount("") is None
    assert parse_day("31/03/2027").isoformat() == "2027-03-31"
    with pytest.raises(AnswerError):
        parse_amount("beaucoup")


def test_only_png_and_jpeg_are_taken_and_thumbnails_are_small():
    import io
    import random

    from PIL import Image

    picture = demo_png(random.Random(1), 800, 600)
    assert image_media_type(picture) == "image/png"
    assert image_media_type(b"%PDF-1.4") is None
    small = thumbnail(picture)
    assert image_media_type(small) == "image/jpeg"
    assert max(Image.open(io.BytesIO(small)).size) == 160
