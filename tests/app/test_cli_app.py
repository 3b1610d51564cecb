"""``diagterrain app``: web or window, the address printed in French, the database prepared."""

from __future__ import annotations

import pytest

from app import main as app_main
from app.cli import main, run_app
from app.state.context import AppContext, close_stores
from audits.store.overview import overview


@pytest.fixture
def served(monkeypatch):
    calls = []
    monkeypatch.setattr(app_main, "serve", lambda db, **kw: calls.append((db, kw)))
    return calls


def test_no_display_serves_the_web_app_and_prints_its_address(
    served, monkeypatch, tmp_path, capsys
):
    monkeypatch.setattr(run_app, "has_display", lambda: False)
    db = tmp_path / "d.db"
    assert main(["app", "--port", "8601", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "ouvrez http://127.0.0.1:8601/ dans votre navigateur" in out
    assert served == [
        (db, {"web": True, "host": "127.0.0.1", "port": 8601, "demo": True, "open_browser": False})
    ]


def test_a_display_without_the_desktop_client_opens_the_browser(served, monkeypatch):
    monkeypatch.setattr(run_app, "has_display", lambda: True)
    monkeypatch.setattr(run_app, "has_desktop_client", lambda: False)
    main(["app", "--sans-demo"])
    ((_, options),) = served
    assert options["web"] and options["open_browser"] and not options["demo"]


def test_the_desktop_window_when_it_can(served, monkeypatch, capsys):
    monkeypatch.setattr(run_app, "has_display", lambda: True)
    monkeypatch.setattr(run_app, "has_desktop_client", lambda: True)
    main(["app"])
    assert served[0][1]["web"] is False and capsys.readouterr().out == ""
    main(["app", "--web"])
    assert served[1][1]["web"] is True


def test_prepare_imports_questionnaires_and_adds_the_demo_once(tmp_path):
    db = tmp_path / "d.db"
    app_main.prepare(db, demo=False)
    store = AppContext(db).store
    assert overview(store).questionnaires and not overview(store).counts["establishments"]
    close_stores()
    app_main.prepare(db, demo=True)
    count = overview(AppContext(db).store).counts["establishments"]
    close_stores()
    app_main.prepare(db, demo=True)
    assert overview(AppContext(db).store).counts["establishments"] == count == 10
