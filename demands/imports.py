"""Importing another channel's counts of requests: the 137 contact centre's monthly export
(docs/demands.md, «شمار درخواست‌های سامانه ۱۳۷»), from the secretariat's page or
``manage.py import_137_counts``.

The file is CSV (UTF-8 with or without a byte-order mark, or the Windows-1256 that Excel
writes on a Persian Windows; comma, semicolon or tab between cells). Its first row names
the columns, in Persian or English, in any order; other columns are ignored:

======================  ============  ==================================================
column                  English       what
======================  ============  ==================================================
ماه                     month         the Jalali month: ۱۴۰۵/۰۲, 1405-2 or «اردیبهشت ۱۴۰۵»
موضوع                   topic         a topic of the committee's list, as it is written
منطقه                   district      a district of the list, by its name or its number
تعداد درخواست           requests      how many requests: a whole number, ۰ or more
======================  ============  ==================================================

The whole file is read and checked first; every problem is reported with its row (the
header is row 1) and column, in Persian. Only a file without problems is written, in one
transaction. One row per topic, district and month: a month imported again replaces its
counts (the centre corrects its figures), it never adds to them.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import re
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committee import audit
from committee.models import Committee
from demands.models import District, ImportBatch, ImportedCount, Topic
from minutes import policy
from minutes.errors import NotAllowed
from persian.digits import localized_digits, to_latin_digits
from persian.jalali import MONTH_NAMES, MONTH_NAMES_LATIN, is_english, to_jalali
from persian.text import normalize

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20000
MAX_REQUESTS = 10_000_000

# (key, Persian header, English header): the order of the template.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("month", "ماه", "month"),
    ("topic", "موضوع", "topic"),
    ("district", "منطقه", "district"),
    ("requests", "تعداد درخواست", "requests"),
)
COLUMN_LABELS = {
    "month": gettext_lazy("ماه"),
    "topic": gettext_lazy("موضوع"),
    "district": gettext_lazy("منطقه"),
    "requests": gettext_lazy("تعداد درخواست"),
}
# Other ways the centre's software or a person may head a column.
ALIASES = {
    "month": ("ماه شمسی", "ماه گزارش", "دوره"),
    "topic": ("موضوع درخواست", "عنوان موضوع"),
    "district": ("منطقه شهرداری", "منطقه شهری"),
    "requests": ("تعداد", "شمار درخواست‌ها", "تعداد درخواست‌ها", "count"),
}

_MONTH_RE = re.compile(r"(\d{4})\s*[/\-.\u066b]\s*(\d{1,2})")


class ImportFileError(Exception):
    """The file cannot be read at all (too large, not text, no header)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Problem:
    row: int  # as numbered in the spreadsheet: the header is row 1
    column: str  # the key of COLUMNS, or ""
    message: str

    def __str__(self) -> str:
        where = _("ردیف %(row)s") % {"row": localized_digits(self.row)}
        if self.column:
            where += _("، ستون «%(column)s»") % {"column": COLUMN_LABELS[self.column]}
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Row:
    row: int
    year: int
    month: int
    topic: Topic
    district: District
    requests: int


@dataclass
class ImportReport:
    problems: list[Problem] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    batch: ImportBatch | None = None
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def requests(self) -> int:
        return sum(row.requests for row in self.rows)

    @property
    def months(self) -> list[tuple[int, int]]:
        return sorted({(row.year, row.month) for row in self.rows})


def month_label(year: int, month: int) -> str:
    """«اردیبهشت ۱۴۰۵» (in English, «Ordibehesht 1405»)."""
    if is_english():
        return f"{MONTH_NAMES_LATIN[month - 1]} {year}"
    return localized_digits(f"{MONTH_NAMES[month - 1]} {year}")


# --- Reading ---------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1256")
    except UnicodeDecodeError:
        raise ImportFileError(
            _("پرونده متن CSV خوانا نیست؛ آن را در Excel با «CSV UTF-8» ذخیره کنید.")
        ) from None


def _header_key(name: str) -> str | None:
    folded = normalize(name).lower()
    for key, persian, english in COLUMNS:
        names = (persian, english, *ALIASES[key])
        if folded in {normalize(n).lower() for n in names}:
            return key
    return None


def read_rows(data: bytes) -> tuple[dict[str, int], list[tuple[int, dict[str, str]]]]:
    """({column key: index}, [(row number, {column key: text})]) of a CSV file; the
    problems of the header raise ImportFileError."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(
            _("پرونده بیش از %(size)s مگابایت است؛ آن را به چند پرونده بخش کنید.")
            % {"size": localized_digits(MAX_BYTES // (1024 * 1024))}
        )
    if b"\x00" in data:
        raise ImportFileError(_("پرونده متن CSV نیست (شاید کاربرگ XLSX است)."))
    text = _decode(data)
    if not text.strip():
        raise ImportFileError(_("پرونده خالی است."))
    first_line = text.lstrip().splitlines()[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
        columns: dict[str, int] = {}
        for index, name in enumerate(header):
            key = _header_key(name)
            if key and key not in columns:
                columns[key] = index
        missing = [COLUMN_LABELS[key] for key, *_names in COLUMNS if key not in columns]
        if missing:
            raise ImportFileError(
                _(
                    "ردیف ۱ باید نام ستون‌ها باشد؛ این ستون‌ها پیدا نشد: %(missing)s. "
                    "نمونه را از همین صفحه بگیرید."
                )
                % {"missing": "، ".join(f"«{m}»" for m in missing)}
            )
        rows = []
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            rows.append(
                (
                    number,
                    {
                        key: cells[index].strip() if index < len(cells) else ""
                        for key, index in columns.items()
                    },
                )
            )
            if len(rows) > MAX_ROWS:
                raise ImportFileError(
                    _("پرونده حداکثر %(rows)s ردیف می‌پذیرد.")
                    % {"rows": localized_digits(f"{MAX_ROWS:,}".replace(",", "٬"))}
                )
    except csv.Error as error:
        raise ImportFileError(
            _("پرونده CSV درست نیست (%(error)s).") % {"error": str(error)}
        ) from None
    return columns, rows


# --- Checking --------------------------------------------------------------------------------


def parse_month(text: str) -> tuple[int, int]:
    """(year, month) of «۱۴۰۵/۰۲», «1405-2» or «اردیبهشت ۱۴۰۵»; ValueError with a
    Persian message otherwise."""
    cleaned = to_latin_digits(normalize(text))
    match = _MONTH_RE.fullmatch(cleaned)
    if match:
        year, month = int(match[1]), int(match[2])
    else:
        words = cleaned.split()
        names = [normalize(n) for n in MONTH_NAMES] + [n.lower() for n in MONTH_NAMES_LATIN]
        if len(words) != 2 or not words[1].isdigit() or words[0].lower() not in names:
            raise ValueError(
                _("ماه را مانند ۱۴۰۵/۰۲ یا «اردیبهشت ۱۴۰۵» بنویسید؛ «%(text)s» ماه نیست.")
                % {"text": text}
            )
        year, month = int(words[1]), names.index(words[0].lower()) % 12 + 1
    if not 1 <= month <= 12:
        raise ValueError(
            _("ماه %(month)s وجود ندارد؛ ماه عددی از ۱ تا ۱۲ است.")
            % {"month": localized_digits(month)}
        )
    if not 1300 <= year <= 1500:
        raise ValueError(
            _("سال %(year)s پذیرفته نیست؛ سال شمسی چهاررقمی بنویسید.")
            % {"year": localized_digits(year)}
        )
    return year, month


def _count(text: str) -> int:
    cleaned = to_latin_digits(text).replace(",", "").replace("٬", "").replace(" ", "")
    if not cleaned:
        raise ValueError(_("این خانه خالی است؛ اگر درخواستی نبوده، ۰ بنویسید."))
    if not cleaned.isdigit():
        raise ValueError(
            _("شمار درخواست‌ها باید عددی درست و نامنفی باشد؛ «%(text)s» نیست.") % {"text": text}
        )
    value = int(cleaned)
    if value > MAX_REQUESTS:
        raise ValueError(_("این شمار بیش از اندازه بزرگ است؛ آن را بازبینی کنید."))
    return value


def _key(name: str) -> str:
    """A name as compared: folded (ی/ي, ک/ك, spaces, ZWNJ) and with Latin digits."""
    return to_latin_digits(normalize(name))


def check(committee: Committee, data: bytes, *, today: datetime.date | None = None) -> ImportReport:
    """Read and check the whole file; nothing is written."""
    report = ImportReport()
    try:
        _columns, rows = read_rows(data)
    except ImportFileError as error:
        report.problems.append(Problem(1, "", error.message))
        return report
    if not rows:
        report.problems.append(Problem(2, "", _("پرونده جز سطر نام ستون‌ها ردیفی ندارد.")))
        return report
    topics = {_key(t.name): t for t in Topic.objects.filter(committee=committee)}
    districts = {_key(d.name): d for d in District.objects.filter(committee=committee)}
    numbered: dict[str, District] = {}
    for listed in districts.values():
        digits = re.sub(r"\D", "", to_latin_digits(listed.name))
        if digits:
            numbered.setdefault(str(int(digits)), listed)
    now = to_jalali(today or timezone.localdate())
    seen: dict[tuple[int, int, int, int], int] = {}
    for number, cells in rows:
        problems_before = len(report.problems)

        def problem(column: str, message: str, number: int = number) -> None:
            report.problems.append(Problem(number, column, message))

        year = month = 0
        if not cells["month"]:
            problem("month", _("این خانه خالی است."))
        else:
            try:
                year, month = parse_month(cells["month"])
            except ValueError as error:
                problem("month", str(error))
            else:
                if (year, month) > (now.year, now.month):
                    problem("month", _("این ماه هنوز نیامده است."))
        topic = topics.get(_key(cells["topic"]))
        if not cells["topic"]:
            problem("topic", _("این خانه خالی است."))
        elif topic is None:
            problem(
                "topic",
                _("موضوع «%(name)s» در فهرست موضوع‌های این کمیته نیست.") % {"name": cells["topic"]},
            )
        text = cells["district"]
        district = districts.get(_key(text))
        latin = to_latin_digits(text).strip()
        if district is None and latin.isdigit():
            district = numbered.get(str(int(latin)))
        if not text:
            problem("district", _("این خانه خالی است."))
        elif district is None:
            problem(
                "district",
                _("منطقه «%(name)s» در فهرست مناطق این کمیته نیست.") % {"name": text},
            )
        requests = 0
        try:
            requests = _count(cells["requests"])
        except ValueError as error:
            problem("requests", str(error))
        if len(report.problems) > problems_before or topic is None or district is None:
            continue
        key = (year, month, topic.pk, district.pk)
        if key in seen:
            problem(
                "",
                _("همان ماه، موضوع و منطقه ردیف %(row)s است؛ هر سه با هم یک ردیف دارند.")
                % {"row": localized_digits(seen[key])},
            )
            continue
        seen[key] = number
        report.rows.append(Row(number, year, month, topic, district, requests))
    return report


# --- Writing ---------------------------------------------------------------------------------


def import_counts(
    committee: Committee,
    data: bytes,
    *,
    actor=None,
    file_name: str = "",
    dry_run: bool = False,
    from_command: bool = False,
    today: datetime.date | None = None,
) -> ImportReport:
    """Check the file and, when it has no problem, write it in one transaction: each row
    creates or replaces the count of its month, topic and district. The secretariat of
    the committee (or ``manage.py import_137_counts``, ``from_command``) only."""
    if not from_command and (actor is None or not policy.is_secretariat(actor, committee)):
        raise NotAllowed(_("فقط دبیرخانه کمیته شمار درخواست‌ها را وارد می‌کند."))
    report = check(committee, data, today=today)
    if not report.ok or dry_run:
        return report
    try:
        _write(committee, report, data, actor=actor, file_name=file_name)
    except IntegrityError:  # another import of the same months at the same moment
        report.created = report.updated = report.unchanged = 0
        report.problems.append(
            Problem(1, "", _("پرونده دیگری از همین ماه‌ها هم‌زمان وارد شد؛ دوباره بفرستید."))
        )
    return report


@transaction.atomic
def _write(
    committee: Committee, report: ImportReport, data: bytes, *, actor, file_name: str
) -> None:
    """Write a checked file: each row creates or replaces its month's count."""
    channel = ImportBatch.Channel.CENTRE_137
    batch = ImportBatch.objects.create(
        committee=committee,
        channel=channel,
        file_name=file_name[:200],
        sha256=hashlib.sha256(data).hexdigest(),
        rows=len(report.rows),
        imported_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    existing = {
        (c.year, c.month, c.topic_id, c.district_id): c
        for c in ImportedCount.objects.select_for_update().filter(
            committee=committee,
            channel=channel,
            year__in={row.year for row in report.rows},
        )
    }
    new = []
    for row in report.rows:
        count = existing.get((row.year, row.month, row.topic.pk, row.district.pk))
        if count is None:
            new.append(
                ImportedCount(
                    committee=committee,
                    channel=channel,
                    topic=row.topic,
                    district=row.district,
                    year=row.year,
                    month=row.month,
                    requests=row.requests,
                    batch=batch,
                )
            )
        elif count.requests == row.requests:
            report.unchanged += 1
        else:
            count.requests = row.requests
            count.batch = batch
            count.save(update_fields=["requests", "batch"])
            report.updated += 1
    ImportedCount.objects.bulk_create(new)
    report.created = len(new)
    batch.created, batch.updated, batch.unchanged = (
        report.created,
        report.updated,
        report.unchanged,
    )
    batch.save(update_fields=["created", "updated", "unchanged"])
    audit.record(
        actor,
        "demand.import_counts",
        batch,
        after={
            "rows": batch.rows,
            "created": batch.created,
            "updated": batch.updated,
            "unchanged": batch.unchanged,
            "requests": report.requests,
        },
        committee=committee,
        note=file_name[:200],
    )
    report.batch = batch


def template_rows(committee: Committee, year: int, month: int) -> list[list[str]]:
    """The rows of the template: every topic and district of the committee for one month,
    with the count left to fill in."""
    label = f"{year:04d}/{month:02d}"
    return [
        [label, topic.name, district.name, ""]
        for topic in Topic.objects.filter(committee=committee)
        for district in District.objects.filter(committee=committee)
    ]
