"""Photos from the camera: offered only where there is one, the picture saved like a picked
file, nothing saved on « Annuler », and a French message when the camera cannot start."""

from __future__ import annotations

import io

import flet as ft
import pytest
from PIL import Image

from app.views import device as device_module
from app.views.device import CameraError, FletDevice, as_jpeg_or_png, camera_message
from audits.fieldwork.images import image_media_type
from audits.store.answers import answers_of
from audits.store.photos import read_photo
from tests.app.test_wizard import new_energy_audit, stored


async def photo_section(db, device):
    h = await new_energy_audit(db, device)
    await h.click("step-vitrine_enseigne")
    return h


def dialog_open(h) -> bool:
    try:
        return bool(h.find("camera-dialog").open)
    except LookupError:
        return False


@pytest.mark.asyncio
async def test_the_camera_is_offered_when_the_device_has_one(empty_db, device):
    device.cameras = True
    h = await photo_section(empty_db, device)
    assert h.is_shown("camera-photo_facade")  # beside « Choisir une photo »
    assert h.is_shown("field-photo_facade")
    assert h.is_shown("camera-enseigne_lumineuse")  # beside another question's tools


@pytest.mark.asyncio
async def test_without_a_camera_only_the_file_button_is_offered(empty_db, device):
    h = await photo_section(empty_db, device)
    assert h.is_shown("field-photo_facade")
    assert not h.is_shown("camera-photo_facade")
    with pytest.raises(LookupError):
        h.find("camera-enseigne_lumineuse")


@pytest.mark.asyncio
async def test_the_wizard_shows_before_the_device_answers_and_the_button_follows(empty_db, device):
    device.cameras = None  # the browser's permission prompt is still open
    h = await photo_section(empty_db, device)
    assert h.find("section-title").value == "Vitrine, enseigne et écrans"
    assert not h.is_shown("camera-photo_facade")
    device.cameras_found(True)
    assert h.is_shown("camera-photo_facade") and h.is_shown("camera-enseigne_lumineuse")


@pytest.mark.asyncio
async def test_a_picture_taken_is_saved_as_the_questions_answer(empty_db, device):
    device.cameras = True
    h = await photo_section(empty_db, device)
    await h.click("camera-photo_facade")
    assert dialog_open(h) and device.opened[0].started
    assert not h.find("camera-shoot").disabled
    await h.click("camera-shoot")
    assert not dialog_open(h)
    store, audit_id = stored(empty_db)
    (sha256,) = answers_of(store, audit_id)["photo_facade"].value
    assert read_photo(store, sha256) == device.picture
    assert len(h.find("photos-photo_facade").controls) == 1  # its thumbnail
    assert "· 1/" in h.find("step-vitrine_enseigne").label.value


@pytest.mark.asyncio
async def test_a_picture_beside_an_answered_question_is_attached_to_it(empty_db, device):
    device.cameras = True
    h = await photo_section(empty_db, device)
    await h.select("field-enseigne_lumineuse", "oui")
    await h.click("camera-enseigne_lumineuse")
    await h.click("camera-shoot")
    assert len(h.find("photos-enseigne_lumineuse").controls) == 1


@pytest.mark.asyncio
async def test_cancel_saves_nothing(empty_db, device):
    device.cameras = True
    h = await photo_section(empty_db, device)
    await h.click("camera-photo_facade")
    await h.click("camera-cancel")
    assert not dialog_open(h)
    store, audit_id = stored(empty_db)
    assert "photo_facade" not in answers_of(store, audit_id)
    assert store.db.execute("SELECT COUNT(*) FROM photos").fetchone()[0] == 0
    rows = [c for c in h.walk() if getattr(c, "key", None) == "photos-photo_facade"]
    assert all(not row.controls for row in rows)  # no thumbnail (no row until a photo)


@pytest.mark.asyncio
async def test_a_camera_that_cannot_start_says_why_in_french(empty_db, device):
    device.cameras = True
    device.camera_error = camera_message(RuntimeError("CameraException(permissionDenied, …)"))
    h = await photo_section(empty_db, device)
    await h.click("camera-photo_facade")
    message = h.find("camera-message")
    assert message.visible and message.value.startswith("L'appareil photo n'est pas autorisé")
    assert not h.is_shown("camera-shoot")
    await h.click("camera-cancel")
    store, audit_id = stored(empty_db)
    assert "photo_facade" not in answers_of(store, audit_id)


@pytest.mark.asyncio
async def test_a_picture_in_another_format_is_stored_as_a_jpeg(empty_db, device):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#2E7D6B").save(buffer, format="WEBP")
    device.cameras, device.picture = True, buffer.getvalue()
    h = await photo_section(empty_db, device)
    await h.click("camera-photo_facade")
    await h.click("camera-shoot")
    store, audit_id = stored(empty_db)
    (sha256,) = answers_of(store, audit_id)["photo_facade"].value
    assert image_media_type(read_photo(store, sha256)) == "image/jpeg"


def test_what_the_client_says_is_told_in_french():
    reasons = {
        "The camera cannot be used or the permission to access the camera is not granted.": (
            "L'appareil photo n'est pas autorisé"
        ),
        "CameraException(notFound, No camera found for the given camera options.)": (
            "Aucun appareil photo"
        ),
        "The camera is not readable due to a hardware error": "L'appareil photo est utilisé",
        "Timeout waiting for invokeMethod initialize": "L'appareil photo n'a pas pu démarrer",
    }
    for reason, french in reasons.items():
        assert camera_message(RuntimeError(reason)).startswith(french)


def test_jpeg_and_png_pass_unchanged_and_unreadable_bytes_are_left_to_be_refused():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format="PNG")
    assert as_jpeg_or_png(buffer.getvalue()) == buffer.getvalue()
    assert as_jpeg_or_png(b"not a picture") == b"not a picture"


@pytest.mark.asyncio
async def test_a_desktop_window_never_offers_the_camera():
    from tests.app.flet_harness import Harness

    h = Harness()
    h.page.web, h.page.platform = False, ft.PagePlatform.LINUX
    answers: list[bool] = []
    FletDevice(h.page).on_cameras(answers.append)
    assert answers == [False]  # at once: flet-camera has no desktop support
    assert h.page.overlay == []


@pytest.mark.asyncio
async def test_a_phone_that_never_answers_gets_the_file_button_only(monkeypatch):
    import asyncio

    from tests.app.flet_harness import Harness

    monkeypatch.setattr(device_module, "PROBE_TIMEOUT", 0.05)
    h = Harness()
    h.page.web, h.page.platform = False, ft.PagePlatform.ANDROID
    answers: list[bool] = []
    real = FletDevice(h.page)
    real.on_cameras(answers.append)
    real.on_cameras(answers.append)  # a second card: still one question to the client
    assert answers == []
    for _ in range(50):
        await asyncio.sleep(0.01)
        if answers:
            break
    assert answers == [False, False] and h.page.overlay == []
    asked = [m for m in h.conn.sent if getattr(m.body, "name", None) == "get_available_cameras"]
    assert len(asked) == 1
    real.on_cameras(answers.append)  # the answer is kept for the session
    assert answers == [False, False, False]


@pytest.mark.asyncio
async def test_a_browser_is_asked_only_when_the_advisor_opens_the_camera(monkeypatch):
    from tests.app.flet_harness import Harness

    monkeypatch.setattr(device_module, "PROBE_TIMEOUT", 0.05)
    h = Harness()
    h.page.web = True
    answers: list[bool] = []
    real = FletDevice(h.page)
    real.on_cameras(answers.append)
    assert answers == [True]  # offered at once: asking would prompt for the permission
    real.on_cameras(answers.append, confirmed_only=True)
    assert answers == [True, False]  # beside ordinary questions: the file picker until then
    assert not [m for m in h.conn.sent if getattr(m.body, "name", None) == "get_available_cameras"]
    session = real.open_camera()
    h.page.overlay.append(session.preview)  # on screen, as in the capture dialog
    h.page.update()
    with pytest.raises(CameraError):  # no answer from this browser: no camera
        await session.start()
    real.on_cameras(answers.append)
    assert answers == [True, False, False]  # not offered again in this session
