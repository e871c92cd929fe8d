"""`make run`'s bin/run-dev: the development server and one background worker together;
Ctrl-C (SIGINT), or either of them stopping, stops both (issue 16)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # starts the development server and a worker (~20 s)

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _group(pgid: int) -> list[str]:
    """The command lines of the processes still in the process group."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid and fields[0] != "Z":
                found.append((stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except (OSError, IndexError, ValueError):
            continue
    return found


def _wait(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture
def run_dev(tmp_path):
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SQLITE_PATH=str(tmp_path / "db.sqlite3"),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_LOG_LEVEL="WARNING",
        PY=sys.executable,
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=300
    )
    port = _free_port()
    process = subprocess.Popen(
        ["bash", "bin/run-dev", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, as a terminal gives it
    )
    try:
        assert _wait(lambda: _healthy(port), 120), "the server did not answer"
        assert _wait(lambda: any("db_worker" in c for c in _group(process.pid)), 60)
        yield process, port
    finally:
        if process.poll() is None or _group(process.pid):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def test_sigint_stops_the_server_and_the_worker(run_dev):
    process, port = run_dev
    os.kill(process.pid, signal.SIGINT)
    assert process.wait(timeout=60) == 130
    assert _wait(lambda: not _group(process.pid), 60), _group(process.pid)
    assert not _healthy(port)


def test_the_worker_stopping_stops_the_server(run_dev):
    process, port = run_dev
    (worker,) = [
        int(stat.parent.name)
        for stat in Path("/proc").glob("[0-9]*/stat")
        if _is_top_worker(stat, process.pid)
    ]
    os.kill(worker, signal.SIGTERM)
    process.wait(timeout=60)
    assert _wait(lambda: not _group(process.pid), 60), _group(process.pid)
    assert not _healthy(port)


def _is_top_worker(stat: Path, parent: int) -> bool:
    """The db_worker that bin/run-dev started (its direct child)."""
    try:
        fields = stat.read_text().rsplit(")", 1)[1].split()
        cmdline = (stat.parent / "cmdline").read_bytes()
    except (OSError, IndexError):
        return False
    return int(fields[1]) == parent and b"db_worker" in cmdline
