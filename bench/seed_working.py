"""The benchmark's logged-in side (issue 17): two accounts and one busy meeting, added to a
database bench/seed.py has seeded (it calls this at its end; it also runs alone):

    DATABASE_URL=postgres://… .venv/bin/python bench/seed_working.py

* ``bench-secretariat``: the user of the head of the secretariat of committee 1
  (``sample-01``), and ``bench-chair``: the user of the chair of its first workgroup. Each
  gets its API token through DRF's token model (``rest_framework.authtoken``), as the
  token page would make it. The accounts have no usable password: the benchmark logs them
  in with a session it creates (bench/http_load.py, bench/query_counts.py).
* In that workgroup, the meeting «جلسه پرکار نمونه (داده نمونه برای سنجش کارایی)»: 60
  agenda items and 40 attendees (the workgroup's members and guests «مهمان نمونه N»),
  recorded as a draft with 20 decisions and the items edited, every step through the
  services (minutes.services), so its audit trail is the one real work leaves (some two
  hundred entries).

Synthetic like the rest of the dataset, and safe to run again: what exists is kept.
"""

from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from committee.models import AuditEntry, Committee, CommitteeRole, Person  # noqa: E402
from committee.permissions import sync_committee_permissions  # noqa: E402
from minutes import services  # noqa: E402
from minutes.models import Attendance, Meeting  # noqa: E402
from persian.digits import to_persian_digits  # noqa: E402
from workgroups.models import Membership, Workgroup  # noqa: E402
from workgroups.permissions import sync_workgroup_permissions  # noqa: E402

COMMITTEE = "sample-01"
SECRETARIAT = "bench-secretariat"
CHAIR = "bench-chair"
BUSY_TITLE = "جلسه پرکار نمونه (داده نمونه برای سنجش کارایی)"
AGENDA_ITEMS = 60
ATTENDEES = 40
DECISIONS = 20


def _account(username: str, person: Person):
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save()
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user"])
    Token.objects.get_or_create(user=user)
    return user


def accounts() -> tuple[Committee, Workgroup, object, object]:
    committee = Committee.objects.filter(slug=COMMITTEE).first()
    if committee is None:
        raise SystemExit(f"bench/seed_working.py: no committee {COMMITTEE}; run bench/seed.py.")
    workgroup = Workgroup.objects.filter(committee=committee).order_by("order", "pk").first()
    director = (
        CommitteeRole.objects.current()
        .filter(committee=committee, role=CommitteeRole.Role.SECRETARIAT_HEAD)
        .select_related("person")
        .first()
    )
    chair = (
        Membership.objects.current()
        .filter(workgroup=workgroup, is_chair=True)
        .select_related("person")
        .first()
    )
    if workgroup is None or director is None or chair is None:
        raise SystemExit("bench/seed_working.py: committee 1 lacks its secretariat or a chair.")
    secretariat = _account(SECRETARIAT, director.person)
    chair_user = _account(CHAIR, chair.person)
    # The object permissions the roles carry, derived as the services derive them.
    sync_committee_permissions(committee)
    sync_workgroup_permissions(workgroup)
    return committee, workgroup, get_user_model().objects.get(pk=secretariat.pk), chair_user


def busy_meeting(committee: Committee, workgroup: Workgroup, secretariat, chair) -> Meeting:
    existing = Meeting.objects.filter(title=BUSY_TITLE).first()
    if existing is not None:
        return existing
    # Recording opens an hour before the start: a start a few minutes ahead may be
    # scheduled (not in the past) and recorded at once.
    meeting = services.schedule_meeting(
        secretariat,
        committee=committee,
        workgroup=workgroup,
        title=BUSY_TITLE,
        starts_at=timezone.now() + datetime.timedelta(minutes=10),
        ends_at=timezone.now() + datetime.timedelta(hours=3),
        location="سالن جلسات شهرداری نمونه ۱",
    )
    items = [
        services.add_agenda_item(
            secretariat,
            meeting,
            title=f"بند نمونه {to_persian_digits(n)}: گزارش پیشرفت پروژه‌های منطقه",
            is_public=n % 4 != 0,
        )
        for n in range(1, AGENDA_ITEMS + 1)
    ]
    members = meeting.body_members(meeting.day)
    organization = members[0].organization
    guests = []
    for n in range(1, ATTENDEES - len(members) + 1):
        guest = Person(
            first_name="مهمان",
            last_name=f"نمونه {to_persian_digits(n)}",
            post="کارشناس",
            organization=organization,
        )
        guest.save()
        guests.append(guest)
    services.send_invitations(secretariat, meeting, guests, notify=False)
    attendance = {
        e.person.pk: Attendance.Status.GUEST if e.is_guest else Attendance.Status.PRESENT
        for e in services.expected_attendance(meeting)
    }
    draft = services.record_meeting(
        chair,
        meeting,
        expected_version=None,
        attendance=attendance,
        guests=guests,
        summary="گزارش‌ها ارائه شد و مصوبات زیر تصویب شد (داده نمونه).",
    )
    for n in range(1, DECISIONS + 1):
        services.add_decision(
            chair,
            meeting,
            expected_version=None,
            text=f"مصوبه نمونه {to_persian_digits(n)}: گزارش اقدام تا پایان ماه ارائه شود.",
            agenda_item=items[n - 1],
            responsible_person=members[n % len(members)],
            responsible_organization=organization,
            deadline=timezone.localdate() + datetime.timedelta(days=30 + n),
        )
    # Discussion recorded item by item, as a chair fills the form in several sittings.
    for start in range(0, AGENDA_ITEMS, 10):
        draft.refresh_from_db()
        services.record_meeting(
            chair,
            meeting,
            expected_version=draft.version,
            items={
                item.pk: {"discussion": f"مذاکرات بند {to_persian_digits(item.order)} (نمونه)."}
                for item in items[start : start + 10]
            },
        )
    return meeting


def run() -> None:
    with transaction.atomic():
        committee, workgroup, secretariat, chair = accounts()
        meeting = busy_meeting(committee, workgroup, secretariat, chair)
    print(
        f"Working accounts {SECRETARIAT} and {CHAIR} (committee {COMMITTEE}); busy meeting "
        f"{meeting.pk} with {meeting.agenda_items.count()} agenda items, "
        f"{meeting.attendances.count()} attendance rows, {meeting.decisions.count()} "
        f"decisions, {AuditEntry.objects.filter(meeting_id=meeting.pk).count()} audit entries.",
        flush=True,
    )


if __name__ == "__main__":
    run()
