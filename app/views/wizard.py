"""The audit wizard: progress, the sections as steps, the current section's question cards.

Cards are built when a section opens and synchronised after each answer, so skip logic shows
and hides questions live without rebuilding the field the advisor is typing in.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import flet as ft

from app.state.wizard import WizardVM
from app.views import theme
from app.views.question import QuestionCard
from app.views.screen import Screen, bottom_bar, page_body, with_actions
from app.views.widgets import muted, primary, secondary, tagged

FIRST_CARDS = 6
"""Cards sent in a move's first patch: more than a tablet's screen holds."""
REST_DELAY = 0.05
"""Seconds between the first patch and the rest: a frame or three for the browser to paint."""


class WizardScreen(Screen):
    title = "Audit"

    def __init__(self, shell: Any, **params: Any) -> None:
        super().__init__(shell, **params)
        self.vm = WizardVM(self.ctx, params["audit_id"])
        self.title = self.vm.questionnaire.title
        self.cards: dict[str, QuestionCard] = {}
        self._section_questions: list[Any] = []
        self._first_cards_only = False
        self._cards_pending = False
        self._shown_index = -1
        self._chips: dict[str, ft.Chip] = {}
        self.body: ft.Column | None = None  # the scrolling page, once rendered
        self.progress = ft.ProgressBar(
            value=0, color=theme.ACCENT, bgcolor=theme.ACCENT_SOFT, bar_height=8, border_radius=4
        )
        self.progress_text = muted("", size=12, key="progress")
        self.steps = ft.Row(scroll=ft.ScrollMode.HIDDEN, spacing=8, key="steps")
        self.section_title = ft.Text("", size=20, weight=ft.FontWeight.W_700, key="section-title")
        self.section_help = muted("", size=13)
        self.questions = ft.Column(
            spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH, key="questions"
        )
        self.previous = secondary("Précédent", self._moving(self._previous), ft.Icons.ARROW_BACK)
        self.next = primary("Suivant", self._moving(self._next), ft.Icons.ARROW_FORWARD, key="next")
        self.readonly_banner = ft.Container(
            ft.Row(
                [
                    ft.Icon(ft.Icons.LOCK_OUTLINE, color=theme.ACCENT),
                    ft.Text("Audit signé : les réponses ne peuvent plus changer.", expand=True),
                ]
            ),
            bgcolor=theme.ACCENT_SOFT,
            border_radius=12,
            padding=12,
            visible=self.vm.readonly,
        )

    def render(self) -> ft.Control:
        with self._first_cards_only_():  # as a move does: the cards below the fold follow
            self._open_section()
        if self._cards_pending:
            self.shell.page.run_task(self._place_remaining_cards)
        header = ft.Container(
            ft.Column(
                [
                    ft.Text(
                        self.vm.establishment.name,
                        size=16,
                        weight=ft.FontWeight.W_600,
                        max_lines=1,
                        overflow=ft.TextOverflow.ELLIPSIS,
                    ),
                    self.progress,
                    self.progress_text,
                    self.steps,
                ],
                spacing=8,
            ),
            padding=ft.Padding.only(left=16, right=16, top=12, bottom=8),
            bgcolor=theme.CARD,
            border=ft.Border.only(bottom=ft.BorderSide(1, theme.LINE)),
        )
        body = self.body = page_body(
            [
                self.readonly_banner,
                ft.Column([self.section_title, self.section_help], spacing=4),
                self.questions,
            ]
        )
        actions = bottom_bar([self.previous, tagged(self.next, "next", "Suivant")])
        return with_actions(body, actions, header)

    def _open_section(self) -> None:
        vm = self.vm
        self.section_title.value = vm.section_model.title
        self.section_help.value = vm.section_model.help or ""
        self.section_help.visible = bool(vm.section_model.help)
        self.cards = {}
        self._section_questions = vm.questions()
        self._sync()
        self.shell.page.run_task(self._reveal_current_step)

    async def _place_remaining_cards(self) -> None:
        """Once the screen's first patch is on its way: the cards below the fold."""
        await self._after_first_paint()
        if self.shell.screen is self:
            self.shell.page.update()

    async def _reveal_current_step(self) -> None:
        """A section opens at its top, and on a phone, where the chips overflow sideways,
        with its chip brought into view.

        Runs once the new section has been sent; a screen already left, or a client that
        never answers (the headless harness), just leaves things where they were.
        """
        key = ft.ScrollKey(f"step-{self.vm.section_model.id}")
        with contextlib.suppress(TimeoutError, RuntimeError, AttributeError):
            await asyncio.wait_for(self.body.scroll_to(offset=0), 5)
            await asyncio.wait_for(self.steps.scroll_to(scroll_key=key, duration=250), 5)

    def refresh(self) -> None:
        """After an answer: sync cards; after a move: open the new section."""
        if self.cards and self._shown_index == self.vm.index:
            self._sync()
        else:
            self._open_section()

    def _place_cards(self) -> None:
        """Cards for the questions now visible; a hidden question's card is made when it
        first shows. Skip logic hides many questions, and every card sent costs: Flet walks
        each new control's fields, the browser builds it (see docs/app.md, figures)."""
        vm = self.vm
        shown = [q for q in self._section_questions if q.id not in self.cards and vm.visible(q.id)]
        room = FIRST_CARDS - len(self.cards) if self._first_cards_only else len(shown)
        self._cards_pending = len(shown) > room
        shown = shown[: max(room, 0)]
        if not shown:
            return
        for question in shown:
            self.cards[question.id] = QuestionCard(self, vm, question)
        self.questions.controls = [
            self.cards[q.id].control for q in self._section_questions if q.id in self.cards
        ]

    def _sync(self) -> None:
        vm = self.vm
        self._shown_index = vm.index
        self._place_cards()
        for card in self.cards.values():
            card.sync()
            if vm.readonly:
                card.control.disabled = True
        self.progress.value = vm.wizard.progress
        self.progress_text.value = vm.progress_text
        self.steps.controls = [self._step(section) for section in vm.wizard.visible_sections()]
        self.previous.disabled = vm.previous_section is None
        at_end = vm.next_section is None
        self.next.content = "Revue de l'audit" if at_end else "Suivant"

    def _step(self, section: Any) -> ft.Control:
        """The section's chip, made once and then only updated: a new chip on every answer
        would make Flet serialise the whole row again (see docs/app.md, figures)."""
        chip = self._chips.get(section.id)
        if chip is None:
            chip = ft.Chip(
                label=ft.Text("", size=13),
                leading=ft.Icon(ft.Icons.CHECK_CIRCLE, size=18, color=theme.ACCENT),
                show_checkmark=False,
                selected_color=theme.PRIMARY_SOFT,
                on_click=self._moving(self._jump(section.index)),
                key=ft.ScrollKey(f"step-{section.id}"),
            )
            self._chips[section.id] = chip
        chip.label.value = (  # type: ignore[union-attr]
            f"{section.title} · {section.answered}/{section.total}"
            if section.total
            else section.title
        )
        chip.leading.visible = section.done  # type: ignore[union-attr]
        chip.selected = section.index == self.vm.index
        return chip

    def _moving(self, move: Callable[[], None]) -> Callable[[], AsyncIterator[None]]:
        """A move's handler, answered in two patches: the new section's first cards, at once,
        then the rest. The advisor sees the top of the section while the cards below the
        fold are still being sent and built (a patch's size is what a move costs)."""

        async def handler() -> AsyncIterator[None]:
            with self._first_cards_only_():
                self.act(move)()
            if self.shell.screen is self and self._cards_pending:
                yield  # Flet sends what is ready, then resumes here
                await self._after_first_paint()

        return handler

    @contextlib.contextmanager
    def _first_cards_only_(self) -> Iterator[None]:
        """While the block runs, an opening section gets only its first cards."""
        self._first_cards_only = True
        try:
            yield
        finally:
            self._first_cards_only = False

    async def _after_first_paint(self) -> None:
        """The cards below the fold, once the browser has had time to paint the top: sent
        sooner, they would often be built before the first frame and delay it."""
        await asyncio.sleep(REST_DELAY)
        if self.shell.screen is self and self._cards_pending:
            self._sync()

    def _jump(self, index: int) -> Callable[[], None]:
        def jump() -> None:
            self._commit_typed()
            self.vm.go(index)

        return jump

    def _previous(self) -> None:
        self._commit_typed()
        self.vm.previous()

    def _next(self) -> None:
        self._commit_typed()
        if not self.vm.next():
            self.shell.go("review", audit_id=self.vm.audit_id)

    def _commit_typed(self) -> None:
        """Save text still in a field: on a phone « Suivant » is tapped without leaving it."""
        for card in self.cards.values():
            card.commit_typed()
