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
        "--only",
        default="",
        help="comma-separated target keys to load (the yardsticks trivial and static always)",
    )
    parser.add_argument(
        "--uncached-only",
        action="store_true",
        help="load only with the page cache off (DJANGO_PORTAL_CACHE_SECONDS=0)",
    )
    return parser.parse_args(argv)


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


def query_counts(url: str, base_env: dict[str, str]) -> dict:
    result = run(
        [PYTHON, "bench/query_counts.py"],
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


def wrk(url: str, args: argparse.Namespace, duration: int) -> dict:
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "bench" / "report.lua"),
        url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    line = [ln for ln in result.stdout.splitlines() if ln.startswith("{")][-1]
    return json.loads(line)


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


def load(resolved: list, env: dict[str, str], args: argparse.Namespace) -> dict[str, dict]:
    """Each target under load with wrk, against a gunicorn started afresh for it (so that
    no request of the previous target is still running), warmed up first: the warm-up
    also fills each worker's own copy of the page (the local-memory cache is per
    process)."""
    log("gunicorn -c config/gunicorn.conf.py config.wsgi, started afresh for every target")
    (ROOT / "bench" / ".gunicorn.log").write_text("")
    results: dict[str, dict] = {}
    for target in resolved:
        server = start_server(env, args.port)
        try:
            url = f"http://127.0.0.1:{args.port}{target.path}"
            wrk(url, args, args.warmup)
            rounds = sorted(
                (wrk(url, args, args.duration) for _ in range(args.rounds)),
                key=lambda r: r["p95_ms"],
            )
            # The round with the median p95; every round's p95 is kept in the JSON.
            result = {**rounds[len(rounds) // 2], "rounds_p95_ms": [r["p95_ms"] for r in rounds]}
        finally:
            stop_server(server)
        log(
            f"{target.key:24} p50 {result['p50_ms']:8.2f} ms  p95 {result['p95_ms']:8.2f} ms  "
            f"{result['rps']:8.1f} req/s"
        )
        if not result["requests"] or result["non_2xx_3xx"] or result["socket_errors"]:
            raise SystemExit(
                f"{target.key}: {result['requests']} requests, {result['non_2xx_3xx']} bad "
                f"responses, {result['socket_errors']} socket errors (bench/.gunicorn.log)"
            )
        results[target.key] = result
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
        if target["kind"] == "list" and measured:
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

    log("Queries per request (small, then full dataset)")
    queries_small = query_counts(small_url, env)
    queries_full = query_counts(full_url, env)

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

    resolved = targets()
    pdf_target = next(t for t in resolved if t.key == "pdf")
    pdf_document = pdf_target.path.rsplit("/", 1)[-1].removesuffix(".pdf")
    if args.only:
        wanted = {"trivial", "static", *args.only.split(",")}
        resolved = [t for t in resolved if t.key in wanted]
    stored = Minutes.objects.get(document_id=pdf_document)
    static_copy = Path(settings.STATIC_ROOT) / STATIC_PDF
    static_copy.parent.mkdir(parents=True, exist_ok=True)
    with stored.pdf.open("rb") as source:
        static_copy.write_bytes(source.read())
    log(f"PDF {pdf_document}: {static_copy.stat().st_size:,} bytes, copied to {static_copy}")

    yardsticks = [t for t in resolved if t.kind == "baseline"]
    results = load(yardsticks if args.uncached_only else resolved, server_env, args)
    log("Again with the page cache off")
    results_uncached = load(
        [t for t in resolved if t.kind in ("list", "page")],
        {**server_env, "DJANGO_PORTAL_CACHE_SECONDS": "0"},
        args,
    )

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
    }
    data["checks"] = checks(data)
    text = report(data)
    print(text)
    (ROOT / "bench" / ".last-run.json").write_text(json.dumps(data, ensure_ascii=False, indent=1))
    if not args.no_write:
        write_report(text)
        log(f"Written to {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
