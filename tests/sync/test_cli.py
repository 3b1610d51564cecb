"""``diagterrain server|login|sync``: setup, the default server, and a device's first sync."""

from __future__ import annotations

import io
import subprocess
import sys
import time

import requests

from app.cli import main
from audits.store import open_store
from tests.sync.servers import PASSWORD, ROOT, free_port


def run(argv, capsys, monkeypatch, stdin=""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_accounts_are_set_up_from_the_command_line(tmp_path, capsys, monkeypatch):
    url = ["--database-url", f"sqlite:///{tmp_path / 'server.db'}"]
    code, out, _ = run(
        ["server", "org", "add", "CCI Vaucluse", "--kind", "cci", *url], capsys, monkeypatch
    )
    assert code == 0 and "CCI Vaucluse" in out
    add = ["server", "user", "add", "claire", "--org", "CCI Vaucluse", "--password-stdin", *url]
    code, out, _ = run(add, capsys, monkeypatch, stdin=PASSWORD + "\n")
    assert code == 0 and "claire" in out and "advisor" in out
    code, _, err = run(add, capsys, monkeypatch, stdin=PASSWORD + "\n")
    assert code == 1 and err.strip() == "diagterrain : L'utilisateur « claire » existe déjà."
    code, _, err = run([*add[:3], "bob", *add[4:]], capsys, monkeypatch, stdin="court\n")
    assert code == 1 and "trop court" in err


def test_production_refuses_the_default_secret(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DIAGTERRAIN_ENVIRONMENT", "production")
    code, _, err = run(
        ["server", "org", "add", "X", "--database-url", f"sqlite:///{tmp_path}/s.db"],
        capsys,
        monkeypatch,
    )
    assert code == 1 and "DIAGTERRAIN_SECRET_KEY" in err and "\n" not in err.strip()


def test_the_server_with_no_option_just_works_in_the_current_folder(tmp_path):
    port = free_port()
    command = [sys.executable, "-m", "app.cli", "server", "--port", str(port)]
    process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, env=_env())
    try:
        assert _ready(f"http://127.0.0.1:{port}/api/v1/health")
        assert (tmp_path / "diagterrain-server.db").is_file()
        assert requests.get(f"http://127.0.0.1:{port}/openapi.json", timeout=5).json()["info"][
            "title"
        ]
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=10)
    assert b"Serveur Diag Terrain sur http://127.0.0.1" in output


def test_a_device_logs_in_and_syncs_from_the_command_line(
    tmp_path, sqlite_server, capsys, monkeypatch
):
    account = sqlite_server.account("advisor")
    db = ["--db", str(tmp_path / "device.db")]
    code, _, err = run(["sync", *db], capsys, monkeypatch)
    assert code == 1 and err.count("\n") == 1
    login = [
        "login",
        "--server",
        sqlite_server.url,
        "--user",
        account.username,
        "--password-stdin",
        *db,
    ]
    code, _, err = run(login, capsys, monkeypatch, stdin="mauvais\n")
    assert (code, err.strip()) == (1, "diagterrain : Identifiant ou mot de passe incorrect.")
    code, out, _ = run(login, capsys, monkeypatch, stdin=PASSWORD + "\n")
    assert code == 0 and f"connecté à {sqlite_server.url}" in out
    publish = ["server", "questionnaires", "publish", "--database-url", sqlite_server.database_url]
    assert run(publish, capsys, monkeypatch)[0] == 0
    code, out, _ = run(["sync", *db], capsys, monkeypatch)
    assert code == 0 and "synchronisation terminée" in out
    with open_store(tmp_path / "device.db") as store:
        refs = {
            row[0]
            for row in store.db.execute("SELECT ref FROM questionnaires WHERE source = 'server'")
        }
    assert "energie-commerce@1" in refs


def _env():
    import os

    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _ready(url: str) -> bool:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            return requests.get(url, timeout=1).ok
        except requests.ConnectionError:
            time.sleep(0.1)
    return False


def test_an_unreachable_server_database_is_one_french_line_without_the_password(
    capsys, monkeypatch
):
    url = "postgresql+psycopg://admin:s3cret@127.0.0.1:1/diagterrain"
    for argv in (
        ["server", "org", "add", "CCI Vaucluse", "--database-url", url],
        ["server", "purge-attachments", "--dry-run", "--database-url", url],
    ):
        code, out, err = run(argv, capsys, monkeypatch)
        assert code == 1 and out == ""
        assert err.startswith("diagterrain : base de données du serveur injoignable (")
        assert "s3cret" not in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1
    code, _, err = run(["server", "--database-url", url, "--port", "1"], capsys, monkeypatch)
    assert code == 1 and "injoignable" in err and "Traceback" not in err  # at start-up too
