"""Benchmark of the publish request: the PDF rendered in the request (DJANGO_TASKS_BACKEND=
immediate) or queued for the worker (database), measured in one run, as a ratio.

Run from the repository root (the demo seal must exist: `make setup` makes it):

    .venv/bin/python bench/bench_publish.py [--runs 5]

A SQLite file and a media folder of their own are made in a temporary folder and migrated;
one held meeting with approved minutes is built (tests/pdf/conftest.py's world). Each sample
is the secretariat's ``POST /minutes/<id>/publish/`` through Django's test client (the whole
middleware stack, the session, the service's transaction and its on-commit callback), timed
around the request only; between samples a correction is opened, submitted and approved
through the services, so every sample publishes a new revision. The two backends alternate
(immediate, database, immediate, …) after one warm-up each, so that drift in the machine's
load falls on both. Afterwards `manage.py db_worker --batch` runs the queued tasks, and its
time per PDF is what the worker spends on each.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="bench-publish-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings",
    DJANGO_SQLITE_PATH=str(WORK / "db.sqlite3"),
    DJANGO_MEDIA_ROOT=str(WORK / "media"),
    DJANGO_ALLOWED_HOSTS="testserver",
    DJANGO_LOG_LEVEL="WARNING",
)
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="samples per backend (default 5)")
    args = parser.parse_args()
    # The demo seal's "revocation info will be embedded" notice, once per PDF.
    logging.getLogger("pyhanko").setLevel(logging.ERROR)
    try:
        run(args.runs)
    finally:
        shutil.rmtree(WORK, ignore_errors=True)


def run(runs: int) -> None:
    call_command("migrate", verbosity=0)
    from django_tasks_db.models import DBTaskResult

    from minutes import services
    from minutes.models import Minutes
    from tests.pdf.conftest import build_world

    world = build_world()
    client = Client()
    client.force_login(world.secretariat)

    def approved_revision(previous: Minutes | None) -> Minutes:
        if previous is None:
            return world.minutes
        correction = services.issue_correction(world.secretariat, previous, "سنجش زمان انتشار")
        correction = services.submit_minutes(world.chair, correction)
        return services.approve_minutes(world.chair, correction)

    times: dict[str, list[float]] = {name: [] for name in BACKENDS}
    previous: Minutes | None = None
    order = [name for _ in range(runs + 1) for name in BACKENDS]
    for index, name in enumerate(order):
        minutes = approved_revision(previous)
        url = reverse("minutes_transition", args=[minutes.pk, "publish"])
        with override_settings(TASKS={"default": {"BACKEND": BACKENDS[name]}}):
            started = time.perf_counter()
            response = client.post(url)
            elapsed = time.perf_counter() - started
        minutes.refresh_from_db()
        assert response.status_code == 302 and minutes.is_published, response
        assert bool(minutes.sha256) == (name == "immediate"), (name, minutes.sha256)
        if index >= len(BACKENDS):  # the first of each is the warm-up
            times[name].append(elapsed)
        previous = minutes

    queued = DBTaskResult.objects.filter(status="READY").count()
    with override_settings(TASKS={"default": {"BACKEND": BACKENDS["database"]}}):
        started = time.perf_counter()
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        worker = time.perf_counter() - started
    missing = Minutes.objects.filter(status=Minutes.Status.PUBLISHED, sha256="").count()
    assert missing == 0, f"{missing} PDF(s) not stored by the worker"

    immediate = statistics.median(times["immediate"])
    database = statistics.median(times["database"])
    print(f"Publish request, median of {runs} (after one warm-up each), alternating:")
    print()
    print("| DJANGO_TASKS_BACKEND | publish request (s) | samples (s) |")
    print("|---|---:|---|")
    for name, median in (("immediate", immediate), ("database", database)):
        samples = ", ".join(f"{value:.3f}" for value in times[name])
        print(f"| `{name}` | {median:.3f} | {samples} |")
    print()
    print(f"Ratio immediate / database: {immediate / database:.1f}")
    print(
        f"The worker then stored {queued} PDF(s) in {worker:.2f} s ({worker / queued:.2f} s each)"
    )


if __name__ == "__main__":
    main()
