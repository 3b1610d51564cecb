"""« Appareil photo » : a live preview, « Prendre la photo », « Annuler ».

The device gives the camera (a real one, or the tests' fake); this dialog only shows it and
hands the picture to ``on_photo``, which is the same path as a picked file (checked as JPEG
or PNG, stored under its hash, thumbnail, answer saved at once). When the camera cannot
start (permission refused, no camera, in use) the dialog says why in French and the file
button stays the way to attach a photo.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from app.views import theme
from app.views.device import CameraError, CameraSession, as_jpeg_or_png

STARTING = "Démarrage de l'appareil photo…"


class CaptureDialog:
    def __init__(
        self, screen: Any, session: CameraSession, on_photo: Callable[[bytes], None]
    ) -> None:
        self.screen = screen
        self.session = session
        self.on_photo = on_photo
        self.closed = False
        self.message = ft.Text(STARTING, size=13, color=theme.MUTED, key="camera-message")
        self.shoot = ft.FilledButton(
            "Prendre la photo",
            icon=ft.Icons.CAMERA_ALT,
            on_click=screen.act(self._shoot),
            disabled=True,
            height=48,
            key="camera-shoot",
        )
        frame = ft.Container(
            session.preview,
            width=420,
            height=315,
            bgcolor="#1D2B2F",
            border_radius=12,
            clip_behavior=ft.ClipBehavior.HARD_EDGE,
            alignment=ft.Alignment.CENTER,
        )
        self.dialog = ft.AlertDialog(
            modal=True,  # a stray tap beside it must not leave the camera running
            title=ft.Text("Prendre une photo"),
            content=ft.Column([frame, self.message], tight=True, spacing=10, width=420),
            actions=[
                ft.TextButton("Annuler", on_click=self.close, height=48, key="camera-cancel"),
                self.shoot,
            ],
            bgcolor=theme.CARD,
            key="camera-dialog",
        )

    async def open(self) -> None:
        """Shown first (the preview must be on screen before the camera starts), then started."""
        self.screen.shell.show_dialog(self.dialog)
        try:
            await self.session.start()
        except CameraError as error:
            self._failed(str(error), again=False)
            return
        if not self.closed:
            self.message.visible = False
            self.shoot.disabled = False

    def close(self) -> None:
        """Closing removes the preview, which releases the camera."""
        if not self.closed:
            self.closed = True
            self.screen.shell.close_dialog()

    async def _shoot(self) -> None:
        self.shoot.disabled = True
        try:
            content = await self.session.take()
        except CameraError as error:
            self._failed(str(error), again=True)
            return
        self.close()
        self.on_photo(as_jpeg_or_png(content))

    def _failed(self, message: str, again: bool) -> None:
        """Say why; a shot that failed may be tried again, a camera that did not start not."""
        self.message.value = message
        self.message.color = theme.WARNING
        self.message.visible = True
        self.shoot.visible = again
        self.shoot.disabled = not again
