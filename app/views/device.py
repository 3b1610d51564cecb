"""What the app asks of the device: pick pictures, hand a file to the user.

Behind a small interface so tests pass a fake and each platform does the right thing:
in a browser the PDF is downloaded, on a phone it goes to the share sheet (mail, messaging,
files), on a desktop a save dialog writes it. Photos come from the file picker with their
bytes (sent over the app's connection, which works offline in web mode too).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import flet as ft


@dataclass(frozen=True)
class PickedFile:
    name: str
    content: bytes


class Device(Protocol):
    async def pick_images(self) -> list[PickedFile]: ...

    async def deliver(self, name: str, content: bytes, mime: str) -> str: ...


class FletDevice:
    """The real device, through Flet's FilePicker and Share services."""

    def __init__(self, page: ft.Page) -> None:
        self.page = page
        self.picker = ft.FilePicker()

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
