"""One question of the wizard as a card: its field, help, unit, message, N/A, note and photos.

The card is built once per section and then only synchronised (``sync``) after each answer:
typed text is never rewritten under the advisor's fingers, so the cursor stays put, while
visibility, messages and statuses follow the view-model.
"""

from __future__ import annotations

from typing import Any

import flet as ft

from app.state.wizard import WizardVM
from app.views import inputs, theme
from app.views.camera import CaptureDialog
from app.views.widgets import card, muted, secondary, tagged
from audits.answers import AnswerStatus
from audits.questionnaire import Question, QuestionType

NO_PHOTOS = (QuestionType.NOTE, QuestionType.COMPUTED, QuestionType.SIGNATURE)
STATUS_CHIPS = (
    (AnswerStatus.NOT_APPLICABLE, "Non applicable"),
    (AnswerStatus.UNKNOWN, "Je ne sais pas"),
)


class QuestionCard:
    def __init__(self, screen: Any, vm: WizardVM, question: Question) -> None:
        self.screen = screen
        self.vm = vm
        self.question = question
        self.required = ft.TextSpan(" *", style=ft.TextStyle(color=theme.WARNING))
        self.label = ft.Text(
            spans=[ft.TextSpan(question.label), self.required],
            size=15,
            weight=ft.FontWeight.W_600,
        )
        self.error: ft.Text | None = None  # made with the first message
        self.field = inputs.field_for(self, question)
        self.chips = [self._chip(status, text) for status, text in STATUS_CHIPS]
        self.note: ft.TextField | None = None  # made when needed: a field is costly to send
        self.photos: ft.Row | None = None  # made with the first photo
        self._photo_hashes: list[str] | None = None
        self.camera: ft.Control | None = None  # offered once the device says it has one
        self.control = self._layout()
        if question.type not in NO_PHOTOS:
            # a browser is asked only when the camera is opened: until then it is offered
            # for photo questions, while the file picker (which a phone's browser opens on
            # its camera anyway) serves the others
            photo = question.type is QuestionType.PHOTO
            screen.shell.device.on_cameras(self._offer_camera, confirmed_only=not photo)

    def _chip(self, status: AnswerStatus, text: str) -> ft.Chip:
        qid = self.question.id
        return ft.Chip(
            label=text,
            on_select=self.screen.act(lambda: self.vm.set_status(qid, status)),
            show_checkmark=True,
            selected_color=theme.PRIMARY_SOFT,
            key=f"{status.value}-{qid}",
        )

    def _layout(self) -> ft.Control:
        q = self.question
        if q.type is QuestionType.NOTE:
            return self._info(ft.Icons.INFO_OUTLINE, theme.PRIMARY_SOFT)
        if q.type is QuestionType.COMPUTED:
            return self._info(ft.Icons.CALCULATE_OUTLINED, theme.ACCENT_SOFT)
        self.head = head = ft.Row(
            [
                ft.Container(self.label, expand=True, padding=ft.Padding.only(top=12)),
                *self._tools(),
            ],
            spacing=0,
            vertical_alignment=ft.CrossAxisAlignment.START,
        )
        parts: list[ft.Control] = [head]
        if q.help:
            parts.append(muted(q.help, size=13))
        self.chips_row = ft.Row(self.chips, wrap=True, spacing=8, run_spacing=4)
        field = self.field
        if q.type is QuestionType.PHOTO:
            self.camera = secondary(
                "Appareil photo",
                self.screen.act(self._take_photo),
                ft.Icons.CAMERA_ALT_OUTLINED,
                key=f"camera-{q.id}",
                visible=False,
            )
            field = ft.Row([self.field, self.camera], wrap=True, spacing=8, run_spacing=8)
        self._top = [*parts, field]
        self.body = ft.Column([*self._top, self.chips_row], spacing=10)
        body = card(
            self.body,
            padding=ft.Padding.only(left=16, right=6, top=4, bottom=16),
            key=f"card-{q.id}",
        )
        return tagged(body, f"q-{q.id}", q.label)

    def _info(self, icon: Any, bgcolor: str) -> ft.Control:
        self.value_text = ft.Text("", size=14, key=f"value-{self.question.id}")
        return tagged(
            card(
                ft.Row(
                    [ft.Icon(icon, color=theme.PRIMARY), ft.Container(self.value_text, expand=True)]
                ),
                bgcolor=bgcolor,
                border=bgcolor,
                padding=14,
            ),
            f"q-{self.question.id}",
        )

    def _tools(self) -> list[ft.Control]:
        """Note and photo buttons, beside the question (a photo question has its own)."""
        qid = self.question.id
        tools: list[ft.Control] = [
            ft.IconButton(
                ft.Icons.STICKY_NOTE_2_OUTLINED,
                tooltip="Ajouter une note",
                on_click=self._show_note,
                key=f"note-button-{qid}",
            )
        ]
        if self.question.type not in (QuestionType.SIGNATURE, QuestionType.PHOTO):
            photo = ft.IconButton(
                ft.Icons.ADD_A_PHOTO_OUTLINED,
                tooltip="Joindre une photo",
                on_click=self.screen.act(self._pick_photo),
                key=f"photo-{qid}",
            )
            tools.append(tagged(photo, f"photo-{qid}", "Joindre une photo"))
        return tools

    def commit_typed(self) -> None:
        """Save typed text the field did not report yet (no blur before a tap elsewhere)."""
        qid, vm = self.question.id, self.vm
        field = getattr(self, "text_field", None)
        if field is not None and not field.disabled and (field.value or "") != vm.text(qid):
            vm.answer_text(qid, field.value or "")
        if self.note is not None and (self.note.value or "") != vm.note(qid):
            vm.set_note(qid, self.note.value or "")

    def _show_note(self) -> None:
        if self.note is not None:
            return
        qid, vm = self.question.id, self.vm
        self.note = ft.TextField(
            label="Note",
            multiline=True,
            min_lines=1,
            max_lines=4,
            value=vm.note(qid),
            on_blur=self.screen.act(lambda e: vm.set_note(qid, e.control.value or "")),
            key=f"note-{qid}",
            border=theme.FIELD_BORDER,
        )
        self._arrange()

    async def _pick_photo(self) -> None:
        for picked in await self.screen.shell.device.pick_images():
            self.vm.add_photo(self.question.id, picked.content)

    def _offer_camera(self, available: bool) -> None:
        """The device's answer, which may come after the card is on screen.

        Beside other questions the button is made only when there is a camera: a section's
        cards are sent in one patch, and controls nobody can use would only slow it down.
        """
        if self.question.type is QuestionType.PHOTO and self.camera is not None:
            self.camera.visible = available
        elif available and self.camera is None:
            qid = self.question.id
            button = ft.IconButton(
                ft.Icons.CAMERA_ALT_OUTLINED,
                tooltip="Prendre une photo",
                on_click=self.screen.act(self._take_photo),
                key=f"camera-{qid}",
            )
            self.camera = tagged(button, f"camera-{qid}", "Prendre une photo")
            self.head.controls.append(self.camera)

    async def _take_photo(self) -> None:
        """The camera's picture takes the picked file's path: checked, stored, answered."""
        qid = self.question.id
        session = self.screen.shell.device.open_camera()
        await CaptureDialog(
            self.screen, session, lambda content: self.vm.add_photo(qid, content)
        ).open()

    def sync(self) -> None:
        """Bring the card in line with the view-model after any answer."""
        q, vm = self.question, self.vm
        self.control.visible = vm.visible(q.id)
        if q.type in (QuestionType.NOTE, QuestionType.COMPUTED):
            text = (
                vm.note_label(q.id)
                if q.type is QuestionType.NOTE
                else f"{q.label} : {vm.computed(q.id)}"
            )
            self.value_text.value = text
            return
        self.required.text = " *" if vm.required(q.id) else ""
        self._show_error(vm.errors.get(q.id))
        status = vm.status(q.id)
        for chip, (chip_status, _) in zip(self.chips, STATUS_CHIPS, strict=True):
            chip.selected = status is chip_status
        inputs.sync_field(self, q, status not in (None, AnswerStatus.ANSWERED))
        if q.type is QuestionType.PHOTO and self.camera is not None:
            self.camera.disabled = self.field.disabled
        if vm.note(q.id):
            self._show_note()
        self._sync_photos()

    def _arrange(self) -> None:
        """The card's parts in their order. The message, the note and the photos are made
        only when needed: every control of a section's cards is sent and built on each move,
        and most questions never get any of the three."""
        optional = (self.error, self.chips_row, self.note, self.photos)
        self.body.controls = [*self._top, *(part for part in optional if part is not None)]

    def _show_error(self, message: str | None) -> None:
        if self.error is None:
            if not message:
                return
            self.error = ft.Text("", color=theme.WARNING, size=13, key=f"error-{self.question.id}")
            self._arrange()
        self.error.value = message or ""
        self.error.visible = bool(message)

    def _sync_photos(self) -> None:
        hashes = self.vm.photos(self.question.id)
        if hashes == (self._photo_hashes or []):
            return
        self._photo_hashes = hashes
        if self.photos is None:
            qid = self.question.id
            self.photos = ft.Row(wrap=True, spacing=8, run_spacing=8, key=f"photos-{qid}")
            self._arrange()
        self.photos.controls = [self._thumbnail(sha) for sha in hashes]

    def _thumbnail(self, sha256: str) -> ft.Control:
        qid = self.question.id
        return ft.Stack(
            [
                ft.Image(
                    src=self.vm.thumbnail(sha256),
                    semantics_label="Photo jointe",
                    width=88,
                    height=88,
                    fit=ft.BoxFit.COVER,
                    border_radius=10,
                ),
                ft.Container(
                    ft.IconButton(
                        ft.Icons.CLOSE,
                        icon_size=16,
                        tooltip="Retirer la photo",
                        on_click=self.screen.act(lambda: self.vm.remove_photo(qid, sha256)),
                        style=ft.ButtonStyle(bgcolor="#CCFFFFFF"),
                    ),
                    right=0,
                    top=0,
                ),
            ],
            width=88,
            height=88,
        )
