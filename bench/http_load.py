"""The scale benchmark: a large dataset in PostgreSQL, real HTTP load against gunicorn.

Run through ``make bench`` (which starts a PostgreSQL server on loopback with
.ci/postgres.sh and installs wrk), or by hand with a server running:

    DATABASE_URL=postgres://committee:committee@127.0.0.1:5432/committee \\
        .venv/bin/python bench/http_load.py [--reseed] [--committees 50] [--years 5]

Steps, each printed as it runs:

1. The benchmark databases, named after ``DATABASE_URL``'s with ``_bench`` (the full
   dataset) and ``_bench_small`` (2 committees × 1 year, for the query counts), are
   created, migrated and seeded by bench/seed.py when missing or with ``--reseed``; the
   seeding time is measured.
2. Queries per request for every target (bench/query_counts.py) in both databases.
3. ``collectstatic``, and a copy of a stored minutes PDF as a static file of the same size.
4. gunicorn with config/gunicorn.conf.py and production settings (DJANGO_DEBUG=0) on a
   loopback port, access log off.
5. For each target (bench/targets.py): wrk, a bounded load tool (``--threads`` threads,
   ``--connections`` connections, ``--duration`` seconds after a short warm-up), reading
   p50/p95/p99 latency and requests per second from bench/report.lua. Any non-2xx/3xx
   response or socket error fails the run.
6. The table, the ratios to the trivial view and the static file, the machine and the
   command go into docs/benchmarks.md between the ``http-load`` markers (``--no-write``
   only prints them).

``--only KEY,...`` measures only the named targets (and the two yardsticks) and keeps the
figures in bench/.last-run-only.json without touching docs/benchmarks.md.

Targets with a ``user`` (bench/targets.py; the accounts of bench/seed_working.py, run on
both databases) are requested logged in: with the cookie of a session made for the user,
or with the user's API token as ``Authorization: Token …``. ``--mixed`` measures the
targets again while a writer records a follow-up or approves a comment once a second
through the services (its writes, errors and every non-2xx/3xx answer are reported, in
bench/.last-run*.json under "mixed"); ``--cold`` times each target's first request to a
freshly started single worker against the median of its next ten ("cold").
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DOC = ROOT / "docs" / "benchmarks.md"
# The small dataset the query counts are compared with.
SMALL_ARGS = ["--committees", "2", "--years", "1", "--pdfs", "2"]
START = "<!-- http-load:start -->"
END = "<!-- http-load:end -->"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Scale benchmark over HTTP (see the module doc).")
    parser.add_argument("--reseed", action="store_true", help="drop and seed the databases again")
    parser.add_argument("--committees", type=int, default=50)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--duration", type=int, default=10, help="seconds of one round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per target (median)")
    parser.add_argument("--warmup", type=int, default=10, help="seconds of load before measuring")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    parser.add_argument(
        "--mixed",
        action="store_true",
        help="also measure the targets while a writer records a follow-up or approves a "
        "comment every second through the services (each write invalidates the page cache)",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="also time, per target, the first request to a freshly started worker against "
        "the median of the next ten",
    )
    parser.add_argument(
        "--only",
        type=lambda text: [key.strip() for key in text.split(",") if key.strip()],
        default=None,
        metavar="KEY,...",
        help="measure only these targets (bench/targets.py keys; the yardsticks trivial and "
        "static are always measured); the figures are printed and kept in "
        "bench/.last-run-only.json, docs/benchmarks.md is left alone",
    )
    parser.add_argument(
        "--uncached-only",
        action="store_true",
        help="load only with the page cache off (DJANGO_PORTAL_CACHE_SECONDS=0)",
    )
    return parser.parse_args(argv)


# The yardsticks every ratio is taken against: measured in every run, --only or not.
BASELINES = ("trivial", "static")


def select(resolved: list, only: list[str] | None) -> list:
    """The targets ``--only`` names (and the yardsticks), in the list's order; an unknown
    key stops the run with the known ones."""
    if not only:
        return resolved
    known = [target.key for target in resolved]
    unknown = [key for key in only if key not in known]
    if unknown:
        raise SystemExit(
            f"--only: unknown target(s) {', '.join(unknown)}; known: {', '.join(known)}"
        )
    return [t for t in resolved if t.key in only or t.key in BASELINES]


def log(message: str) -> None:
    print(f"[bench {datetime.datetime.now(datetime.UTC):%H:%M:%S} UTC] {message}", flush=True)


# --- Databases ------------------------------------------------------------------------------


def database_url(base: str, suffix: str) -> str:
    parts = urlsplit(base)
    if parts.scheme not in ("postgres", "postgresql"):
        raise SystemExit(
            "The scale benchmark runs on PostgreSQL: set DATABASE_URL to a postgres:// URL."
        )
    name = parts.path.lstrip("/") + suffix
    return urlunsplit(parts._replace(path="/" + name))


def _connect(url: str, dbname: str | None = None, *, autocommit: bool = False):
    """A psycopg connection to ``url``'s server, to its database or to ``dbname``."""
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname=dbname or parts.path.lstrip("/"),
        autocommit=autocommit,
    )


def _admin_connection(url: str):
    return _connect(url, "postgres", autocommit=True)


def database_ready(url: str) -> bool:
    """The database exists, is migrated to this code's migrations and holds seeded
    minutes."""
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    with _admin_connection(url) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
    try:
        with _connect(url) as conn:
            row = conn.execute("SELECT count(*) FROM minutes_minutes WHERE sha256 <> ''").fetchone()
            if not (row and row[0]):
                return False
    except psycopg.Error:
        return False
    migrated = subprocess.run(
        [PYTHON, "manage.py", "migrate", "--check", "-v", "0"],
        env={**os.environ, "DATABASE_URL": url},
        cwd=ROOT,
        capture_output=True,
    )
    return migrated.returncode == 0


def recreate(url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    with _admin_connection(url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')


def run(command: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    log("$ " + shlex.join(command))
    return subprocess.run(command, env=env, cwd=ROOT, check=True, **kwargs)


def seed(url: str, seed_args: list[str], base_env: dict[str, str]) -> dict:
    env = {**base_env, "DATABASE_URL": url}
    recreate(url)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    started = time.perf_counter()
    result = run([PYTHON, "bench/seed.py", *seed_args], env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    print(result.stdout[-3000:], flush=True)
    counts = dict(
        (m.group(1), int(m.group(2).replace(",", "")))
        for m in re.finditer(r"^  ([a-zA-Z -]+): ([\d,]+)$", result.stdout, re.M)
    )
    return {"seconds": round(seconds, 1), "counts": counts, "args": seed_args}


def size_of(url: str) -> str:
    with _connect(url) as conn:
        return conn.execute(
            "SELECT pg_size_pretty(pg_database_size(current_database()))"
        ).fetchone()[0]


# --- Measuring ------------------------------------------------------------------------------


def query_counts(url: str, base_env: dict[str, str], only: list[str] | None = None) -> dict:
    result = run(
        [PYTHON, "bench/query_counts.py", *(["--only", ",".join(only)] if only else [])],
        {**base_env, "DATABASE_URL": url},
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def wait_until_up(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited while starting (bench/.gunicorn.log)")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer on time")


def wrk(url: str, args: argparse.Namespace, duration: int, headers: tuple | list = ()) -> dict:
    """``headers``: extra ``"Name: value"`` lines (a logged-in target's cookie or token;
    bench/shared_cache.py sends one Host)."""
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        *(part for header in headers for part in ("-H", header)),
        "-s",
        str(ROOT / "bench" / "report.lua"),
        url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    line = [ln for ln in result.stdout.splitlines() if ln.startswith("{")][-1]
    return json.loads(line)


def auth_headers(resolved: list) -> dict[str, list[str]]:
    """The headers of the logged-in targets (``Target.user``): the user's API token as
    ``Authorization: Token …``, or the cookie of a session made for the user in the
    database the server reads (``Client.force_login``, the session a sign-in creates)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from rest_framework.authtoken.models import Token

    sessions: dict[str, str] = {}
    headers: dict[str, list[str]] = {}
    for target in resolved:
        if target.user is None:
            continue
        user = get_user_model().objects.get(username=target.user)
        if target.token:
            token, _ = Token.objects.get_or_create(user=user)
            headers[target.key] = [f"Authorization: Token {token.key}"]
            continue
        if target.user not in sessions:
            client = Client()
            client.force_login(user)
            sessions[target.user] = client.cookies[settings.SESSION_COOKIE_NAME].value
        headers[target.key] = [f"Cookie: {settings.SESSION_COOKIE_NAME}={sessions[target.user]}"]
    return headers


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    gunicorn = [
        str(Path(PYTHON).parent / "gunicorn"),
        "-c",
        "config/gunicorn.conf.py",
        "config.wsgi",
    ]
    with (ROOT / "bench" / ".gunicorn.log").open("a") as log_file:
        server = subprocess.Popen(
            gunicorn,
            env=env,
            cwd=ROOT,
            start_new_session=True,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    wait_until_up(port, server)
    return server


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def load(
    resolved: list,
    env: dict[str, str],
    args: argparse.Namespace,
    headers: dict[str, list[str]] | None = None,
    writer: Writer | None = None,
) -> dict[str, dict]:
    """Each target under load with wrk, against a gunicorn started afresh for it (so that
    no request of the previous target is still running), warmed up first: the warm-up
    also fills each worker's own copy of the page (the local-memory cache is per
    process). With a ``writer`` (``--mixed``) it writes while the rounds run, and bad
    answers are reported rather than fatal."""
    log("gunicorn -c config/gunicorn.conf.py config.wsgi, started afresh for every target")
    (ROOT / "bench" / ".gunicorn.log").write_text("")
    headers = headers or {}
    results: dict[str, dict] = {}
    for target in resolved:
        server = start_server(env, args.port)
        extra = headers.get(target.key, [])
        try:
            url = f"http://127.0.0.1:{args.port}{target.path}"
            wrk(url, args, args.warmup, extra)
            if writer is not None:
                writer.resume()
            rounds = sorted(
                (wrk(url, args, args.duration, extra) for _ in range(args.rounds)),
                key=lambda r: r["p95_ms"],
            )
            if writer is not None:
                writer.pause()
            # The round with the median p95; every round's p95 is kept in the JSON.
            result = {**rounds[len(rounds) // 2], "rounds_p95_ms": [r["p95_ms"] for r in rounds]}
            result["non_2xx_3xx_all_rounds"] = sum(r["non_2xx_3xx"] for r in rounds)
        finally:
            stop_server(server)
        log(
            f"{target.key:24} p50 {result['p50_ms']:8.2f} ms  p95 {result['p95_ms']:8.2f} ms  "
            f"{result['rps']:8.1f} req/s"
        )
        if writer is not None:
            results[target.key] = result
            continue
        if not result["requests"] or result["non_2xx_3xx"] or result["socket_errors"]:
            raise SystemExit(
                f"{target.key}: {result['requests']} requests, {result['non_2xx_3xx']} bad "
                f"responses, {result['socket_errors']} socket errors (bench/.gunicorn.log)"
            )
        results[target.key] = result
    return results


class Writer:
    """``--mixed``: a thread that, while resumed, makes one write a second through the
    services as the secretariat of committee 1 (bench/seed_working.py), alternately a
    follow-up on one of its published decisions and a visitor's comment approved on one
    of its published minutes; each is a change of the record, so it invalidates the
    public page cache (portal/cache.py). Counts its writes and keeps its errors."""

    def __init__(self, every: float = 1.0):
        import threading

        self.every = every
        self.writes = 0
        self.errors: list[str] = []
        self._running = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def resume(self) -> None:
        self._running.set()

    def pause(self) -> None:
        self._running.clear()

    def stop(self) -> None:
        self._stop.set()
        self._running.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db import connection

        from bench.seed_working import COMMITTEE, SECRETARIAT
        from minutes import services
        from minutes.models import Decision, Minutes
        from portal import services as portal_services

        actor = get_user_model().objects.get(username=SECRETARIAT)
        decisions = list(
            Decision.objects.filter(
                meeting__committee__slug=COMMITTEE, portal_entry__isnull=False
            ).values_list("pk", flat=True)[:500]
        )
        minutes = Minutes.objects.filter(
            meeting__committee__slug=COMMITTEE, status=Minutes.Status.PUBLISHED
        ).first()
        n = 0
        try:
            while not self._stop.is_set():
                self._running.wait()
                if self._stop.wait(self.every):
                    break
                if not self._running.is_set():
                    continue
                try:
                    if n % 2 == 0:
                        services.record_follow_up(
                            actor,
                            Decision.objects.get(pk=decisions[(n // 2) % len(decisions)]),
                            status=Decision.Status.IN_PROGRESS,
                            note="پیگیری نمونه در سنجش کارایی (داده نمونه).",
                        )
                    else:
                        comment = portal_services.submit_comment(
                            minutes,
                            name="بازدیدکننده نمونه",
                            body=f"نظر نمونه {n} در سنجش کارایی (داده نمونه).",
                            ip_address=f"10.{n % 200}.{n // 200 % 200}.1",
                        )
                        portal_services.approve_comment(actor, comment)
                    self.writes += 1
                except Exception as error:  # reported, the run goes on
                    self.errors.append(f"{type(error).__name__}: {error}")
                n += 1
        finally:
            connection.close()


def cold_start(
    resolved: list, env: dict[str, str], args: argparse.Namespace, headers: dict[str, list[str]]
) -> dict[str, dict]:
    """``--cold``: per target, one worker (GUNICORN_WORKERS=1) started afresh; the first
    request it serves (its port is probed with a bare TCP connection, so no request comes
    before) against the median of the ten that follow."""
    import socket
    import statistics

    results: dict[str, dict] = {}
    single = {**env, "GUNICORN_WORKERS": "1"}
    gunicorn_log = ROOT / "bench" / ".gunicorn.log"
    for target in resolved:
        offset = gunicorn_log.stat().st_size if gunicorn_log.exists() else 0
        with gunicorn_log.open("a") as log_file:
            server = subprocess.Popen(
                [
                    str(Path(PYTHON).parent / "gunicorn"),
                    "-c",
                    "config/gunicorn.conf.py",
                    "config.wsgi",
                ],
                env=single,
                cwd=ROOT,
                start_new_session=True,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    socket.create_connection(("127.0.0.1", args.port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise SystemExit("gunicorn did not start (bench/.gunicorn.log)") from None
                    time.sleep(0.2)
            # The worker forked (its boot line in the log): what is timed is its first request.
            while b"Booting worker" not in gunicorn_log.read_bytes()[offset:]:
                if time.monotonic() > deadline:
                    raise SystemExit("no gunicorn worker booted (bench/.gunicorn.log)")
                time.sleep(0.1)
            time.sleep(0.5)
            request = urllib.request.Request(
                f"http://127.0.0.1:{args.port}{target.path}",
                headers={
                    "X-Forwarded-Proto": "https",
                    "Accept-Language": "fa",
                    **dict(h.split(": ", 1) for h in headers.get(target.key, [])),
                },
            )
            times, statuses = [], []
            for _ in range(11):
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(request, timeout=60) as response:
                        response.read()
                        statuses.append(response.status)
                except urllib.error.HTTPError as error:
                    statuses.append(error.code)
                times.append((time.perf_counter() - started) * 1000)
        finally:
            stop_server(server)
        first, warm = times[0], statistics.median(times[1:])
        results[target.key] = {
            "first_ms": round(first, 1),
            "warm_ms": round(warm, 1),
            "ratio": round(first / warm, 2) if warm else None,
            "statuses": sorted(set(statuses)),
        }
        log(f"{target.key:24} first {first:8.1f} ms  warm {warm:8.1f} ms  ({first / warm:.1f}×)")
    return results


def machine() -> dict[str, str]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    postgres = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[
        0
    ]
    return {
        "cpu": f"{cpu} × {os.cpu_count()} logical cores",
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "postgres": postgres,
        "wrk": wrk_version.strip(),
    }


# --- Report ---------------------------------------------------------------------------------


def fmt(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}"


def _load_table(data: dict, results: dict, keys: list[str]) -> list[str]:
    trivial, static = data["results"]["trivial"], data["results"]["static"]
    lines = [
        "| Target | p50 ms | p95 ms | p99 ms | req/s | p95 ÷ trivial | req/s ÷ static |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for key in keys:
        r = results[key]
        lines.append(
            f"| {data['targets'][key]['label']} | {fmt(r['p50_ms'], 2)} | {fmt(r['p95_ms'], 2)} | "
            f"{fmt(r['p99_ms'], 2)} | {fmt(r['rps'], 0)} | "
            f"{fmt(r['p95_ms'] / trivial['p95_ms'], 2)} | {fmt(r['rps'] / static['rps'], 2)} |"
        )
    return lines


def report(data: dict) -> str:
    m = data["machine"]
    seed = data["seed"]
    dataset = ", ".join(f"{n:,} {what}" for what, n in seed["counts"].items())
    seeded = (
        f" Seeding took **{fmt(seed['seconds'], 0)} s** (bench/seed.py alone, after the "
        "migrations)."
        if seed.get("seconds") is not None
        else ""
    )
    lines = [
        START,
        f"Measured {data['when']} with `{data['command']}`.",
        "",
        f"- Machine: {m['cpu']}, {m['memory']}, {m['os']}; Python {m['python']}; "
        f"{m['postgres']}; {m['wrk']}. Database, gunicorn and wrk share the machine.",
        f"- Server: gunicorn with config/gunicorn.conf.py ({data['gunicorn']}), "
        "DJANGO_DEBUG=0, access log off, no worker recycling (GUNICORN_MAX_REQUESTS=0), "
        "whitenoise for static files, PDFs from the file-system storage, Django's "
        "local-memory cache (per process).",
        f"- Load: wrk, {data['threads']} threads, {data['connections']} connections; per "
        f"target a fresh server, {data['warmup']} s of warm-up (every worker's first "
        f"requests fill its own cache), then {data['rounds']} rounds of {data['duration']} s, "
        "of which the round with the median p95 is shown (this machine is shared and "
        "noisy; every round's p95 is in bench/.last-run.json); each request "
        "with `X-Forwarded-Proto: https` as the reverse proxy sends it. The API's rate "
        "limits are raised for the run (DJANGO_API_ANON_RATE, DJANGO_API_USER_RATE).",
        f"- Dataset ({seed['args_text']}): {dataset}; {data['database_size']} on disk.{seeded}",
        "",
        "**Under load, as configured by default** (anonymous copies of the list pages kept "
        "while the record is unchanged, portal/cache.py):",
        "",
        *_load_table(data, data["results"], [k for k in data["targets"] if k in data["results"]]),
        "",
        "**Under load with the page cache off** (DJANGO_PORTAL_CACHE_SECONDS=0: every request "
        "runs its queries and renders; ratios against the trivial view and the static file of "
        "the run above):",
        "",
        *_load_table(data, data["results_uncached"], list(data["results_uncached"])),
        "",
        "**One request at a time, in process** (bench/query_counts.py, Django's test client, "
        "wall clock): the queries and time of a cache miss on the small dataset "
        f"({data['small_args']}) and on the full one, and of a cache hit on the full one.",
        "",
        "| Target | queries, small | queries, full | queries, hit | ms, small | ms, full | "
        "ms, hit |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for key, small in data["queries_small"].items():
        full = data["queries_full"][key]
        lines.append(
            f"| {data['targets'][key]['label']} | {small['queries']} | {full['queries']} | "
            f"{full['cached_queries']} | {fmt(small['ms'])} | {fmt(full['ms'])} | "
            f"{fmt(full['cached_ms'])} |"
        )
    lines += ["", "Targets:", ""]
    lines += [f"- {check}" for check in data["checks"]]
    lines += ["", END]
    return "\n".join(lines)


def checks(data: dict) -> list[str]:
    results, out = data["results"], []
    trivial_p95 = results["trivial"]["p95_ms"]
    for key, target in data["targets"].items():
        # With --uncached-only, the lists are judged by their run with the page cache off.
        measured = results.get(key) or data["results_uncached"].get(key)
        if target["kind"] in ("list", "working") and measured:
            ratio = measured["p95_ms"] / trivial_p95
            verdict = "met" if ratio <= 3 else "NOT met"
            out.append(
                f"{target['label']}: p95 is {fmt(ratio, 2)}× the trivial view's "
                f"(target ≤ 3×): {verdict}."
            )
    if "pdf" in results:
        pdf_ratio = results["pdf"]["rps"] / results["static"]["rps"]
        out.append(
            f"PDF download: {fmt(pdf_ratio, 2)}× the static file's requests per second "
            f"(target ≥ 0.5×): {'met' if pdf_ratio >= 0.5 else 'NOT met'}."
        )
    same = [
        key
        for key in data["queries_full"]
        if data["queries_full"][key]["queries"] == data["queries_small"].get(key, {}).get("queries")
    ]
    out.append(
        f"Queries per request equal at both sizes for {len(same)} of {len(data['queries_full'])} "
        "Django targets"
        + (
            "."
            if len(same) == len(data["queries_full"])
            else f" (differ: {', '.join(sorted(set(data['queries_full']) - set(same)))})."
        )
    )
    if data["seed"].get("seconds") is not None:
        verdict = "met" if data["seed"]["seconds"] < 600 else "NOT met"
        out.append(f"Seeding: {fmt(data['seed']['seconds'], 0)} s (target < 600 s): {verdict}.")
    return out


def write_report(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8")
    if START in doc and END in doc:
        doc = doc[: doc.index(START)] + text + doc[doc.index(END) + len(END) :]
    else:
        doc = doc.rstrip() + "\n\n## Scale: HTTP load on the full dataset\n\n" + text + "\n"
    DOC.write_text(doc, encoding="utf-8")


# --- Main -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing (Debian package wrk); `make bench` installs it.")
    base = os.environ.get("DATABASE_URL", "")
    full_url, small_url = database_url(base, "_bench"), database_url(base, "_bench_small")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["PYTHONPATH"] = str(ROOT)

    seed_args = ["--committees", str(args.committees), "--years", str(args.years)]
    seeding: dict = {"seconds": None, "counts": {}, "args": seed_args}
    if args.reseed or not database_ready(full_url):
        log(f"Seeding {urlsplit(full_url).path.lstrip('/')} ({' '.join(seed_args)})")
        seeding = seed(full_url, seed_args, env)
        (ROOT / "bench" / ".last-seed.json").write_text(json.dumps(seeding))
    elif (ROOT / "bench" / ".last-seed.json").exists():
        seeding = json.loads((ROOT / "bench" / ".last-seed.json").read_text())
        log("Full dataset already seeded (use --reseed to seed again)")
    if args.reseed or not database_ready(small_url):
        seed(small_url, SMALL_ARGS, env)
    seeding["args_text"] = " ".join(seeding["args"])
    # The logged-in side (accounts, tokens, the busy meeting): kept when already there.
    for url in (full_url, small_url):
        run([PYTHON, "bench/seed_working.py"], {**env, "DATABASE_URL": url})

    log("Queries per request (small, then full dataset)")
    queries_small = query_counts(small_url, env, args.only)
    queries_full = query_counts(full_url, env, args.only)

    server_env = {
        **env,
        "DATABASE_URL": full_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "benchmark-only-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "GUNICORN_BIND": f"127.0.0.1:{args.port}",
        "GUNICORN_ACCESSLOG": "",
        # One address sends every request: the API's limits (DRF counts an anonymous
        # caller against both the visitors' and the accounts' rate, by address) would
        # refuse most of them.
        "DJANGO_API_ANON_RATE": "1000000/s",
        "DJANGO_API_USER_RATE": "1000000/s",
        # Steady state: a worker recycled mid-run would start with an empty local-memory
        # cache (a shared cache, as docs/deploy.md advises for production, would not).
        "GUNICORN_MAX_REQUESTS": "0",
    }
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], server_env)

    sys.path.insert(0, str(ROOT))
    os.environ.update({"DATABASE_URL": full_url, "DJANGO_SETTINGS_MODULE": "config.settings"})
    import django

    django.setup()
    from django.conf import settings

    from bench.targets import STATIC_PDF, targets
    from minutes.models import Minutes

    every = targets()
    resolved = select(every, args.only)
    pdf_document = next(t for t in every if t.key == "pdf").path.rsplit("/", 1)[-1]
    pdf_document = pdf_document.removesuffix(".pdf")
    stored = Minutes.objects.get(document_id=pdf_document)
    static_copy = Path(settings.STATIC_ROOT) / STATIC_PDF
    static_copy.parent.mkdir(parents=True, exist_ok=True)
    with stored.pdf.open("rb") as source:
        static_copy.write_bytes(source.read())
    log(f"PDF {pdf_document}: {static_copy.stat().st_size:,} bytes, copied to {static_copy}")

    headers = auth_headers(resolved)
    yardsticks = [t for t in resolved if t.kind == "baseline"]
    results = load(yardsticks if args.uncached_only else resolved, server_env, args, headers)
    log("Again with the page cache off")
    results_uncached = load(
        [t for t in resolved if t.kind in ("list", "page")],
        {**server_env, "DJANGO_PORTAL_CACHE_SECONDS": "0"},
        args,
    )

    mixed: dict = {}
    if args.mixed:
        log("Again while a writer writes once a second (--mixed)")
        writer = Writer()
        writer.start()
        try:
            mixed["results"] = load(
                [t for t in resolved if t.kind != "baseline"], server_env, args, headers, writer
            )
        finally:
            writer.stop()
        mixed["writes"], mixed["write_errors"] = writer.writes, writer.errors[:20]
    cold: dict = {}
    if args.cold:
        log("Cold start: the first request to a fresh worker against a warm one (--cold)")
        cold = cold_start([t for t in resolved if t.key != "static"], server_env, args, headers)

    import multiprocessing

    workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
    threads = int(os.environ.get("GUNICORN_THREADS", "2"))
    data = {
        "when": datetime.date.today().isoformat(),
        "command": "make bench" + (" BENCH_ARGS=" + shlex.quote(" ".join(argv)) if argv else ""),
        "machine": machine(),
        "gunicorn": f"{workers} workers × {threads} threads, gthread",
        "threads": args.threads,
        "connections": args.connections,
        "duration": args.duration,
        "rounds": args.rounds,
        "warmup": args.warmup,
        "seed": seeding,
        "database_size": size_of(full_url),
        "targets": {t.key: {"label": t.label, "kind": t.kind, "path": t.path} for t in resolved},
        "results": results,
        "results_uncached": results_uncached,
        "small_args": " ".join(SMALL_ARGS),
        "queries_small": queries_small,
        "queries_full": queries_full,
        "mixed": mixed,
        "cold": cold,
    }
    data["checks"] = checks(data)
    text = report(data)
    print(text)
    if args.only:
        # A partial run: its figures are kept apart and never replace the full tables.
        (ROOT / "bench" / ".last-run-only.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=1)
        )
        return
    (ROOT / "bench" / ".last-run.json").write_text(json.dumps(data, ensure_ascii=False, indent=1))
    if not args.no_write:
        write_report(text)
        log(f"Written to {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
