"""Run by tests/hardening/test_sqlite_writers.py in a process of its own, on a file SQLite
database configured from the environment as production would be: two identical record saves
at once, ten rounds. Prints one JSON list of the outcomes."""

from __future__ import annotations

import datetime
import json
import os
import sys
import threading

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import IntegrityError, connection  # noqa: E402
from django.utils import timezone  # noqa: E402

call_command("migrate", verbosity=0)

from minutes import services  # noqa: E402
from minutes.errors import ServiceError  # noqa: E402
from tests.factories import CommitteeFactory, MeetingFactory, UserFactory  # noqa: E402

committee = CommitteeFactory()
superuser = UserFactory(username="race-admin", is_superuser=True, is_staff=True)
outcomes: list[str] = []
lock = threading.Lock()


def save(meeting_id: int, barrier: threading.Barrier, summary: str) -> None:
    from minutes.models import Meeting

    meeting = Meeting.objects.get(pk=meeting_id)
    barrier.wait()
    try:
        services.record_meeting(superuser, meeting, expected_version=None, summary=summary)
        outcome = "saved"
    except ServiceError as error:  # the edit conflict a page answers 409
        outcome = f"refused:{type(error).__name__}"
    except IntegrityError:  # a lost race, answered 409 as well
        outcome = "refused:IntegrityError"
    except Exception as error:  # what would have been a 500
        outcome = f"error:{type(error).__name__}:{error}"
    finally:
        connection.close()
    with lock:
        outcomes.append(outcome)


for round_ in range(10):
    meeting = MeetingFactory(
        workgroup=None,
        committee=committee,
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        number=round_ + 1,
    )
    barrier = threading.Barrier(2)
    threads = [
        threading.Thread(target=save, args=(meeting.pk, barrier, f"خلاصه {n}")) for n in (1, 2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

print(json.dumps(outcomes))
