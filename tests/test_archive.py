"""export_archive and import_archive: the published record survives a round trip, hashes
verified, into an empty database."""

from __future__ import annotations

import datetime
import hashlib
import json
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from committee.models import Committee
from minutes import services
from minutes.models import Attendance, Meeting, Minutes
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path / "media"
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    workgroup = MembershipFactory(is_chair=True).workgroup
    meeting = services.schedule_meeting(
        admin,
        committee=workgroup.committee,
        workgroup=workgroup,
        title="بازگشایی تقاطع منظریه",
        starts_at=timezone.now() - datetime.timedelta(minutes=20),
        ends_at=None,
        location="سالن جلسات",
    )
    members = meeting.body_members(timezone.localtime(meeting.starts_at).date())
    services.record_meeting(
        admin,
        meeting,
        expected_version=None,
        attendance={person.pk: Attendance.Status.PRESENT for person in members},
        summary="گزارش ارائه شد.",
    )
    services.add_decision(
        admin,
        meeting,
        expected_version=None,
        text="گزارش ایمنی تقاطع تا پایان ماه منتشر شود.",
        responsible_organization=OrganizationFactory(),
    )
    # The meeting's secretary signs the minutes; set here as the meeting's edit form would.
    meeting.secretary_person = members[0]
    meeting.save(update_fields=["secretary_person"])
    minutes = meeting.latest_minutes()
    services.submit_minutes(admin, minutes)
    services.approve_minutes(admin, minutes)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_minutes(admin, minutes)
    minutes.refresh_from_db()
    assert minutes.sha256
    return minutes


def _empty_the_database():
    # Queryset deletes bypass the published-record guard, as a fresh database would.
    Minutes.objects.all().delete()
    for model in (Meeting,):
        for meeting in model.objects.all():
            meeting.decisions.all().delete()
        model.objects.all().delete()
    Committee.objects.all().delete()


def test_the_round_trip_restores_every_published_revision_with_its_hash(
    published, tmp_path, client
):
    path = tmp_path / "archive.zip"
    call_command("export_archive", path, stdout=StringIO())
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        (entry,) = manifest["documents"]
        assert entry["document_id"] == published.document_id
        assert hashlib.sha256(archive.read(entry["file"])).hexdigest() == published.sha256
    original = published.pdf.read()
    number, year = published.meeting.number, published.meeting.jalali_year

    _empty_the_database()
    out = StringIO()
    call_command("import_archive", path, stdout=out)
    assert "1 published revision(s) restored" in out.getvalue()

    restored = Minutes.objects.get(document_id=published.document_id)
    assert restored.status == Minutes.Status.PUBLISHED
    assert restored.sha256 == published.sha256
    assert restored.snapshot == published.snapshot
    assert (restored.meeting.number, restored.meeting.jalali_year) == (number, year)
    response = client.get(f"/minutes/{restored.document_id}.pdf")
    assert b"".join(response.streaming_content) == original
    page = client.get(f"/archive/{restored.document_id}/")
    assert "گزارش ایمنی تقاطع تا پایان ماه منتشر شود." in page.content.decode()


def test_an_archive_is_restored_only_into_a_database_without_minutes(published, tmp_path):
    path = tmp_path / "archive.zip"
    call_command("export_archive", path, stdout=StringIO())
    with pytest.raises(CommandError, match="empty"):
        call_command("import_archive", path, stdout=StringIO())


def test_a_tampered_pdf_is_refused_and_nothing_is_restored(published, tmp_path):
    path, tampered = tmp_path / "archive.zip", tmp_path / "tampered.zip"
    call_command("export_archive", path, stdout=StringIO())
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tampered, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.endswith(".pdf"):
                data = data[:-10] + b"0000000000"
            target.writestr(item, data)
    _empty_the_database()
    with pytest.raises(CommandError, match="SHA-256"):
        call_command("import_archive", tampered, stdout=StringIO())
    assert not Minutes.objects.exists()


def test_a_file_that_is_not_an_archive_is_refused_clearly(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a zip")
    with pytest.raises(CommandError, match="zip"):
        call_command("import_archive", path, stdout=StringIO())


# --- A tampered manifest ---------------------------------------------------------------------


def _tampered(path, target, change):
    """Copy the archive at ``path`` to ``target`` with ``change(entry)`` applied to its one
    entry; the PDF goes under the entry's (possibly changed) file name."""
    with zipfile.ZipFile(path) as source:
        manifest = json.loads(source.read("manifest.json"))
        (entry,) = manifest["documents"]
        pdf = source.read(entry["file"])
    change(entry)
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(entry["file"], pdf)
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
    return target


def _decision(entry):
    return entry["snapshot"]["decisions"][0]


def _meeting_day(entry):
    starts_at = datetime.datetime.fromisoformat(entry["meeting"]["starts_at"])
    return timezone.localtime(starts_at).date()


def _days(entry, days):
    return (_meeting_day(entry) + datetime.timedelta(days=days)).isoformat()


def _renamed(entry, document_id):
    entry["document_id"] = entry["snapshot"]["document_id"] = document_id
    entry["file"] = f"pdf/{document_id}.pdf"


def _follow_up(**fields):
    def change(entry):
        _decision(entry)["follow_ups"] = [{"status": "in_progress", "note": "آغاز شد.", **fields}]

    return change


TAMPERING = [
    (
        "deadline before the meeting",
        lambda e: _decision(e).update(deadline=_days(e, -1)),
        "snapshot.decisions[0].deadline",
    ),
    (
        "follow-up before the meeting",
        lambda e: _follow_up(date=_days(e, -3))(e),
        "snapshot.decisions[0].follow_ups[0].date",
    ),
    (
        "follow-up in the future",
        lambda e: _follow_up(date=_days(e, 400))(e),
        "snapshot.decisions[0].follow_ups[0].date",
    ),
    (
        "unknown decision status",
        lambda e: _decision(e).update(status="approved-ish"),
        "snapshot.decisions[0].status",
    ),
    ("snapshot of a draft", lambda e: e["snapshot"].update(status="draft"), "snapshot.status"),
    (
        "snapshot of another revision",
        lambda e: e["snapshot"].update(revision=2),
        "snapshot.revision",
    ),
    ("document id of another meeting", lambda e: _renamed(e, "RASHT-C-1399-042-R1"), "document_id"),
    ("hash that is not a digest", lambda e: e.update(sha256="0" * 10), "SHA-256"),
    (
        "year that is not the meeting's",
        lambda e: e["meeting"].update(jalali_year=e["meeting"]["jalali_year"] - 1),
        "meeting.jalali_year",
    ),
    (
        "end before the start",
        lambda e: e["meeting"].update(ends_at="2000-01-01T00:00:00+00:00"),
        "meeting.ends_at",
    ),
    (
        "published in the future",
        lambda e: e.update(published_at="2999-01-01T00:00:00+00:00"),
        "published_at",
    ),
    ("second revision correcting nothing", lambda e: e.update(revision=2), "corrects"),
    ("meeting without a title", lambda e: e["meeting"].pop("title"), "meeting.title: missing"),
    ("title too long for the row", lambda e: e["meeting"].update(title="ج" * 300), "meeting.title"),
    (
        "workgroup slug that is not a slug",
        lambda e: e["workgroup"].update(slug="کارگروه دوم"),
        "workgroup.slug",
    ),
]


@pytest.mark.parametrize(
    ("change", "field"),
    [pytest.param(change, field, id=name) for name, change, field in TAMPERING],
)
def test_a_tampered_manifest_is_refused_naming_the_entry_and_field(
    published, tmp_path, settings, change, field
):
    path = tmp_path / "archive.zip"
    call_command("export_archive", path, stdout=StringIO())
    tampered = _tampered(path, tmp_path / "tampered.zip", change)
    _empty_the_database()
    files_before = set(settings.MEDIA_ROOT.rglob("*.pdf"))
    with pytest.raises(CommandError) as refused:
        call_command("import_archive", tampered, stdout=StringIO())
    message = str(refused.value)
    assert field in message
    assert message.startswith("RASHT-"), "the entry is named by its document id"
    assert not Minutes.objects.exists()
    assert not Meeting.objects.exists()
    assert set(settings.MEDIA_ROOT.rglob("*.pdf")) == files_before, "no restored file is left"


# --- Unsafe names ----------------------------------------------------------------------------


def _unsafe_file(name):
    def change(entry):
        entry["file"] = name

    return change


@pytest.mark.parametrize(
    ("change", "field"),
    [
        pytest.param(_unsafe_file("../../evil.pdf"), "file", id="file leaving its folder"),
        pytest.param(_unsafe_file("pdf/../../evil.pdf"), "file", id="file climbing out"),
        pytest.param(_unsafe_file("/tmp/evil.pdf"), "file", id="absolute file"),
        pytest.param(lambda e: _renamed(e, "../../evil"), "document_id", id="document id"),
    ],
)
def test_a_path_traversal_name_is_refused_in_one_line(published, tmp_path, settings, change, field):
    path = tmp_path / "archive.zip"
    call_command("export_archive", path, stdout=StringIO())
    tampered = _tampered(path, tmp_path / "tampered.zip", change)
    _empty_the_database()
    with pytest.raises(CommandError) as refused:
        call_command("import_archive", tampered, stdout=StringIO())
    message = str(refused.value)
    assert f": {field}: " in message
    assert message.endswith("is an absolute path or leaves its folder.")
    assert "\n" not in message
    assert not Minutes.objects.exists()
    assert not list(tmp_path.rglob("evil*"))


def test_a_manifest_that_is_not_an_object_is_refused_clearly(tmp_path):
    path = tmp_path / "archive.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", "[]")
    with pytest.raises(CommandError, match="must be an object"):
        call_command("import_archive", path, stdout=StringIO())
