"""Fixtures of the app tests: a prepared database (questionnaires, optional demo) and a
started app driven by the harness, with a fake device (photos to pick, files handed over)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import flet as ft
import pytest
from PIL import Image

from app.main import app_main, prepare
from app.state.context import AppContext, close_stores
from app.views.device import CameraError, PickedFile
from audits.store.demo import demo_png
from tests.app.flet_harness import Harness

TODAY = dt.date(2026, 11, 23)


def jpeg(seed: int = 1) -> bytes:
    """A small real JPEG, what a browser's camera gives."""
    buffer = io.BytesIO()
    Image.open(io.BytesIO(png(seed))).convert("RGB").save(buffer, format="JPEG")
    return buffer.getvalue()


@dataclass
class FakeCamera:
    """The fake device's camera: a placeholder preview, then its picture or its failure."""

    picture: bytes
    fails_with: str | None = None
    preview: ft.Control = field(default_factory=lambda: ft.Container(key="camera-preview"))
    started: bool = False

    async def start(self) -> None:
        if self.fails_with is not None:
            raise CameraError(self.fails_with)
        self.started = True

    async def take(self) -> bytes:
        return self.picture


@dataclass
class FakeDevice:
    """Photos the test « picks » or « shoots », files the app « hands over ».

    ``cameras`` is the device's answer about cameras: ``None`` keeps the question pending
    (as a browser does while the permission prompt is open) until ``cameras_found``.
    """

    to_pick: list[PickedFile] = field(default_factory=list)
    delivered: list[tuple[str, bytes, str]] = field(default_factory=list)
    cameras: bool | None = False
    picture: bytes = field(default_factory=lambda: jpeg(5))
    camera_error: str | None = None
    opened: list[FakeCamera] = field(default_factory=list)
    waiting: list[Callable[[bool], None]] = field(default_factory=list)

    async def pick_images(self) -> list[PickedFile]:
        picked, self.to_pick = self.to_pick, []
        return picked

    def on_cameras(self, listener: Callable[[bool], None], confirmed_only: bool = False) -> None:
        if self.cameras is None:
            self.waiting.append(listener)
        else:
            listener(self.cameras)

    def cameras_found(self, available: bool) -> None:
        self.cameras = available
        waiting, self.waiting = self.waiting, []
        for listener in waiting:
            listener(available)

    def open_camera(self) -> FakeCamera:
        camera = FakeCamera(self.picture, self.camera_error)
        self.opened.append(camera)
        return camera

    async def deliver(self, name: str, content: bytes, mime: str) -> str:
        self.delivered.append((name, content, mime))
        return f"{name} téléchargé"


@pytest.fixture(autouse=True)
def _fresh_stores():
    yield
    close_stores()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo database for the session (filling it takes seconds); tests copy it."""
    path = tmp_path_factory.mktemp("demo") / "diagterrain.db"
    prepare(path, demo=True, today=TODAY)
    close_stores()
    return path


@pytest.fixture
def demo_db(tmp_path: Path, demo_template: Path) -> Path:
    """A copy of the demo database in its own folder (photos beside it), never ``empty_db``'s."""
    import shutil
    import sqlite3

    folder = tmp_path / "demo"
    folder.mkdir()
    target = folder / "diagterrain.db"
    with sqlite3.connect(demo_template) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    photos = demo_template.with_name("diagterrain.photos")
    if photos.is_dir():
        shutil.copytree(photos, folder / "diagterrain.photos")
    return target


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    """Questionnaires only, in its own folder: a test may also ask for ``demo_db`` (or ``ctx``)."""
    folder = tmp_path / "empty"
    folder.mkdir()
    path = folder / "diagterrain.db"
    prepare(path, demo=False, today=TODAY)
    return path


@pytest.fixture
def device() -> FakeDevice:
    return FakeDevice()


@pytest.fixture
def ctx(demo_db: Path) -> AppContext:
    return AppContext(demo_db, today=lambda: TODAY)


def png(seed: int = 1) -> bytes:
    import random

    return demo_png(random.Random(seed), 64, 48)


async def start_app(db: Path, device: FakeDevice, width: float = 1280) -> Harness:
    harness = Harness(width=width)
    await harness.start(app_main(db, device=lambda page: device, today=lambda: TODAY))
    return harness


BAKERY_SIRET = "73282932000074"


def bakery_audit(db: Path, answered: bool = True) -> str:
    """A bakery and its energy audit with the example answers of ``questionnaires/exemples``."""
    from app import config
    from audits.answers_file import load_answers_file
    from audits.catalog import load_catalog
    from audits.store.answers import save_answer
    from audits.store.audits import create_audit
    from audits.store.establishments import create_establishment
    from audits.store.questionnaires import stored_questionnaire

    ctx = AppContext(db, today=lambda: TODAY)
    store = ctx.store
    shop = create_establishment(
        store, {"siret": BAKERY_SIRET, "name": "Boulangerie Martin", "contact_name": "Paul Martin"}
    )
    audit = create_audit(store, shop.id, "energie-commerce", planned_on=TODAY)
    if answered:
        catalog = load_catalog(config.QUESTIONNAIRES_DIR, config.REFERENCE_DIR)
        example = config.QUESTIONNAIRES_DIR / "exemples" / "boulangerie-energie.yaml"
        _, answers = load_answers_file(example, catalog.get)
        for question in stored_questionnaire(store, audit.questionnaire_ref).questions():
            if question.id in answers.answers:
                save_answer(store, audit.id, question.id, answers.answers[question.id])
    return audit.id


async def open_audit(h: Harness, audit_id: str, siret: str = BAKERY_SIRET) -> None:
    """Through the screens: establishments, the card, the audit in its history."""
    h.find("back")  # the app is up
    rail = next(c for c in h.walk() if type(c).__name__ == "NavigationRail")
    h.type_into(rail, 1, "selected_index")
    await h.fire(rail, "change")
    await h.click(f"establishment-{siret}")
    await h.click(f"audit-{audit_id}")
