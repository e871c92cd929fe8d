"""The slowest SQL query of each benchmark target (bench/targets.py), with its plan, in
process against the database ``DATABASE_URL`` names (PostgreSQL), the page cache off:

    DATABASE_URL=postgres://… DJANGO_PORTAL_CACHE_SECONDS=0 \\
        .venv/bin/python bench/explain_slowest.py [KEY ...] [--plans N]

Every target is requested once to warm up, then once more with its queries captured; the
slowest one is run again under ``EXPLAIN (ANALYZE, BUFFERS)``. Prints, per target, the
request's time, its queries, the slowest query's time and SQL, and (for the N slowest
targets, 3 by default) its plan — what docs/benchmarks.md quotes.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from bench.targets import targets  # noqa: E402


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("keys", nargs="*")
    parser.add_argument("--plans", type=int, default=3)
    args = parser.parse_args(argv)
    setup_test_environment()
    client = Client(HTTP_HOST="127.0.0.1")
    found = []
    for target in targets():
        if target.kind == "baseline" or (args.keys and target.key not in args.keys):
            continue
        client.get(target.path)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(target.path)
            if response.streaming:
                next(iter(response.streaming_content), b"")
            elapsed = (time.perf_counter() - started) * 1000
        response.close()
        slowest = max(captured.captured_queries, key=lambda q: float(q["time"]), default=None)
        found.append((elapsed, target, len(captured), slowest))
        print(
            f"{target.key:24} {elapsed:8.1f} ms  {len(captured):3} queries"
            + (f"  slowest {float(slowest['time']) * 1000:7.1f} ms" if slowest else ""),
            flush=True,
        )
    for elapsed, target, _, slowest in sorted(found, key=lambda f: -f[0])[: args.plans]:
        if slowest is None:
            continue
        print(f"\n### {target.key} ({target.path}): {elapsed:.1f} ms\n\n{slowest['sql']}\n")
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
            print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main(sys.argv[1:])
