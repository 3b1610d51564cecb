"""What the app asks of the device: pick pictures, take one with the camera, hand a file over.

Behind a small interface so tests pass a fake and each platform does the right thing:
in a browser the PDF is downloaded, on a phone it goes to the share sheet (mail, messaging,
files), on a desktop a save dialog writes it. Photos come from the file picker with their
bytes (sent over the app's connection, which works offline in web mode too), or from the
camera where flet-camera runs (a browser, Android, iOS; not a desktop window).
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import flet as ft
from flet_camera import Camera, CameraDescription, CameraLensDirection, ResolutionPreset
from PIL import Image, UnidentifiedImageError

from audits.fieldwork.images import image_media_type

log = logging.getLogger(__name__)

CAMERA_PLATFORMS = (ft.PagePlatform.ANDROID, ft.PagePlatform.IOS)
PROBE_TIMEOUT = 60.0  # seconds: a browser waits for the advisor to answer its permission prompt
START_TIMEOUT = 60.0  # the same prompt may come again when the camera starts
SHOT_TIMEOUT = 30.0  # a closed dialog or a lost client must not leave the handler waiting
CAMERA_MESSAGES = (
    (
        ("permission", "notallowed"),
        "L'appareil photo n'est pas autorisé : autorisez-le dans les réglages du navigateur"
        " ou de l'appareil, ou choisissez une photo.",
    ),
    (
        ("not found", "notfound", "no camera"),
        "Aucun appareil photo n'a été trouvé : choisissez une photo.",
    ),
    (
        ("not readable", "notreadable"),
        "L'appareil photo est utilisé par une autre application : fermez-la, ou choisissez"
        " une photo.",
    ),
)
CAMERA_FAILED = "L'appareil photo n'a pas pu démarrer : choisissez plutôt une photo."
SHOT_FAILED = "La photo n'a pas pu être prise : réessayez, ou choisissez une photo."


@dataclass(frozen=True)
class PickedFile:
    name: str
    content: bytes


class CameraError(Exception):
    """Why the camera could not start or shoot, in French: the capture dialog shows it."""


class CameraSession(Protocol):
    """One use of the camera: a preview to show, started once it is on screen, then a shot."""

    preview: ft.Control

    async def start(self) -> None: ...

    async def take(self) -> bytes: ...


class Device(Protocol):
    async def pick_images(self) -> list[PickedFile]: ...

    async def deliver(self, name: str, content: bytes, mime: str) -> str: ...

    def on_cameras(
        self, listener: Callable[[bool], None], confirmed_only: bool = False
    ) -> None: ...

    def open_camera(self) -> CameraSession: ...


def camera_supported(page: ft.Page) -> bool:
    """Where flet-camera works (its own check): a browser, Android or iOS, not a desktop."""
    return bool(page.web) or page.platform in CAMERA_PLATFORMS


def camera_message(error: Exception) -> str:
    """The client's reason (camera_web's or the phone's, in English) told in French."""
    reason = str(error).lower()
    for fragments, message in CAMERA_MESSAGES:
        if any(fragment in reason for fragment in fragments):
            return message
    return CAMERA_FAILED


def as_jpeg_or_png(content: bytes) -> bytes:
    """The picture as the store takes it: JPEG and PNG pass, another format becomes a JPEG.

    A browser's camera gives a JPEG; a phone may give another format (HEIF, WebP), which
    Pillow converts when it can read it; what it cannot read is left for the
    view-model to refuse with its message.
    """
    if image_media_type(content) is not None:
        return content
    try:
        with Image.open(io.BytesIO(content)) as image:
            buffer = io.BytesIO()
            image.convert("RGB").save(buffer, format="JPEG", quality=90)
            return buffer.getvalue()
    except (UnidentifiedImageError, OSError):
        return content


def back_camera(cameras: list[CameraDescription]) -> CameraDescription:
    """The camera facing away from the advisor when there is one (a tablet's or phone's)."""
    return next((c for c in cameras if c.lens_direction is CameraLensDirection.BACK), cameras[0])


class FletCamera:
    """The real camera: flet-camera's preview control, initialised once it is on screen.

    ``cameras`` is None in a browser that was not asked yet: the preview control asks it
    when the advisor opens the camera (which is when the browser asks its permission), and
    ``remember`` keeps the answer for the session.
    """

    def __init__(
        self,
        cameras: list[CameraDescription] | None,
        remember: Callable[[list[CameraDescription]], None],
    ) -> None:
        self.cameras = cameras
        self.remember = remember
        self.preview = Camera(expand=True, key="camera-preview")

    async def start(self) -> None:
        if self.cameras is None:
            try:
                self.cameras = await self.ask(self.preview)
            finally:  # refused or absent: not offered again in this session
                self.remember(self.cameras or [])
        if not self.cameras:
            raise CameraError(CAMERA_MESSAGES[1][1])
        try:
            started = self.preview.initialize(
                back_camera(self.cameras), ResolutionPreset.HIGH, enable_audio=False
            )
            await asyncio.wait_for(started, START_TIMEOUT)
        except Exception as error:  # the client's error arrives as a RuntimeError or timeout
            log.info("camera did not start: %s", error)
            raise CameraError(camera_message(error)) from error

    @staticmethod
    async def ask(camera: Camera) -> list[CameraDescription]:
        """The cameras the client has, asked through a mounted camera control; its refusal,
        absence or silence (``PROBE_TIMEOUT``) told in French."""
        try:
            return await asyncio.wait_for(camera.get_available_cameras(), PROBE_TIMEOUT)
        except Exception as error:
            log.info("camera refused or absent: %s", error)
            raise CameraError(camera_message(error)) from error

    async def take(self) -> bytes:
        try:
            content = await asyncio.wait_for(self.preview.take_picture(), SHOT_TIMEOUT)
        except Exception as error:
            log.info("camera did not shoot: %s", error)
            raise CameraError(SHOT_FAILED) from error
        return bytes(content or b"")


class FletDevice:
    """The real device, through Flet's FilePicker and Share services and flet-camera."""

    def __init__(self, page: ft.Page) -> None:
        self.page = page
        self.picker = ft.FilePicker()
        self.cameras: list[CameraDescription] | None = None  # None: not asked yet
        self._camera_listeners: list[Callable[[bool], None]] = []
        self._probing = False

    async def pick_images(self) -> list[PickedFile]:
        files = await self.picker.pick_files(
            dialog_title="Choisir une photo",
            file_type=ft.FilePickerFileType.IMAGE,
            allow_multiple=True,
            with_data=True,
        )
        picked = []
        for file in files:
            content = file.bytes
            if content is None and file.path:
                with open(file.path, "rb") as handle:
                    content = handle.read()
            if content:
                picked.append(PickedFile(file.name, content))
        return picked

    def on_cameras(self, listener: Callable[[bool], None], confirmed_only: bool = False) -> None:
        """Tell ``listener`` whether to offer the camera: now if known, else when asked.

        A phone is asked once per session, in the background, so the wizard's first screen
        is not held up. A browser is not asked before the advisor opens the camera: asking
        makes it prompt for its permission, which must answer a gesture, not the opening of
        a questionnaire; if it then has none, the button is no longer offered.
        """
        if self.cameras is None and not camera_supported(self.page):
            self.cameras = []
        if self.cameras is not None:
            listener(bool(self.cameras))
            return
        if self.page.web:  # beside ordinary questions, only once a camera has worked
            listener(not confirmed_only)
            return
        self._camera_listeners.append(listener)
        if not self._probing:
            self._probing = True
            self.page.run_task(self._find_cameras)

    async def _find_cameras(self) -> None:
        self.cameras = await self._available_cameras()
        listeners, self._camera_listeners = self._camera_listeners, []
        for listener in listeners:
            listener(bool(self.cameras))
        try:
            self.page.update()
        except RuntimeError as error:  # the tab was closed while the client was asked
            log.info("camera answer not shown: %s", error)

    async def _available_cameras(self) -> list[CameraDescription]:
        """Ask the client through a camera control mounted, unseen, for the question only."""
        probe = Camera(width=1, height=1, preview_enabled=False)
        self.page.overlay.append(probe)
        self.page.update()
        try:
            return await FletCamera.ask(probe)
        except CameraError:  # refused, no camera, or no answer: offer the files only
            return []
        finally:
            self.page.overlay.remove(probe)

    def open_camera(self) -> CameraSession:
        return FletCamera(self.cameras, self._remember)

    def _remember(self, cameras: list[CameraDescription]) -> None:
        self.cameras = cameras

    async def deliver(self, name: str, content: bytes, mime: str) -> str:
        """Download (web), share (mobile) or save (desktop); returns what happened, in French."""
        if self.page.web:
            await self.picker.save_file(file_name=name, src_bytes=content)
            return (
                f"PDF téléchargé : {name}"
                if name.endswith(".pdf")
                else f"Fichier téléchargé : {name}"
            )
        if self.page.platform and self.page.platform.is_mobile():
            share_file = ft.ShareFile.from_bytes(content, mime_type=mime, name=name)
            await ft.Share().share_files([share_file], text=name)
            return f"{name} prêt à partager"
        path = await self.picker.save_file(
            dialog_title="Enregistrer", file_name=name, src_bytes=content
        )
        return f"{name} enregistré" if path else "enregistrement annulé"
