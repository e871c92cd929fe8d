"""Two application servers sharing one cache: the local-memory cache against Redis.

    make bench-cache                      # or: .venv/bin/python bench/shared_cache.py
    DATABASE_URL=postgres://… make bench-cache   # the same on a PostgreSQL database

Steps, each printed as it runs:

1. Redis on loopback through the project's own script (.ci/redis.sh, which starts a
   throw-away server, exports DJANGO_CACHE_URL and stops it afterwards): this script runs
   itself again under it when DJANGO_CACHE_URL is not a redis:// URL.
2. The database: the PostgreSQL one of DATABASE_URL (only read), or a copy of the demo's
   SQLite file (db.sqlite3, or ``--sqlite FILE``; made with migrate and load_demo in a
   temporary folder when there is none).
3. For each cache in turn — ``locmem://`` (each process its own) and Redis (shared) — two
   gunicorn instances on two loopback ports with the production settings
   (config/gunicorn.conf.py, DJANGO_DEBUG=0, the page cache on as by default), as two
   machines behind a load balancer would be: every request carries the same ``Host`` (the
   cached copies are keyed by the page's address).
4. Across instances: each public page is asked once of instance 1, then once of
   instance 2. With Redis, whether instance 2 answered from instance 1's copy is read in
   Redis itself (a page built again adds a new ``portal-page:`` key, one served from the
   copy adds none); with the local-memory cache it never can. Both times are kept.
5. Under load: for each page, wrk on both instances at once (bench/http_load.py's wrk()
   and report.lua), after a warm-up; p50/p95 per instance and the requests per second of
   the two together.
6. The tables, the machine and the command go into docs/benchmarks.md between the
   ``shared-cache`` markers (``--no-write`` only prints them).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.http_load import (  # noqa: E402  (the repository root on the path first)
    PYTHON,
    fmt,
    log,
    machine,
    start_server,
    stop_server,
    wrk,
)

DOC = ROOT / "docs" / "benchmarks.md"
# Asked of each instance first (a public page not measured), so that the measured requests
# do not carry the workers' first-request costs.
WARM_PAGE = "/demands/"
START = "<!-- shared-cache:start -->"
END = "<!-- shared-cache:end -->"
HOST = "127.0.0.1"
PAGES = [
    ("home", "Home page (/)", "/"),
    ("archive", "Minutes list (/archive/)", "/archive/"),
    ("tracker", "Decisions tracker (/decisions/)", "/decisions/"),
    (
        "search",
        "Minutes list, a search (?q=پسماند)",
        "/archive/?q=%D9%BE%D8%B3%D9%85%D8%A7%D9%86%D8%AF",
    ),
    ("api", "API list (/api/v1/decisions/)", "/api/v1/decisions/"),
]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Two servers, one cache (see the module doc).")
    parser.add_argument("--duration", type=int, default=8, help="seconds of load per page")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of load before measuring")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections per instance")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads per instance")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance")
    parser.add_argument("--ports", type=int, nargs=2, default=[8771, 8772])
    parser.add_argument("--sqlite", type=Path, help="the demo database to copy (SQLite)")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    return parser.parse_args(argv)


# --- The database ---------------------------------------------------------------------------


def _manage(env: dict[str, str], *args: str) -> None:
    log("$ manage.py " + " ".join(args))
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def database_env(args: argparse.Namespace, folder: Path, base: dict[str, str]) -> dict[str, str]:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        log("Database: DATABASE_URL (PostgreSQL), only read")
        return {"DATABASE_URL": url}
    copy = folder / "demo.sqlite3"
    source = args.sqlite or ROOT / "db.sqlite3"
    env = {"DJANGO_SQLITE_PATH": str(copy)}
    if source.exists():
        log(f"Database: a copy of {source}")
        with sqlite3.connect(source) as original, sqlite3.connect(copy) as target:
            original.backup(target)
    else:
        log("Database: the demo, made afresh in a temporary SQLite file")
        made = {**base, **env, "DJANGO_TASKS_BACKEND": "database"}
        _manage(made, "migrate", "--noinput", "-v0")
        _manage(made, "load_demo", "--if-empty")
    _manage({**base, **env}, "migrate", "--noinput", "-v0")
    return env


# --- Measuring ------------------------------------------------------------------------------


def fetch(port: int, path: str) -> float:
    """One request as the load balancer forwards it; its time in milliseconds."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        headers={"Host": HOST, "X-Forwarded-Proto": "https", "Accept-Language": "fa"},
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        if response.status != 200:
            raise SystemExit(f"{path}: {response.status}")
    return (time.perf_counter() - started) * 1000


def page_keys(redis_client) -> set[bytes]:
    return set(redis_client.scan_iter(match="*portal-page:*", count=1000))


def across_instances(ports: list[int], redis_client) -> dict[str, dict]:
    """Each page once from instance 1 (it builds and stores the copy), then once from
    instance 2: served from the copy, or built again?"""
    # Every worker's first request loads the templates and the rest: not what is measured.
    for port in ports:
        for _ in range(6):
            fetch(port, WARM_PAGE)
    out = {}
    for key, _label, path in PAGES:
        start = page_keys(redis_client) if redis_client is not None else set()
        first = fetch(ports[0], path)
        before = page_keys(redis_client) if redis_client is not None else set()
        second = fetch(ports[1], path)
        if redis_client is None:
            from_copy = False  # its own empty memory: nothing of instance 1's is there
        else:
            # Instance 1 stored a copy, and instance 2 stored none: it served that one.
            from_copy = bool(before - start) and not (page_keys(redis_client) - before)
        out[key] = {"first_ms": first, "second_ms": second, "from_copy": from_copy}
        log(
            f"  {key:8} instance 1 {first:8.1f} ms, instance 2 {second:8.1f} ms, "
            f"{'from the copy' if from_copy else 'built again'}"
        )
    return out


def under_load(ports: list[int], args: argparse.Namespace) -> dict[str, dict]:
    out = {}
    headers = ["Host: " + HOST]
    for key, _label, path in PAGES:
        urls = [f"http://127.0.0.1:{port}{path}" for port in ports]
        with ThreadPoolExecutor(len(urls)) as pool:
            list(pool.map(lambda url: wrk(url, args, args.warmup, headers), urls))
            results = list(pool.map(lambda url: wrk(url, args, args.duration, headers), urls))
        for result in results:
            if not result["requests"] or result["non_2xx_3xx"] or result["socket_errors"]:
                raise SystemExit(f"{key}: {result} (bench/.gunicorn.log)")
        out[key] = {
            "instances": results,
            "rps": sum(r["rps"] for r in results),
            "p50_ms": max(r["p50_ms"] for r in results),
            "p95_ms": max(r["p95_ms"] for r in results),
        }
        log(
            f"  {key:8} p50 {out[key]['p50_ms']:8.2f} ms  p95 {out[key]['p95_ms']:8.2f} ms  "
            f"{out[key]['rps']:8.1f} req/s (both instances)"
        )
    return out


def measure(cache_url: str, env: dict[str, str], args: argparse.Namespace) -> dict:
    redis_client = None
    if cache_url.startswith("redis"):
        import redis

        redis_client = redis.Redis.from_url(cache_url)
        redis_client.flushdb()
    servers = []
    try:
        for port in args.ports:
            servers.append(
                start_server(
                    {**env, "DJANGO_CACHE_URL": cache_url, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                    port,
                )
            )
        log("Across instances (each page: instance 1, then instance 2)")
        across = across_instances(args.ports, redis_client)
        if redis_client is not None:
            redis_client.config_resetstat()
        log("Under load (both instances at once)")
        loaded = under_load(args.ports, args)
        stats = {}
        if redis_client is not None:
            info = redis_client.info("stats")
            hits, misses = info["keyspace_hits"], info["keyspace_misses"]
            stats = {"hits": hits, "misses": misses, "rate": hits / max(1, hits + misses)}
    finally:
        for server in servers:
            stop_server(server)
    return {"across": across, "load": loaded, "redis": stats}


# --- Report ---------------------------------------------------------------------------------


def report(data: dict) -> str:
    m = data["machine"]
    local, shared = data["locmem"], data["redis"]
    copies = sum(r["from_copy"] for r in shared["across"].values())
    lines = [
        START,
        f"Measured {data['when']} with `{data['command']}`.",
        "",
        f"- Machine: {m['cpu']}, {m['memory']}; Python {m['python']}; {m['wrk']}; "
        f"{data['redis_version']}. Database, Redis, both servers and wrk share the machine "
        f"(load average {data['load'][0]} at the start, {data['load'][1]} at the end: the "
        "machine was shared with other jobs; compare the two columns, not other runs).",
        f"- Database: {data['database']}.",
        f"- Two gunicorn instances on two loopback ports, each {data['workers']} workers × 2 "
        "threads, DJANGO_DEBUG=0, the page cache on (DJANGO_PORTAL_CACHE_SECONDS=300, the "
        "default); every request with the same `Host` and `X-Forwarded-Proto: https`, as a "
        "load balancer forwards them.",
        f"- Load: wrk on both instances at once, {data['threads']} thread(s) and "
        f"{data['connections']} connections each, {data['warmup']} s of warm-up then "
        f"{data['duration']} s; p50 and p95 are the slower instance's, req/s the two together.",
        "",
        "**A page built by instance 1, asked next of instance 2** (one request each, with "
        "the cache empty; each worker has served one other page first):",
        "",
        "| Page | instance 1, ms | instance 2, local memory, ms | instance 2, Redis, ms | "
        "instance 2 served instance 1's copy (Redis) |",
        "|---|---:|---:|---:|---|",
    ]
    for key, label, _path in PAGES:
        a, b = local["across"][key], shared["across"][key]
        lines.append(
            f"| {label} | {fmt(b['first_ms'])} | {fmt(a['second_ms'])} | {fmt(b['second_ms'])} | "
            f"{'yes' if b['from_copy'] else 'no'} |"
        )
    lines += [
        "",
        f"Across instances: **{copies} of {len(PAGES)}** pages built by instance 1 were served "
        "by instance 2 from the shared copy with Redis; with the local-memory cache, none "
        "can be (each process keeps its own, so each of the "
        f"{2 * data['workers']} worker processes builds every page once per change of the "
        "record).",
        "",
        "**Under load, steady state** (every worker's copy already made):",
        "",
        "| Page | local memory p50 ms | p95 ms | req/s | Redis p50 ms | p95 ms | req/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for key, label, _path in PAGES:
        a, b = local["load"][key], shared["load"][key]
        lines.append(
            f"| {label} | {fmt(a['p50_ms'], 2)} | {fmt(a['p95_ms'], 2)} | {fmt(a['rps'], 0)} | "
            f"{fmt(b['p50_ms'], 2)} | {fmt(b['p95_ms'], 2)} | {fmt(b['rps'], 0)} |"
        )
    stats = shared["redis"]
    lines += [
        "",
        f"Redis during the load: {stats['hits']:,} hits, {stats['misses']:,} misses, a hit "
        f"rate of {fmt(100 * stats['rate'])} % (every cache read of both instances: page "
        "copies, list counts, the index check).",
        "",
        END,
    ]
    return "\n".join(lines)


def write_report(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8")
    if START in doc and END in doc:
        doc = doc[: doc.index(START)] + text + doc[doc.index(END) + len(END) :]
    else:
        doc = (
            doc.rstrip()
            + "\n\n## Two servers, one cache: local memory against Redis\n\n"
            + "```sh\nmake bench-cache        # or: .venv/bin/python bench/shared_cache.py\n```\n\n"
            + "(`bench/shared_cache.py`; its docstring describes the method.)\n\n"
            + text
            + "\n"
        )
    DOC.write_text(doc, encoding="utf-8")


# --- Main -----------------------------------------------------------------------------------


def main(argv: list[str]) -> None:
    redis_url = os.environ.get("DJANGO_CACHE_URL", "")
    if not redis_url.startswith("redis://"):
        # Redis on loopback for the length of the run, by the project's script.
        script = ROOT / ".ci" / "redis.sh"
        os.execvp("bash", ["bash", str(script), PYTHON, str(Path(__file__).resolve()), *argv])
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing (Debian package wrk); `make bench-cache` installs it.")
    folder = Path(tempfile.mkdtemp(prefix="bench-cache-"))
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    base["PYTHONPATH"] = str(ROOT)
    try:
        database = database_env(args, folder, base)
        env = {
            **base,
            **database,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "benchmark-only-" + secrets.token_hex(24),
            "DJANGO_ALLOWED_HOSTS": HOST,
            "DJANGO_MEDIA_ROOT": str(folder / "media"),
            "GUNICORN_WORKERS": str(args.workers),
            "GUNICORN_THREADS": "2",
            "GUNICORN_ACCESSLOG": "",
            "GUNICORN_MAX_REQUESTS": "0",
            "DJANGO_API_ANON_RATE": "1000000/s",
            "DJANGO_API_USER_RATE": "1000000/s",
        }
        _manage(env, "collectstatic", "--noinput", "-v0")
        _manage(env, "shell", "-c", "from portal.indexing import ensure_index; ensure_index()")
        (ROOT / "bench" / ".gunicorn.log").write_text("")
        load_before = f"{os.getloadavg()[0]:.1f}"
        results = {}
        for name, url in (("locmem", "locmem://"), ("redis", redis_url)):
            log(f"Cache {url}: two instances on ports {args.ports[0]} and {args.ports[1]}")
            results[name] = measure(url, env, args)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    redis_version = subprocess.run(
        ["redis-server", "--version"], capture_output=True, text=True
    ).stdout.split(" build=")[0]
    engine = "PostgreSQL (DATABASE_URL)" if "DATABASE_URL" in database else "the demo, SQLite"
    data = {
        "when": datetime.date.today().isoformat(),
        "command": "make bench-cache"
        + (" BENCH_CACHE_ARGS=" + json.dumps(" ".join(argv)) if argv else ""),
        "machine": machine(),
        "redis_version": redis_version.strip(),
        "database": engine,
        "load": [load_before, f"{os.getloadavg()[0]:.1f}"],
        "workers": args.workers,
        "threads": args.threads,
        "connections": args.connections,
        "warmup": args.warmup,
        "duration": args.duration,
        **results,
    }
    text = report(data)
    print(text)
    (ROOT / "bench" / ".last-cache-run.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1)
    )
    if not args.no_write:
        write_report(text)
        log(f"Written to {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
