"""The content of a minutes revision as plain data.

At publication the public part is frozen into ``Minutes.snapshot``; the public pages and
the PDF read that copy, so later changes to people, posts or an erratum's draft never
alter what was published. A draft preview builds the same structure from the live rows.

Dates and times are ISO 8601 strings (UTC for instants, plain dates for deadlines);
choice fields carry their code, and the templates render the labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from minutes.models import AgendaItem, Attendance, Decision, Meeting, Minutes
from minutes.publication.record import RecordAttendee, RecordPerson, RecordVote
from persian.collation import sort_key
from persian.digits import localized_digits

# 2: attendance carries excuses and late arrival / early leave, the meeting its quorum
# and late registration, decisions how they were taken and whether they were overdue.
SCHEMA_VERSION = 2


def document_id(minutes: Minutes) -> str:
    """A stable, ASCII identifier such as ``RASHT-WG2-1405-003-R1``."""
    meeting = minutes.meeting
    body = f"WG{meeting.workgroup.order}" if meeting.workgroup_id else "C"
    return (
        f"{meeting.committee.slug.upper()}-{body}-{meeting.jalali_year}-"
        f"{meeting.number:03d}-R{minutes.revision}"
    )


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _person(person) -> dict[str, str] | None:
    if person is None:
        return None
    return {"name": person.full_name, "post": person.post, "organization": person.organization.name}


def _attendee(row: Attendance) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": row.person_name,
        "post": row.post,
        "organization": row.organization_name,
        "side": "press" if row.is_press else "official",
    }
    if row.organization_kind:
        # The organisation's kind on the day (committee.models.Organization.Kind): the
        # caption of the officials' list follows it. Records published before have none.
        entry["kind"] = row.organization_kind
    if row.excuse:
        entry["excuse"] = row.excuse
    if row.arrived_at:
        entry["arrived_at"] = row.arrived_at.strftime("%H:%M")
    if row.left_at:
        entry["left_at"] = row.left_at.strftime("%H:%M")
    return entry


def vote_data(decision: Decision, votes: Iterable | None = None) -> dict[str, Any] | None:
    if not decision.vote_method:
        return None
    vote: dict[str, Any] = {"method": decision.vote_method}
    if decision.vote_method == Decision.VoteMethod.VOTE:
        vote.update(
            {
                "for": decision.votes_for or 0,
                "against": decision.votes_against or 0,
                "abstain": decision.votes_abstain or 0,
            }
        )
        names = list(votes if votes is not None else decision.votes.select_related("person"))
        if names:
            vote["names"] = {
                choice: sorted(
                    (v.person.full_name for v in names if v.choice == choice), key=sort_key
                )
                for choice in ("for", "against", "abstain")
            }
    return vote


def build_snapshot(minutes: Minutes, *, public: bool = True) -> dict[str, Any]:
    """The minutes as data. ``public=True`` leaves out internal agenda items and decisions."""
    meeting = minutes.meeting
    return snapshot_from_rows(
        minutes,
        attendances=meeting.attendances.order_by("person_name", "pk"),
        quorum=meeting.quorum().as_dict(),
        attachments=meeting.attachments.select_related("agenda_item"),
        items=meeting.agenda_items.select_related(
            "presenter__organization", "question__author__organization"
        ),
        decisions=meeting.decisions.select_related(
            "responsible_person__organization", "responsible_organization", "agenda_item"
        ),
        public=public,
        districts=decision_districts(meeting),
    )


def decision_districts(meeting: Meeting) -> dict[int, list[str]]:
    """The names of the districts each of the meeting's decisions concerns (in the
    committee's order), read in one query."""
    names: dict[int, list[str]] = {}
    through = Decision.districts.through
    rows = (
        through.objects.filter(decision__meeting=meeting)
        .order_by("district__order", "district__name")
        .values_list("decision_id", "district__name")
    )
    for decision_id, name in rows:
        names.setdefault(decision_id, []).append(name)
    return names


def snapshot_from_rows(
    minutes: Minutes,
    *,
    attendances: Iterable[Attendance],
    items: Iterable[AgendaItem],
    decisions: Iterable[Decision],
    public: bool = True,
    quorum: dict[str, Any] | None = None,
    attachments: Iterable | None = None,
    districts: Mapping[int, list[str]] | None = None,
) -> dict[str, Any]:
    """The snapshot from rows already loaded: the meeting's attendances ordered by name,
    its agenda items in order (with presenter and question loaded) and its decisions in
    order (with the responsible person and organisation loaded). :func:`build_snapshot`
    loads them for one meeting; a bulk loader (bench/seed.py) loads them for many at once
    and gets the same structure. ``districts`` names the districts of each decision by its
    id (:func:`decision_districts`); a decision with none has no ``districts`` key, so a
    record without districts is exactly what it was before they were kept."""
    meeting = minutes.meeting
    committee = meeting.committee
    attendance = {status: [] for status in Attendance.Status.values}
    on_the_day: dict[int, dict[str, str]] = {}
    for row in attendances:
        attendance[row.status].append(_attendee(row))
        on_the_day[row.person_id] = {
            "name": row.person_name,
            "post": row.post,
            "organization": row.organization_name,
        }
    for rows in attendance.values():
        # Officials first, then the press, each alphabetically, as the minutes list them.
        rows.sort(key=lambda r: (r["side"] != "official", sort_key(r["name"])))

    items = list(items)
    if public:
        items = [item for item in items if item.is_public]
    agenda = []
    for item in items:
        question = getattr(item, "question", None)
        agenda.append(
            {
                "id": item.pk,
                "order": item.order,
                "title": item.title,
                "description": item.description,
                "kind": item.kind,
                "presenter": _person(item.presenter),
                "discussion": item.discussion,
                "question": (
                    {
                        "title": question.title,
                        "text": question.text,
                        "author": _person(question.author),
                    }
                    if question
                    else None
                ),
                "answer": item.answer,
            }
        )
    item_orders = {item.pk: position for position, item in enumerate(items, start=1)}

    # A decision's status as on the day of publication (or today, for a draft preview).
    as_of = timezone.localtime(minutes.published_at).date() if minutes.published_at else None
    as_of = as_of or timezone.localdate()
    public_decisions = []
    for decision in decisions:
        if public and not decision.is_public:
            continue
        public_decisions.append(
            {
                "id": decision.pk,
                "number": decision.number,
                "text": decision.text,
                "agenda_item": item_orders.get(decision.agenda_item_id),
                "responsible_person": _person(decision.responsible_person),
                "responsible_organization": (
                    decision.responsible_organization.name
                    if decision.responsible_organization
                    else None
                ),
                "deadline": _iso(decision.deadline),
                "status": decision.status,
                "overdue": decision.overdue_on(as_of),
                "vote": vote_data(decision),
            }
        )
        named = (districts or {}).get(decision.pk)
        if named:
            public_decisions[-1]["districts"] = list(named)
    # Decisions keep their own numbers: leaving out an internal one must not renumber the
    # others, or the public copy and the internal record would disagree.

    attached = []
    for attachment in attachments or ():
        if public and not attachment.is_public:
            continue
        attached.append(
            {
                "id": attachment.pk,
                "title": attachment.title,
                "file_name": attachment.download_name,
                "content_type": attachment.content_type,
                "size": attachment.size,
                "sha256": attachment.sha256,
                "agenda_item": item_orders.get(attachment.agenda_item_id),
            }
        )

    corrects = minutes.corrects
    return {
        "schema": SCHEMA_VERSION,
        "document_id": minutes.document_id or document_id(minutes),
        "revision": minutes.revision,
        "status": minutes.status,
        "corrects": (
            {"revision": corrects.revision, "document_id": corrects.document_id}
            if corrects
            else None
        ),
        "correction_reason": minutes.correction_reason,
        "committee": {
            "name": committee.name,
            "municipality": committee.municipality,
            "city": committee.city,
            "slug": committee.slug,
        },
        "body": {
            "kind": "workgroup" if meeting.workgroup_id else "committee",
            "name": meeting.body_name,
            "slug": meeting.workgroup.slug if meeting.workgroup_id else committee.slug,
        },
        "meeting": {
            "id": meeting.pk,
            "number": meeting.number,
            "jalali_year": meeting.jalali_year,
            "title": meeting.title,
            "starts_at": _iso(meeting.starts_at),
            "ends_at": _iso(meeting.ends_at),
            "location": meeting.location,
            "registered_late_at": _iso(meeting.registered_late_at),
        },
        "quorum": quorum,
        # As they were described on the day, when they are on the attendance list.
        "chair": on_the_day.get(meeting.chair_person_id) or _person(meeting.chair_person),
        "secretary": (
            on_the_day.get(meeting.secretary_person_id) or _person(meeting.secretary_person)
        ),
        "attendance": attendance,
        "agenda": agenda,
        "summary": minutes.summary,
        "decisions": public_decisions,
        "attachments": attached,
        "classification": minutes.classification,
        "distribution": [
            line.strip() for line in minutes.distribution.splitlines() if line.strip()
        ],
        "approved_at": _iso(minutes.approved_at),
        "published_at": _iso(minutes.published_at),
    }


def describe_vote(vote: RecordVote | Mapping[str, Any] | None) -> str:
    """How a decision was taken, in words: «به اتفاق آرا», «با رأی‌گیری: ۷ موافق، …».

    ``vote`` is a published record's vote, or the live one as :func:`vote_data` gives it."""
    if vote is not None and not isinstance(vote, RecordVote):
        vote = RecordVote.from_json(vote)
    if not vote:
        return ""
    if vote.method != Decision.VoteMethod.VOTE:
        try:
            return str(Decision.VoteMethod(vote.method).label)
        except ValueError:
            return ""
    text = _("با رأی‌گیری: %(for)s موافق، %(against)s مخالف، %(abstain)s ممتنع") % {
        "for": localized_digits(vote.votes_for),
        "against": localized_digits(vote.votes_against),
        "abstain": localized_digits(vote.votes_abstain),
    }
    parts = [
        f"{label}: {'، '.join(names)}"
        for names, label in (
            (vote.names_for, _("موافق")),
            (vote.names_against, _("مخالف")),
            (vote.names_abstain, _("ممتنع")),
        )
        if names
    ]
    return f"{text} ({'؛ '.join(parts)})" if parts else text


def describe_attendee(entry: RecordPerson) -> str:
    """The note beside a person on the attendance list: the excuse, a late arrival or an
    early leave (nothing for a person who is not on the list)."""
    if not isinstance(entry, RecordAttendee):
        return ""
    notes = []
    if entry.arrived_at:
        time = localized_digits(entry.arrived_at)
        notes.append(_("ورود با تأخیر، ساعت %(time)s") % {"time": time})
    if entry.left_at:
        time = localized_digits(entry.left_at)
        notes.append(_("خروج زودهنگام، ساعت %(time)s") % {"time": time})
    if entry.excuse:
        notes.append(entry.excuse)
    return "؛ ".join(notes)
