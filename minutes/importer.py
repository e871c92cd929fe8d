"""Importing a committee's past from a spreadsheet: meetings held before the tool, with
their attendance, agenda and decisions (``manage.py import_minutes``; docs/import.md).

The file is an XLSX workbook with the sheets ``meetings``, ``attendance``, ``agenda`` and
``decisions``, or a folder of CSV files of the same names (``meetings.csv``…; UTF-8, with
or without a byte-order mark). Only ``meetings`` is required. The first row of each sheet
names its columns (English names, below); every other row is one record.

The whole file is read and checked first; every problem is reported with its sheet, row
and column, in Persian. Only a file without problems is written, in one transaction,
through the services (minutes.services.register_past_meeting, record_meeting,
add_decision), as meetings registered after the fact: a refusal by a service is reported
for its row in the same way and nothing at all is written. A dry run does everything and
writes nothing.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from committee.models import Committee, Organization, Person
from minutes import services
from minutes.errors import ServiceError
from minutes.models import Attendance, Decision, Meeting
from persian.digits import localized_digits
from persian.jalali import TEHRAN, JalaliParseError, jalali_year, parse_jalali_date, parse_time
from persian.text import normalize
from workgroups.models import Workgroup

SHEETS: dict[str, tuple[str, ...]] = {
    "meetings": (
        "key",
        "body",
        "number",
        "date",
        "start",
        "end",
        "title",
        "location",
        "public",
        "summary",
    ),
    "attendance": ("meeting", "person", "status", "excuse"),
    "agenda": ("meeting", "title", "discussion"),
    "decisions": ("meeting", "text", "agenda", "responsible", "deadline", "vote"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "meetings": ("key", "body", "number", "date", "start", "title", "location"),
    "attendance": ("meeting", "person", "status"),
    "agenda": ("meeting", "title"),
    "decisions": ("meeting", "text"),
}
SHEET_NAMES = {
    "meetings": "جلسات",
    "attendance": "حضور و غیاب",
    "agenda": "دستور جلسه",
    "decisions": "مصوبات",
}
MAX_ROWS = 20000
YES = {"1", "true", "yes", "بله", "آری", "عمومی"}
NO = {"0", "false", "no", "خیر", "نه", "داخلی"}
# Attendance statuses by code or by their Persian label.
STATUS_WORDS = {
    **{code: code for code in Attendance.Status.values},
    **{normalize(str(label)): code for code, label in Attendance.Status.choices},
    normalize("حاضر"): Attendance.Status.PRESENT,
    normalize("غایب"): Attendance.Status.ABSENT,
    normalize("غیبت موجه"): Attendance.Status.EXCUSED,
    normalize("مدعو"): Attendance.Status.GUEST,
}
VOTE_WORDS = {
    **{code: code for code in Decision.VoteMethod.values},
    **{normalize(str(label)): code for code, label in Decision.VoteMethod.choices},
}


class ImportFileError(Exception):
    """The file cannot be read at all (not a workbook, no meetings sheet…)."""


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int  # as numbered in the spreadsheet (the header is row 1)
    column: str
    message: str

    def __str__(self) -> str:
        where = _("برگه «%(sheet)s»، ردیف %(row)s") % {
            "sheet": SHEET_NAMES.get(self.sheet, self.sheet),
            "row": localized_digits(self.row),
        }
        if self.column:
            where += _("، ستون «%(column)s»") % {"column": self.column}
        return f"{where}: {self.message}"


@dataclass
class PlannedMeeting:
    row: int
    key: str
    committee: Committee
    workgroup: Workgroup | None
    number: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    title: str
    location: str
    is_public: bool
    summary: str
    agenda: list[dict[str, Any]] = field(default_factory=list)  # title, discussion, row
    attendance: dict[int, dict[str, Any]] = field(default_factory=dict)
    decisions: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ImportReport:
    problems: list[Problem] = field(default_factory=list)
    meetings: list[PlannedMeeting] = field(default_factory=list)
    created: list[Meeting] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        return {
            "meetings": len(self.meetings),
            "attendance": sum(len(m.attendance) for m in self.meetings),
            "agenda": sum(len(m.agenda) for m in self.meetings),
            "decisions": sum(len(m.decisions) for m in self.meetings),
        }


# --- Reading ---------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows_from_table(table: Iterable[Iterable[Any]]) -> list[dict[str, str]]:
    rows = iter(table)
    header = [_cell(name).strip().lower() for name in next(rows, [])]
    records = []
    for number, values in enumerate(rows, start=2):
        cells = [_cell(v) for v in values]
        if not any(cells):
            continue
        record = {name: cells[i] if i < len(cells) else "" for i, name in enumerate(header)}
        record["__row__"] = str(number)
        records.append(record)
        if len(records) > MAX_ROWS:
            raise ImportFileError(_("هر برگه حداکثر ۲۰٬۰۰۰ ردیف می‌پذیرد."))
    return records


def read_sheets(path: Path) -> dict[str, list[dict[str, str]]]:
    """The file's sheets as lists of {column: text} (with ``__row__``)."""
    sheets: dict[str, list[dict[str, str]]] = {}
    if path.is_dir():
        for name in SHEETS:
            candidate = path / f"{name}.csv"
            if candidate.exists():
                text = candidate.read_bytes().decode("utf-8-sig", errors="strict")
                sheets[name] = _rows_from_table(csv.reader(io.StringIO(text)))
    elif path.suffix.lower() == ".csv":
        text = path.read_bytes().decode("utf-8-sig", errors="strict")
        sheets["meetings"] = _rows_from_table(csv.reader(io.StringIO(text)))
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            import openpyxl
        except ImportError:  # pragma: no cover - openpyxl is in requirements.txt
            raise ImportFileError(_("برای خواندن XLSX بسته openpyxl لازم است.")) from None
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception:
            raise ImportFileError(_("این پرونده کاربرگ XLSX خوانا نیست.")) from None
        for sheet in workbook.worksheets:
            name = sheet.title.strip().lower()
            if name in SHEETS:
                sheets[name] = _rows_from_table(sheet.iter_rows(values_only=True))
    else:
        raise ImportFileError(
            _("پرونده باید XLSX، CSV یا پوشه‌ای از پرونده‌های CSV باشد: %(name)s")
            % {"name": path.name}
        )
    if "meetings" not in sheets:
        raise ImportFileError(_("برگه «meetings» (جلسات) در پرونده نیست."))
    return sheets


# --- Checking --------------------------------------------------------------------------------


class _Checker:
    def __init__(self, committee: Committee):
        self.committee = committee
        self.problems: list[Problem] = []
        self.workgroups = {w.slug: w for w in committee.workgroups.all()}
        self.people_by_name: dict[str, list[Person]] = {}
        for person in Person.objects.select_related("organization"):
            self.people_by_name.setdefault(normalize(person.full_name), []).append(person)
        self.organizations = {normalize(o.name): o for o in Organization.objects.all()}

    def problem(self, sheet: str, row: Mapping[str, str], column: str, message) -> None:
        self.problems.append(Problem(sheet, int(row["__row__"]), column, str(message)))

    def required(self, sheet: str, row: Mapping[str, str]) -> bool:
        ok = True
        for column in REQUIRED[sheet]:
            if not row.get(column, "").strip():
                self.problem(sheet, row, column, _("این خانه خالی است."))
                ok = False
        return ok

    def day(self, sheet, row, column) -> datetime.date | None:
        text = row.get(column, "")
        try:
            if "/" in text or not text.isascii():
                return parse_jalali_date(text)
            return datetime.date.fromisoformat(text[:10])
        except (JalaliParseError, ValueError) as error:
            message = str(error) if isinstance(error, JalaliParseError) else None
            self.problem(
                sheet,
                row,
                column,
                message or _("تاریخ را به شکل ۱۳۹۷/۰۲/۱۵ یا 2018-05-05 بنویسید."),
            )
            return None

    def time(self, sheet, row, column) -> datetime.time | None:
        try:
            return parse_time(row.get(column, ""))
        except JalaliParseError as error:
            self.problem(sheet, row, column, str(error))
            return None

    def person(self, sheet, row, column) -> Person | None:
        text = row.get(column, "").strip()
        if text.isascii() and text.isdigit():
            person = Person.objects.filter(pk=int(text)).first()
            if person is None:
                self.problem(sheet, row, column, _("شخصی با شناسه %(id)s نیست.") % {"id": text})
            return person
        found = self.people_by_name.get(normalize(text), [])
        if not found:
            self.problem(
                sheet,
                row,
                column,
                _("شخصی به نام «%(name)s» ثبت نشده است؛ نخست او را بیفزایید.") % {"name": text},
            )
            return None
        if len(found) > 1:
            self.problem(
                sheet,
                row,
                column,
                _("چند شخص به نام «%(name)s» هست؛ شناسه او را بنویسید.") % {"name": text},
            )
            return None
        return found[0]


def check(committee: Committee, sheets: Mapping[str, list[dict[str, str]]]) -> ImportReport:
    """Every row checked; the plan of what would be created, and every problem."""
    checker = _Checker(committee)
    report = ImportReport()
    for name, rows in sheets.items():
        known = set(SHEETS[name])
        for column in rows[0] if rows else {}:
            if column != "__row__" and column not in known:
                checker.problems.append(
                    Problem(
                        name,
                        1,
                        column,
                        _("ستون ناشناخته است؛ ستون‌های این برگه: %(columns)s")
                        % {"columns": "، ".join(SHEETS[name])},
                    )
                )
    planned: dict[str, PlannedMeeting] = {}
    # Keys of meeting rows that have problems of their own: rows that refer to them are
    # checked for their own problems only (one mistake is reported once).
    faulty: set[str] = set()
    numbers: dict[tuple[int | None, int], int] = {}
    for row in sheets["meetings"]:
        key = row.get("key", "").strip()
        faulty.add(key)
        if not checker.required("meetings", row):
            continue
        if key in planned:
            checker.problem("meetings", row, "key", _("این کلید در ردیف دیگری هم آمده است."))
            continue
        body = row["body"].strip()
        workgroup = None
        if body not in ("committee", "کمیته"):
            workgroup = checker.workgroups.get(body)
            if workgroup is None:
                checker.problem(
                    "meetings",
                    row,
                    "body",
                    _("کارگروهی با نامک «%(slug)s» در این کمیته نیست (یا committee بنویسید).")
                    % {"slug": body},
                )
                continue
        number_text = row["number"].strip()
        number = int(number_text) if number_text.isascii() and number_text.isdigit() else 0
        if not 1 <= number <= 9999:
            checker.problem("meetings", row, "number", _("شماره جلسه عددی از ۱ تا ۹۹۹۹ است."))
        day = checker.day("meetings", row, "date")
        start = checker.time("meetings", row, "start")
        end = checker.time("meetings", row, "end") if row.get("end", "").strip() else None
        public_text = normalize(row.get("public", "")).lower()
        if public_text and public_text not in YES | NO:
            checker.problem("meetings", row, "public", _("«بله» یا «خیر» بنویسید."))
        if day is None or start is None or not 1 <= number <= 9999:
            continue
        starts_at = datetime.datetime.combine(day, start, tzinfo=TEHRAN)
        ends_at = datetime.datetime.combine(day, end, tzinfo=TEHRAN) if end else None
        year = jalali_year(day)
        body_key = (workgroup.pk if workgroup else None, year)
        if (body_key, number) in numbers:
            checker.problem(
                "meetings",
                row,
                "number",
                _("این شماره جلسه برای همین کارگروه و سال در ردیف %(row)s هم آمده است.")
                % {"row": localized_digits(numbers[(body_key, number)])},
            )
            continue
        numbers[(body_key, number)] = int(row["__row__"])
        faulty.discard(key)
        planned[key] = PlannedMeeting(
            row=int(row["__row__"]),
            key=key,
            committee=committee,
            workgroup=workgroup,
            number=number,
            starts_at=starts_at,
            ends_at=ends_at,
            title=row["title"].strip(),
            location=row["location"].strip(),
            is_public=public_text not in NO,
            summary=row.get("summary", "").strip(),
        )

    def meeting_of(sheet: str, row) -> PlannedMeeting | None:
        key = row["meeting"].strip()
        meeting = planned.get(key)
        if meeting is None and key not in faulty:
            checker.problem(
                sheet,
                row,
                "meeting",
                _("جلسه‌ای با کلید «%(key)s» در برگه جلسات نیست.") % {"key": key},
            )
        return meeting

    for row in sheets.get("agenda", []):
        if not checker.required("agenda", row) or (meeting := meeting_of("agenda", row)) is None:
            continue
        meeting.agenda.append(
            {
                "title": row["title"].strip(),
                "discussion": row.get("discussion", "").strip(),
                "row": int(row["__row__"]),
            }
        )
    for row in sheets.get("attendance", []):
        if not checker.required("attendance", row):
            continue
        meeting = meeting_of("attendance", row)
        person = checker.person("attendance", row, "person")
        status = STATUS_WORDS.get(normalize(row["status"]).lower())
        if status is None:
            checker.problem(
                "attendance",
                row,
                "status",
                _("وضعیت «%(value)s» شناخته نیست؛ حاضر، غایب، غیبت موجه، مدعو…")
                % {"value": row["status"]},
            )
        if meeting is None or person is None or status is None:
            continue
        if person.pk in meeting.attendance:
            checker.problem(
                "attendance", row, "person", _("حضور این شخص در این جلسه دو بار آمده است.")
            )
            continue
        meeting.attendance[person.pk] = {
            "status": status,
            "excuse": row.get("excuse", "").strip(),
            "row": int(row["__row__"]),
        }
    for row in sheets.get("decisions", []):
        if not checker.required("decisions", row):
            continue
        meeting = meeting_of("decisions", row)
        entry: dict[str, Any] = {"text": row["text"].strip(), "row": int(row["__row__"])}
        agenda_text = row.get("agenda", "").strip()
        if agenda_text:
            position = int(agenda_text) if agenda_text.isascii() and agenda_text.isdigit() else 0
            if meeting is not None and not 1 <= position <= len(meeting.agenda):
                checker.problem(
                    "decisions",
                    row,
                    "agenda",
                    _("ردیف بند در دستور همین جلسه را بنویسید (۱ تا %(count)s).")
                    % {"count": localized_digits(len(meeting.agenda))},
                )
            entry["agenda"] = position
        responsible = row.get("responsible", "").strip()
        if responsible:
            organization = checker.organizations.get(normalize(responsible))
            if organization is None:
                checker.problem(
                    "decisions",
                    row,
                    "responsible",
                    _("سازمانی به نام «%(name)s» ثبت نشده است.") % {"name": responsible},
                )
            entry["responsible_organization"] = organization
        if row.get("deadline", "").strip():
            entry["deadline"] = checker.day("decisions", row, "deadline")
        vote = row.get("vote", "").strip()
        if vote:
            method = VOTE_WORDS.get(normalize(vote).lower())
            if method is None or method == Decision.VoteMethod.VOTE:
                checker.problem(
                    "decisions",
                    row,
                    "vote",
                    _(
                        "«با اجماع» یا «به اتفاق آرا» بنویسید (رأی‌گیری با شمار آرا را "
                        "در صفحه جلسه ثبت کنید)."
                    ),
                )
            entry["vote_method"] = method or ""
        if meeting is not None:
            meeting.decisions.append(entry)
    report.problems = checker.problems
    report.meetings = list(planned.values())
    return report


# --- Writing ---------------------------------------------------------------------------------


class _RollBack(Exception):
    pass


def _write_meeting(actor, plan: PlannedMeeting) -> Meeting:
    meeting = services.register_past_meeting(
        actor,
        committee=plan.committee,
        workgroup=plan.workgroup,
        number=plan.number,
        title=plan.title,
        starts_at=plan.starts_at,
        ends_at=plan.ends_at,
        location=plan.location,
        is_public=plan.is_public,
        agenda=[{"title": item["title"]} for item in plan.agenda],
    )
    items = list(meeting.agenda_items.order_by("order", "pk"))
    discussions = {
        item.pk: {"discussion": entry["discussion"]}
        for item, entry in zip(items, plan.agenda, strict=True)
        if entry["discussion"]
    }
    services.record_meeting(
        actor,
        meeting,
        expected_version=None,
        attendance={
            pid: {"status": e["status"], "excuse": e["excuse"]}
            for pid, e in plan.attendance.items()
        },
        items=discussions or None,
        summary=plan.summary or None,
    )
    for entry in plan.decisions:
        fields = {
            k: entry[k]
            for k in ("text", "responsible_organization", "deadline", "vote_method")
            if entry.get(k) is not None
        }
        if entry.get("agenda"):
            fields["agenda_item"] = items[entry["agenda"] - 1]
        services.add_decision(actor, meeting, expected_version=None, **fields)
    return meeting


def import_minutes(
    actor, committee: Committee, path: Path, *, dry_run: bool = False
) -> ImportReport:
    """Check the file and, when it has no problem (and this is no dry run), write it in one
    transaction. A refusal by a service is reported on its meeting's row and rolls
    everything back."""
    report = check(committee, read_sheets(path))
    if not report.ok:
        return report
    try:
        with transaction.atomic():
            for plan in report.meetings:
                try:
                    with transaction.atomic():
                        report.created.append(_write_meeting(actor, plan))
                except ServiceError as error:
                    column = {"number": "number", "starts_at": "date", "ends_at": "end"}.get(
                        error.field or "", ""
                    )
                    report.problems.append(Problem("meetings", plan.row, column, error.message))
            if report.problems or dry_run:
                raise _RollBack
    except _RollBack:
        report.created = []
        return report
    report.written = True
    return report


# --- Uploads (the secretariat's page and the API) ---------------------------------------------

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
UPLOAD_SUFFIXES = (".xlsx", ".xlsm", ".csv")

EXAMPLE_ROWS: dict[str, list[tuple[str, ...]]] = {
    "meetings": [
        (
            "m1",
            "committee",
            "7",
            "1397/02/15",
            "10:00",
            "12:00",
            "جلسه بررسی آب‌گرفتگی معابر",
            "سالن جلسات شهرداری",
            "بله",
            "گزارش‌ها ارائه شد.",
        )
    ],
    "attendance": [("m1", "نام و نام خانوادگی یک عضو", "حاضر", "")],
    "agenda": [("m1", "گزارش آب‌گرفتگی معابر", "۸۰ درصد کار انجام شد.")],
    "decisions": [("m1", "طرح جمع‌آوری آب‌های سطحی اجرا شود.", "1", "", "1397/06/31", "با اجماع")],
}


def template_workbook() -> bytes:
    """An XLSX to fill in: the four sheets with their columns and one example row each
    (docs/import.md describes them); the example's names must be replaced by real ones."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, columns in SHEETS.items():
        sheet = workbook.create_sheet(name)
        sheet.sheet_view.rightToLeft = True
        sheet.append(list(columns))
        for row in EXAMPLE_ROWS[name]:
            sheet.append(list(row))
        for letter, _column in zip("ABCDEFGHIJ", columns, strict=False):
            sheet.column_dimensions[letter].width = 22
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_upload(actor, committee: Committee, upload, *, dry_run: bool = False) -> ImportReport:
    """:func:`import_minutes` for an uploaded file (a Django ``UploadedFile``): an XLSX
    workbook or a meetings CSV, up to 10 MB. Raises :class:`ImportFileError` with a Persian
    message when the file cannot be read."""
    import tempfile

    name = getattr(upload, "name", "") or ""
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise ImportFileError(_("پرونده باید XLSX یا CSV باشد."))
    if upload.size > MAX_UPLOAD_BYTES:
        raise ImportFileError(_("پرونده بیش از ۱۰ مگابایت است."))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        with path.open("wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
        try:
            return import_minutes(actor, committee, path, dry_run=dry_run)
        except UnicodeDecodeError:
            raise ImportFileError(_("پرونده CSV باید با UTF-8 ذخیره شده باشد.")) from None


def report_data(report: ImportReport, *, dry_run: bool) -> dict[str, Any]:
    """The report as plain data (the API's answer, the page's context)."""
    return {
        "dry_run": dry_run,
        "written": report.written,
        "counts": report.counts(),
        "problems": [
            {
                "sheet": p.sheet,
                "sheet_name": SHEET_NAMES.get(p.sheet, p.sheet),
                "row": p.row,
                "column": p.column,
                "message": str(p.message),
                "text": str(p),
            }
            for p in report.problems
        ],
        "meetings": [
            {
                "key": plan.key,
                "number": plan.number,
                "title": plan.title,
                "body": plan.workgroup.name if plan.workgroup else plan.committee.name,
                "starts_at": plan.starts_at,
                "agenda": len(plan.agenda),
                "attendance": len(plan.attendance),
                "decisions": len(plan.decisions),
            }
            for plan in report.meetings
        ],
        "created": [meeting.pk for meeting in report.created],
    }
