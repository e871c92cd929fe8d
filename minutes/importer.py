"""Importing a committee's past from a spreadsheet: meetings held before the tool, with
their attendance, agenda and decisions (``manage.py import_minutes``; docs/import.md).

The file is an XLSX workbook with the sheets ``meetings``, ``attendance``, ``agenda`` and
``decisions``, or a folder of CSV files of the same names (``meetings.csv``…; UTF-8, with
or without a byte-order mark). Only ``meetings`` is required. The first row of each sheet
names its columns (English names, below); every other row is one record.

Or it is a JSON document in the API's own shapes, ``{"meetings": [{..., "attendance":
[...], "agenda": [{..., "decisions": [...]}], "decisions": [...]}]}``: it is turned into
the same rows (:func:`read_json`), each remembering where in the document it came from, so
that the same checks and the same writing apply and a problem is reported at its place
(``meetings[3].agenda[1].decisions[0].deadline``). Which of the formats a file is, is
decided by its content.

Optionally the imported minutes are then published (``publish=True``), after the import's
transaction has committed: each meeting's minutes are submitted, approved and published
through the services, whose rules (minutes.policy) decide who may; a meeting whose
publication is refused stays imported as a draft and the report says why.

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
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from committee.models import Committee, Organization, Person
from minutes import notices, services
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
        "secretary",
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
MAX_FILE_BYTES = 10 * 1024 * 1024
# The deepest a document of the JSON format goes is 7 ({"meetings": [{"agenda": [{
# "decisions": [{...}]}]}]}, with objects of the read shapes one level more).
MAX_JSON_DEPTH = 10
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
    row: int  # as numbered in the spreadsheet (the header is row 1); in JSON, the position
    column: str  # in JSON, the field's name
    message: str
    location: str = ""  # in a JSON document: meetings[3].agenda[1].decisions[0].deadline

    def __str__(self) -> str:
        if self.location:
            return _("در «%(location)s»: %(message)s") % {
                "location": self.location,
                "message": self.message,
            }
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
    secretary: Person | None = None
    # In a JSON document: the meeting's place and its fields' ({column: (field, place)}).
    where: dict[str, tuple[str, str]] = field(default_factory=dict)
    agenda: list[dict[str, Any]] = field(default_factory=list)  # title, discussion, row
    attendance: dict[int, dict[str, Any]] = field(default_factory=dict)
    decisions: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ImportReport:
    problems: list[Problem] = field(default_factory=list)
    meetings: list[PlannedMeeting] = field(default_factory=list)
    created: list[Meeting] = field(default_factory=list)
    written: bool = False
    source: str = "sheets"  # or "json"
    published: list[Meeting] = field(default_factory=list)
    # Meetings whose publication was refused: (plan, meeting, the service's message).
    unpublished: list[tuple[PlannedMeeting, Meeting, str]] = field(default_factory=list)

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


class SheetData(dict):
    """The file's sheets as lists of rows ({column: text}, with ``__row__``), and the
    problems found while reading them (a JSON document's values of the wrong type)."""

    def __init__(self, *args, source: str = "sheets", **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        self.problems: list[Problem] = []


def file_kind(head: bytes, name: str) -> str | None:
    """``xlsx``, ``json`` or ``csv`` from a file's first bytes (its name only breaks the tie
    between a CSV and an unreadable file); None when it is none of them."""
    suffix = Path(name).suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text[:1] in (b"{", b"[") or suffix == ".json":
        return "json"
    if suffix == ".csv":
        return "csv"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"  # not a zip: refused as an unreadable workbook
    return None


def read_sheets(path: Path) -> SheetData:
    """The file's sheets as lists of {column: text} (with ``__row__``)."""
    sheets = SheetData()
    if path.is_dir():
        for name in SHEETS:
            candidate = path / f"{name}.csv"
            if candidate.exists():
                text = candidate.read_bytes().decode("utf-8-sig", errors="strict")
                sheets[name] = _rows_from_table(csv.reader(io.StringIO(text)))
        if "meetings" not in sheets:
            raise ImportFileError(_("برگه «meetings» (جلسات) در پرونده نیست."))
        return sheets
    with path.open("rb") as handle:
        head = handle.read(4096)
    kind = file_kind(head, path.name)
    if kind == "json":
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ImportFileError(_("پرونده بیش از ۱۰ مگابایت است."))
        return read_json(path.read_bytes())
    if kind == "csv":
        text = path.read_bytes().decode("utf-8-sig", errors="strict")
        sheets["meetings"] = _rows_from_table(csv.reader(io.StringIO(text)))
    elif kind == "xlsx":
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
            _("پرونده باید XLSX، CSV، JSON یا پوشه‌ای از پرونده‌های CSV باشد: %(name)s")
            % {"name": path.name}
        )
    if "meetings" not in sheets:
        raise ImportFileError(_("برگه «meetings» (جلسات) در پرونده نیست."))
    return sheets


# --- The JSON of the API's shapes ---------------------------------------------------------------

# The fields of each object, as the API's write serializers name them (and, where the read
# shapes name them otherwise, those names too), with the column of the sheet they fill.
JSON_MEETING = {
    "committee": None,
    "workgroup": "body",
    "number": "number",
    "title": "title",
    "starts_at": "date",
    "ends_at": "end",
    "location": "location",
    "is_public": "public",
    "summary": "summary",
    "secretary": "secretary",
    "secretary_person": "secretary",
    "attendance": None,
    "agenda": None,
    "decisions": None,
}
JSON_ATTENDANCE = {"person": "person", "status": "status", "excuse": "excuse"}
JSON_AGENDA = {"title": "title", "discussion": "discussion", "decisions": None}
JSON_DECISION = {
    "text": "text",
    "responsible_organization": "responsible",
    "deadline": "deadline",
    "vote_method": "vote",
}


def _depth(document: Any) -> int:
    deepest, stack = 0, [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            if depth > MAX_JSON_DEPTH:
                return depth
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return deepest


def _parse_moment(text: str) -> datetime.datetime | None:
    try:
        moment = datetime.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=TEHRAN)
    return moment.astimezone(TEHRAN)


class _JsonReader:
    """Turns the document into the sheets' rows; a value of the wrong type is reported
    here, at its place, and its column is left empty and marked, so the checks that
    follow do not report it again."""

    def __init__(self) -> None:
        self.sheets = SheetData({name: [] for name in SHEETS}, source="json")

    def problem(self, sheet: str, row: int, name: str, place: str, message) -> None:
        self.sheets.problems.append(Problem(sheet, row, name, str(message), location=place))

    def row(self, sheet: str, place: str) -> dict[str, Any]:
        rows = self.sheets[sheet]
        if len(rows) >= MAX_ROWS:
            raise ImportFileError(_("هر فهرست حداکثر ۲۰٬۰۰۰ مورد می‌پذیرد."))
        record: dict[str, Any] = {"__row__": str(len(rows) + 1), "__place__": place}
        record["__where__"] = {}
        record["__bad__"] = set()
        rows.append(record)
        return record

    def fields(
        self, sheet: str, record: dict[str, Any], obj: Any, known: Mapping[str, str | None]
    ) -> dict[str, Any]:
        place = record["__place__"]
        if not isinstance(obj, dict):
            self.problem(sheet, int(record["__row__"]), "", place, _("باید یک شیء JSON باشد."))
            record["__bad__"].add("*")
            return {}
        for name in obj:
            if name not in known:
                self.problem(
                    sheet,
                    int(record["__row__"]),
                    str(name),
                    f"{place}.{name}",
                    _("این فیلد شناخته نیست؛ فیلدها: %(fields)s") % {"fields": "، ".join(known)},
                )
        for name, column in known.items():
            if column is not None:
                record["__where__"].setdefault(column, (name, f"{place}.{name}"))
                record.setdefault(column, "")
        return obj

    def put(self, sheet, record, column: str, name: str, value: Any, kind: str) -> None:
        """Set ``column`` from the field ``name``'s JSON value, of the given kind."""
        place = f"{record['__place__']}.{name}"
        record["__where__"][column] = (name, place)
        if value is None:
            record[column] = ""
            return
        text: str | None = None
        if kind == "text" and isinstance(value, str):
            text = value
        elif kind == "integer" and isinstance(value, int) and not isinstance(value, bool):
            text = str(value)
        elif kind == "integer" and isinstance(value, str) and value.strip().isdigit():
            text = value.strip()
        elif kind == "boolean" and isinstance(value, bool):
            text = "true" if value else "false"
        elif kind == "reference":
            if isinstance(value, dict):
                value = value.get("id")
            if isinstance(value, int) and not isinstance(value, bool):
                text = str(value)
            elif isinstance(value, str):
                text = value
        messages = {
            "text": _("باید متن باشد."),
            "integer": _("باید عدد صحیح باشد."),
            "boolean": _("باید true یا false باشد."),
            "reference": _("شناسه (عدد)، نام، یا شیئی با «id» بنویسید."),
        }
        if text is not None and ("\x00" in text or not _encodable(text)):
            self.problem(sheet, int(record["__row__"]), name, place, _("نویسه نامعتبر دارد."))
            text = None
        elif text is None:
            self.problem(sheet, int(record["__row__"]), name, place, messages[kind])
        if text is None:
            record[column] = ""
            record["__bad__"].add(column)
        else:
            record[column] = text.strip()

    def read(self, document: Any, committee_hint: str = "") -> SheetData:
        if not isinstance(document, dict) or not isinstance(document.get("meetings"), list):
            raise ImportFileError(
                _('سند JSON باید یک شیء با فهرست «meetings» باشد: {"meetings": [{…}, …]}')
            )
        for name in document:
            if name != "meetings":
                self.problem(
                    "meetings", 0, str(name), str(name), _("این فیلد شناخته نیست؛ فقط meetings.")
                )
        for index, obj in enumerate(document["meetings"]):
            self.meeting(index, obj)
        return self.sheets

    def meeting(self, index: int, obj: Any) -> None:
        place = f"meetings[{index}]"
        record = self.row("meetings", place)
        record["key"] = place
        obj = self.fields("meetings", record, obj, JSON_MEETING)
        if not obj:
            record["__bad__"].update(SHEETS["meetings"])
            return
        if "committee" in obj:
            record["__committee__"] = obj["committee"]
        workgroup = obj.get("workgroup")
        self.put("meetings", record, "body", "workgroup", workgroup, "reference")
        if workgroup is None and "body" not in record["__bad__"]:
            record["body"] = "committee"
        self.put("meetings", record, "number", "number", obj.get("number"), "integer")
        for column, name in (("title", "title"), ("location", "location"), ("summary", "summary")):
            self.put("meetings", record, column, name, obj.get(name), "text")
        self.put("meetings", record, "public", "is_public", obj.get("is_public"), "boolean")
        secretary = "secretary_person" if "secretary_person" in obj else "secretary"
        self.put("meetings", record, "secretary", secretary, obj.get(secretary), "reference")
        self.moments(record, obj)
        for key, handler in (
            ("attendance", self.attendance),
            ("agenda", self.agenda_item),
            ("decisions", self.decision),
        ):
            items = obj.get(key)
            if items is None:
                continue
            if not isinstance(items, list):
                self.problem(
                    "meetings",
                    index + 1,
                    key,
                    f"{place}.{key}",
                    _("باید فهرست (آرایه JSON) باشد."),
                )
                continue
            for position, item in enumerate(items):
                handler(place, f"{place}.{key}[{position}]", item)

    def moments(self, record: dict[str, Any], obj: dict[str, Any]) -> None:
        """``starts_at`` and ``ends_at`` (ISO 8601, as the API) into the date, start and end
        columns, in Tehran time."""
        row = int(record["__row__"])
        place = record["__place__"]
        for column in ("date", "start"):
            record["__where__"][column] = ("starts_at", f"{place}.starts_at")
        record["__where__"]["end"] = ("ends_at", f"{place}.ends_at")
        record["date"] = record["start"] = record["end"] = ""
        starts = obj.get("starts_at")
        start = None
        if starts is not None:
            start = _parse_moment(starts) if isinstance(starts, str) else None
            if start is None:
                self.problem(
                    "meetings",
                    row,
                    "starts_at",
                    f"{place}.starts_at",
                    _("زمان را به شکل ISO 8601 بنویسید، مانند 2018-05-05T10:00:00+04:30."),
                )
                record["__bad__"].update({"date", "start"})
            else:
                record["date"] = start.date().isoformat()
                record["start"] = start.strftime("%H:%M")
        ends = obj.get("ends_at")
        if ends is not None:
            end = _parse_moment(ends) if isinstance(ends, str) else None
            if end is None or (start is not None and end.date() != start.date()):
                self.problem(
                    "meetings",
                    row,
                    "ends_at",
                    f"{place}.ends_at",
                    _("زمان را به شکل ISO 8601 بنویسید، مانند 2018-05-05T10:00:00+04:30.")
                    if end is None
                    else _("پایان جلسه باید در همان روز آغاز آن باشد."),
                )
                record["__bad__"].add("end")
            else:
                record["end"] = end.strftime("%H:%M")

    def attendance(self, meeting: str, place: str, obj: Any) -> None:
        record = self.row("attendance", place)
        record["meeting"] = meeting
        obj = self.fields("attendance", record, obj, JSON_ATTENDANCE)
        if not obj:
            return
        self.put("attendance", record, "person", "person", obj.get("person"), "reference")
        self.put("attendance", record, "status", "status", obj.get("status"), "text")
        self.put("attendance", record, "excuse", "excuse", obj.get("excuse"), "text")

    def agenda_item(self, meeting: str, place: str, obj: Any) -> None:
        record = self.row("agenda", place)
        record["meeting"] = meeting
        obj = self.fields("agenda", record, obj, JSON_AGENDA)
        if not obj:
            return
        self.put("agenda", record, "title", "title", obj.get("title"), "text")
        self.put("agenda", record, "discussion", "discussion", obj.get("discussion"), "text")
        position = sum(1 for row in self.sheets["agenda"] if row["meeting"] == meeting)
        decisions = obj.get("decisions")
        if decisions is None:
            return
        if not isinstance(decisions, list):
            self.problem(
                "agenda",
                int(record["__row__"]),
                "decisions",
                f"{place}.decisions",
                _("باید فهرست (آرایه JSON) باشد."),
            )
            return
        for index, decision in enumerate(decisions):
            self.decision(meeting, f"{place}.decisions[{index}]", decision, agenda=position)

    def decision(self, meeting: str, place: str, obj: Any, agenda: int | None = None) -> None:
        record = self.row("decisions", place)
        record["meeting"] = meeting
        record["agenda"] = str(agenda) if agenda else ""
        # The item's position is the document's own nesting, never a mistake of its own: an
        # item refused for its own problem is reported there once.
        record["__bad__"].add("agenda")
        obj = self.fields("decisions", record, obj, JSON_DECISION)
        if not obj:
            return
        self.put("decisions", record, "text", "text", obj.get("text"), "text")
        self.put(
            "decisions",
            record,
            "responsible",
            "responsible_organization",
            obj.get("responsible_organization"),
            "reference",
        )
        self.put("decisions", record, "deadline", "deadline", obj.get("deadline"), "text")
        self.put("decisions", record, "vote", "vote_method", obj.get("vote_method"), "text")


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (\\ud800)
        return False
    return True


def read_json(raw: bytes) -> SheetData:
    """A JSON document of the API's shapes (docs/import.md) as the sheets' rows. Raises
    :class:`ImportFileError` with a Persian message when it cannot be read: not UTF-8, a
    syntax error (with its line and column), too deep, too big, not ``{"meetings": […]}``."""
    if len(raw) > MAX_FILE_BYTES:
        raise ImportFileError(_("پرونده بیش از ۱۰ مگابایت است."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(_("سند JSON باید با UTF-8 نوشته شده باشد.")) from None

    def constant(name: str) -> Any:
        raise ValueError(name)

    try:
        document = json.loads(text, parse_constant=constant)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            _("سند JSON خوانا نیست: سطر %(line)s، ستون %(column)s (%(reason)s).")
            % {
                "line": localized_digits(error.lineno),
                "column": localized_digits(error.colno),
                "reason": error.msg,
            }
        ) from None
    except RecursionError:
        raise ImportFileError(_("سند JSON بیش از اندازه تودرتو است.")) from None
    except ValueError:  # NaN, Infinity, or a number of thousands of digits
        raise ImportFileError(
            _("سند JSON عدد نامعتبری دارد (NaN، Infinity یا بسیار بلند).")
        ) from None
    if _depth(document) > MAX_JSON_DEPTH:
        raise ImportFileError(_("سند JSON بیش از اندازه تودرتو است."))
    return _JsonReader().read(document)


# --- Checking --------------------------------------------------------------------------------


class _Checker:
    def __init__(self, committee: Committee):
        self.committee = committee
        self.problems: list[Problem] = []
        self.workgroups = {w.slug: w for w in committee.workgroups.all()}
        self.workgroups_by_id = {str(w.pk): w for w in self.workgroups.values()}
        self.people_by_name: dict[str, list[Person]] = {}
        for person in Person.objects.select_related("organization"):
            self.people_by_name.setdefault(normalize(person.full_name), []).append(person)
        self.organizations = {normalize(o.name): o for o in Organization.objects.all()}
        self.seen: set[tuple[str, str]] = set()

    def problem(self, sheet: str, row: Mapping[str, Any], column: str, message) -> None:
        bad = row.get("__bad__", ())
        if column in bad or "*" in bad:
            return  # reported already, by the reader of the JSON document
        where = row.get("__where__")
        if where is None:
            self.problems.append(Problem(sheet, int(row["__row__"]), column, str(message)))
            return
        name, place = where.get(column, ("", row["__place__"]))
        if (place, str(message)) in self.seen:
            return  # the date and the start are both starts_at
        self.seen.add((place, str(message)))
        self.problems.append(
            Problem(sheet, int(row["__row__"]), name, str(message), location=place)
        )

    @staticmethod
    def place(row: Mapping[str, Any]) -> str:
        """How a message names another row: its number, or its place in the document."""
        return row.get("__place__") or localized_digits(row["__row__"])

    def required(self, sheet: str, row: Mapping[str, Any]) -> bool:
        ok = True
        empty = _("این فیلد لازم است.") if "__where__" in row else _("این خانه خالی است.")
        for column in REQUIRED[sheet]:
            if not row.get(column, "").strip():
                self.problem(sheet, row, column, empty)
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
            person = Person.objects.filter(pk=int(text)).first() if _an_id(text) else None
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


def _an_id(text: str) -> bool:
    """Digits that may be a row's id (the databases' bigint): longer ones match nothing."""
    return int(text) <= 2**63 - 1


def _is_committee(value: Any, committee: Committee) -> bool:
    """A meeting's ``committee`` in a JSON document names the import's own: its id, its
    slug, or an object with its id (a read shape)."""
    if isinstance(value, dict):
        value = value.get("id")
    if value is None:
        return True
    if isinstance(value, int) and not isinstance(value, bool):
        return value == committee.pk
    return isinstance(value, str) and value.strip() in (str(committee.pk), committee.slug)


def check(committee: Committee, sheets: Mapping[str, list[dict[str, str]]]) -> ImportReport:
    """Every row checked; the plan of what would be created, and every problem."""
    checker = _Checker(committee)
    checker.problems.extend(getattr(sheets, "problems", ()))
    report = ImportReport(source=getattr(sheets, "source", "sheets"))
    for name, rows in sheets.items():
        known = set(SHEETS[name])
        for column in rows[0] if rows else {}:
            if not column.startswith("__") and column not in known:
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
    numbers: dict[tuple[tuple[int | None, int], int], Mapping[str, Any]] = {}
    for row in sheets["meetings"]:
        key = row.get("key", "").strip()
        faulty.add(key)
        if not checker.required("meetings", row):
            continue
        if key in planned:
            checker.problem("meetings", row, "key", _("این کلید در ردیف دیگری هم آمده است."))
            continue
        if "__committee__" in row and not _is_committee(row["__committee__"], committee):
            checker.problem(
                "meetings",
                {**row, "__where__": {"": ("committee", f"{row['__place__']}.committee")}},
                "",
                _("این جلسه از کمیته دیگری است؛ پرونده برای «%(name)s» وارد می‌شود.")
                % {"name": committee.name},
            )
            continue
        body = row["body"].strip()
        workgroup = None
        if body not in ("committee", "کمیته"):
            workgroup = checker.workgroups.get(body) or checker.workgroups_by_id.get(body)
            if workgroup is None:
                checker.problem(
                    "meetings",
                    row,
                    "body",
                    _("کارگروهی با نامک «%(slug)s» در این کمیته نیست (یا committee بنویسید).")
                    % {"slug": body}
                    if "__where__" not in row
                    else _("کارگروهی با شناسه یا نامک «%(slug)s» در این کمیته نیست.")
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
        secretary = None
        if row.get("secretary", "").strip():
            secretary = checker.person("meetings", row, "secretary")
            if secretary is None:
                continue
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
                % {"row": checker.place(numbers[(body_key, number)])}
                if "__where__" not in row
                else _("این شماره جلسه برای همین کارگروه و سال در %(row)s هم آمده است.")
                % {"row": checker.place(numbers[(body_key, number)])},
            )
            continue
        numbers[(body_key, number)] = row
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
            secretary=secretary,
            where={"": ("", row["__place__"]), **row["__where__"]} if "__where__" in row else {},
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
            if responsible.isascii() and responsible.isdigit():
                organization = (
                    Organization.objects.filter(pk=int(responsible)).first()
                    if _an_id(responsible)
                    else None
                )
            else:
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
        secretary_person=plan.secretary,
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


def _service_problem(plan: PlannedMeeting, error: ServiceError) -> Problem:
    column = {
        "number": "number",
        "starts_at": "date",
        "ends_at": "end",
        "location": "location",
        "secretary_person": "secretary",
    }.get(error.field or "", "")
    if plan.where:
        name, place = plan.where.get(column, plan.where[""])
        return Problem("meetings", plan.row, name, error.message, location=place)
    return Problem("meetings", plan.row, column, error.message)


def publish_imported(actor, meeting: Meeting) -> str | None:
    """Submit, approve and publish an imported meeting's minutes through the services, as
    if done by hand by ``actor`` (minutes.policy decides at every step): None once
    published (its PDF is queued when this commits), or the refusal's message, the minutes
    then left as they were (a draft)."""
    minutes = meeting.latest_minutes()
    if minutes is None:
        return _("صورتجلسه‌ای ندارد.")
    try:
        with transaction.atomic():
            minutes = services.submit_minutes(actor, minutes)
            minutes = services.approve_minutes(actor, minutes)
            services.publish_minutes(actor, minutes)
    except ServiceError as error:
        return str(error.message)
    return None


def import_minutes(
    actor, committee: Committee, path: Path, *, dry_run: bool = False, publish: bool = False
) -> ImportReport:
    """Check the file and, when it has no problem (and this is no dry run), write it in one
    transaction. A refusal by a service is reported on its meeting's row and rolls
    everything back. With ``publish``, once that transaction has committed, each meeting's
    minutes are published (:func:`publish_imported`); a refusal leaves that meeting a
    draft and is reported in ``unpublished``."""
    return import_sheets(actor, committee, read_sheets(path), dry_run=dry_run, publish=publish)


def import_sheets(
    actor,
    committee: Committee,
    sheets: Mapping[str, list[dict[str, Any]]],
    *,
    dry_run: bool = False,
    publish: bool = False,
) -> ImportReport:
    """:func:`import_minutes` of sheets already read (:func:`read_sheets`, :func:`read_json`)."""
    report = check(committee, sheets)
    if not report.ok:
        return report
    # The past is recorded, not announced: the people named in it get their dashboard
    # entries (responsible for a decision, minutes published) but no email about a meeting
    # held years ago, as the demo loader records its past.
    with notices.without_email():
        return _write_and_publish(actor, report, dry_run=dry_run, publish=publish)


def _write_and_publish(actor, report: ImportReport, *, dry_run: bool, publish: bool):
    try:
        with transaction.atomic():
            for plan in report.meetings:
                try:
                    with transaction.atomic():
                        report.created.append(_write_meeting(actor, plan))
                except ServiceError as error:
                    report.problems.append(_service_problem(plan, error))
            if report.problems or dry_run:
                raise _RollBack
    except _RollBack:
        report.created = []
        return report
    report.written = True
    if publish:
        for plan, meeting in zip(report.meetings, report.created, strict=True):
            refusal = publish_imported(actor, meeting)
            if refusal is None:
                report.published.append(meeting)
            else:
                report.unpublished.append((plan, meeting, refusal))
    return report


# --- Uploads (the secretariat's page and the API) ---------------------------------------------

MAX_UPLOAD_BYTES = MAX_FILE_BYTES

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


def example_document() -> dict[str, Any]:
    """The JSON format's example (docs/import-example.json, downloadable from the page):
    the template workbook's example, in the API's shapes."""
    return {
        "meetings": [
            {
                "workgroup": None,
                "number": 7,
                "starts_at": "2018-05-05T10:00:00+04:30",
                "ends_at": "2018-05-05T12:00:00+04:30",
                "title": "جلسه بررسی آب‌گرفتگی معابر",
                "location": "سالن جلسات شهرداری",
                "is_public": True,
                "secretary": "نام و نام خانوادگی دبیر جلسه",
                "summary": "گزارش‌ها ارائه شد.",
                "attendance": [
                    {"person": "نام و نام خانوادگی یک عضو", "status": "present"},
                    {
                        "person": "نام و نام خانوادگی عضو دیگر",
                        "status": "excused",
                        "excuse": "بیماری",
                    },
                ],
                "agenda": [
                    {
                        "title": "گزارش آب‌گرفتگی معابر",
                        "discussion": "۸۰ درصد کار انجام شد.",
                        "decisions": [
                            {
                                "text": "طرح جمع‌آوری آب‌های سطحی اجرا شود.",
                                "responsible_organization": "نام سازمان مسئول",
                                "deadline": "2018-09-22",
                                "vote_method": "consensus",
                            }
                        ],
                    }
                ],
                "decisions": [],
            }
        ]
    }


def example_json() -> bytes:
    return (json.dumps(example_document(), ensure_ascii=False, indent=2) + "\n").encode()


def import_upload(
    actor, committee: Committee, upload, *, dry_run: bool = False, publish: bool = False
) -> ImportReport:
    """:func:`import_minutes` for an uploaded file (a Django ``UploadedFile``): an XLSX
    workbook, a meetings CSV or a JSON document, told apart by their content, up to 10 MB.
    Raises :class:`ImportFileError` with a Persian message when the file cannot be read."""
    import tempfile

    name = getattr(upload, "name", "") or ""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ImportFileError(_("پرونده بیش از ۱۰ مگابایت است."))
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    kind = file_kind(head, name)
    if kind is None:
        raise ImportFileError(_("پرونده باید XLSX، CSV یا JSON باشد."))
    if kind == "json":
        sheets = read_json(upload.read())
        return import_sheets(actor, committee, sheets, dry_run=dry_run, publish=publish)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload.{kind}"
        with path.open("wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
        try:
            return import_minutes(actor, committee, path, dry_run=dry_run, publish=publish)
        except UnicodeDecodeError:
            raise ImportFileError(_("پرونده CSV باید با UTF-8 ذخیره شده باشد.")) from None


def report_data(report: ImportReport, *, dry_run: bool) -> dict[str, Any]:
    """The report as plain data (the API's answer, the page's context)."""
    return {
        "dry_run": dry_run,
        "source": report.source,
        "written": report.written,
        "counts": report.counts(),
        "problems": [
            {
                "sheet": p.sheet,
                "sheet_name": SHEET_NAMES.get(p.sheet, p.sheet),
                "row": p.row,
                "column": p.column,
                "message": str(p.message),
                "location": p.location,
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
        "published": [meeting.pk for meeting in report.published],
        "unpublished": [
            {
                "key": plan.key,
                "id": meeting.pk,
                "title": meeting.title,
                "message": message,
                "text": _("«%(title)s» (%(key)s) منتشر نشد: %(message)s")
                % {"title": meeting.title, "key": plan.key, "message": message},
            }
            for plan, meeting, message in report.unpublished
        ],
    }
