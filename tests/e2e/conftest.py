"""Browser tests: the real server, a fresh database with the demo, Debian's Chromium.

The session starts ``manage.py runserver`` on a free loopback port, on a SQLite database and
a media folder in a temporary directory (the developer's ``db.sqlite3`` and ``media/`` are
never touched), after ``migrate`` and ``load_demo``. The server runs with ``DJANGO_DEBUG=0``
(see ``server_settings.py``) so that refusals show the Persian error pages users see.

Nothing here uses pytest-django's test database: the tests talk to the server over HTTP
only, so no test is marked ``django_db``. Playwright drives ``/usr/bin/chromium``; no
browser is ever downloaded.

Screenshots go to a temporary folder, or to ``docs/screenshots/`` when ``E2E_SCREENSHOTS=1``
(``make screenshots``).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.e2e import steps
from tests.e2e.axe import AxeReport

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ACTION_TIMEOUT_MS = 15_000
EXPECT_TIMEOUT_MS = 10_000
SERVER_START_TIMEOUT_S = 30
SETUP_COMMAND_TIMEOUT_S = 180
DOCS_SCREENSHOTS = REPO / "docs" / "screenshots"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "e2e: end-to-end test in a real browser against the real server (tests/e2e)",
    )


CHECKS_LAST = ("test_accessibility.py", "test_presentation.py")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The journeys run first, in their order; then the checks that walk through the pages
    they left behind (questions, decisions, published minutes). Other tests keep their place."""
    here = Path(__file__).parent
    slots = [n for n, item in enumerate(items) if here in Path(item.path).parents]
    ours = sorted((items[n] for n in slots), key=lambda item: item.path.name in CHECKS_LAST)
    for n, item in zip(slots, ours, strict=True):
        items[n] = item


# --- The server ---------------------------------------------------------------------------


@dataclass
class Server:
    url: str
    folder: Path
    log: Path
    env: dict[str, str] = field(default_factory=dict, repr=False)

    def __call__(self, path: str) -> str:
        """The absolute URL of a path on the server."""
        return self.url + path

    def shell(self, code: str) -> str:
        """What ``code`` prints, run by ``manage.py shell`` on the server's database and
        settings (for what only the server can make, such as an email's signed link)."""
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=SETUP_COMMAND_TIMEOUT_S,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout.strip()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_env(folder: Path, port: int) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        # Nothing of the developer's own configuration (their database above all) may leak
        # into the test server.
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="tests.e2e.server_settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="e2e-" + secrets.token_hex(24),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SQLITE_PATH=str(folder / "e2e.sqlite3"),
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        # Production requires both: the address printed in the PDFs, and a seal certificate
        # (the demo seal made by `make setup` stands in for the municipality's).
        PUBLIC_BASE_URL=f"http://127.0.0.1:{port}",
        DJANGO_SIGNING_P12=str(REPO / "var" / "demo-seal" / "demo-seal.p12"),
        DJANGO_SIGNING_PASSPHRASE="demo-seal",
        PYTHONUNBUFFERED="1",
        # Every browser test logs in from 127.0.0.1, some with a wrong password on purpose:
        # the lockout itself is tested in tests/hardening, not by locking the browser out.
        DJANGO_LOGIN_FAILURE_LIMIT="1000",
    )
    return env


def _manage(args: list[str], env: dict[str, str], log: Path) -> None:
    with log.open("a") as out:
        out.write(f"\n$ manage.py {' '.join(args)}\n")
        out.flush()
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=SETUP_COMMAND_TIMEOUT_S,
            check=False,
        )
    if result.returncode != 0:
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{log.read_text()[-3000:]}")


def _wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    # Straight to the loopback interface, whatever proxy the environment names.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The server stopped at start-up:\n{log.read_text()[-3000:]}")
        try:
            with opener.open(url + "/robots.txt", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)  # bounded polling
    pytest.fail(
        f"The server did not answer within {SERVER_START_TIMEOUT_S} s:\n{log.read_text()[-3000:]}"
    )


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("e2e-server")
    (folder / "media").mkdir()
    (folder / "staticfiles").mkdir()
    log = folder / "server.log"
    port = _free_port()
    env = _server_env(folder, port)
    _manage(["migrate", "--noinput"], env, log)
    _manage(["load_demo"], env, log)
    with log.open("a") as out:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_until_up(url, process, log)
        yield Server(url=url, folder=folder, log=log, env=env)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


# --- The browser --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (`make system-deps` as root)."
        )
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Pages:
    """Opens pages, each in its own browser context (its own cookies), logged in or not."""

    browser: Browser
    server: Server
    contexts: list = field(default_factory=list)

    def open(
        self,
        user: str | None = None,
        *,
        width: int = 1280,
        height: int = 900,
        bypass_csp: bool = True,
    ) -> Page:
        context = self.browser.new_context(
            viewport={"width": width, "height": height},
            locale="fa-IR",
            timezone_id="Asia/Tehran",
            accept_downloads=True,
            # axe-core is injected as a script; the policy's own test opens pages without.
            bypass_csp=bypass_csp,
        )
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        context.set_default_navigation_timeout(ACTION_TIMEOUT_MS)
        self.contexts.append(context)
        page = context.new_page()
        if user:
            steps.login(page, self.server, user)
        return page

    def close(self) -> None:
        for context in self.contexts:
            with contextlib.suppress(Exception):
                context.close()
        self.contexts.clear()


@contextlib.contextmanager
def _pages(browser: Browser, server: Server) -> Iterator[Pages]:
    pages = Pages(browser, server)
    try:
        yield pages
    finally:
        pages.close()


@pytest.fixture
def pages(browser: Browser, server: Server) -> Iterator[Pages]:
    with _pages(browser, server) as opened:
        yield opened


# --- Screenshots and the accessibility report ---------------------------------------------


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> steps.Screenshots:
    if os.environ.get("E2E_SCREENSHOTS") == "1":
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return steps.Screenshots(DOCS_SCREENSHOTS, optimise=True)
    return steps.Screenshots(tmp_path_factory.mktemp("e2e-screenshots"), optimise=False)


@pytest.fixture(scope="session")
def axe_report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AxeReport]:
    report = AxeReport()
    yield report
    path = tmp_path_factory.getbasetemp() / "e2e-axe-report.json"
    path.write_text(json.dumps(report.as_json(), ensure_ascii=False, indent=1))
    print(f"\naxe-core report: {path}\n{report.summary()}")


# --- The journeys' shared stages ----------------------------------------------------------
# Later journeys build on earlier ones: each stage runs once per session, when first needed,
# so any single test can also be run on its own.


@pytest.fixture(scope="session")
def civil_meeting(browser: Browser, server: Server, shots: steps.Screenshots) -> steps.Meeting:
    """Journey 1, first part: the secretariat schedules a civil-works meeting 10 days ahead."""
    with _pages(browser, server) as opened:
        return steps.schedule_civil_meeting(opened.open("secretariat"), server, shots)


@pytest.fixture(scope="session")
def published_meeting(
    browser: Browser, server: Server, shots: steps.Screenshots
) -> steps.PublishedMeeting:
    """Journey 3: a meeting starting within the hour, a question accepted, recorded by the
    chair, two decisions, submitted, approved and published."""
    with _pages(browser, server) as opened:
        return steps.hold_and_publish_meeting(opened, server, shots)
