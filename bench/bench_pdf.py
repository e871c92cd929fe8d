"""Benchmark of the minutes PDF (minutes.pdf.render_minutes_pdf).

Run from the repository root:

    .venv/bin/python bench/bench_pdf.py [--runs 5] [--out DIR]

No database is needed: the snapshots (the same dicts minutes.snapshot.build_snapshot
produces) are built here. Each size is rendered once to warm up, then ``--runs`` times;
the median wall time is reported, with the page count, seconds per page and the peak of
Python-level memory allocations during one render (tracemalloc; WeasyPrint's C libraries,
Pango/HarfBuzz/FreeType, allocate outside it), and the process's peak resident set size
(getrusage ru_maxrss, which does include them): how much it grew while that size was
rendered ("RSS +MiB"; the first size also pays for loading WeasyPrint, fonts and
templates) and its value afterwards ("RSS MiB"). ru_maxrss never goes down, so sizes are
run from the smallest up.
"""

from __future__ import annotations

import argparse
import datetime
import io
import itertools
import os
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from minutes.publication import pdf_files, signing  # noqa: E402
from minutes.publication.pdf import render_minutes_pdf  # noqa: E402

FIRST_NAMES = ["مریم", "علی", "زهرا", "حسین", "نرگس", "رضا", "فاطمه", "محمد", "سارا", "امیر"]
LAST_NAMES = ["رحیمی", "احمدی", "کاظمی", "نوروزی", "حسینی", "مرادی", "صادقی", "کریمی"]
POSTS = ["مدیر منطقه ۲", "معاون خدمات شهری", "مدیر روابط عمومی", "کارشناس ترافیک"]
OUTLETS = ["روزنامه گیلان امروز", "خبرگزاری شمال", "هفته‌نامه باران", "پایگاه خبری سپیدرود"]
DECISION = (
    "معاونت عمرانی موظف است گزارش پیشرفت لکه‌گیری و روکش آسفالت معابر اصلی منطقه {n} را "
    "همراه با زمان‌بندی اجرای باقی‌مانده کار تا پایان ماه به دبیرخانه کارگروه ارائه کند."
)
DISCUSSION = (
    "مدیر منطقه گزارش داد که عملیات در خیابان‌های اصلی آغاز شده است و با توجه به بارندگی‌های "
    "اخیر، اولویت با معابری است که بیشترین آسیب را دیده‌اند. اصحاب رسانه بر اطلاع‌رسانی "
    "به‌موقع درباره مسیرهای جایگزین تأکید کردند."
)


def person(i: int, *, press: bool = False) -> dict[str, str]:
    return {
        "name": f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {LAST_NAMES[i % len(LAST_NAMES)]}{i}",
        "post": "خبرنگار" if press else POSTS[i % len(POSTS)],
        "organization": OUTLETS[i % len(OUTLETS)] if press else f"منطقه {i % 5 + 1} شهرداری",
    }


def snapshot(*, attendees: int = 30, items: int = 10, decisions: int = 20) -> dict:
    """A published workgroup meeting of the given size."""
    present = [
        {**person(i, press=i % 3 == 0), "side": "press" if i % 3 == 0 else "official"}
        for i in range(attendees)
    ]
    present.sort(key=lambda r: (r["side"] != "official", r["name"]))
    agenda = []
    for n in range(1, items + 1):
        question = n % 4 == 0
        agenda.append(
            {
                "id": n,
                "order": n,
                "title": f"بررسی وضعیت معابر و پروژه‌های عمرانی منطقه {n}",
                "description": "",
                "kind": "question" if question else "report",
                "presenter": person(n),
                "discussion": DISCUSSION,
                "question": (
                    {
                        "title": "زمان پایان عملیات تعریض خیابان",
                        "text": "عملیات از دو سال پیش آغاز شده است؛ زمان پایان آن چه موقع است؟",
                        "author": person(n, press=True),
                    }
                    if question
                    else None
                ),
                "answer": "طبق برنامه، عملیات تا پایان شهریور ۱۴۰۳ به پایان می‌رسد."
                if question
                else "",
            }
        )
    rows = [
        {
            "id": n,
            "number": n,
            "text": DECISION.format(n=n),
            "agenda_item": (n % items) + 1 if items else None,
            "responsible_person": person(n) if n % 2 else None,
            "responsible_organization": "معاونت عمرانی شهرداری" if n % 3 else None,
            "deadline": (datetime.date(2024, 5, 1) + datetime.timedelta(days=n)).isoformat(),
            "status": ["open", "in_progress", "done"][n % 3],
        }
        for n in range(1, decisions + 1)
    ]
    return {
        "schema": 1,
        "document_id": "RASHT-WG2-1403-003-R1",
        "revision": 1,
        "status": "published",
        "corrects": None,
        "correction_reason": "",
        "committee": {
            "name": "کمیته رسانه شهرداری رشت",
            "municipality": "شهرداری رشت",
            "city": "رشت",
            "slug": "rasht",
        },
        "body": {"kind": "workgroup", "name": "کارگروه رسانه عمرانی و ترافیکی", "slug": "wg-2"},
        "meeting": {
            "id": 1,
            "number": 3,
            "jalali_year": 1403,
            "title": "بررسی وضعیت آسفالت معابر پس از بارندگی",
            "starts_at": "2024-04-27T06:30:00+00:00",
            "ends_at": "2024-04-27T08:30:00+00:00",
            "location": "سالن جلسات شهرداری",
        },
        "chair": person(1),
        "secretary": person(2),
        "attendance": {
            "present": present,
            "absent": [{**person(90), "side": "official"}],
            "excused": [{**person(91, press=True), "side": "press"}],
            "guest": [{**person(92), "side": "official"}],
        },
        "agenda": agenda,
        "summary": "جلسه با تلاوت آیاتی از کلام‌الله مجید آغاز شد و گزارش‌ها ارائه شد.",
        "decisions": rows,
        "approved_at": "2024-04-28T06:30:00+00:00",
        "published_at": "2024-04-29T06:30:00+00:00",
    }


VERIFY_URL = "https://rasht.example.ir/verify/RASHT-WG2-1403-003-R1/"


def pages_of(pdf: bytes) -> int:
    from pypdf import PdfReader  # a test dependency (requirements-dev.txt)

    return len(PdfReader(io.BytesIO(pdf)).pages)


def measure(name: str, data: dict, runs: int) -> dict:
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    pdf = render_minutes_pdf(data, verify_url=VERIFY_URL)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        pdf = render_minutes_pdf(data, verify_url=VERIFY_URL)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    render_minutes_pdf(data, verify_url=VERIFY_URL)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    pages = pages_of(pdf)
    median = statistics.median(times)
    return {
        "name": name,
        "decisions": len(data["decisions"]),
        "seconds": median,
        "pages": pages,
        "per_page": median / pages,
        "py_peak_mib": peak / 2**20,
        "rss_growth_mib": (rss_after - rss_before) / 1024,
        "rss_peak_mib": rss_after / 1024,
        "bytes": len(pdf),
        "pdf": pdf,
    }


def measure_publication(runs: int) -> dict[str, float]:
    """The whole publication of the typical minutes with two 1 MB attachments: rendering
    (tagged PDF/A-3a), embedding the record and the attachments, and sealing; each step
    timed on its own, medians of ``runs`` after one warm-up."""
    data = snapshot()
    data["document_id"] = "RASHT-WG2-1405-002-R1"
    now = datetime.datetime.now(datetime.UTC)
    attachments = [
        pdf_files.EmbeddedFile(
            name=f"{n}-attachment.pdf",
            data=b"%PDF-1.4\n%" + os.urandom(1024 * 1024),
            mime_type="application/pdf",
            description=f"پیوست {n}",
            relationship="Supplement",
            modified=now,
        )
        for n in (1, 2)
    ]
    record = pdf_files.EmbeddedFile(
        name="RASHT-WG2-1405-002-R1.json",
        data=pdf_files.record_json(data),
        mime_type=pdf_files.RECORD_MIME,
        description="record",
        relationship="Data",
        modified=now,
    )
    url = "https://media.rasht.ir/verify/RASHT-WG2-1405-002-R1/"
    steps: dict[str, list[float]] = {"render": [], "embed": [], "seal": [], "total": []}
    for run in range(runs + 1):
        start = time.perf_counter()
        rendered = render_minutes_pdf(data, verify_url=url)
        rendered_at = time.perf_counter()
        embedded = pdf_files.embed(rendered, [record, *attachments])
        embedded_at = time.perf_counter()
        sealed = signing.seal_pdf(embedded)
        sealed_at = time.perf_counter()
        if run == 0:
            continue  # warm-up: fonts, templates, the seal's key
        steps["render"].append(rendered_at - start)
        steps["embed"].append(embedded_at - rendered_at)
        steps["seal"].append(sealed_at - embedded_at)
        steps["total"].append(sealed_at - start)
    result = {name: statistics.median(values) for name, values in steps.items()}
    result["bytes"] = len(sealed)
    return result


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per size (default 5)")
    parser.add_argument("--out", type=Path, help="also write each PDF into this folder")
    args = parser.parse_args()

    sizes = [
        ("typical (30 attendees, 10 items, 20 decisions)", snapshot()),
        ("50 decisions", snapshot(decisions=50)),
        ("100 decisions", snapshot(decisions=100)),
        ("large (200 decisions)", snapshot(decisions=200)),
    ]
    print(f"CPU: {cpu_model()}, nproc {os.cpu_count()}, Python {platform.python_version()}")
    print(f"median of {args.runs} runs after one warm-up\n")
    header = (
        f"{'document':<48} {'s/doc':>7} {'pages':>5} {'s/page':>7} "
        f"{'py peak MiB':>11} {'RSS +MiB':>8} {'RSS MiB':>7} {'KiB':>6}"
    )
    print(header)
    print("-" * len(header))
    results = []
    for name, data in sizes:
        result = measure(name, data, args.runs)
        results.append(result)
        print(
            f"{name:<48} {result['seconds']:>7.3f} {result['pages']:>5} "
            f"{result['per_page']:>7.3f} {result['py_peak_mib']:>11.1f} "
            f"{result['rss_growth_mib']:>8.1f} {result['rss_peak_mib']:>7.0f} "
            f"{result['bytes'] / 1024:>6.0f}"
        )
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            slug = f"{result['decisions']}-decisions.pdf"
            (args.out / slug).write_bytes(result["pdf"])
    publication = measure_publication(args.runs)
    print(
        "\npublication of the typical document with two 1 MB attachments (render + embed + seal):"
    )
    print(
        f"  render {publication['render']:.3f} s, embed {publication['embed']:.3f} s, "
        f"seal {publication['seal']:.3f} s, total {publication['total']:.3f} s, "
        f"{publication['bytes'] / 1024 / 1024:.1f} MiB"
    )
    base = results[0]
    print("\ngrowth against the typical document (time ratio vs decisions ratio):")
    for result in results[1:]:
        print(
            f"  {result['decisions']:>3} decisions: time x{result['seconds'] / base['seconds']:.2f}"
            f" for decisions x{result['decisions'] / base['decisions']:.1f}"
            f" (pages x{result['pages'] / base['pages']:.2f})"
        )
    by_decisions = {r["decisions"]: r for r in results}
    if 100 in by_decisions and 200 in by_decisions:
        ratio = by_decisions[200]["seconds"] / by_decisions[100]["seconds"]
        print(f"  200 vs 100 decisions: time x{ratio:.2f} (linear would be about x2 or less)")
    points = sorted(by_decisions.items())
    marginal = [
        (b[1]["seconds"] - a[1]["seconds"]) / (b[0] - a[0]) * 1000
        for a, b in itertools.pairwise(points)
    ]
    print(
        "  marginal cost per extra decision (ms), between successive sizes: "
        + ", ".join(f"{m:.1f}" for m in marginal)
        + " (flat or falling = no worse than linear)"
    )


if __name__ == "__main__":
    main()
