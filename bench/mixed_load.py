"""Readers and writers together for a bounded time against gunicorn: no answer may be a 500.

    .venv/bin/python bench/mixed_load.py [--seconds 20] [--readers 8] [--writers 4]
    DATABASE_URL=postgres://… .venv/bin/python bench/mixed_load.py   # the same on PostgreSQL

Steps: a fresh database (a temporary SQLite file, or the PostgreSQL database named by
DATABASE_URL with ``_mixed`` appended, dropped and created through ``psql`` on the server's
``postgres`` database, so the URL's role must be allowed to create databases) is migrated
and given the demo; gunicorn serves it with the production settings (DJANGO_DEBUG=0) on a
loopback port; each page is fetched once (the warm-up, which fills the portal's index of
the demo's publications; ``--no-warm-up`` skips it, its answers count for the 5xx too); for
``--seconds`` seconds, reader threads fetch the public pages and the API while writer threads
record follow-ups on published decisions through the API (each one a transaction that
writes the follow-up, the decision's status, the audit entry and the portal's index) and
post public comments. Every answer's status is counted; the run fails if any is 5xx. The
counts and the command are printed as JSON and, with ``--write``, recorded in
docs/benchmarks.md between the ``mixed-load`` markers.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
READ_PATHS = ["/", "/decisions/", "/archive/", "/api/v1/decisions/", "/api/v1/meetings/"]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(folder: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="mixed-" + secrets.token_hex(24),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",  # plain HTTP on loopback: the comment form's CSRF cookie
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        PUBLIC_BASE_URL=f"http://127.0.0.1:{port}",
        DJANGO_SIGNING_P12=str(ROOT / "var" / "demo-seal" / "demo-seal.p12"),
        DJANGO_SIGNING_PASSPHRASE="demo-seal",
        # The limits answer 429, which is not what is measured here.
        DJANGO_API_ANON_RATE="100000/min",
        DJANGO_API_USER_RATE="100000/min",
        DJANGO_PORTAL_CACHE_SECONDS="0",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_ACCESSLOG="",
    )
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        env["DATABASE_URL"] = url.rstrip("/") + "_mixed"
    else:
        env.pop("DATABASE_URL", None)
        env["DJANGO_SQLITE_PATH"] = str(folder / "mixed.sqlite3")
    return env


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def _fresh_postgres(env: dict[str, str]) -> None:
    if "DATABASE_URL" not in env:
        return
    url = urllib.parse.urlsplit(env["DATABASE_URL"])
    name = url.path.lstrip("/")
    admin = url._replace(path="/postgres").geturl()
    for sql in (f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"'):
        subprocess.run(["psql", admin, "-qc", sql], check=True, capture_output=True)


def _request(opener, url: str, data: bytes | None = None, headers: dict | None = None) -> int:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(request, timeout=60) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        error.read()
        return error.code
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        return -1


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--write", action="store_true", help="record in docs/benchmarks.md")
    parser.add_argument(
        "--no-warm-up",
        dest="warm_up",
        action="store_false",
        help="start the clock at once (by default each page is fetched once first, so the "
        "portal's index of the demo's publications is filled before the load, not during it)",
    )
    options = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="mixed-load-"))
    port = _port()
    env = _env(folder, port)
    _fresh_postgres(env)
    started = time.monotonic()
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "load_demo", "--if-empty")
    _manage(env, "collectstatic", "--noinput", "-v0")  # production serves the manifest
    token = (
        _manage(
            env,
            "shell",
            "-c",
            "from rest_framework.authtoken.models import Token; "
            "from django.contrib.auth import get_user_model; "
            "u=get_user_model().objects.get(username='secretariat'); "
            "print(Token.objects.get_or_create(user=u)[0].key)",
        )
        .strip()
        .splitlines()[-1]
    )
    decisions = json.loads(
        _manage(
            env,
            "shell",
            "-c",
            "import json; from minutes.models import Decision; "
            "print(json.dumps(list(Decision.objects.filter(meeting__minutes__status='published')"
            ".values_list('pk', flat=True).distinct()[:20])))",
        )
        .strip()
        .splitlines()[-1]
    )
    minutes_pages = [
        f"/archive/{document_id}/"
        for document_id in json.loads(
            _manage(
                env,
                "shell",
                "-c",
                "import json; from minutes.models import Minutes; "
                "print(json.dumps(list(Minutes.objects.filter(status='published')"
                ".values_list('document_id', flat=True)[:5])))",
            )
            .strip()
            .splitlines()[-1]
        )
    ]
    setup_seconds = time.monotonic() - started

    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(folder / "gunicorn.log", "w"),
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.5)
        warm_up = collections.Counter()
        if options.warm_up:
            opener = urllib.request.build_opener()
            for path in READ_PATHS + minutes_pages:
                warm_up[_request(opener, base + path)] += 1
        counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        lock = threading.Lock()
        stop = time.monotonic() + options.seconds

        def count(kind: str, status: int) -> None:
            with lock:
                counts[kind][status] += 1

        def reader(n: int) -> None:
            opener = urllib.request.build_opener()
            paths = READ_PATHS + minutes_pages
            i = n
            while time.monotonic() < stop:
                count("read", _request(opener, base + paths[i % len(paths)]))
                i += 1

        def follow_up_writer(n: int) -> None:
            opener = urllib.request.build_opener()
            i = n
            while time.monotonic() < stop:
                decision = decisions[i % len(decisions)]
                body = json.dumps(
                    {"status": ["in_progress", "open"][i % 2], "note": f"پیگیری {n}-{i}"}
                ).encode()
                status = _request(
                    opener,
                    f"{base}/api/v1/decisions/{decision}/follow-ups/",
                    body,
                    {"Authorization": f"Token {token}", "Content-Type": "application/json"},
                )
                count("follow-up", status)
                i += 1

        def comment_writer(n: int) -> None:
            jar = CookieJar()
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            i = n
            while time.monotonic() < stop:
                page = base + minutes_pages[i % len(minutes_pages)]
                with opener.open(page, timeout=60) as response:
                    html = response.read().decode()
                match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
                form = urllib.parse.urlencode(
                    {
                        "csrfmiddlewaretoken": match.group(1) if match else "",
                        "name": f"شهروند {n}",
                        "body": f"دیدگاه آزمایشی شماره {i} درباره این صورتجلسه.",
                    }
                ).encode()
                count("comment", _request(opener, page, form, {"Referer": page}))
                i += 1

        threads = [threading.Thread(target=reader, args=(n,)) for n in range(options.readers)]
        for n in range(options.writers):
            target = comment_writer if n % 2 else follow_up_writer
            threads.append(threading.Thread(target=target, args=(n,)))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    engine = "PostgreSQL" if "DATABASE_URL" in env else "SQLite"
    errors = sum(
        c for kind in [*counts.values(), warm_up] for status, c in kind.items() if status >= 500
    )
    refused = sum(c for kind in counts.values() for status, c in kind.items() if status < 0)
    result = {
        "engine": engine,
        "seconds": options.seconds,
        "readers": options.readers,
        "writers": options.writers,
        "setup_seconds": round(setup_seconds, 1),
        "warm_up": dict(sorted(warm_up.items())),
        "statuses": {kind: dict(sorted(c.items())) for kind, c in counts.items()},
        "server_errors": errors,
        "connection_errors": refused,
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if options.write:
        _record(result)
    return 1 if errors or refused else 0


def _record(result: dict) -> None:
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text()
    start, end = "<!-- mixed-load:start -->", "<!-- mixed-load:end -->"
    row = (
        f"| {result['engine']} | {result['seconds']:.0f} s | {result['readers']} readers, "
        f"{result['writers']} writers | "
        + "; ".join(
            f"{kind}: " + ", ".join(f"{s}×{n}" for s, n in statuses.items())
            for kind, statuses in result["statuses"].items()
        )
        + f" | {result['server_errors']} |"
    )
    if start not in text:
        text += (
            "\n## Readers and writers together (no 500)\n\n"
            "`.venv/bin/python bench/mixed_load.py --write` (and with `DATABASE_URL=postgres://…` "
            "for PostgreSQL): gunicorn with the production settings, the demo, reader threads on "
            "the public pages and the API, writer threads recording follow-ups through the API "
            "and posting comments; every status counted (429 is the comment limit).\n\n"
            f"{start}\n| database | time | load | statuses | 5xx |\n|---|---|---|---|---|\n{end}\n"
        )
    before, rest = text.split(start, 1)
    table, after = rest.split(end, 1)
    lines = [
        line for line in table.strip().splitlines() if not line.startswith(f"| {result['engine']} ")
    ]
    lines.append(row)
    path.write_text(before + start + "\n" + "\n".join(lines) + "\n" + end + after)


if __name__ == "__main__":
    sys.exit(main())
