"""``manage.py import_minutes``: a committee's past from a spreadsheet (a folder of CSVs or
an XLSX workbook), every problem reported with its sheet, row and column in Persian before
anything is written, and then everything in one transaction or nothing."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from committee.models import AuditEntry
from minutes.models import Attendance, Decision, Meeting
from tests.factories import OrganizationFactory

MEETINGS = [
    ["key", "body", "number", "date", "start", "end", "title", "location", "public", "summary"],
    [
        "m1",
        "{wg}",
        "7",
        "1397/02/15",
        "10:00",
        "12:00",
        "جلسه آب‌گرفتگی",
        "سالن شهرداری",
        "بله",
        "گزارش ارائه شد.",
    ],
    ["m2", "{wg}", "8", "۱۳۹۷/۰۳/۰۵", "۱۰:۰۰", "", "جلسه ترافیک", "سالن شهرداری", "", ""],
]
AGENDA = [
    ["meeting", "title", "discussion"],
    ["m1", "گزارش آب‌گرفتگی معابر", "۸۰ درصد کار انجام شد."],
    ["m2", "ترافیک میدان", ""],
]
ATTENDANCE = [
    ["meeting", "person", "status", "excuse"],
    ["m1", "{chair}", "حاضر", ""],
    ["m1", "{official}", "present", ""],
    ["m1", "{journalist}", "غیبت موجه", "بیماری"],
    ["m2", "{chair}", "حاضر", ""],
]
DECISIONS = [
    ["meeting", "text", "agenda", "responsible", "deadline", "vote"],
    [
        "m1",
        "طرح جمع‌آوری آب‌های سطحی اجرا شود.",
        "1",
        "شرکت آب و فاضلاب گیلان",
        "1397/06/31",
        "با اجماع",
    ],
]


@pytest.fixture
def sheets(world):
    OrganizationFactory(name="شرکت آب و فاضلاب گیلان", kind="utility")
    names = {
        "wg": world.workgroup.slug,
        "chair": world.person(world.chair).full_name,
        "official": world.person(world.official).full_name,
        "journalist": str(world.person(world.journalist).pk),
    }

    def fill(rows):
        return [[cell.format(**names) for cell in row] for row in rows]

    return {
        "meetings": fill(MEETINGS),
        "agenda": fill(AGENDA),
        "attendance": fill(ATTENDANCE),
        "decisions": fill(DECISIONS),
    }


def write_csvs(folder: Path, sheets) -> Path:
    folder.mkdir(exist_ok=True)
    for name, rows in sheets.items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(rows)
    return folder


def write_xlsx(path: Path, sheets) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def run(path, *flags, user="root"):
    out, err = StringIO(), StringIO()
    call_command("import_minutes", str(path), "--user", user, *flags, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_folder_of_csvs_is_imported_through_the_services(world, sheets, tmp_path):
    out, _ = run(write_csvs(tmp_path / "past", sheets))
    assert "ثبت شد" in out
    meetings = Meeting.objects.filter(workgroup=world.workgroup).order_by("number")
    first, second = meetings
    assert (first.jalali_year, first.number, second.number) == (1397, 7, 8)
    assert first.registered_late_at is not None and first.status == Meeting.Status.HELD
    statuses = dict(first.attendances.values_list("person__user__username", "status"))
    assert statuses["chair-2"] == Attendance.Status.PRESENT
    assert statuses["press-2"] == Attendance.Status.EXCUSED
    decision = Decision.objects.get(meeting=first)
    assert decision.responsible_organization.name == "شرکت آب و فاضلاب گیلان"
    assert decision.agenda_item.title == "گزارش آب‌گرفتگی معابر"
    assert decision.vote_method == Decision.VoteMethod.CONSENSUS
    minutes = first.latest_minutes()
    assert minutes.summary == "گزارش ارائه شد."
    assert AuditEntry.objects.filter(meeting_id=first.pk, action="decision.add").exists()


def test_an_xlsx_workbook_is_imported_too(world, sheets, tmp_path):
    run(write_xlsx(tmp_path / "past.xlsx", sheets))
    assert Meeting.objects.filter(workgroup=world.workgroup).count() == 2


def test_every_mistake_is_reported_with_sheet_row_and_column_and_nothing_is_written(
    world, sheets, tmp_path
):
    sheets["meetings"][1][3] = "1397/13/01"  # no 13th month
    sheets["attendance"][2][1] = "شخص ناشناس"
    sheets["decisions"][1][3] = "سازمان ناشناس"
    with pytest.raises(CommandError, match="۳ ایراد"):
        run(write_csvs(tmp_path / "bad", sheets))
    assert not Meeting.objects.exists()


def test_the_report_names_each_place(world, sheets, tmp_path):
    from minutes.importer import import_minutes

    sheets["meetings"][1][3] = "1397/13/01"
    sheets["attendance"][2][1] = "شخص ناشناس"
    sheets["decisions"][1][3] = "سازمان ناشناس"
    report = import_minutes(world.superuser, world.committee, write_csvs(tmp_path / "b", sheets))
    lines = [str(problem) for problem in report.problems]
    assert any("برگه «جلسات»، ردیف ۲، ستون «date»" in line for line in lines), lines
    assert any("برگه «حضور و غیاب»، ردیف ۳، ستون «person»" in line for line in lines), lines
    assert any("برگه «مصوبات»، ردیف ۲، ستون «responsible»" in line for line in lines), lines
    assert not Meeting.objects.exists()


def test_a_refusal_by_a_service_rolls_everything_back(world, sheets, tmp_path):
    # The second meeting's number is already taken in the database: the first meeting,
    # written before it, is rolled back with it.
    from minutes import services

    services.register_past_meeting(
        world.superuser,
        committee=world.committee,
        workgroup=world.workgroup,
        number=8,
        title="جلسه پیشین",
        starts_at=Meeting.objects.model.starts_at.field.to_python("2018-05-26T10:00:00+04:30"),
        ends_at=None,
        location="سالن",
    )
    with pytest.raises(CommandError):
        run(write_csvs(tmp_path / "taken", sheets))
    assert list(Meeting.objects.values_list("number", flat=True)) == [8]


def test_a_dry_run_shows_and_writes_nothing(world, sheets, tmp_path):
    out, _ = run(write_csvs(tmp_path / "dry", sheets), "--dry-run")
    assert "آزمایشی" in out and "m1" in out and "m2" in out
    assert not Meeting.objects.exists()


def test_an_unreadable_file_is_a_clear_refusal(world, tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(CommandError, match="XLSX"):
        run(bad)
    folder = tmp_path / "empty"
    folder.mkdir()
    with pytest.raises(CommandError, match="meetings"):
        run(folder)
    latin1 = tmp_path / "m.csv"
    latin1.write_bytes("key,title\nm1,caf\xe9\n".encode("latin-1"))
    with pytest.raises(CommandError, match="UTF-8"):
        run(latin1)


def test_the_secretariat_may_not_record_a_workgroups_discussion(world, sheets, tmp_path):
    with pytest.raises(CommandError):
        run(write_csvs(tmp_path / "s", sheets), user="secretariat")
    assert not Meeting.objects.exists()
