"""A signature pad: a canvas under a gesture detector (Flet has no signature control).

Each drag adds a stroke; its points go into the list the view-model owns (so the picture is
drawn server-side, the same on every platform) and a line segment is added to the canvas
for the signer to see. 320 × 150 fits a 360 px phone with its margins.
"""

from __future__ import annotations

import itertools

import flet as ft
import flet.canvas as cv

from app.views import theme
from app.views.widgets import flat, muted

WIDTH, HEIGHT = 320, 150
INK = ft.Paint(stroke_width=3, color="#1D2B2F", stroke_cap=ft.StrokeCap.ROUND)


class SignaturePad:
    def __init__(self, strokes: list[list[tuple[float, float]]], identifier: str, label: str):
        self.strokes = strokes
        self.canvas = cv.Canvas(shapes=[], width=WIDTH, height=HEIGHT)
        self.hint = muted("Signez ici avec le doigt ou la souris", size=12)
        detector = ft.GestureDetector(
            content=ft.Stack(
                [
                    ft.Container(
                        self.hint, alignment=ft.Alignment.CENTER, width=WIDTH, height=HEIGHT
                    ),
                    self.canvas,
                ],
                width=WIDTH,
                height=HEIGHT,
            ),
            on_pan_start=self._start,
            on_pan_update=self._move,
            drag_interval=16,
            key=f"{identifier}-detector",
        )
        self.box = ft.Semantics(
            identifier=identifier,
            label=label,
            container=True,
            content=ft.Container(
                detector,
                width=WIDTH,
                height=HEIGHT,
                bgcolor=ft.Colors.WHITE,
                border=ft.Border.all(1, theme.LINE),
                border_radius=12,
                clip_behavior=ft.ClipBehavior.HARD_EDGE,
            ),
        )
        self.control = ft.Column(
            [
                ft.Text(label, weight=ft.FontWeight.W_600),
                self.box,
                flat("Effacer", self.clear, ft.Icons.CLEANING_SERVICES_OUTLINED),
            ],
            spacing=6,
            horizontal_alignment=ft.CrossAxisAlignment.START,
        )
        self._redraw()

    def _start(self, e: ft.DragStartEvent) -> None:
        self.strokes.append([(e.local_position.x, e.local_position.y)])
        self.hint.visible = False

    def _move(self, e: ft.DragUpdateEvent) -> None:
        if not self.strokes:
            self.strokes.append([])
        stroke = self.strokes[-1]
        point = (e.local_position.x, e.local_position.y)
        if stroke:
            self.canvas.shapes.append(cv.Line(*stroke[-1], *point, paint=INK))
        stroke.append(point)

    def clear(self) -> None:
        self.strokes.clear()
        self._redraw()

    def _redraw(self) -> None:
        shapes = []
        for stroke in self.strokes:
            shapes += [cv.Line(*a, *b, paint=INK) for a, b in itertools.pairwise(stroke)]
        self.canvas.shapes = shapes
        self.hint.visible = not self.strokes
