"""The field of a question, by type: yes/no, choices, numbers with their unit, text, photo,
signature. ``field_for`` builds it; ``sync_field`` aligns it with the view-model."""

from __future__ import annotations

from typing import Any

import flet as ft

from app.views import theme
from app.views.signature_pad import SignaturePad
from app.views.widgets import flat, secondary, tagged
from audits.questionnaire import Question, QuestionType

RADIO_LIMIT = 6
KEYBOARDS = {
    QuestionType.INT: ft.KeyboardType.NUMBER,
    QuestionType.NUMBER: ft.KeyboardType.NUMBER,
    QuestionType.TEXT: ft.KeyboardType.MULTILINE,
}
HINTS = {
    QuestionType.DATE: "JJ/MM/AAAA",
    QuestionType.TIME: "HH:MM, par exemple 8h30",
    QuestionType.INT: "nombre entier",
    QuestionType.NUMBER: "nombre, par exemple 12,5",
}


def field_for(card: Any, question: Question) -> ft.Control:
    kind = question.type
    if kind is QuestionType.BOOL:
        return _radios(card, question, [("oui", "Oui"), ("non", "Non")], horizontal=True)
    if kind is QuestionType.CHOICE:
        options = [(c.code, c.label) for c in question.choices or []]
        if len(options) <= RADIO_LIMIT:
            return _radios(card, question, options)
        return _dropdown(card, question, options)
    if kind is QuestionType.MULTI:
        return _checkboxes(card, question)
    if kind is QuestionType.PHOTO:
        return secondary(
            "Choisir une photo",  # « Appareil photo » beside it where there is a camera
            card.screen.act(card._pick_photo),
            ft.Icons.PHOTO_LIBRARY_OUTLINED,
            key=f"field-{question.id}",
        )
    if kind is QuestionType.SIGNATURE:
        return _signature(card, question)
    return _text(card, question)


def _radios(
    card: Any, question: Question, options: list[tuple[str, str]], horizontal: bool = False
) -> ft.Control:
    qid = question.id
    radios = [ft.Radio(value=code, label=label) for code, label in options]
    layout: ft.Control = ft.Row(radios, wrap=True) if horizontal else ft.Column(radios, spacing=0)

    def changed(e: ft.Event[ft.RadioGroup]) -> None:
        value: Any = e.control.value
        if question.type is QuestionType.BOOL:
            value = None if value is None else value == "oui"
        card.vm.answer(qid, value)

    return ft.RadioGroup(content=layout, on_change=card.screen.act(changed), key=f"field-{qid}")


def _dropdown(card: Any, question: Question, options: list[tuple[str, str]]) -> ft.Control:
    qid = question.id
    dropdown = ft.Dropdown(
        options=[ft.DropdownOption(key=code, text=label) for code, label in options],
        on_select=card.screen.act(lambda e: card.vm.answer(qid, e.control.value)),
        key=f"field-{qid}",
        expand=True,
        border=theme.FIELD_BORDER,
        hint_text="Choisir…",
    )
    card.dropdown = dropdown
    return tagged(dropdown, f"field-{qid}", question.label)


def _checkboxes(card: Any, question: Question) -> ft.Control:
    qid = question.id
    boxes = []
    for choice in question.choices or []:
        code = choice.code
        boxes.append(
            ft.Checkbox(
                label=choice.label,
                data=code,
                on_change=card.screen.act(
                    lambda e, code=code: card.vm.toggle_choice(qid, code, bool(e.control.value))
                ),
                key=f"field-{qid}-{code}",
            )
        )
    return ft.Column(boxes, spacing=0, key=f"field-{qid}")


def _text(card: Any, question: Question) -> ft.Control:
    qid = question.id
    field = ft.TextField(
        value=card.vm.text(qid),
        hint_text=HINTS.get(question.type),
        suffix=question.unit,
        keyboard_type=KEYBOARDS.get(question.type, ft.KeyboardType.TEXT),
        multiline=question.type is QuestionType.TEXT,
        min_lines=1,
        max_lines=5 if question.type is QuestionType.TEXT else 1,
        on_blur=card.screen.act(lambda e: card.vm.answer_text(qid, e.control.value or "")),
        on_submit=card.screen.act(lambda e: card.vm.answer_text(qid, e.control.value or "")),
        key=f"field-{qid}",
        border=theme.FIELD_BORDER,
        bgcolor=theme.CARD,
        width=None if question.type is QuestionType.TEXT else 320,
    )
    card.text_field = field
    card.text_blocked = False
    return tagged(field, f"field-{qid}", question.label)


def _signature(card: Any, question: Question) -> ft.Control:
    qid = question.id
    strokes: list[list[tuple[float, float]]] = []
    pad = SignaturePad(strokes, f"pad-{qid}", "Signature")
    card.signature_image = ft.Image(
        src=b"", width=240, height=110, fit=ft.BoxFit.CONTAIN, visible=False
    )

    def save() -> None:
        if card.vm.add_signature(qid, strokes):
            pad.clear()

    card.signature_pad = pad
    card.signature_save = flat("Enregistrer la signature", card.screen.act(save), ft.Icons.CHECK)
    return ft.Column([card.signature_image, pad.control, card.signature_save], spacing=6)


def sync_field(card: Any, question: Question, blocked: bool) -> None:
    """Values the advisor picks are shown from the store; typed text only when unblocked."""
    vm, qid, kind = card.vm, question.id, question.type
    value = vm.value(qid)
    field = card.field
    if kind is QuestionType.BOOL:
        field.value = None if value is None else ("oui" if value else "non")
    elif kind is QuestionType.CHOICE:
        target = getattr(card, "dropdown", field)
        target.value = value
    elif kind is QuestionType.MULTI:
        for box in field.controls:
            box.value = box.data in (value or [])
    elif kind is QuestionType.SIGNATURE:
        card.signature_image.visible = bool(value)
        if value:
            card.signature_image.src = vm.thumbnail(value)
    elif hasattr(card, "text_field"):
        if blocked or card.text_blocked:
            card.text_field.value = "" if blocked else vm.text(qid)
        card.text_blocked = blocked
    _disable(card, blocked)


def _disable(card: Any, blocked: bool) -> None:
    target = getattr(card, "text_field", None) or getattr(card, "dropdown", None) or card.field
    target.disabled = blocked
