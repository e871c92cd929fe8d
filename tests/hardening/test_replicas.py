"""Read replicas for real: a PostgreSQL primary and a streaming replica of it that applies
what it receives CI_REPLICA_APPLY_DELAY seconds late, gunicorn with the production settings
and DATABASE_REPLICA_URLS, and HTTP requests as visitors and a secretariat make them.

Because the replica lags, where a read was served shows in what it answers: a write is
visible at once on the primary and only seconds later on the replica. So these tests see
that anonymous and API reads are served by the replica, that writes (and the transactions
of the services) go to the primary, and that a user who has just written reads the primary
and sees their own write at once, by the page's cookie or by their API token.

Runs where the two servers are given (`bash .ci/replica.sh .venv/bin/python -m pytest
tests/hardening/test_replicas.py`, as .ci/run does); skipped otherwise. It makes a database
of its own on the primary (created there, copied to the replica by replication) and drops
it afterwards.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRIMARY = os.environ.get("DATABASE_URL", "")
REPLICAS = os.environ.get("DATABASE_REPLICA_URLS", "")
DELAY = float(os.environ.get("CI_REPLICA_APPLY_DELAY", "0") or 0)
STICKY = int(DELAY) + 8

pytestmark = pytest.mark.skipif(
    not (PRIMARY.startswith("postgres") and REPLICAS.startswith("postgres")),
    reason="needs a PostgreSQL primary and replica (.ci/replica.sh)",
)


def _renamed(url: str, name: str) -> str:
    return urllib.parse.urlsplit(url)._replace(path="/" + name).geturl()


def _psql(url: str, sql: str) -> str:
    result = subprocess.run(
        ["psql", url, "-v", "ON_ERROR_STOP=1", "-qAtc", sql],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


class Site:
    def __init__(self, base: str, env: dict[str, str], database: str):
        self.base, self.env, self.database = base, env, database

    def request(self, path, *, opener=None, data=None, headers=None):
        opener = opener or urllib.request.build_opener()
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with opener.open(request, timeout=60) as response:
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers

    def json(self, path, **kwargs):
        status, body, _headers = self.request(path, **kwargs)
        assert status == 200, (status, body[:500])
        return json.loads(body)

    def shell(self, code: str) -> str:
        return _manage(self.env, "shell", "-c", code).strip().splitlines()[-1]


@pytest.fixture(scope="module")
def site():
    name = f"replicas_{secrets.token_hex(4)}"
    primary = _renamed(PRIMARY, name)
    replicas = ",".join(_renamed(url, name) for url in REPLICAS.split(","))
    admin = _renamed(PRIMARY, "postgres")
    _psql(admin, f'CREATE DATABASE "{name}"')
    folder = Path(tempfile.mkdtemp(prefix="replicas-"))
    port = _port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DATABASE_URL=primary,
        DATABASE_REPLICA_URLS=replicas,
        DJANGO_REPLICA_STICKY_SECONDS=str(STICKY),
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="replicas-" + secrets.token_hex(24),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",  # plain HTTP on loopback
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        PUBLIC_BASE_URL=f"http://127.0.0.1:{port}",
        DJANGO_SIGNING_P12=str(ROOT / "var" / "demo-seal" / "demo-seal.p12"),
        DJANGO_SIGNING_PASSPHRASE="demo-seal",
        # The PDFs wait for a worker: rendering them here would only make the test slow.
        DJANGO_TASKS_BACKEND="database",
        DJANGO_API_ANON_RATE="100000/min",
        DJANGO_API_USER_RATE="100000/min",
        DJANGO_PORTAL_CACHE_SECONDS="0",
        # The API token's mark is shared by the workers (Redis in production).
        DJANGO_CACHE_URL=os.environ.get("DJANGO_CACHE_URL") or f"file://{folder}/cache",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
        GUNICORN_ACCESSLOG="",
        # Every connection of the server says whose it is (pg_stat_activity).
        PGAPPNAME=f"committee-{name}",
    )
    server = None
    try:
        _manage(env, "migrate", "--noinput", "-v0")
        _manage(env, "load_demo", "--if-empty")
        _manage(env, "collectstatic", "--noinput", "-v0")
        # The portal's index complete (a page's first visit would otherwise add what is
        # missing: a write, rightly on the primary, that the first test would count).
        _manage(env, "shell", "-c", "from portal.indexing import ensure_index; ensure_index()")
        # The replica has caught up with the setup before the server starts.
        first_replica = replicas.split(",")[0]
        count = (
            "SELECT (SELECT count(*) FROM minutes_decision), "
            "(SELECT max(id) FROM committee_auditentry), "
            "(SELECT count(*) FROM portal_publisheddocument)"
        )
        deadline = time.monotonic() + 120
        while _psql(
            _renamed(first_replica, "postgres"),
            f"SELECT count(*) FROM pg_database WHERE datname = '{name}'",
        ) != "1" or _psql(first_replica, count) != _psql(primary, count):
            assert time.monotonic() < deadline, "the replica did not catch up"
            time.sleep(0.5)
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(folder / "gunicorn.log", "w"),
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        for _ in range(240):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                break
            except OSError:
                assert server.poll() is None, (folder / "gunicorn.log").read_text()[-3000:]
                time.sleep(0.5)
        yield Site(base, env, name)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        _psql(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _published_decision(site: Site) -> int:
    return int(
        site.shell(
            "from minutes.models import Decision; "
            "print(Decision.objects.filter(meeting__minutes__status='published', "
            "is_public=True).order_by('pk').values_list('pk', flat=True)[0])"
        )
    )


def _notes(decision: dict) -> list[str]:
    return [entry["note"] for entry in decision["follow_ups"]]


def _connections(url: str, site: Site) -> int:
    return int(
        _psql(
            url,
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = "
            f"'committee-{site.database}' AND datname = '{site.database}'",
        )
    )


def test_anonymous_public_and_api_reads_are_served_by_the_replica(site):
    replica = site.env["DATABASE_REPLICA_URLS"].split(",")[0]
    primary = site.env["DATABASE_URL"]
    assert _connections(primary, site) == 0
    for path in ("/", "/archive/", "/decisions/", "/api/v1/decisions/", "/api/v1/meetings/"):
        status, body, _headers = site.request(path)
        assert status == 200, (path, body[:300])
    # The server's connections (kept between requests) are to the replica only.
    assert _connections(replica, site) >= 1
    assert _connections(primary, site) == 0


def test_a_token_clients_write_goes_to_the_primary_and_it_reads_it_back_at_once(site):
    token = site.shell(
        "from rest_framework.authtoken.models import Token; "
        "from django.contrib.auth import get_user_model; "
        "u = get_user_model().objects.get(username='secretariat'); "
        "print(Token.objects.get_or_create(user=u)[0].key)"
    )
    decision = _published_decision(site)
    note = f"پیگیری آزمایشی {secrets.token_hex(3)}"
    auth = {"Authorization": f"Token {token}"}
    posted = time.monotonic()
    status, body, _headers = site.request(
        f"/api/v1/decisions/{decision}/follow-ups/",
        data=json.dumps({"status": "in_progress", "note": note}).encode(),
        headers={**auth, "Content-Type": "application/json"},
    )
    # A write on the read-only replica would fail: the service's transaction (its
    # select_for_update, the follow-up, the status, the audit entry) ran on the primary.
    assert status == 201, body[:500]
    # The same client, without cookies, reads its write back at once (its token is marked).
    assert note in _notes(site.json(f"/api/v1/decisions/{decision}/", headers=auth))
    # An anonymous reader is served by the replica, which has not applied it yet …
    if DELAY >= 1:
        stale = _notes(site.json(f"/api/v1/decisions/{decision}/"))
        assert time.monotonic() - posted < DELAY, "too slow to tell the replica from the primary"
        assert note not in stale
    # … and sees it once the replica has.
    deadline = time.monotonic() + DELAY + 30
    while note not in _notes(site.json(f"/api/v1/decisions/{decision}/")):
        assert time.monotonic() < deadline, "the replica never showed the follow-up"
        time.sleep(0.5)


@pytest.mark.skipif(DELAY < 1, reason="needs a replica that lags (CI_REPLICA_APPLY_DELAY)")
def test_someone_who_writes_through_the_pages_sees_it_at_once_and_only_thanks_to_the_cookie(
    site,
):
    jar = CookieJar()
    signed_in = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    status, page, _headers = site.request("/accounts/login/", opener=signed_in)
    assert status == 200
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    login = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": csrf, "username": "secretariat", "password": "demo"}
    ).encode()
    status, page, _headers = site.request(
        "/accounts/login/",
        opener=signed_in,
        data=login,
        headers={"Referer": site.base + "/accounts/login/"},
    )
    assert status == 200 and "sessionid" in {c.name for c in jar}, page[:500]

    decision = _published_decision(site)
    form_path = f"/decisions/{decision}/follow-up/"
    status, page, _headers = site.request(form_path, opener=signed_in)
    assert status == 200, page[:500]
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    field = re.search(r'<input[^>]*name="date"[^>]*>', page).group(0)
    date = re.search(r'value="([^"]+)"', field).group(1)
    note = f"پیگیری از صفحه {secrets.token_hex(3)}"
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": csrf, "status": "in_progress", "date": date, "note": note}
    ).encode()
    posted = time.monotonic()
    status, page, _headers = site.request(
        form_path,
        opener=urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect),
        data=form,
        headers={"Referer": site.base + form_path},
    )
    assert status == 302, page[:500]  # to the meeting page: recorded
    assert "primary_reads_until" in {c.name for c in jar}

    # The same session without that cookie is an API read like any other, served by the
    # replica, which has not applied the write yet;
    session = next(c.value for c in jar if c.name == "sessionid")
    without = {"Cookie": f"sessionid={session}"}
    stale = _notes(site.json(f"/api/v1/decisions/{decision}/", headers=without))
    assert time.monotonic() - posted < DELAY, "too slow to tell the replica from the primary"
    assert note not in stale
    # with the cookie of their write, the person reads the primary and sees it at once.
    assert note in _notes(site.json(f"/api/v1/decisions/{decision}/", opener=signed_in))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
