"""The 137 contact centre's monthly counts: the secretariat imports the CSV from its page
or ``manage.py import_137_counts``; the whole file is checked first, every problem told by
row and column, nothing written unless all is right; a month imported again replaces its
counts; the counts are shown beside the site's demands, never added to them."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from committee.models import AuditEntry
from demands import imports
from demands.models import ImportBatch, ImportedCount
from minutes.errors import NotAllowed

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)  # 1405/03/11
TOPIC = "آسفالت، معابر و پیاده‌روها"
OTHER = "گردشگری و بافت تاریخی"


def _csv(*rows: str, header: str = "ماه,موضوع,منطقه,تعداد درخواست") -> bytes:
    return ("\ufeff" + "\n".join([header, *rows]) + "\n").encode()


def _import(world, data: bytes, **kwargs):
    return imports.import_counts(
        world.committee, data, actor=world.portal.secretariat, today=TODAY, **kwargs
    )


def test_a_correct_file_is_written_in_one_go(world):
    data = _csv(
        f"۱۴۰۵/۰۲,{TOPIC},منطقه ۲,۱۲۰",
        f"1405-2,{OTHER},3,4",
        f'اردیبهشت ۱۴۰۵,{TOPIC},منطقه ۳,"1,250"',
    )
    report = _import(world, data, file_name="137-1405-02.csv")
    assert report.ok, [str(p) for p in report.problems]
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    counts = {
        (c.topic.name, c.district.name, c.year, c.month): c.requests
        for c in ImportedCount.objects.select_related("topic", "district")
    }
    assert counts == {
        (TOPIC, "منطقه ۲", 1405, 2): 120,
        (OTHER, "منطقه ۳", 1405, 2): 4,
        (TOPIC, "منطقه ۳", 1405, 2): 1250,
    }
    batch = ImportBatch.objects.get()
    assert (batch.rows, batch.created, batch.imported_by) == (3, 3, world.portal.secretariat)
    assert AuditEntry.objects.filter(action="demand.import_counts").count() == 1


def test_every_problem_is_told_with_its_row_and_column_and_nothing_is_written(world):
    data = _csv(
        f"۱۴۰۵/۰۲,{TOPIC},منطقه ۲,۱۲۰",  # right, but the file is refused as a whole
        f"۱۴۰۵/۱۳,{TOPIC},منطقه ۲,۵",  # no 13th month
        "۱۴۰۵/۰۱,آب و فاضلاب,منطقه ۲,۵",  # not a topic of the list
        f"۱۴۰۵/۰۱,{TOPIC},منطقه ۹۹,-3",  # no such district, a negative count
        f"۱۴۰۵/۰۲,{TOPIC},2,۷",  # the same month, topic and district as row 2
        f"۱۴۰۵/۰۶,{TOPIC},منطقه ۲,۷",  # a month to come
        f"۱۴۰۵/۰۱,{TOPIC},منطقه ۲,",  # empty count
    )
    report = _import(world, data)
    problems = [str(p) for p in report.problems]
    assert problems == [
        "ردیف ۳، ستون «ماه»: ماه ۱۳ وجود ندارد؛ ماه عددی از ۱ تا ۱۲ است.",
        "ردیف ۴، ستون «موضوع»: موضوع «آب و فاضلاب» در فهرست موضوع‌های این کمیته نیست.",
        "ردیف ۵، ستون «منطقه»: منطقه «منطقه ۹۹» در فهرست مناطق این کمیته نیست.",
        "ردیف ۵، ستون «تعداد درخواست»: شمار درخواست‌ها باید عددی درست و نامنفی باشد؛ «-3» نیست.",
        "ردیف ۶: همان ماه، موضوع و منطقه ردیف ۲ است؛ هر سه با هم یک ردیف دارند.",
        "ردیف ۷، ستون «ماه»: این ماه هنوز نیامده است.",
        "ردیف ۸، ستون «تعداد درخواست»: این خانه خالی است؛ اگر درخواستی نبوده، ۰ بنویسید.",
    ]
    assert not ImportedCount.objects.exists() and not ImportBatch.objects.exists()


def test_a_file_without_its_columns_is_refused_with_the_missing_ones(world):
    report = _import(world, _csv(f"۱۴۰۵/۰۲,{TOPIC},۱۲۰", header="ماه,موضوع,تعداد"))
    assert [str(p) for p in report.problems] == [
        "ردیف ۱: ردیف ۱ باید نام ستون‌ها باشد؛ این ستون‌ها پیدا نشد: «منطقه». "
        "نمونه را از همین صفحه بگیرید."
    ]


def test_english_headers_semicolons_and_windows_1256_are_read(world):
    text = f"requests;district;topic;month\n7;منطقه 2;{TOPIC};1405/01\n"
    # Windows-1256 has no Persian ی nor ک: the Arabic letters stand for them.
    report = _import(world, text.replace("ی", "ي").replace("ک", "ك").encode("cp1256"))
    assert report.ok, [str(p) for p in report.problems]
    assert ImportedCount.objects.get().requests == 7


def test_an_xlsx_or_binary_file_is_refused_in_persian(world):
    report = _import(world, b"PK\x03\x04\x00\x00binary")
    assert "CSV نیست" in str(report.problems[0])


def test_a_month_imported_again_replaces_its_counts_never_adds(world):
    _import(world, _csv(f"۱۴۰۵/۰۲,{TOPIC},منطقه ۲,۱۲۰", f"۱۴۰۵/۰۲,{OTHER},منطقه ۲,۳"))
    report = _import(
        world,
        _csv(f"۱۴۰۵/۰۲,{TOPIC},منطقه ۲,۱۲۵", f"۱۴۰۵/۰۲,{OTHER},منطقه ۲,۳", f"۱۴۰۵/۰۱,{OTHER},۲,۹"),
    )
    assert (report.created, report.updated, report.unchanged) == (1, 1, 1)
    assert ImportedCount.objects.count() == 3
    assert ImportedCount.objects.get(topic__name=TOPIC).requests == 125


def test_a_dry_run_checks_and_writes_nothing(world):
    report = _import(world, _csv(f"۱۴۰۵/۰۲,{TOPIC},منطقه ۲,۱۲۰"), dry_run=True)
    assert report.ok and len(report.rows) == 1
    assert not ImportedCount.objects.exists()


def test_only_the_secretariat_imports(world):
    with pytest.raises(NotAllowed):
        imports.import_counts(
            world.committee, _csv(f"۱۴۰۵/۰۲,{TOPIC},منطقه ۲,۱"), actor=world.portal.chair
        )


# --- The page --------------------------------------------------------------------------------


def _url(world, tail: str = "") -> str:
    return f"/committee/{world.committee.slug}/demands/import/{tail}"


def test_the_page_is_the_secretariats(world, client):
    assert client.get(_url(world)).status_code == 302  # to log in
    client.force_login(world.portal.chair)
    assert client.get(_url(world)).status_code == 403
    assert client.get(_url(world, "template.csv")).status_code == 403


def test_the_template_holds_every_topic_and_district_and_imports_once_filled(world, client):
    client.force_login(world.portal.secretariat)
    response = client.get(_url(world, "template.csv"))
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "ماه,موضوع,منطقه,تعداد درخواست"
    assert (
        len(lines) == 1 + world.committee.demand_topics.count() * world.committee.districts.count()
    )
    filled = "\n".join([lines[0], *(f"{line}5" for line in lines[1:])]).encode()
    # The template's month is last month, which is never to come.
    report = imports.import_counts(world.committee, filled, actor=world.portal.secretariat)
    assert report.ok, [str(p) for p in report.problems][:3]
    assert ImportedCount.objects.count() == len(lines) - 1


def test_uploading_from_the_page(world, client):
    client.force_login(world.portal.secretariat)
    page = client.get(_url(world))
    assert page.status_code == 200 and "تعداد درخواست" in page.content.decode()
    bad = SimpleUploadedFile("137.csv", _csv("۱۴۰۴/۱۳,x,y,z"), content_type="text/csv")
    response = client.post(_url(world), {"file": bad})
    body = response.content.decode()
    assert response.status_code == 400
    assert "ردیف ۲، ستون «ماه»" in body and "ردیف ۲، ستون «موضوع»" in body
    assert "هیچ چیز ثبت نشد" in body
    good = SimpleUploadedFile("137.csv", _csv(f"۱۴۰۴/۱۲,{TOPIC},منطقه ۲,۴۲"))
    response = client.post(_url(world), {"file": good}, follow=True)
    assert response.status_code == 200
    assert "۱ ردیف وارد شد" in response.content.decode()
    assert ImportedCount.objects.get().requests == 42
    assert client.post(_url(world), {}).status_code == 400


def test_the_counts_are_shown_beside_the_demands_never_added(world, client):
    demand = world.published()
    _import(world, _csv(f"۱۴۰۵/۰۲,{TOPIC},منطقه ۲,۱۲۰", f"۱۴۰۵/۰۱,{OTHER},منطقه ۳,۸"))
    body = client.get(world.list_url).content.decode()
    assert "درخواست‌های ۱۳۷ (جدا)" in body
    assert "روی‌هم ۱۲۸ درخواست" in body
    csv_text = client.get(f"{world.list_url}counts.csv").content.decode("utf-8-sig")
    rows = [line.split(",") for line in csv_text.splitlines()]
    by_topic = {r[1]: r for r in rows[1:] if r[0] == "موضوع"}
    assert by_topic[demand.topic.name][2:] == ["1", "1", "0", "0", "0", "120"]
    assert by_topic[OTHER][2:] == ["0", "0", "0", "0", "0", "8"]
    # A period: only the months it touches (1405/02 is 2026-04-21 … 2026-05-21).
    csv_text = client.get(
        f"{world.list_url}counts.csv?date_from=1405/02/10&date_to=1405/02/20"
    ).content.decode("utf-8-sig")
    assert "\n" + "موضوع," + OTHER not in csv_text


def test_the_command_reports_problems_and_writes_a_correct_file(world, tmp_path):
    path = tmp_path / "137.csv"
    path.write_bytes(_csv("۱۴۰۴/۱۲,نامعلوم,منطقه ۲,۱"))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_137_counts", str(path), slug=world.committee.slug, stderr=err)
    assert "ردیف ۲، ستون «موضوع»" in err.getvalue()
    path.write_bytes(_csv(f"۱۴۰۴/۱۲,{TOPIC},منطقه ۲,۱۱"))
    out = StringIO()
    call_command("import_137_counts", str(path), slug=world.committee.slug, stdout=out)
    assert "1 new" in out.getvalue()
    call_command("import_137_counts", str(path), slug=world.committee.slug, stdout=out)
    assert "1 unchanged" in out.getvalue()
    assert ImportedCount.objects.get().requests == 11


def test_a_clash_with_another_import_at_the_same_moment_writes_nothing(world, monkeypatch):
    from django.db import IntegrityError

    def clash(*args, **kwargs):
        raise IntegrityError("demand_imported_count_once")

    monkeypatch.setattr(ImportedCount.objects, "bulk_create", clash)
    report = _import(world, _csv(f"۱۴۰۵/۰۲,{TOPIC},منطقه ۲,۱۲۰"))
    assert [str(p) for p in report.problems] == [
        "ردیف ۱: پرونده دیگری از همین ماه‌ها هم‌زمان وارد شد؛ دوباره بفرستید."
    ]
    assert not ImportBatch.objects.exists() and not AuditEntry.objects.exists()
