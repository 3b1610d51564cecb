"""Real servers for the sync tests: uvicorn in a subprocess, on a free loopback port.

Accounts are created directly in the server's database (as ``diagterrain server user add``
does), then logged in over HTTP, so every test gets its own organisation and never sees
another test's rows.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from argon2 import PasswordHasher

from sync.server import crud, security
from sync.server.db import make_engine, make_sessions

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "motdepasse-de-test"

# Cheap hashes for test accounts: argon2 verifies with the parameters stored in each hash,
# so the server checks these quickly too, while real accounts keep the library's defaults.
security._HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Account:
    server: Server
    org_id: str
    org_name: str
    user_id: str
    username: str
    token: str

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def request(
        self, method: str, path: str, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> requests.Response:
        headers = {**self.headers(), **(headers or {})}
        kwargs.setdefault("timeout", 30)
        return requests.request(method, self.server.api + path, headers=headers, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PUT", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("DELETE", path, **kwargs)


@dataclass
class Server:
    database_url: str
    data_dir: Path
    env: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    entry: tuple[str, ...] = ("sync.server",)  # ("app.cli", "server") is the same, slower to import

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api(self) -> str:
        return f"{self.url}/api/v1"

    def start(self) -> Server:
        command = [sys.executable, "-m", *self.entry, "--port", str(self.port)]
        command += ["--database-url", self.database_url, "--data-dir", str(self.data_dir)]
        env = {**os.environ, "DIAGTERRAIN_RATE_LIMIT_PER_MINUTE": "1000000", **self.env}
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}")
            try:
                if requests.get(f"{self.api}/health", timeout=1).ok:
                    return
            except requests.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("server did not start")

    def kill(self) -> None:
        """SIGKILL: no graceful shutdown, as a crash or a power cut."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def account(
        self, role: str = "advisor", org_id: str | None = None, kind: str = "cci"
    ) -> Account:
        """A new user (in a new organisation unless ``org_id``), logged in."""
        suffix = uuid.uuid4().hex[:10]
        username = f"{role}-{suffix}"
        engine = make_engine(self.database_url)
        try:
            with make_sessions(engine)() as session:
                if org_id is None:
                    org_id = crud.create_org(session, name=f"Org {suffix}", kind=kind).id
                org = crud.find_org(session, ref=org_id)
                user = crud.create_user(
                    session,
                    org_id=org_id,
                    username=username,
                    full_name=username,
                    password=PASSWORD,
                    role=role,
                )
                user_id, org_name = user.id, org.name
                session.commit()
        finally:
            engine.dispose()
        token = self.login(username)
        return Account(self, org_id, org_name, user_id, username, token)

    def login(self, username: str, password: str = PASSWORD) -> str:
        body = {"username": username, "password": password, "device_id": uuid.uuid4().hex}
        response = requests.post(f"{self.api}/auth/login", json=body, timeout=30)
        assert response.status_code == 200, response.text
        return str(response.json()["token"])
