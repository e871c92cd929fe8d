"""Open data: the public part of the committee in two standard shapes.

* :func:`popolo` — people, organisations, memberships and posts following the Popolo
  specification (https://www.popoloproject.com/specs/): the committees, their workgroups,
  the municipal bodies and media outlets; the people who hold or held a seat or a
  committee role (name only — never an email address or a phone number); their seats,
  committee roles and affiliations; the posts of chair and secretariat.
* :func:`ocd_events` — the public meetings (announced, or with published minutes) as Open
  Civic Data events, with the agenda, participants and documents (the PDF of each
  published revision) as published.

Both read only what anyone may read through the API; docs/open-data.md describes them.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from committee.models import Committee, CommitteeRole, Organization
from minutes.models import Meeting, Minutes
from minutes.publication.record import RecordAttendance, RecordPerson, published_record
from minutes.visibility import people_visible_to
from persian.jalali import TEHRAN
from workgroups.models import Membership, Workgroup

from .serializers.common import jalali_text

# A fixed namespace, so an event keeps its OCD id across exports.
OCD_NAMESPACE = uuid.UUID("6f1c2a52-7d1e-5b0e-9a51-4a1c0f0d2f6e")

COMMITTEE_POSTS = [
    (CommitteeRole.Role.CHAIR, "chair"),
    (CommitteeRole.Role.SECRETARIAT_HEAD, "secretariat_head"),
    (CommitteeRole.Role.SECRETARIAT_STAFF, "secretariat_staff"),
]


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


def _day(value) -> str | None:
    return value.isoformat() if value else None


def _drop_empty(record: dict[str, Any]) -> dict[str, Any]:
    """Popolo leaves out what is unknown rather than writing null."""
    return {key: value for key, value in record.items() if value not in (None, "", [])}


# --- Popolo -------------------------------------------------------------------------------------


def committee_id(committee: Committee) -> str:
    return f"committee/{committee.slug}"


def workgroup_id(workgroup: Workgroup) -> str:
    return f"committee/{workgroup.committee.slug}/workgroup/{workgroup.slug}"


def organization_id(pk: int) -> str:
    return f"organization/{pk}"


def person_id(pk: int) -> str:
    return f"person/{pk}"


def public_people():
    """People who hold or held a seat or a committee role: the public directory (what a
    visitor may see, minutes/visibility.py)."""
    return people_visible_to(AnonymousUser())


def popolo(request=None) -> dict[str, list[dict[str, Any]]]:
    committees = list(Committee.objects.order_by("pk"))
    workgroups = list(
        Workgroup.objects.select_related("committee").order_by("committee_id", "order", "pk")
    )
    organizations = list(Organization.objects.order_by("pk"))
    people = list(public_people().select_related("organization").order_by("pk"))
    seats = list(
        Membership.objects.select_related("workgroup__committee", "person").order_by(
            "workgroup_id", "start_date", "pk"
        )
    )
    roles = list(
        CommitteeRole.objects.select_related("committee", "person").order_by(
            "committee_id", "start_date", "pk"
        )
    )

    popolo_organizations = []
    posts = []
    for committee in committees:
        popolo_organizations.append(
            _drop_empty(
                {
                    "id": committee_id(committee),
                    "name": committee.name,
                    "classification": "committee",
                    "identifiers": [{"scheme": "slug", "identifier": committee.slug}],
                    "area": {"name": committee.city} if committee.city else None,
                    "links": [
                        {
                            "url": _absolute(
                                request, reverse("committee_detail", args=[committee.slug])
                            ),
                            "note": "committee page",
                        }
                    ],
                }
            )
        )
        for role, code in COMMITTEE_POSTS:
            posts.append(
                {
                    "id": f"{committee_id(committee)}/post/{code}",
                    "label": str(role.label),
                    "role": code,
                    "organization_id": committee_id(committee),
                }
            )
    for workgroup in workgroups:
        popolo_organizations.append(
            _drop_empty(
                {
                    "id": workgroup_id(workgroup),
                    "name": workgroup.name,
                    "other_names": [{"name": workgroup.short_name, "note": "short name"}],
                    "classification": "workgroup",
                    "parent_id": committee_id(workgroup.committee),
                    "identifiers": [{"scheme": "slug", "identifier": workgroup.slug}],
                }
            )
        )
        posts.append(
            {
                "id": f"{workgroup_id(workgroup)}/post/chair",
                "label": str(Membership.Role.CHAIR.label),
                "role": "chair",
                "organization_id": workgroup_id(workgroup),
            }
        )
    for organization in organizations:
        popolo_organizations.append(
            _drop_empty(
                {
                    "id": organization_id(organization.pk),
                    "name": organization.name,
                    "classification": organization.kind,
                    "links": (
                        [{"url": organization.website, "note": "website"}]
                        if organization.website
                        else None
                    ),
                }
            )
        )

    persons = [
        _drop_empty(
            {
                "id": person_id(person.pk),
                "name": person.full_name,
                "given_name": person.first_name,
                "family_name": person.last_name,
                "sort_name": f"{person.last_name} {person.first_name}".strip(),
            }
        )
        for person in people
    ]
    public_ids = {person.pk for person in people}

    memberships = []
    for seat in seats:
        if seat.person_id not in public_ids:  # pragma: no cover - a seat makes them public
            continue
        memberships.append(
            _drop_empty(
                {
                    "id": f"membership/{seat.pk}",
                    "person_id": person_id(seat.person_id),
                    "organization_id": workgroup_id(seat.workgroup),
                    "post_id": (
                        f"{workgroup_id(seat.workgroup)}/post/chair" if seat.is_chair else None
                    ),
                    "role": seat.role,
                    "label": seat.get_role_display(),
                    "on_behalf_of_id": organization_id(seat.person.organization_id),
                    "start_date": _day(seat.start_date),
                    "end_date": _day(seat.end_date),
                }
            )
        )
    codes = dict(COMMITTEE_POSTS)
    for role in roles:
        memberships.append(
            _drop_empty(
                {
                    "id": f"committee-role/{role.pk}",
                    "person_id": person_id(role.person_id),
                    "organization_id": committee_id(role.committee),
                    "post_id": f"{committee_id(role.committee)}/post/{codes[role.role]}",
                    "role": codes[role.role],
                    "label": role.get_role_display(),
                    "start_date": _day(role.start_date),
                    "end_date": _day(role.end_date),
                }
            )
        )
    for person in people:
        # Where the person works or writes: the organisation they represent.
        memberships.append(
            _drop_empty(
                {
                    "id": f"affiliation/{person.pk}",
                    "person_id": person_id(person.pk),
                    "organization_id": organization_id(person.organization_id),
                    "role": person.post,
                }
            )
        )
    return {
        "persons": persons,
        "organizations": popolo_organizations,
        "memberships": memberships,
        "posts": posts,
    }


# --- Open Civic Data events ---------------------------------------------------------------------


def ocd_event_id(meeting: Meeting) -> str:
    return f"ocd-event/{uuid.uuid5(OCD_NAMESPACE, f'meeting/{meeting.pk}')}"


def _event_status(meeting: Meeting, now) -> str:
    if meeting.status == Meeting.Status.CANCELLED:
        return "cancelled"
    if meeting.status == Meeting.Status.HELD or meeting.starts_at <= now:
        return "passed"
    return "confirmed"


def _snapshot_person(entity: RecordPerson | None, note: str) -> dict[str, Any] | None:
    if entity is None or not entity.name:
        return None
    return {"entity_type": "person", "name": entity.name, "note": note}


def public_meetings():
    published = Minutes.objects.filter(status=Minutes.Status.PUBLISHED).order_by("revision")
    return (
        Meeting.objects.visible_to(AnonymousUser())
        .select_related("committee", "workgroup")
        .prefetch_related(Prefetch("minutes", queryset=published, to_attr="api_published"))
        .order_by("starts_at", "pk")
    )


def ocd_events(request=None) -> dict[str, list[dict[str, Any]]]:
    now = timezone.now()
    events = []
    for meeting in public_meetings():
        published = meeting.api_published
        latest = published[-1] if published else None
        record = published_record(latest.snapshot) if latest else None
        body = {
            "name": meeting.body_name,
            "type": "organization",
            "note": "host",
            "id": workgroup_id(meeting.workgroup)
            if meeting.workgroup_id
            else committee_id(meeting.committee),
        }
        participants = [body]
        attendance = record.attendance if record else RecordAttendance()
        for status in ("present", "guest"):
            for person in attendance.of(status):
                participants.append({"name": person.name, "type": "person", "note": status})
        agenda = []
        for item in record.agenda if record else ():
            related = [_snapshot_person(item.presenter, "presenter")]
            author = item.question.author if item.question else None
            related.append(_snapshot_person(author, "question author"))
            notes = [text for text in (item.discussion, item.answer) if text]
            agenda.append(
                {
                    "description": item.title,
                    "order": str("" if item.order is None else item.order),
                    "classification": [item.kind] if item.kind else [],
                    "subjects": [],
                    "notes": notes,
                    "related_entities": [entity for entity in related if entity],
                    "media": [],
                }
            )
        documents = []
        links = [{"note": "meeting page", "url": _absolute(request, meeting.get_absolute_url())}]
        for minutes in published:
            if not minutes.document_id:
                continue
            links.append(
                {
                    "note": f"minutes, revision {minutes.revision}",
                    "url": _absolute(
                        request, reverse("portal_minutes", args=[minutes.document_id])
                    ),
                }
            )
            if minutes.sha256:
                documents.append(
                    {
                        "note": f"minutes {minutes.document_id} (revision {minutes.revision})",
                        "url": _absolute(
                            request, reverse("minutes_pdf", args=[minutes.document_id])
                        ),
                        "media_type": "application/pdf",
                        "date": _day(minutes.published_at.astimezone(TEHRAN).date())
                        if minutes.published_at
                        else "",
                    }
                )
        description = (
            f"{meeting.body_name} — {meeting.number}/{meeting.jalali_year}"
            if meeting.number
            else meeting.body_name
        )
        if meeting.status == Meeting.Status.CANCELLED and meeting.cancellation_reason:
            description += f" — {meeting.cancellation_reason}"
        events.append(
            {
                "id": ocd_event_id(meeting),
                "_type": "event",
                "name": meeting.title,
                "description": description,
                "classification": "committee-meeting",
                "start_date": timezone.localtime(meeting.starts_at, TEHRAN).isoformat(),
                "end_date": (
                    timezone.localtime(meeting.ends_at, TEHRAN).isoformat()
                    if meeting.ends_at
                    else ""
                ),
                "timezone": "Asia/Tehran",
                "all_day": False,
                "status": _event_status(meeting, now),
                "location": {"name": meeting.location, "note": "", "coordinates": None},
                "participants": participants,
                "agenda": agenda,
                "documents": documents,
                "media": [],
                "links": links,
                "sources": [
                    {
                        "url": _absolute(request, reverse("api:meeting-detail", args=[meeting.pk])),
                        "note": "media committee API",
                    }
                ],
                "extras": {
                    "meeting_id": meeting.pk,
                    "number": meeting.number,
                    "jalali_year": meeting.jalali_year,
                    "start_date_jalali": jalali_text(meeting.starts_at),
                    "end_date_jalali": jalali_text(meeting.ends_at),
                    "committee": meeting.committee.slug,
                    "workgroup": meeting.workgroup.slug if meeting.workgroup_id else None,
                },
            }
        )
    return {"events": events}


__all__ = ["ocd_events", "popolo"]
