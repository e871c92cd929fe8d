"""The published record is read through one typed door, PublishedRecord.from_json: a
snapshot built from real rows reads back field for field, an unknown schema version is
refused, and a version 1 record (before quorum, votes and excuses) still loads, with
defaults, and still renders on every page that reads it."""

from __future__ import annotations

import copy
import datetime
import json

import pytest
from django.urls import reverse

from api.exports import ocd_events
from minutes.models import Attendance, Decision, Minutes
from minutes.publication.pdf import build_context, render_minutes_pdf
from minutes.publication.pdf_views import describe, persian_filename
from minutes.publication.record import PublishedRecord, RecordAttendee, RecordError
from minutes.publication.snapshot import build_snapshot
from portal.indexing import document_search_text, index_minutes
from portal.models import PublicDecision
from tests.pdf.conftest import PUBLIC_DECISIONS, pdf_text

pytestmark = pytest.mark.django_db


def _with_notes_and_a_vote(world) -> None:
    Attendance.objects.filter(meeting=world.meeting, status=Attendance.Status.EXCUSED).update(
        excuse="مأموریت اداری"
    )
    Attendance.objects.filter(meeting=world.meeting, person=world.meeting.chair_person).update(
        arrived_at=datetime.time(9, 40)
    )
    Decision.objects.filter(pk=world.public_decisions[0].pk).update(
        vote_method=Decision.VoteMethod.VOTE, votes_for=7, votes_against=1, votes_abstain=0
    )


def _version_1(snapshot: dict) -> dict:
    """The snapshot as version 1 wrote it: no quorum, attachments, classification,
    distribution, late registration, per-person notes, votes or overdue flags."""
    old = copy.deepcopy(snapshot)
    old["schema"] = 1
    for key in ("quorum", "attachments", "classification", "distribution"):
        old.pop(key, None)
    old["meeting"].pop("registered_late_at", None)
    for rows in old["attendance"].values():
        for row in rows:
            for key in ("excuse", "arrived_at", "left_at"):
                row.pop(key, None)
    old["attendance"].pop("guest_absent", None)
    for decision in old["decisions"]:
        decision.pop("overdue", None)
        decision.pop("vote", None)
    return old


def test_a_snapshot_built_from_the_rows_reads_back_field_for_field(world):
    _with_notes_and_a_vote(world)
    snapshot = build_snapshot(world.minutes, public=True)
    stored = json.dumps(snapshot, sort_keys=True)

    record = PublishedRecord.from_json(snapshot)

    assert json.dumps(snapshot, sort_keys=True) == stored, "reading changes nothing"
    assert record.schema == 2
    assert record.document_id == snapshot["document_id"]
    assert record.revision == 1
    assert record.committee.slug == world.committee.slug
    assert record.body.kind == "workgroup" and record.body.name == snapshot["body"]["name"]
    assert record.meeting.number == snapshot["meeting"]["number"]
    assert record.meeting.title == snapshot["meeting"]["title"]
    assert record.meeting.starts_instant == world.meeting.starts_at
    assert record.chair is not None and record.chair.name == snapshot["chair"]["name"]
    assert record.quorum is not None and record.quorum.as_dict() == snapshot["quorum"]
    for status in Attendance.Status.values:
        assert [p.name for p in record.attendance.of(status)] == [
            row["name"] for row in snapshot["attendance"][status]
        ]
    (excused,) = record.attendance.excused
    assert isinstance(excused, RecordAttendee) and excused.excuse == "مأموریت اداری"
    assert [p.arrived_at for p in record.attendance.present if p.arrived_at] == ["09:40"]
    assert any(p.is_press for p in record.attendance.present)

    assert [item.title for item in record.agenda] == [i["title"] for i in snapshot["agenda"]]
    question_item = record.agenda[-1]
    assert question_item.is_question and question_item.question is not None
    assert question_item.question.author is not None
    assert (
        question_item.question.author.name == snapshot["agenda"][-1]["question"]["author"]["name"]
    )

    assert [d.number for d in record.decisions] == [1, 3]
    assert [d.text for d in record.decisions] == PUBLIC_DECISIONS
    first, second = record.decisions
    assert first.deadline_day == datetime.date(2024, 5, 20)
    assert first.agenda_item == 1 and first.responsible_person is not None
    assert first.vote is not None and (first.vote.votes_for, first.vote.votes_against) == (7, 1)
    assert second.responsible_organization == snapshot["decisions"][1]["responsible_organization"]
    assert second.responsible_organization_name == second.responsible_organization
    assert second.status == Decision.Status.IN_PROGRESS and second.overdue is False


@pytest.mark.parametrize(
    "data",
    [
        {"schema": 3},
        {"schema": 0},
        {"schema": "2"},
        {"summary": ""},  # no version at all
    ],
    ids=["newer", "zero", "a string", "missing"],
)
def test_an_unknown_schema_version_is_refused_with_one_clear_error(world, data):
    snapshot = {**build_snapshot(world.minutes, public=True), **data}
    if "schema" not in data:
        del snapshot["schema"]
    with pytest.raises(RecordError, match="Unknown published record schema version"):
        PublishedRecord.from_json(snapshot)


def test_a_record_that_is_not_an_object_is_refused():
    with pytest.raises(RecordError, match="JSON object"):
        PublishedRecord.from_json([{"schema": 2}])


def test_a_version_1_record_loads_with_defaults(world):
    old = _version_1(build_snapshot(world.minutes, public=True))

    record = PublishedRecord.from_json(old)

    assert record.schema == 1
    assert record.quorum is None and record.quorum_text == "" and not record.lacks_quorum
    assert record.attachments == () and record.classification == ""
    assert record.distribution == ()
    assert record.meeting.registered_late_at is None
    assert record.attendance.guest_absent == ()
    assert all(d.vote is None and d.overdue is None for d in record.decisions)
    assert all(p.excuse == "" and p.arrived_at == "" for p in record.attendance.present)
    context = build_context(record, draft=False, verify_url="/verify/x/")
    assert [d["vote"] for d in context["decisions"]] == ["", ""]
    assert context["quorum"] == "" and context["attachments_text"] == "ندارد"


def test_every_reader_still_renders_a_version_1_record(world, published, client, tmp_path):
    old = _version_1(published.snapshot)
    # Stored as an old publication would have left it (update() skips the write-once
    # checks of save()).
    Minutes.objects.filter(pk=published.pk).update(snapshot=old)
    published.refresh_from_db()

    page = client.get(reverse("portal_minutes", args=[published.document_id]))
    assert page.status_code == 200
    html = page.content.decode()
    assert PUBLIC_DECISIONS[0] in html and "نحوه تصویب" not in html

    document = index_minutes(published)
    assert document is not None
    assert document.search_text == document_search_text(old)
    assert PublicDecision.objects.filter(document=document).count() == 2

    version = describe(published)
    assert version.meeting_title == old["meeting"]["title"]
    assert persian_filename(published).endswith(".pdf")
    (event,) = [e for e in ocd_events()["events"] if e["name"] == old["meeting"]["title"]]
    assert [item["description"] for item in event["agenda"]] == [
        item["title"] for item in old["agenda"]
    ]

    text = pdf_text(render_minutes_pdf(old, verify_url="/verify/x/"), tmp_path)
    assert "حد نصاب" not in text
