"""Time the public reports (docs/reports.md) on a seeded database, without the page cache.

    DATABASE_URL=… .venv/bin/python bench/bench_reports.py [--repeat 5]

For each committee-wide page (the scoreboard for the current Jalali year and for a
season, the busiest organisation's page for the year, and /robots.txt as the trivial
view) it prints the median and the worst of ``--repeat`` requests through Django's test
client, and how many queries one request made.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from committee.models import Committee  # noqa: E402
from portal import report_cells  # noqa: E402
from portal.indexing import ensure_index  # noqa: E402
from portal.models import PublicDecision  # noqa: E402


def _time(client: Client, url: str, repeat: int) -> tuple[float, float, int]:
    client.get(url)  # warm
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), max(times), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)

    args = parser.parse_args()
    ensure_index()
    committee = Committee.objects.order_by("pk").first()
    assert committee, "seed the database first (bench/seed.py)"
    busiest = (
        PublicDecision.objects.filter(committee=committee, organization__isnull=False)
        .values("organization")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    total = PublicDecision.objects.count()
    print(f"{total} public decisions in all; committee {committee.slug}")
    # The seeder writes behind the services' back: the aggregates are counted once
    # (manage.py portal_report_rebuild), then kept by the audit log.
    start = time.perf_counter()
    cells = report_cells.rebuild()
    print(f"aggregates rebuilt: {cells} cells in {time.perf_counter() - start:.1f} s")
    meeting = PublicDecision.objects.filter(committee=committee).order_by("-meeting_date")[0]
    start = time.perf_counter()
    report_cells.recount_meetings([meeting.meeting_id])
    print(f"one meeting's slice recounted in {(time.perf_counter() - start) * 1000:.1f} ms")
    urls = {
        "trivial (/robots.txt)": "/robots.txt",
        "scoreboard, this year": f"/committee/{committee.slug}/report/",
        "scoreboard, a season": f"/committee/{committee.slug}/report/?period=season&season=1",
        "organisation, this year": (
            f"/committee/{committee.slug}/organizations/{busiest['organization']}/"
        ),
    }
    client = Client()
    with override_settings(PORTAL_PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=["*"]):
        for name, url in urls.items():
            median, worst, queries = _time(client, url, args.repeat)
            print(f"{name:28} median {median:7.1f} ms  worst {worst:7.1f} ms  {queries} queries")


if __name__ == "__main__":
    main()
