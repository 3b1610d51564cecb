"""Start ``diagterrain app --web`` on a free port, as ``make run`` would, and stop it after."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_app(data: Path, demo: bool = True) -> Iterator[str]:
    """The app's URL once it answers; its database (demo street included) lives in ``data``."""
    port = free_port()
    env = dict(os.environ, FLET_FORCE_WEB_SERVER="true", FLET_APP_STORAGE_DATA=str(data))
    if demo:
        # The demo street the app would fill on first start, made beforehand: on a loaded
        # machine the app's background fill can outlast the page's patience.
        demo_command = [
            sys.executable,
            "-m",
            "app.cli",
            "demo",
            "--db",
            str(data / "diagterrain.db"),
        ]
        subprocess.run(demo_command, cwd=ROOT, env=env, check=True, capture_output=True)
    command = [sys.executable, "-m", "app.cli", "app", "--web", "--port", str(port)]
    command += ["--db", str(data / "diagterrain.db"), *([] if demo else ["--sans-demo"])]
    log_path = data / "server.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}/"
            _wait_for(url, server, log_path)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=10)


def _wait_for(url: str, server: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError(log_path.read_text()) from None
            time.sleep(0.1)
