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
from minutes.models import Meeting, Minutes
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
    services.record_meeting(admin, meeting, expected_version=None, summary="گزارش ارائه شد.")
    services.add_decision(
        admin,
        meeting,
        expected_version=None,
        text="گزارش ایمنی تقاطع تا پایان ماه منتشر شود.",
        responsible_organization=OrganizationFactory(),
    )
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
