"""The bulk loader (bench.bulkload.insert, bench.portal_bulk.bulk_index) and the synthetic
seeder of the benchmarks (bench/seed.py): the rows it writes are those the services and the
portal's indexing would have written, and the public pages read them."""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.bulkload import insert
from bench.portal_bulk import bulk_index
from committee.models import AuditEntry, Committee, Organization, Person
from minutes.models import AgendaItem, Attendance, Decision, FollowUp, Meeting, Minutes
from minutes.publication.snapshot import build_snapshot
from persian.jalali import jalali_year
from portal import indexing
from portal.models import PublicDecision, PublishedDocument
from tests.factories import MeetingFactory, OrganizationFactory
from workgroups.models import Workgroup

# The synthetic record alone; the logged-in side (bench/seed_working.py) is tested apart.
TINY = [
    *("--committees", "1", "--years", "1", "--pdfs", "1", "--workers", "1", "--chunk", "100"),
    "--no-working",
]


# --- bench.bulkload.insert -------------------------------------------------------------


@pytest.mark.django_db
def test_insert_writes_the_rows_and_gives_them_their_ids():
    OrganizationFactory(name="سازمانی که پیش‌تر بود")
    objects = [
        Organization(name=f"سازمان درج انبوه {n}", kind=Organization.Kind.DISTRICT)
        for n in range(1, 6)
    ]
    insert(Organization, objects)

    pks = [o.pk for o in objects]
    assert all(isinstance(pk, int) for pk in pks)
    assert len(set(pks)) == 5
    assert all(not o._state.adding for o in objects)
    stored = dict(Organization.objects.filter(pk__in=pks).values_list("pk", "name"))
    assert stored == {o.pk: o.name for o in objects}
    # The table's own sequence moved past them: the next ordinary save does not collide.
    later = Organization.objects.create(name="سازمان پس از درج", kind=Organization.Kind.DISTRICT)
    assert later.pk > max(pks)
    assert Organization.objects.count() == 7


@pytest.mark.django_db
def test_insert_prepares_values_as_save_would_and_follows_new_foreign_keys():
    meeting = MeetingFactory()
    organization = OrganizationFactory()
    deadline = datetime.date(2024, 6, 1)
    # Built before their decisions have ids: insert fills the foreign keys in, as
    # bulk_create does.
    decisions = [
        Decision(
            meeting=meeting,
            number=n,
            text=f"مصوبه درج انبوه {n}",
            responsible_organization=organization,
            deadline=deadline,
            status=Decision.Status.IN_PROGRESS,
        )
        for n in (1, 2)
    ]
    follow_ups = [
        FollowUp(decision=d, date=deadline, status=d.status, note=f"پیگیری {d.number}")
        for d in decisions
    ]
    before = timezone.now()
    insert(Decision, decisions)
    insert(FollowUp, follow_ups)

    assert all(f.decision_id == d.pk for f, d in zip(follow_ups, decisions, strict=True))
    rows = FollowUp.objects.filter(pk__in=[f.pk for f in follow_ups]).order_by("pk")
    assert [(f.decision.text, f.note, f.date) for f in rows] == [
        ("مصوبه درج انبوه 1", "پیگیری 1", deadline),
        ("مصوبه درج انبوه 2", "پیگیری 2", deadline),
    ]
    # auto_now_add / auto_now are filled by the fields' pre_save, as save() would.
    for row in Decision.objects.filter(pk__in=[d.pk for d in decisions]):
        assert row.created_at >= before
        assert row.updated_at >= before
        assert row.meeting_id == meeting.pk
    assert all(f.created_at is not None for f in rows)


@pytest.mark.django_db
def test_insert_of_nothing_asks_nothing():
    with CaptureQueriesContext(connection) as captured:
        insert(Organization, [])
    assert captured.captured_queries == []


def instants(value):
    """``value`` with every ISO date-time string read as the instant it names."""
    if isinstance(value, dict):
        return {k: instants(v) for k, v in value.items()}
    if isinstance(value, list):
        return [instants(v) for v in value]
    if isinstance(value, str) and len(value) > 10 and value[4:5] == "-" and value[10:11] == "T":
        try:
            parsed = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
        if parsed.tzinfo is not None:
            return parsed.astimezone(datetime.UTC)
    return value


# --- bench/seed.py ---------------------------------------------------------------------------


@pytest.fixture
def seeded(transactional_db, settings, tmp_path, capsys):
    """The seeder run in-process with the smallest sizes, on an empty database."""
    settings.MEDIA_ROOT = tmp_path
    assert not Meeting.objects.exists()
    assert not Committee.objects.exists()
    from bench import seed

    seed.main(TINY)
    return {"seed": seed, "output": capsys.readouterr().out}


@pytest.mark.django_db(transaction=True)
def test_the_seeder_writes_a_consistent_published_record(seeded):
    seed = seeded["seed"]
    now = timezone.now()

    # One committee with its five standard workgroups, each with nine members.
    committee = Committee.objects.get()
    assert committee.slug == "sample-01"
    assert "نمونه" in committee.name
    workgroups = list(Workgroup.objects.filter(committee=committee))
    assert len(workgroups) == 5
    for workgroup in workgroups:
        assert workgroup.memberships.count() == (
            seed.PER_WORKGROUP_OFFICIALS + seed.PER_WORKGROUP_PRESS
        )
        assert workgroup.memberships.filter(is_chair=True).count() == 1

    # A year of weekly meetings per workgroup and four upcoming ones.
    meetings = list(Meeting.objects.order_by("starts_at", "pk"))
    assert len(meetings) == 5 * (52 + 4)
    held = [m for m in meetings if m.status == Meeting.Status.HELD]
    upcoming = [m for m in meetings if m.status == Meeting.Status.SCHEDULED]
    # Held: over by the time of seeding; scheduled: not over yet.
    assert all(m.ends_at < now for m in held)
    assert all(m.ends_at >= now - datetime.timedelta(hours=1) for m in upcoming)
    # Nothing is published in the future.
    assert not Minutes.objects.filter(published_at__gt=timezone.now()).exists()
    assert len(upcoming) >= 5 * 3
    assert Decision.objects.count() > len(held)
    assert AgendaItem.objects.count() == 4 * len(held)
    assert Attendance.objects.count() == 9 * len(held)

    # Numbered 1..n per workgroup and Jalali year, in date order, as Meeting.save numbers.
    numbers = defaultdict(list)
    for meeting in meetings:
        assert meeting.jalali_year == jalali_year(meeting.starts_at)
        assert meeting.committee_id == committee.pk
        numbers[(meeting.workgroup_id, meeting.jalali_year)].append(meeting.number)
    assert {workgroup for workgroup, _ in numbers} == {w.pk for w in workgroups}
    for key, seen in numbers.items():
        assert seen == list(range(1, len(seen) + 1)), key

    # Every held meeting has exactly one published minutes; an upcoming one has none.
    minutes = list(Minutes.objects.select_related("meeting"))
    assert len(minutes) == len(held)
    assert {m.meeting_id for m in minutes} == {m.pk for m in held}
    assert not Minutes.objects.filter(meeting__in=upcoming).exists()
    assert all(m.status == Minutes.Status.PUBLISHED and m.revision == 1 for m in minutes)
    assert len({m.document_id for m in minutes}) == len(minutes)

    # The snapshot's decisions are the meeting's, by id and number.
    live = defaultdict(list)
    for pk, meeting_id, number in Decision.objects.order_by("number").values_list(
        "pk", "meeting_id", "number"
    ):
        live[meeting_id].append((pk, number))
    for m in minutes:
        frozen = [(d["id"], d["number"]) for d in m.snapshot["decisions"]]
        assert frozen == live[m.meeting_id], m.document_id
        assert frozen, "every held meeting decided something"
        assert [n for _, n in frozen] == list(range(1, len(frozen) + 1))
        assert m.snapshot["document_id"] == m.document_id
        assert m.published_at > m.meeting.ends_at

    # Built by the same function publication uses: the same snapshot from the live rows
    # (the same instants; the seeder writes them with Tehran's offset, publication in UTC).
    for m in minutes[:: max(1, len(minutes) // 5)]:
        assert instants(build_snapshot(m)) == instants(m.snapshot), m.document_id

    # The decisions as the services would leave them.
    for decision in Decision.objects.select_related("meeting").prefetch_related("follow_ups"):
        notes = list(decision.follow_ups.all())
        if decision.status == Decision.Status.OPEN:
            assert notes == []
        else:
            assert [n.status for n in notes] == [decision.status]
            assert notes[0].date <= timezone.localdate()
        assert decision.deadline >= timezone.localtime(decision.meeting.starts_at).date()
        assert decision.responsible_organization_id or decision.responsible_person_id
    assert FollowUp.objects.exists()

    # The seeder writes no audit entries (the public page cache sees bulk loads on expiry).
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_seeded_record_is_indexed_and_served(seeded):
    published = Minutes.objects.filter(status=Minutes.Status.PUBLISHED)

    # The portal's index: one latest document a published minutes, one row a public
    # decision, each pointing at its live decision.
    documents = PublishedDocument.objects.all()
    assert documents.count() == published.count()
    assert set(documents.filter(is_latest=True).values_list("minutes_id", flat=True)) == set(
        published.values_list("pk", flat=True)
    )
    public = Decision.objects.filter(is_public=True, meeting__minutes__in=published)
    assert PublicDecision.objects.count() == public.count()
    assert set(PublicDecision.objects.values_list("decision_id", flat=True)) == set(
        public.values_list("pk", flat=True)
    )
    assert indexing.missing() == []

    # The same rows the one-at-a-time indexing writes.
    sample = published.order_by("-published_at").select_related("meeting").first()
    ignore = {"id", "indexed_at", "document"}

    def rows(minutes):
        document = PublishedDocument.objects.get(minutes=minutes)
        decisions = PublicDecision.objects.filter(document=document).order_by("number")
        return (
            {k: v for k, v in document.__dict__.items() if k not in ignore and k[0] != "_"},
            [
                {
                    k: v
                    for k, v in d.__dict__.items()
                    if k not in ignore and k != "document_id" and k[0] != "_"
                }
                for d in decisions
            ],
        )

    bulk = rows(sample)
    assert bulk[1], "the sample has public decisions"
    PublishedDocument.objects.filter(minutes=sample).delete()
    indexing.index_minutes(sample)
    assert rows(sample) == bulk

    # The pages read it.
    client = Client()
    newest = documents.filter(is_latest=True).order_by("-published_at").first()
    archive = client.get("/archive/")
    assert archive.status_code == 200
    body = archive.content.decode()
    assert newest.title in body
    assert f'href="/archive/{newest.document_id}/"' in body

    tracker = client.get("/decisions/")
    assert tracker.status_code == 200
    first = PublicDecision.objects.order_by("-meeting_date", "-meeting_id", "number").first()
    assert first.text in tracker.content.decode()

    page = client.get(f"/archive/{newest.document_id}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert newest.summary in body
    for entry in newest.minutes.snapshot["decisions"]:
        assert entry["text"] in body

    workgroup = Workgroup.objects.get(pk=newest.workgroup_id)
    page = client.get(f"/committee/sample-01/workgroups/{workgroup.slug}/")
    assert page.status_code == 200
    assert newest.title in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_seeder_renders_real_pdfs_for_the_most_recent(seeded, settings):
    with_pdf = Minutes.objects.exclude(sha256="")
    assert with_pdf.count() == 1
    minutes = with_pdf.get()
    newest = Minutes.objects.order_by("-published_at").first()
    assert minutes.pk == newest.pk
    data = minutes.pdf.read()
    assert data.startswith(b"%PDF-")
    assert hashlib.sha256(data).hexdigest() == minutes.sha256
    assert minutes.pdf_size == len(data)
    assert str(settings.MEDIA_ROOT) in minutes.pdf.path
    assert "stored PDFs: 1" in seeded["output"]
    assert "published minutes: " in seeded["output"]
    response = Client().get(f"/minutes/{minutes.document_id}.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data


@pytest.mark.django_db(transaction=True)
def test_the_seeder_refuses_a_database_that_holds_meetings(seeded):
    seed = seeded["seed"]
    counts = (Meeting.objects.count(), Person.objects.count(), Committee.objects.count())
    with pytest.raises(SystemExit, match="already holds meetings"):
        seed.main(TINY)
    assert (Meeting.objects.count(), Person.objects.count(), Committee.objects.count()) == counts
    # Nor does bulk_index index a meeting twice (it cannot order revisions).
    indexed = list(Minutes.objects.order_by("pk")[:1])
    with pytest.raises(ValueError, match="one, unindexed, revision"):
        bulk_index(indexed)
    assert PublishedDocument.objects.filter(minutes__in=indexed).count() == 1
    assert bulk_index([]) == 0


@pytest.mark.django_db(transaction=True)
def test_the_working_side_adds_two_accounts_and_a_busy_meeting_once(seeded):
    from bench import seed_working

    meetings = Meeting.objects.count()
    for _ in range(2):  # run again on the same database: nothing added twice
        seed_working.run()
    assert Meeting.objects.count() == meetings + 1
    busy = Meeting.objects.get(title=seed_working.BUSY_TITLE)
    assert busy.agenda_items.count() == 60
    assert busy.attendances.count() == 40
    assert AuditEntry.objects.filter(meeting_id=busy.pk).count() > 60
