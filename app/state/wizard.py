"""The audit wizard: one section at a time, every answer saved the moment it is given.

Each change is written to the store at once (validated there), then the skip logic is
re-evaluated so questions and sections appear or vanish while the advisor works. The
section the advisor is on is remembered in the settings, so a closed app reopens there.
"""

from __future__ import annotations

from typing import Any

from app.state.context import AppContext
from audits.answers import Answer, AnswerStatus, answered
from audits.errors import DiagError
from audits.fieldwork.images import image_media_type, thumbnail
from audits.fieldwork.inputs import computed_text, field_message, input_text, note_text, parse_text
from audits.fieldwork.signature import has_signature, signature_png
from audits.fieldwork.wizard import SectionStatus, next_index, resume_index, wizard_state
from audits.questionnaire import Question, QuestionType, Section
from audits.store.answers import answer_details, answers_of, remove_answer, save_answer
from audits.store.audit_rows import get_audit
from audits.store.establishments import get_establishment
from audits.store.photos import add_photo, read_photo
from audits.store.questionnaires import stored_questionnaire

PAD_WIDTH, PAD_HEIGHT = 320, 150
NEEDS_ANSWER = "Répondez d'abord, ou choisissez « Non applicable » ou « Je ne sais pas »."


class WizardVM:
    def __init__(self, ctx: AppContext, audit_id: str) -> None:
        self.ctx = ctx
        self.audit_id = audit_id
        store = ctx.store
        self.audit = get_audit(store, audit_id)
        self.questionnaire = stored_questionnaire(store, self.audit.questionnaire_ref)
        self.establishment = get_establishment(store, self.audit.establishment_id)
        self.readonly = self.audit.status == "signed"
        self.errors: dict[str, str] = {}
        self._thumbnails: dict[str, bytes] = {}
        self._reload()
        self.index = resume_index(self.wizard, ctx.settings.positions.get(audit_id))

    def _reload(self) -> None:
        store = self.ctx.store
        self.answers = answers_of(store, self.audit_id)
        self.details = {row["question_id"]: row for row in answer_details(store, self.audit_id)}
        self.wizard = wizard_state(self.questionnaire, self.answers, self.ctx.reference.numbers)

    # what the view reads -------------------------------------------------------------
    @property
    def section(self) -> SectionStatus:
        return self.wizard.sections[self.index]

    @property
    def section_model(self) -> Section:
        return self.questionnaire.sections[self.index]

    def questions(self) -> list[Question]:
        return list(self.section_model.questions)

    def visible(self, question_id: str) -> bool:
        return self.wizard.state.is_visible(question_id)

    def required(self, question_id: str) -> bool:
        return question_id in self.wizard.required

    def value(self, question_id: str) -> Any:
        answer = self.answers.get(question_id)
        return answer.value if answer is not None and answer.is_answered else None

    def status(self, question_id: str) -> AnswerStatus | None:
        answer = self.answers.get(question_id)
        return answer.status if answer is not None else None

    def text(self, question_id: str) -> str:
        return input_text(self.questionnaire.question(question_id), self.value(question_id))

    def note(self, question_id: str) -> str:
        return self.details.get(question_id, {}).get("note") or ""

    def photos(self, question_id: str) -> list[str]:
        """Pictures of the question: the answer itself for a photo question, else attached."""
        attached = list(self.details.get(question_id, {}).get("photos") or [])
        if self.questionnaire.question(question_id).type is QuestionType.PHOTO:
            return list(self.value(question_id) or []) + attached
        return attached

    def computed(self, question_id: str) -> str:
        question = self.questionnaire.question(question_id)
        return computed_text(question, self.wizard.state.values.get(question_id))

    def note_label(self, question_id: str) -> str:
        label = self.questionnaire.question(question_id).label
        return note_text(label, self.wizard.state.values)

    def thumbnail(self, sha256: str) -> bytes:
        """A small picture for the screen (cached: photos never change under their hash)."""
        cached = self._thumbnails.get(sha256)
        if cached is None:
            cached = self._thumbnails[sha256] = thumbnail(read_photo(self.ctx.store, sha256))
        return cached

    def add_signature(self, question_id: str, strokes: list[list[tuple[float, float]]]) -> bool:
        """A signature question: the drawn picture, stored like a photo, is the answer."""
        if not has_signature(strokes):
            self.errors[question_id] = "Signez dans le cadre avant d'enregistrer."
            return False
        png = signature_png(strokes, PAD_WIDTH, PAD_HEIGHT)
        self.answer(question_id, add_photo(self.ctx.store, png, "image/png"))
        return True

    @property
    def progress_text(self) -> str:
        w = self.wizard
        return f"{w.answered} / {w.total} réponses · {len(w.missing)} obligatoire(s) restante(s)"

    # what the advisor does ------------------------------------------------------------
    def answer(self, question_id: str, value: Any) -> None:
        if value is None or value == []:
            self._write(question_id, None)
        else:
            self._write(question_id, answered(value))

    def answer_text(self, question_id: str, text: str) -> None:
        """Save what was typed (when the advisor leaves the field or presses Enter)."""
        try:
            value = parse_text(self.questionnaire.question(question_id), text)
        except DiagError as error:
            self.errors[question_id] = field_message(error)
            return
        self.answer(question_id, value)

    def toggle_choice(self, question_id: str, code: str, selected: bool) -> None:
        chosen = [c for c in (self.value(question_id) or []) if c != code]
        if selected:
            order = [c.code for c in self.questionnaire.question(question_id).choices or []]
            chosen = sorted([*chosen, code], key=order.index)
        self.answer(question_id, chosen)

    def set_status(self, question_id: str, status: AnswerStatus | None) -> None:
        """N/A or « je ne sais pas »; the same again (or None) withdraws it."""
        if status is None or self.status(question_id) is status:
            self._write(question_id, None)
        else:
            self._write(question_id, Answer(status=status))

    def set_note(self, question_id: str, text: str) -> None:
        answer = self.answers.get(question_id)
        if answer is None:
            self.errors[question_id] = NEEDS_ANSWER
            return
        self._write(question_id, answer, note=text.strip() or None)

    def add_photo(self, question_id: str, content: bytes) -> None:
        media_type = image_media_type(content)
        if media_type is None:
            self.errors[question_id] = (
                "Format non pris en charge : choisissez une photo JPEG ou PNG."
            )
            return
        try:
            sha256 = add_photo(self.ctx.store, content, media_type)
        except DiagError as error:
            self.errors[question_id] = field_message(error)
            return
        question = self.questionnaire.question(question_id)
        if question.type is QuestionType.PHOTO:
            self.answer(question_id, [*(self.value(question_id) or []), sha256])
        elif question_id not in self.answers:
            self.errors[question_id] = NEEDS_ANSWER
        else:
            attached = [*self.details[question_id]["photos"], sha256]
            self._write(question_id, self.answers[question_id], photos=attached)

    def remove_photo(self, question_id: str, sha256: str) -> None:
        question = self.questionnaire.question(question_id)
        if question.type is QuestionType.PHOTO and sha256 in (self.value(question_id) or []):
            self.answer(question_id, [h for h in self.value(question_id) if h != sha256])
        elif question_id in self.answers:
            attached = [h for h in self.details[question_id]["photos"] if h != sha256]
            self._write(question_id, self.answers[question_id], photos=attached)

    def _write(
        self,
        question_id: str,
        answer: Answer | None,
        *,
        note: str | bool | None = False,
        photos: list[str] | None = None,
    ) -> None:
        """Save (or withdraw) at once; a refused value leaves a message under its field."""
        store = self.ctx.store
        detail = self.details.get(question_id, {})
        kept_note = detail.get("note") if note is False else note
        kept_photos = detail.get("photos", []) if photos is None else photos
        try:
            if answer is None:
                if question_id in self.details:
                    remove_answer(store, self.audit_id, question_id)
            else:
                save_answer(
                    store, self.audit_id, question_id, answer, note=kept_note, photos=kept_photos
                )
        except DiagError as error:
            self.errors[question_id] = field_message(error)
            return
        self.errors.pop(question_id, None)
        self._reload()

    # moving around ----------------------------------------------------------------------
    def go(self, index: int) -> None:
        self.index = index
        self.ctx.settings.positions[self.audit_id] = index
        self.ctx.save_settings()

    @property
    def next_section(self) -> int | None:
        return next_index(self.wizard, self.index, 1)

    @property
    def previous_section(self) -> int | None:
        return next_index(self.wizard, self.index, -1)

    def next(self) -> bool:
        """To the next visible section; False at the end (the review comes next)."""
        target = self.next_section
        if target is None:
            return False
        self.go(target)
        return True

    def previous(self) -> None:
        target = self.previous_section
        if target is not None:
            self.go(target)
