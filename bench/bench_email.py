"""Benchmark of the outbox: one real worker process sends 1,000 queued invitation emails to a
local SMTP sink. The goal (issue 16): under a minute.

Run from the repository root:

    .venv/bin/python bench/bench_email.py [--emails 1000]

Everything is the benchmark's own: a SQLite file in a temporary folder, migrated; an SMTP
sink (aiosmtpd) started here on 127.0.0.1 on a free port and stopped at the end. The emails
are real invitations: one meeting with a public agenda, ``--emails`` invitees, and
``notifications.notify(meeting, invitees, "invite")`` — each email rendered in text and
HTML with its own answer links and its .ics, recorded in the outbox, and its delivery task
queued in the database (DJANGO_TASKS_BACKEND=database) after the commit. Then one worker,
``manage.py db_worker --batch`` in a process of its own with the SMTP backend chosen through
the environment (DJANGO_EMAIL_BACKEND, DJANGO_EMAIL_HOST, DJANGO_EMAIL_PORT), sends them all
and exits; its wall time (from the process's start, Django's start-up included, to its
exit) is the figure. Each email is one SMTP session, as deliver() opens one per email.
Afterwards every outbox row must be sent and the sink must hold one message per address.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="bench-email-"))
# The worker's settings, from the environment; nothing of the caller's DJANGO_* or
# DATABASE_URL leaks in (a suite on PostgreSQL, a production shell).
ENV = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
ENV.update(
    DJANGO_SETTINGS_MODULE="config.settings",
    DJANGO_SQLITE_PATH=str(WORK / "db.sqlite3"),
    DJANGO_MEDIA_ROOT=str(WORK / "media"),
    DJANGO_TASKS_BACKEND="database",
    DJANGO_LOG_LEVEL="WARNING",
    # As in production: no debug (which would also record every query the worker runs).
    DJANGO_DEBUG="0",
    DJANGO_SECRET_KEY="bench-email-" + os.urandom(16).hex(),
    PUBLIC_BASE_URL="https://media.rasht.example",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Sink:
    """An SMTP server that keeps what it receives (in memory): aiosmtpd in a thread."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[tuple[float, list[str], bytes]] = []
        self.lock = threading.Lock()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        with self.lock:
            self.messages.append((time.perf_counter(), list(envelope.rcpt_tos), envelope.content))
        return "250 OK"

    def __enter__(self) -> Sink:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()


def queue_invitations(count: int) -> float:
    """Build the meeting and its invitees, and queue one invitation email each; seconds."""
    os.environ.update(ENV)
    import django

    django.setup()
    import datetime

    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from committee.models import Person
    from minutes import notifications
    from minutes.models import AgendaItem, Invitation
    from tests.factories import MeetingFactory, OrganizationFactory, WorkgroupFactory

    call_command("migrate", verbosity=0)
    workgroup = WorkgroupFactory(name="کارگروه رسانه عمرانی و ترافیکی")
    meeting = MeetingFactory(
        workgroup=workgroup,
        title="پیگیری مصوبات حمل و نقل عمومی و برنامه ترمیم آسفالت پس از بارش‌ها",
        location="اتاق جلسات معاونت عمرانی، ساختمان مرکزی شهرداری رشت، طبقه دوم",
        starts_at=timezone.now() + datetime.timedelta(days=7),
    )
    for order, title in enumerate(
        (
            "گزارش پیشرفت سامانه بلیت الکترونیک و پرداخت با کارت بانکی",
            "برنامه ترمیم آسفالت معابر آسیب‌دیده در بارش‌های اخیر",
            "ایستگاه‌های اتوبوس بدون سرپناه در مسیرهای پرتردد",
        ),
        start=1,
    ):
        AgendaItem.objects.create(meeting=meeting, order=order, title=title)
    organization = OrganizationFactory()
    people = Person.objects.bulk_create(
        Person(
            first_name="مدعو",
            last_name=f"شماره {n}",
            post="خبرنگار",
            organization=organization,
            email=f"invitee-{n}@example.org",
        )
        for n in range(count)
    )
    Invitation.objects.bulk_create(Invitation(meeting=meeting, person=p) for p in people)
    started = time.perf_counter()
    with transaction.atomic():
        notifications.notify(meeting, people, "invite")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emails", type=int, default=1000, help="how many (default 1000)")
    args = parser.parse_args()
    try:
        run(args.emails)
    finally:
        shutil.rmtree(WORK, ignore_errors=True)


def run(count: int) -> None:
    queueing = queue_invitations(count)
    from django_tasks_db.models import DBTaskResult

    from minutes.models import OutboxEmail

    assert OutboxEmail.objects.filter(status="queued").count() == count
    assert DBTaskResult.objects.filter(status="READY").count() == count

    with Sink() as sink:
        env = ENV | {
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "DJANGO_EMAIL_HOST": "127.0.0.1",
            "DJANGO_EMAIL_PORT": str(sink.port),
            # As the worker's service runs (docs/deploy.md): one connection kept open.
            "DJANGO_CONN_MAX_AGE": os.environ.get("BENCH_CONN_MAX_AGE", "600"),
        }
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        worker = subprocess.run(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--batch",
                "--no-startup-delay",
                "--no-reload",
                "-v",
                "0",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        elapsed = time.perf_counter() - started
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (
            cpu_after.ru_stime - cpu_before.ru_stime
        )
        assert worker.returncode == 0, worker.stdout + worker.stderr
        received = list(sink.messages)

    sent = OutboxEmail.objects.filter(status="sent").count()
    addresses = {rcpt for _, rcpts, _ in received for rcpt in rcpts}
    assert sent == count, f"{sent} of {count} sent"
    assert len(received) == count and len(addresses) == count, (len(received), len(addresses))
    first, last = received[0][0], received[-1][0]
    size = sum(len(content) for _, _, content in received) / count
    assert b"text/html" in received[0][2] and b"text/calendar" in received[0][2]

    print(f"{count} invitation emails (text + HTML + .ics, {size / 1024:.1f} KiB each):")
    print()
    print("| step | time (s) | rate (emails/s) |")
    print("|---|---:|---:|")
    print(f"| rendered and queued (one transaction) | {queueing:.2f} | {count / queueing:.0f} |")
    print(f"| one `db_worker` process, start to exit | {elapsed:.2f} | {count / elapsed:.0f} |")
    print(
        f"| of which first to last email at the sink | {last - first:.2f} | "
        f"{(count - 1) / (last - first):.0f} |"
    )
    print()
    print(f"The worker process used {cpu:.1f} s of CPU ({cpu / count * 1000:.1f} ms an email,")
    print(f"start-up included); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs.")
    print()
    verdict = "under" if elapsed < 60 else "OVER"
    print(f"Goal: {count} emails in under 60 s — {verdict} ({elapsed:.1f} s).")


if __name__ == "__main__":
    main()
