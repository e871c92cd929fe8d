"""Database queries and time per request for every benchmark target (bench/targets.py),
in process with Django's test client against the database ``DATABASE_URL`` names.

    DATABASE_URL=postgres://… .venv/bin/python bench/query_counts.py [--only KEY,...]

Prints one JSON object: {target key: {"status", "queries", "ms", "cached_queries",
"cached_ms"}}; for a streamed response (the CSV), up to its first chunk. Every URL is
requested once to warm up (imports, templates, the portal's lazy index); a target with a
``user`` is requested logged in as that user (a session, or its API token); then, with
Django's cache emptied, once as a cache miss ("queries", "ms": all the work of the page)
and once more as a hit of the public page cache (portal/cache.py; "cached_queries",
"cached_ms"). Times are single requests, one process, wall clock.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from bench.targets import targets  # noqa: E402


def client_for(target) -> Client:
    """A test client as the target's caller: anonymous, logged in as ``target.user`` (a
    session, as after signing in), or sending that user's API token."""
    if target.user is None:
        return Client(HTTP_HOST="127.0.0.1")
    from django.contrib.auth import get_user_model
    from rest_framework.authtoken.models import Token

    user = get_user_model().objects.get(username=target.user)
    if target.token:
        token, _ = Token.objects.get_or_create(user=user)
        return Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Token {token.key}")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Queries and time per benchmark target.")
    parser.add_argument(
        "--only",
        type=lambda text: {key.strip() for key in text.split(",") if key.strip()},
        default=None,
        metavar="KEY,...",
        help="only these targets (bench/targets.py keys; the trivial view is always counted)",
    )
    args = parser.parse_args(argv)
    setup_test_environment()
    result = {}
    # Served by whitenoise before Django: no queries, nothing to count.
    pages = [target for target in targets() if target.key != "static"]
    if args.only:
        unknown = args.only - {target.key for target in pages} - {"static"}
        if unknown:
            raise SystemExit(f"--only: unknown target(s) {', '.join(sorted(unknown))}")
        pages = [t for t in pages if t.key in args.only or t.key == "trivial"]
    clients = {target.key: client_for(target) for target in pages}
    for target in pages:
        clients[target.key].get(target.path)
    cache.clear()
    for target in pages:
        entry = {}
        for label in ("", "cached_"):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = clients[target.key].get(target.path)
                if response.streaming:
                    # A streamed response (the CSV): up to its first bytes.
                    next(iter(response.streaming_content), b"")
                elapsed = time.perf_counter() - started
            response.close()
            entry[f"{label}queries"] = len(queries)
            entry[f"{label}ms"] = round(elapsed * 1000, 1)
        entry["status"] = response.status_code
        result[target.key] = entry
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
