"""Attachments (پیوست): uploaded by the secretariat or the chair, typed by their content,
stored under their hash, served as downloads, public or internal like their item, and the
public ones embedded in the published PDF/A-3 (AFRelationship Supplement) with the
header's «پیوست» counting them. Also the letterhead: the committee's logo, classification
and the distribution list."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pikepdf
import pytest
import segno
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from committee.models import validate_logo
from minutes import services
from minutes.errors import ServiceError
from minutes.models import Attachment
from tests.pdf.conftest import contains, pdf_file, pdf_text, publish, run_tool

ROOT = Path(__file__).resolve().parents[2]
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    out = io.BytesIO()
    segno.make("media committee").save(out, kind="png", scale=4)
    return out.getvalue()


def office_package(main: str, content_type: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/{main}" ContentType="{content_type}"/></Types>',
        )
        package.writestr(main, "<document/>")
    return out.getvalue()


def upload(client, meeting, data: bytes, name: str, **fields):
    return client.post(
        reverse("attachment_add", args=[meeting.pk]),
        {"file": SimpleUploadedFile(name, data), "title": "", "public": "on", **fields},
    )


def test_the_secretariat_attaches_documents_and_they_go_inside_the_published_pdf(
    world, client, django_capture_on_commit_callbacks, tmp_path
):
    client.force_login(world.secretariat)
    assert upload(client, world.meeting, PDF_BYTES, "گزارش پیمانکار.pdf").status_code == 302
    assert upload(client, world.meeting, png_bytes(), "نقشه.png").status_code == 302
    internal = upload(
        client, world.meeting, PDF_BYTES + b"%x", "درونی.pdf", agenda_item=world.internal_item.pk
    )
    assert internal.status_code == 302
    rows = {a.title: a for a in Attachment.objects.filter(meeting=world.meeting)}
    assert set(rows) == {"گزارش پیمانکار", "نقشه", "درونی"}
    assert rows["نقشه"].kind == "png" and not rows["درونی"].is_public
    # Stored under a server-made name (its hash), never the uploaded name.
    assert rows["نقشه"].file.name.endswith(f"{rows['نقشه'].sha256}.png")

    minutes = publish(world, world.minutes, django_capture_on_commit_callbacks)
    with minutes.pdf.open("rb") as handle:
        data = handle.read()
    assert [a["title"] for a in minutes.snapshot["attachments"]] == ["گزارش پیمانکار", "نقشه"]
    text = pdf_text(data, tmp_path)
    assert contains(text, "پیوست: ۲ فقره")
    listing = run_tool("pdfdetach", "-list", str(pdf_file(data, tmp_path))).stdout
    assert "3 embedded files" in listing  # the record and the two public attachments
    assert "درونی" not in listing
    with pikepdf.open(io.BytesIO(data)) as pdf:
        relations = sorted(str(spec.AFRelationship) for spec in pdf.Root.AF)
        assert relations == ["/Data", "/Supplement", "/Supplement"]
        embedded = {name: spec.get_file().read_bytes() for name, spec in pdf.attachments.items()}
    assert png_bytes() in embedded.values() and PDF_BYTES in embedded.values()


def test_a_file_is_typed_by_its_content_not_its_name(world, client):
    client.force_login(world.secretariat)
    response = upload(client, world.meeting, b"MZ\x90\x00 an executable", "گزارش.pdf")
    assert response.status_code == 200
    assert "نوع این فایل پذیرفته نیست" in response.content.decode()
    assert not Attachment.objects.exists()


def test_office_and_opendocument_files_are_recognised_and_macros_refused(world):
    docx = office_package(
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    )
    docm = office_package(
        "word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"
    )
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", "<office:document-content/>")
    a = services.add_attachment(
        world.secretariat, world.meeting, upload=SimpleUploadedFile("a.bin", docx)
    )
    b = services.add_attachment(
        world.secretariat, world.meeting, upload=SimpleUploadedFile("b", odt.getvalue())
    )
    assert (a.kind, b.kind) == ("docx", "odt")
    with pytest.raises(ServiceError):
        services.add_attachment(
            world.secretariat, world.meeting, upload=SimpleUploadedFile("m.docx", docm)
        )


def test_a_file_over_the_limit_is_refused_with_its_size(world):
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024 + 10))
    with pytest.raises(ServiceError) as refused:
        services.add_attachment(world.secretariat, world.meeting, upload=big)
    assert "حداکثر ۲۰ مگابایت" in refused.value.message
    assert not Attachment.objects.exists()


def test_the_limits_are_read_from_the_environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_ATTACHMENT_MAX_BYTES="1000", DJANGO_ATTACHMENT_MEETING_MAX_BYTES="5000")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings';"
            "django.setup(); from django.conf import settings;"
            "print(settings.ATTACHMENT_MAX_BYTES, settings.ATTACHMENT_MEETING_MAX_BYTES)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["1000", "5000"], result.stderr


def test_a_member_without_a_role_cannot_attach(world, client):
    client.force_login(world.member)
    response = upload(client, world.meeting, PDF_BYTES, "x.pdf")
    assert response.status_code == 403
    assert not Attachment.objects.exists()


def test_downloads_are_attachments_public_ones_for_everyone_internal_ones_not(
    world, client, django_capture_on_commit_callbacks
):
    public = services.add_attachment(
        world.secretariat,
        world.meeting,
        upload=SimpleUploadedFile("p.pdf", PDF_BYTES),
        title="گزارش عمومی پیمانکار",
    )
    internal = services.add_attachment(
        world.secretariat,
        world.meeting,
        upload=SimpleUploadedFile("i.pdf", PDF_BYTES),
        agenda_item=world.internal_item,
        title="برآورد محرمانه هزینه",
    )
    url = reverse("attachment_download", args=[public.pk])
    assert client.get(url).status_code == 404  # nothing public before publication
    publish(world, world.minutes, django_capture_on_commit_callbacks)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == public.sha256
    assert client.get(reverse("attachment_download", args=[internal.pk])).status_code == 404
    page = client.get(reverse("portal_minutes", args=[world.minutes.document_id]))
    assert public.sha256 in page.content.decode()
    assert internal.title not in page.content.decode()


def test_published_attachments_cannot_be_removed(world, django_capture_on_commit_callbacks):
    attachment = services.add_attachment(
        world.secretariat, world.meeting, upload=SimpleUploadedFile("p.pdf", PDF_BYTES)
    )
    publish(world, world.minutes, django_capture_on_commit_callbacks)
    with pytest.raises(ServiceError):
        services.remove_attachment(world.secretariat, attachment)
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_the_letterhead_shows_the_logo_classification_and_distribution(
    world, django_capture_on_commit_callbacks, tmp_path
):
    world.committee.logo.save("logo.png", io.BytesIO(png_bytes()), save=True)
    world.minutes.classification = "عادی"
    world.minutes.distribution = "شورای اسلامی شهر رشت\nروابط عمومی استانداری گیلان"
    world.minutes.save()
    minutes = publish(world, world.minutes, django_capture_on_commit_callbacks)
    with minutes.pdf.open("rb") as handle:
        data = handle.read()
    text = pdf_text(data, tmp_path)
    assert contains(text, "طبقه‌بندی: عادی")
    assert contains(text, "رونوشت: شورای اسلامی شهر رشت")
    assert contains(text, "پیوست: ندارد")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        images = [
            obj
            for page in pdf.pages
            for obj in page.images.values()
            if obj.get("/Subtype") == pikepdf.Name.Image
        ]
    assert images, "the logo was not drawn"


@pytest.mark.parametrize(
    "svg",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><image href="http://x/y.png"/></svg>',
        b"GIF89a not a logo",
    ],
)
def test_a_logo_with_script_or_of_another_type_is_refused(svg):
    with pytest.raises(ValidationError):
        validate_logo(SimpleUploadedFile("logo.svg", svg))


def test_a_plain_svg_logo_is_accepted():
    validate_logo(
        SimpleUploadedFile(
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
            b'<circle cx="5" cy="5" r="4" fill="#0b5a6e"/></svg>',
        )
    )


def test_the_committee_pages_show_its_logo_served_safely(world, client):
    world.committee.logo.save("logo.png", io.BytesIO(png_bytes()), save=True)
    url = reverse("committee_logo", args=[world.committee.slug])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    page = client.get(reverse("committee_detail", args=[world.committee.slug]))
    assert url in page.content.decode()
