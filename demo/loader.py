"""Fill an empty database with the demo committee (fictional people and outlets).

Dates are relative to the day the demo is loaded, so a fresh `make run` always shows some
meetings behind it and some ahead of it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from committee.models import Committee, CommitteeRole, Organization, Person
from demands import services as demand_services
from demands.models import Demand
from demands.permissions import demand_staff_permissions
from demo import content
from minutes import notices, services
from minutes.models import (
    AgendaItem,
    Attendance,
    Decision,
    FollowUp,
    Meeting,
    Minutes,
    Question,
)
from workgroups.models import Membership, Workgroup
from workgroups.permissions import sync_all_permissions
from workgroups.services import setup_committee

TEHRAN = ZoneInfo("Asia/Tehran")
DEMO_PASSWORD = "demo"
SECRETARIAT_GROUP = "دبیرخانه کمیته رسانه"

# (username, who it is). The person behind each login is resolved from the content.
LOGINS: tuple[tuple[str, str], ...] = (
    ("admin", "superuser: everything, including the admin"),
    ("secretariat", "head of the secretariat (director of public relations); admin access"),
    ("chair-1", "chair of workgroup 1, cultural, social and tourism"),
    ("chair-2", "chair of workgroup 2, civil works and traffic"),
    ("chair-3", "chair of workgroup 3, urban planning and legal"),
    ("chair-4", "chair of workgroup 4, city services"),
    ("chair-5", "chair of workgroup 5, economic"),
    ("press-2", "a journalist, permanent member of workgroup 2"),
    ("official-2", "an official, permanent member of workgroup 2"),
)


@dataclass
class DemoResult:
    loaded: bool
    reason: str = ""
    counts: dict[str, int] = field(default_factory=dict)


def database_is_empty() -> bool:
    return not (Committee.objects.exists() or Person.objects.exists() or Meeting.objects.exists())


def demo_is_loaded() -> bool:
    return Committee.objects.filter(slug=content.COMMITTEE["slug"]).exists()


def _login_people() -> dict[str, str]:
    """username -> person key."""
    people = {"secretariat": "pr_director", "press-2": "press2", "official-2": "official2"}
    for index, key in enumerate(content.CHAIR_KEYS, start=1):
        people[f"chair-{index}"] = key
    return people


def _aware(day: datetime.date, hhmm: str) -> datetime.datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=TEHRAN)


def _secretariat_group() -> Group:
    """Model permissions for the secretariat's use of the admin: it reads the record there
    (which changes only through the services) and keeps the reference data its roles allow
    (committee/services.py and workgroups/services.py check the object permission)."""
    group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    kept = ["organization", "person", "committeerole", "workgroup", "membership"]
    read = [
        "meeting",
        "agendaitem",
        "attendance",
        "invitation",
        "question",
        "decision",
        "followup",
        "minutes",
        "vote",
        "committee",
        "auditentry",
        "committeeuserobjectpermission",
        "workgroupuserobjectpermission",
        "comment",
        "dbtaskresult",  # the background tasks: a failed PDF, with its error (retried there)
        *kept,
    ]
    codenames = [f"view_{m}" for m in read] + [
        f"{action}_{m}" for action in ("add", "change", "delete") for m in kept
    ]
    perms = Permission.objects.filter(
        content_type__app_label__in=[
            "committee",
            "workgroups",
            "minutes",
            "portal",
            "django_tasks_database",
        ],
        codename__in=codenames,
    )
    group.permissions.set([*perms, *demand_staff_permissions()])
    return group


def load_demo(today: datetime.date | None = None) -> DemoResult:
    """Load the demo unless the database already holds data. One transaction: all or nothing.
    Its people get the notifications of what it records (minutes published, decisions to
    carry out) in their dashboards, but no email, as its invitations are sent without mail."""
    with notices.without_email():
        return _load_demo(today)


@transaction.atomic
def _load_demo(today: datetime.date | None = None) -> DemoResult:
    if demo_is_loaded():
        return DemoResult(loaded=False, reason="already-loaded")
    if not database_is_empty():
        return DemoResult(loaded=False, reason="not-empty")
    today = today or timezone.localdate()

    setup = setup_committee(
        slug=content.COMMITTEE["slug"],
        name=content.COMMITTEE["name"],
        municipality=content.COMMITTEE["municipality"],
        city=content.COMMITTEE["city"],
        description=content.COMMITTEE["description"],
    )
    committee = setup.committee
    workgroups = {wg.order: wg for wg in Workgroup.objects.filter(committee=committee)}
    for order, scope in content.WORKGROUP_SCOPES.items():
        workgroups[order].scope = scope
        workgroups[order].save(update_fields=["scope"])

    orgs = {
        key: Organization.objects.create(name=name, kind=kind)
        for key, name, kind in content.ORGANIZATIONS
    }
    people = {
        p["key"]: Person.objects.create(
            first_name=p["first_name"],
            last_name=p["last_name"],
            post=p["post"],
            organization=orgs[p["org"]],
            email=p["email"],
            phone=p["phone"],
        )
        for p in content.PEOPLE
    }

    term_start = today - datetime.timedelta(days=730)
    for person_key, role in content.COMMITTEE_ROLES:
        CommitteeRole.objects.create(
            committee=committee, person=people[person_key], role=role, start_date=term_start
        )
    membership_start = today - datetime.timedelta(days=400)
    for order, seats in content.MEMBERSHIPS.items():
        for person_key, role in seats:
            membership = Membership(
                workgroup=workgroups[order], person=people[person_key], start_date=membership_start
            )
            membership.role = role
            membership.save()

    users = _create_users(people)
    sync_all_permissions()
    # The committee's lists of topics and districts, before the decisions that name districts.
    demand_services.ensure_lists(committee)
    counts = _create_meetings(committee, workgroups, people, orgs, today, users)
    counts["demands"] = _create_demands(committee, users)
    counts.update(
        organizations=len(orgs),
        people=len(people),
        memberships=Membership.objects.filter(workgroup__committee=committee).count(),
    )
    return DemoResult(loaded=True, counts=counts)


def _create_users(people: dict[str, Person]) -> dict[str, object]:
    User = get_user_model()
    group = _secretariat_group()
    users = {"admin": User.objects.create_superuser("admin", "admin@example.ir", DEMO_PASSWORD)}
    for username, person_key in _login_people().items():
        person = people[person_key]
        user = User.objects.create_user(
            username,
            email=person.email,
            password=DEMO_PASSWORD,
            first_name=person.first_name,
            last_name=person.last_name,
            is_staff=username == "secretariat",
        )
        if username == "secretariat":
            user.groups.add(group)
        person.user = user
        person.save(update_fields=["user"])
        users[username] = user
    return users


def _create_meetings(committee, workgroups, people, orgs, today, users) -> dict[str, int]:
    districts = committee.districts.all()
    counts = dict.fromkeys(["meetings", "agenda_items", "attendances", "decisions", "minutes"], 0)
    created: dict[str, list[Decision]] = {}
    by_key: dict[str, Meeting] = {}
    meeting_days: dict[str, datetime.date] = {}
    # Number meetings in date order, as the secretariat would have.
    for spec in sorted(content.MEETINGS, key=lambda m: m["days_from_today"]):
        day = today + datetime.timedelta(days=spec["days_from_today"])
        starts_at = _aware(day, spec["start"])
        workgroup = workgroups[spec["workgroup"]] if spec["workgroup"] else None
        meeting = Meeting.objects.create(
            committee=committee,
            workgroup=workgroup,
            title=spec["title"],
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(minutes=spec["duration_minutes"]),
            location=spec["location"],
            status=spec["status"],
            is_public=spec["is_public"],
            cancellation_reason=spec.get("cancellation_reason", ""),
            chair_person=people.get(spec.get("chair")),
            secretary_person=people.get(spec.get("secretary")),
        )
        meeting_days[spec["key"]] = day
        counts["meetings"] += 1
        items = []
        for order, item in enumerate(spec["agenda"], start=1):
            items.append(
                AgendaItem.objects.create(
                    meeting=meeting,
                    order=order,
                    title=item["title"],
                    description=item["description"],
                    kind=item["kind"],
                    presenter=people.get(item["presenter"]) if item["presenter"] else None,
                    is_public=item["is_public"],
                    discussion=item["discussion"],
                    answer=item["answer"],
                )
            )
        counts["agenda_items"] += len(items)

        if spec["status"] == Meeting.Status.HELD:
            absent, excused = set(spec["absent"]), set(spec["excused"])
            key_of = {person.pk: key for key, person in people.items()}
            for person in meeting.body_members(day):
                key = key_of[person.pk]
                status = (
                    Attendance.Status.ABSENT
                    if key in absent
                    else Attendance.Status.EXCUSED
                    if key in excused
                    else Attendance.Status.PRESENT
                )
                excuse = (
                    spec.get("excuses", {}).get(key, DEMO_EXCUSE)
                    if status == Attendance.Status.EXCUSED
                    else ""
                )
                Attendance.objects.create(
                    meeting=meeting, person=person, status=status, excuse=excuse
                )
                counts["attendances"] += 1
            for key in spec["guests"]:
                Attendance.objects.create(
                    meeting=meeting, person=people[key], status=Attendance.Status.GUEST
                )
                counts["attendances"] += 1

        decisions = []
        for number, spec_d in enumerate(spec["decisions"], start=1):
            deadline_days = spec_d["deadline_days"]
            decisions.append(
                Decision.objects.create(
                    meeting=meeting,
                    agenda_item=items[spec_d["agenda"]] if spec_d["agenda"] is not None else None,
                    number=number,
                    text=spec_d["text"],
                    responsible_organization=orgs.get(spec_d["responsible_org"]),
                    responsible_person=people.get(spec_d["responsible_person"]),
                    deadline=day + datetime.timedelta(days=deadline_days)
                    if deadline_days is not None
                    else None,
                    status=spec_d["status"],
                    is_public=spec_d["is_public"],
                    vote_method=spec_d.get("vote", ""),
                )
            )
        created[spec["key"]] = decisions
        counts["decisions"] += len(decisions)
        for index, (decision, spec_d) in enumerate(zip(decisions, spec["decisions"], strict=True)):
            named = set(content.DECISION_DISTRICTS.get((spec["key"], index), ()))
            office = spec_d["responsible_org"] or ""
            if office.startswith("district") and office[len("district") :].isdigit():
                named.add(int(office[len("district") :]))
            if named:
                decision.districts.set(districts.filter(order__in=named))

        if spec.get("minutes_status"):
            _create_minutes(meeting, spec, starts_at, users["secretariat"])
            counts["minutes"] += 1
        if spec["status"] == Meeting.Status.SCHEDULED:
            # Recorded as sent; the demo sends no mail.
            services.send_invitations(users["secretariat"], meeting, notify=False)
            by_key[spec["key"]] = meeting

    for meeting_key, author_key, kind, title, text in content.PROPOSED_QUESTIONS:
        Question.objects.create(
            meeting=by_key[meeting_key],
            author=people[author_key],
            kind=kind,
            title=title,
            text=text,
        )
    for follow in content.FOLLOW_UPS:
        decision = created[follow["meeting"]][follow["decision"]]
        FollowUp.objects.create(
            decision=decision,
            date=min(
                meeting_days[follow["meeting"]]
                + datetime.timedelta(days=follow["days_after_meeting"]),
                today,
            ),
            status=follow["status"],
            note=follow["note"],
        )
    return counts


# The reason recorded for an excused absence when the demo's content names none.
DEMO_EXCUSE = "مأموریت اداری، از پیش به دبیرخانه اعلام شده"


def _create_minutes(
    meeting: Meeting, spec: dict, starts_at: datetime.datetime, publisher
) -> Minutes:
    """The minutes as far as the demo says they got. Publication goes through the real
    service, so the snapshot is frozen and the PDF is rendered and stored after commit."""
    status = spec["minutes_status"]
    order = [s.value for s in Minutes.Status]
    reached = order.index(status)
    stamp = starts_at + datetime.timedelta(days=1)
    publish = status == Minutes.Status.PUBLISHED
    minutes = Minutes(
        meeting=meeting,
        revision=1,
        summary=spec["summary"],
        status=Minutes.Status.APPROVED if publish else status,
    )
    if reached >= order.index(Minutes.Status.SUBMITTED):
        minutes.submitted_at = stamp
    if reached >= order.index(Minutes.Status.APPROVED):
        minutes.approved_at = stamp + datetime.timedelta(days=1)
        minutes.approved_by = getattr(meeting.chair_person, "user", None)
    minutes.save()
    if publish:
        minutes = services.publish_minutes(
            publisher, minutes, at=stamp + datetime.timedelta(days=2)
        )
    return minutes


def _create_demands(committee, users) -> int:
    """Citizens' demands: raised from a few addresses, then published, merged, rejected and
    supported through demands.services; the potholes on a coming meeting's agenda, the bus
    line linked to the item of published minutes (on public transport) that decided on it."""
    demand_services.ensure_lists(committee)
    topics = {t.name: t for t in committee.demand_topics.all()}
    districts = {d.order: d for d in committee.districts.all()}
    secretariat = users["secretariat"]
    raised = {}
    for n, (key, topic, district, where, title, text) in enumerate(content.DEMANDS, start=1):
        draft = demand_services.Draft(
            title=title,
            description=text,
            topic=topics[topic].pk,
            district=districts[district].pk,
            neighbourhood=where,
        )
        raised[key] = demand_services.submit_demand(
            committee, draft, ip_address=f"192.0.2.{n}", raiser=f"demo-{key}"
        )
    for key in ("potholes", "bus", "waste", "lights", "permits"):
        demand_services.publish_demand(secretariat, raised[key])
    demand_services.merge_demand(secretariat, raised["potholes-twin"], raised["potholes"])
    demand_services.reject_demand(
        secretariat, raised["offtopic"], "آگهی تجاری است و به مسائل شهر مربوط نیست."
    )
    for key, supporters in (("potholes", 6), ("bus", 4), ("waste", 2), ("lights", 1)):
        for n in range(supporters):
            demand_services.support_demand(
                raised[key], supporter=f"demo-{key}-{n}", ip_address=f"198.51.100.{n + 1}"
            )
    coming = (
        Meeting.objects.filter(
            committee=committee,
            status=Meeting.Status.SCHEDULED,
            starts_at__gt=timezone.now(),
            workgroup__order=2,
        )
        .order_by("starts_at")
        .first()
    )
    if coming is not None:
        demand_services.put_on_agenda(secretariat, raised["potholes"], coming)
    decided = (
        AgendaItem.objects.filter(
            meeting__in=Meeting.objects.record_frozen().values("pk"),
            meeting__committee=committee,
            meeting__workgroup__order=2,
            meeting__is_public=True,
            is_public=True,
            decisions__is_public=True,
        )
        .order_by("-meeting__starts_at")
        .first()
    )
    if decided is not None:
        demand_services.link_agenda_item(secretariat, raised["bus"], decided)
    return Demand.objects.filter(committee=committee).count()
