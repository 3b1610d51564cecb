"""The camera in a real browser: Chromium's fake camera (a test pattern) stands in for the
tablet's, with the permission granted, and the picture taken ends up as the answer of the
façade question, stored as a JPEG, its thumbnail on the card."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from audits.store import open_store
from audits.store.answers import answers_of
from audits.store.photos import read_photo
from tests.e2e.conftest import ARGS, CHROMIUM, AppPage, sync_api
from tests.e2e.serve import running_app

FAKE_CAMERA = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app on its own demo database, so the test can read the stored picture back."""
    data = tmp_path_factory.mktemp("camera-data")
    with running_app(data) as url:
        yield url, data / "diagterrain.db"


@pytest.fixture(scope="module")
def camera_browser(browser: Any) -> Iterator[Any]:
    """Chromium with a fake camera and no permission prompt (the shared one has no camera).

    Launched from the shared browser's Playwright: a second ``sync_playwright`` would clash
    with it whichever module runs first.
    """
    chromium = browser.browser_type.launch(
        executable_path=CHROMIUM, headless=True, args=[*ARGS, *FAKE_CAMERA]
    )
    yield chromium
    chromium.close()


def facade_photos(db: Path) -> list[bytes]:
    """The pictures answering « Photo de la façade » in the Fromagerie's audit, verified."""
    with open_store(db) as store:
        (audit_id,) = store.db.execute(
            "SELECT u.id FROM audits u JOIN establishments e ON e.id = u.establishment_id"
            " WHERE e.name = 'Fromagerie Les Alpages' AND u.questionnaire_id = 'energie-commerce'"
        ).fetchone()
        answer = answers_of(store, audit_id).get("photo_facade")
        return [read_photo(store, sha256) for sha256 in (answer.value if answer else [])]


def test_a_photo_taken_with_the_camera_answers_the_question(served, camera_browser, shots_dir):
    url, db = served
    context = camera_browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, permissions=["camera"]
    )
    app = AppPage(context.new_page(), shots_dir, "camera", fits_width=PHONE["width"])
    app.open(url)
    app.tap(app.page.get_by_text("Fromagerie Les Alpages").first)
    app.expect_text(re.compile("réponses"))
    app.tap(app.page.get_by_role("checkbox", name=re.compile("^Vitrine, enseigne")))
    sync_api.expect(app.ident("q-photo_facade")).to_be_visible()
    step = app.page.get_by_role("checkbox", name=re.compile(r"^Vitrine, enseigne et écrans · "))
    answered, total = map(int, re.findall(r"(\d+)/(\d+)", step.get_attribute("aria-label"))[0])
    thumbnails = app.page.get_by_role("img", name="Photo jointe")
    sync_api.expect(thumbnails).to_have_count(0)

    camera = app.button("Appareil photo")  # offered once the browser listed its cameras
    sync_api.expect(camera).to_be_visible(timeout=30_000)
    to_the_facade_question(app)
    app.shot("camera-offered")
    app.tap(camera)
    app.expect_text("Prendre une photo")
    shoot = app.button("Prendre la photo")
    sync_api.expect(shoot).to_be_enabled(timeout=30_000)  # the camera started
    app.shot("preview")
    app.tap(shoot)

    sync_api.expect(thumbnails).to_have_count(1, timeout=15_000)
    done = f"Vitrine, enseigne et écrans · {answered + 1}/{total}"  # the photo is an answer
    sync_api.expect(app.page.get_by_role("checkbox", name=done)).to_be_visible()
    to_the_facade_question(app)
    app.shot("photo-taken")
    context.close()

    (stored,) = facade_photos(db)
    with Image.open(io.BytesIO(stored)) as picture:
        assert picture.format == "JPEG" and picture.width >= 320, picture.size
    assert all("rive" in request for request in app.external), app.external


def to_the_facade_question(app: AppPage) -> None:
    """The section's last card, under the fold on a phone."""
    app.page.mouse.move(195, 500)
    app.page.mouse.wheel(0, 3000)
