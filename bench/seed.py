"""Seed a large synthetic dataset for the scale benchmarks (bench/http_load.py).

Run from the repository root, against the database named by ``DATABASE_URL`` (PostgreSQL
for the benchmarks; SQLite works for small sizes), after ``manage.py migrate``:

    .venv/bin/python bench/seed.py [--committees 50] [--years 5] [--decisions 9] ...

The default is 50 committees, each with its five standard workgroups, meeting weekly for
five years: 50 × 5 × 52 × 5 = 65,000 meetings, about 600,000 decisions (6 to 12 a
meeting, 9 on average), 260,000 agenda items, 585,000 attendance rows, 65,000 published
minutes with their frozen snapshots, the portal's index of them, about 250,000 follow-up
notes, and real PDFs for ``--pdfs`` of the most recent minutes. Every committee also has
four upcoming public meetings.

The data is SYNTHETIC and says so: the committees are «کمیته رسانه شهرداری نمونه N»,
every surname is «نمونه N»; nothing here is presented as a real city. The texts are drawn
from fixed word lists with a fixed random seed, so two runs give the same database.

The rows are written in chunks of meetings, one transaction a chunk, by several processes
(bench.bulkload.insert: PostgreSQL's COPY).
The published snapshots are built by the same function publication uses
(:func:`minutes.publication.snapshot.snapshot_from_rows`) and indexed by the portal's own
:func:`portal.indexing.bulk_index`, so the public pages read exactly what publishing would
have produced. What bulk loading skips is the per-row ``save()`` logic the services run
(numbering, audit entries, one PDF per publication); the numbers, years and snapshots it
would compute are computed here the same way.

The database must hold no meetings (use a fresh database; ``make bench`` creates one).
"""

from __future__ import annotations

import argparse
import datetime
import multiprocessing
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.bulkload import insert  # noqa: E402
from bench.portal_bulk import bulk_index  # noqa: E402
from committee.models import CommitteeRole, Organization, Person  # noqa: E402
from minutes.models import (  # noqa: E402
    AgendaItem,
    Attendance,
    Decision,
    FollowUp,
    Meeting,
    Minutes,
)
from minutes.publication.snapshot import document_id, snapshot_from_rows  # noqa: E402
from persian.digits import to_persian_digits  # noqa: E402
from persian.jalali import jalali_year  # noqa: E402
from portal.models import PublicDecision, PublishedDocument  # noqa: E402
from workgroups.models import Membership, Workgroup  # noqa: E402
from workgroups.services import setup_committee  # noqa: E402

# --- Word lists (synthetic, but Persian as the real minutes are) ----------------------------

TOPICS = [
    "اطلاع‌رسانی طرح‌های عمرانی",
    "پاسخ‌گویی به پرسش‌های خبرنگاران",
    "پوشش خبری جشنواره شهری",
    "مدیریت بحران و اطلاع‌رسانی",
    "ترافیک و حمل‌ونقل عمومی",
    "پسماند و پاکیزگی شهر",
    "فضای سبز و بوستان‌ها",
    "بازآفرینی بافت فرسوده",
    "نشست خبری شهردار",
    "آموزش شهروندی",
    "مناسبت‌های ملی و مذهبی",
    "بودجه و درآمدهای پایدار",
]
ACTIONS = [
    "تهیه گزارش",
    "برگزاری نشست خبری",
    "انتشار اطلاعیه",
    "پاسخ مکتوب",
    "بازدید میدانی خبرنگاران",
    "تولید محتوای آموزشی",
    "تدوین برنامه",
    "پیگیری و گزارش پیشرفت",
    "هماهنگی با روابط عمومی",
    "اصلاح اطلاعات تارنمای شهرداری",
]
SUBJECTS = [
    "پروژه تقاطع غیرهمسطح",
    "ساماندهی دستفروشان",
    "احداث پارکینگ طبقاتی",
    "لایروبی رودخانه",
    "آسفالت معابر",
    "روشنایی معابر",
    "نوسازی ناوگان اتوبوسرانی",
    "ایستگاه‌های دوچرخه",
    "جمع‌آوری پسماند خشک",
    "بوستان محله‌ای",
    "میدان میوه و تره‌بار",
    "آرامستان شهر",
    "خانه‌های فرهنگ",
    "کتابخانه‌های محله",
    "سامانه ۱۳۷",
]
PLACES = [f"منطقه {to_persian_digits(n)}" for n in range(1, 9)] + [
    "مرکز شهر",
    "حاشیه شهر",
    "محله‌های قدیمی",
    "کمربندی",
]
DEADLINE_WORDS = ["تا پایان ماه", "پیش از جلسه بعد", "در دو هفته", "تا پایان فصل"]
FIRST_NAMES = ["علی", "مریم", "رضا", "زهرا", "حسین", "فاطمه", "مهدی", "سارا", "امیر", "نرگس"]
OFFICIAL_KINDS = list(Organization.OFFICIAL_KINDS)
PRESS_KINDS = list(Organization.PRESS_KINDS)

# The tables the chunks fill.
BULK_MODELS = [
    Meeting,
    AgendaItem,
    Attendance,
    Decision,
    Minutes,
    FollowUp,
    PublishedDocument,
    PublicDecision,
]

PER_WORKGROUP_OFFICIALS = 5
PER_WORKGROUP_PRESS = 4


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--committees", type=int, default=50)
    parser.add_argument("--years", type=int, default=5, help="years of weekly meetings")
    parser.add_argument("--decisions", type=int, default=9, help="average decisions a meeting (±3)")
    parser.add_argument("--agenda", type=int, default=4, help="agenda items a meeting")
    parser.add_argument("--pdfs", type=int, default=20, help="recent minutes given real PDFs")
    parser.add_argument("--chunk", type=int, default=1000, help="meetings a transaction")
    parser.add_argument("--seed", type=int, default=1405)
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="processes writing chunks"
    )
    parser.add_argument(
        "--no-working",
        action="store_true",
        help="leave out the logged-in accounts and the busy meeting (bench/seed_working.py)",
    )
    return parser.parse_args(argv)


class Seeder:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.rng = random.Random(args.seed)
        self.today = timezone.localdate()
        self.counts: dict[str, int] = {}

    def count(self, what: str, n: int) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    # --- People ---------------------------------------------------------------------------

    def _person(self, number: int, organization: Organization, post: str) -> Person:
        return Person(
            first_name=self.rng.choice(FIRST_NAMES),
            last_name=f"نمونه {to_persian_digits(number)}",
            post=post,
            organization=organization,
        )

    def committees(self) -> list[dict]:
        """Committees with their workgroups, organisations, people, roles and members."""
        start = self.today - datetime.timedelta(days=365 * self.args.years + 30)
        bodies = []
        person_number = 0
        for c in range(1, self.args.committees + 1):
            city = f"نمونه {to_persian_digits(c)}"
            committee = setup_committee(
                slug=f"sample-{c:02d}",
                name=f"کمیته رسانه شهرداری {city}",
                municipality=f"شهرداری {city}",
                city=city,
                description="داده نمونه برای سنجش کارایی؛ واقعی نیست.",
            ).committee
            organizations = [
                Organization(name=f"{kind_label} {city} {to_persian_digits(n)}", kind=kind)
                for n, (kind, kind_label) in enumerate(
                    [(k, Organization.Kind(k).label) for k in OFFICIAL_KINDS] * 3
                    + [(k, Organization.Kind(k).label) for k in PRESS_KINDS] * 3,
                    start=1,
                )
            ]
            for organization in organizations:
                organization.name = str(organization.name)
                organization.save()  # save() folds the name for search
            officials = [o for o in organizations if o.kind in OFFICIAL_KINDS]
            press = [o for o in organizations if o.kind in PRESS_KINDS]
            people: list[Person] = []
            mayor = self._person(person_number := person_number + 1, officials[0], "شهردار")
            director = self._person(
                person_number := person_number + 1, officials[1], "مدیر روابط عمومی"
            )
            people += [mayor, director]
            workgroups = list(Workgroup.objects.filter(committee=committee).order_by("order"))
            seats: dict[int, list[tuple[Person, bool]]] = {}
            for workgroup in workgroups:
                members = []
                for i in range(PER_WORKGROUP_OFFICIALS):
                    person_number += 1
                    post = "معاون شهردار" if i == 0 else "مدیر منطقه"
                    members.append(
                        (self._person(person_number, self.rng.choice(officials), post), i == 0)
                    )
                for _ in range(PER_WORKGROUP_PRESS):
                    person_number += 1
                    members.append(
                        (self._person(person_number, self.rng.choice(press), "خبرنگار"), False)
                    )
                seats[workgroup.pk] = members
                people += [p for p, _ in members]
            for person in people:
                person.save()  # save() folds the name for search
            CommitteeRole.objects.bulk_create(
                [
                    CommitteeRole(
                        committee=committee,
                        person=mayor,
                        role=CommitteeRole.Role.CHAIR,
                        start_date=start,
                    ),
                    CommitteeRole(
                        committee=committee,
                        person=director,
                        role=CommitteeRole.Role.SECRETARIAT_HEAD,
                        start_date=start,
                    ),
                ]
            )
            Membership.objects.bulk_create(
                [
                    Membership(
                        workgroup=workgroup,
                        person=person,
                        is_permanent=True,
                        is_chair=is_chair,
                        start_date=start,
                    )
                    for workgroup in workgroups
                    for person, is_chair in seats[workgroup.pk]
                ]
            )
            self.count("people", len(people))
            self.count("organisations", len(organizations))
            for workgroup in workgroups:
                workgroup.committee = committee
                bodies.append(
                    {
                        "committee": committee,
                        "workgroup": workgroup,
                        "members": seats[workgroup.pk],
                        "secretary": director,
                        "organizations": organizations,
                    }
                )
        return bodies

    # --- Meetings ---------------------------------------------------------------------------

    def meeting_plan(self, bodies: list[dict]) -> list[tuple[dict, datetime.datetime, int]]:
        """(body, start, number) for every weekly meeting, oldest first, numbered per body
        and Jalali year as Meeting.save() numbers them."""
        weeks = 52 * self.args.years
        first_day = self.today - datetime.timedelta(weeks=weeks)
        plan = []
        for index, body in enumerate(bodies):
            numbers: dict[int, int] = {}
            weekday_shift = index % 5  # Saturday to Wednesday
            for week in range(weeks + 4):  # the last four are upcoming
                day = first_day + datetime.timedelta(weeks=week, days=weekday_shift)
                starts = timezone.make_aware(
                    datetime.datetime.combine(day, datetime.time(10, 0))
                ).astimezone(datetime.UTC)  # as a row read back from the database
                year = jalali_year(starts)
                numbers[year] = numbers.get(year, 0) + 1
                plan.append((body, starts, numbers[year]))
        plan.sort(key=lambda entry: entry[1])
        return plan

    def text(self, *parts: list[str]) -> str:
        return " ".join(self.rng.choice(part) for part in parts)

    def seed_chunk(self, chunk: list[tuple[dict, datetime.datetime, int]]) -> list[Minutes]:
        rng = self.rng
        now = timezone.now()
        meetings = []
        for body, starts, number in chunk:
            workgroup = body["workgroup"]
            chair = next(p for p, is_chair in body["members"] if is_chair)
            held = starts + datetime.timedelta(hours=2) < now  # over by now
            meeting = Meeting(
                committee=body["committee"],
                workgroup=workgroup,
                jalali_year=jalali_year(starts),
                number=number,
                title=f"{workgroup.short_name}: {rng.choice(TOPICS)}",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=2),
                location=f"سالن جلسات شهرداری {body['committee'].city}",
                status=Meeting.Status.HELD if held else Meeting.Status.SCHEDULED,
                is_public=True,
                chair_person=chair,
                secretary_person=body["secretary"],
            )
            meetings.append(meeting)
        insert(Meeting, meetings)
        self.count("meetings", len(meetings))

        held = [
            (m, body)
            for m, (body, _, _) in zip(meetings, chunk, strict=True)
            if m.status == Meeting.Status.HELD
        ]
        items, attendances, decisions, follow_ups = [], [], [], []
        rows: dict[int, dict[str, list]] = {}
        for meeting, body in held:
            mine = rows[meeting.pk] = {"items": [], "attendances": [], "decisions": []}
            for order in range(1, self.args.agenda + 1):
                presenter = rng.choice(body["members"])[0]
                item = AgendaItem(
                    meeting=meeting,
                    order=order,
                    title=f"{self.text(ACTIONS)} درباره {self.text(SUBJECTS)}",
                    description=f"بررسی وضعیت {self.text(SUBJECTS, PLACES)}",
                    kind=rng.choice(AgendaItem.Kind.values),
                    presenter=presenter,
                    is_public=True,
                    discussion=(
                        f"گزارش {presenter.post} درباره {self.text(SUBJECTS)} در "
                        f"{self.text(PLACES)} ارائه شد و اعضا درباره {self.text(TOPICS)} "
                        "گفت‌وگو کردند."
                    ),
                )
                item._state.fields_cache["question"] = None  # no question: no lookup
                mine["items"].append(item)
                items.append(item)
            for person, _ in sorted(body["members"], key=lambda pair: pair[0].full_name):
                status = (
                    Attendance.Status.PRESENT if rng.random() < 0.85 else Attendance.Status.EXCUSED
                )
                row = Attendance(meeting=meeting, person=person, status=status)
                row.take_snapshot()
                mine["attendances"].append(row)
                attendances.append(row)
            count = max(1, self.args.decisions + rng.randint(-3, 3))
            for number in range(1, count + 1):
                person = rng.choice(body["members"])[0]
                organization = rng.choice(body["organizations"])
                deadline = meeting.starts_at.date() + datetime.timedelta(
                    days=rng.choice([14, 30, 60, 90, 180])
                )
                if deadline < self.today:
                    status = rng.choices(
                        [
                            Decision.Status.DONE,
                            Decision.Status.IN_PROGRESS,
                            Decision.Status.OPEN,
                            Decision.Status.CANCELLED,
                        ],
                        weights=[60, 15, 20, 5],
                    )[0]
                else:
                    status = rng.choices(
                        [Decision.Status.OPEN, Decision.Status.IN_PROGRESS], weights=[70, 30]
                    )[0]
                decision = Decision(
                    meeting=meeting,
                    agenda_item=mine["items"][(number - 1) % len(mine["items"])],
                    number=number,
                    text=(
                        f"{self.text(ACTIONS)} درباره {self.text(SUBJECTS)} در "
                        f"{self.text(PLACES)} {self.text(DEADLINE_WORDS)}"
                    ),
                    responsible_organization=organization,
                    responsible_person=person,
                    deadline=deadline,
                    status=status,
                    is_public=True,
                )
                mine["decisions"].append(decision)
                decisions.append(decision)
        insert(AgendaItem, items)
        insert(Attendance, attendances)
        insert(Decision, decisions)
        self.count("agenda items", len(items))
        self.count("attendance rows", len(attendances))
        self.count("decisions", len(decisions))

        minutes_rows = []
        for meeting, _body in held:
            # Submitted, approved and published over the three days after the meeting, or
            # by now for the most recent ones: nothing is published in the future.
            published = min(meeting.ends_at + datetime.timedelta(days=3), now)
            approved = min(meeting.ends_at + datetime.timedelta(days=2), published)
            submitted = min(meeting.ends_at + datetime.timedelta(days=1), approved)
            minutes = Minutes(
                meeting=meeting,
                revision=1,
                summary=(
                    f"در این جلسه درباره {self.text(TOPICS)} و {self.text(SUBJECTS)} گفت‌وگو شد."
                ),
                status=Minutes.Status.PUBLISHED,
                submitted_at=submitted,
                approved_at=approved,
                published_at=published,
            )
            minutes.document_id = document_id(minutes)
            mine = rows[meeting.pk]
            minutes.snapshot = snapshot_from_rows(
                minutes,
                attendances=mine["attendances"],
                items=mine["items"],
                decisions=mine["decisions"],
                quorum=meeting.quorum().as_dict(),
            )
            minutes_rows.append(minutes)
            for decision in mine["decisions"]:
                if decision.status != Decision.Status.OPEN:
                    follow_ups.append(
                        FollowUp(
                            decision=decision,
                            date=min(self.today, decision.deadline),
                            status=decision.status,
                            note=f"{self.text(ACTIONS)} انجام شد؛ گزارش به دبیرخانه رسید.",
                        )
                    )
        insert(Minutes, minutes_rows)
        insert(FollowUp, follow_ups)
        self.count("published minutes", len(minutes_rows))
        self.count("follow-ups", len(follow_ups))
        return minutes_rows

    def write_chunk(self, index: int) -> dict[str, int]:
        """Write chunk ``index`` of the plan in one transaction (in a worker process)."""
        self.rng = random.Random(f"{self.args.seed}-{index}")  # the same rows in any worker
        self.counts = {}
        size = self.args.chunk
        with transaction.atomic():
            minutes = self.seed_chunk(self.plan[index * size : (index + 1) * size])
            self.count("index entries", bulk_index(minutes))
        return self.counts

    def run(self) -> None:
        if Meeting.objects.exists():
            raise SystemExit("bench/seed.py: the database already holds meetings; use a fresh one.")
        started = time.perf_counter()
        with transaction.atomic():
            bodies = self.committees()
        self.plan = self.meeting_plan(bodies)
        chunks = range((len(self.plan) + self.args.chunk - 1) // self.args.chunk)
        print(
            f"{len(bodies)} bodies, {len(self.plan)} meetings to write in {len(chunks)} chunks "
            f"by {self.args.workers} processes",
            flush=True,
        )
        totals = dict(self.counts)
        tables = [model._meta.db_table for model in BULK_MODELS]
        self.autovacuum(tables, enabled=False)

        def progress(done: int, counts: dict[str, int]) -> None:
            for what, n in counts.items():
                totals[what] = totals.get(what, 0) + n
            if done % 5 == 0 or done == len(chunks):
                elapsed = time.perf_counter() - started
                print(f"  {done}/{len(chunks)} chunks, {elapsed:.0f} s", flush=True)

        if self.args.workers <= 1:
            for done, index in enumerate(chunks, start=1):
                progress(done, self.write_chunk(index))
        else:
            # The worker processes inherit the plan; each opens its own connection.
            connection.close()
            context = multiprocessing.get_context("fork")
            with context.Pool(self.args.workers) as pool:
                results = pool.imap_unordered(_write_chunk, chunks)
                for done, counts in enumerate(results, start=1):
                    progress(done, counts)
        self.counts = totals
        rows_seconds = time.perf_counter() - started
        self.autovacuum(tables, enabled=True)
        if connection.vendor == "postgresql":
            # What autovacuum would have done bit by bit during the load, once: statistics
            # for the planner, the visibility map for index-only scans, and the GIN
            # indexes' pending entries merged.
            with connection.cursor() as cursor:
                for table in tables:
                    cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(table)}")
                cursor.execute("ANALYZE")
        self.store_pdfs()
        total = time.perf_counter() - started
        print("Seeded:")
        for what, n in self.counts.items():
            print(f"  {what}: {n:,}")
        print(f"Rows in {rows_seconds:.0f} s; with ANALYZE and PDFs {total:.0f} s.")

    @staticmethod
    def autovacuum(tables: list[str], *, enabled: bool) -> None:
        """PostgreSQL's autovacuum off for the tables being loaded (it would otherwise keep
        vacuuming them, GIN indexes included, while every chunk is written), and on again."""
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            for table in tables:
                if enabled:
                    cursor.execute(
                        f"ALTER TABLE {connection.ops.quote_name(table)} RESET (autovacuum_enabled)"
                    )
                else:
                    cursor.execute(
                        f"ALTER TABLE {connection.ops.quote_name(table)} "
                        "SET (autovacuum_enabled = false)"
                    )

    def store_pdfs(self) -> None:
        """Real PDFs (rendered from the snapshots) for the most recent minutes."""
        from minutes.publication.pdf import store_published_pdf

        recent = Minutes.objects.filter(status=Minutes.Status.PUBLISHED).order_by("-published_at")
        for pk in recent.values_list("pk", flat=True)[: self.args.pdfs]:
            store_published_pdf(pk)
        self.count("stored PDFs", min(self.args.pdfs, recent.count()))


_SEEDER: Seeder | None = None


def _write_chunk(index: int) -> dict[str, int]:
    assert _SEEDER is not None
    return _SEEDER.write_chunk(index)


def main(argv: list[str] | None = None) -> None:
    global _SEEDER
    args = parse_args(argv)
    _SEEDER = Seeder(args)
    _SEEDER.run()
    if not args.no_working:
        __import__("bench.seed_working").seed_working.run()  # the logged-in side (issue 17)


if __name__ == "__main__":
    main()
