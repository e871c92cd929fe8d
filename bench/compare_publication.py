"""Before and after, side by side: the publication benchmark (bench_pdf.measure_publication:
render, embed, seal of the typical minutes with two 1 MB attachments) of two source trees,
run alternately in the same minutes, as medians and ratios.

Run from the repository root, with an export of the older code beside it:

    git archive <old-commit> | tar -x -C /tmp/old && ln -s "$PWD/node_modules" /tmp/old/
    taskset -c 1 .venv/bin/python bench/compare_publication.py /tmp/old . [--rounds 7]

Each round starts one process per tree (old first, then new, then the order swaps, so
that drift in the machine's load falls on both); each process publishes once to warm up,
then ``--runs`` times (the steps and documents of bench_pdf.measure_publication), and
reports its medians in wall-clock seconds and in CPU seconds of the process (which other
jobs on a shared machine disturb much less). The table gives the median over the rounds
of each tree's medians, and new / old. Both trees use this interpreter and the same
database (DATABASE_URL, or each tree's default).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

# Run in each tree: the steps of bench_pdf.measure_publication (the same documents and
# files), timed in wall-clock seconds and in the process's CPU seconds, which the other
# jobs of a shared machine disturb much less.
CHILD = """
import datetime, json, os, statistics, sys, time
sys.path.insert(0, ".")
import bench.bench_pdf as b
from minutes.publication import pdf_files, signing
from minutes.publication.pdf import render_minutes_pdf

data = b.snapshot()
data["document_id"] = "RASHT-WG2-1405-002-R1"
now = datetime.datetime.now(datetime.UTC)
files = [
    pdf_files.EmbeddedFile(
        name="RASHT-WG2-1405-002-R1.json", data=pdf_files.record_json(data),
        mime_type=pdf_files.RECORD_MIME, description="record", relationship="Data", modified=now,
    )
] + [
    pdf_files.EmbeddedFile(
        name=f"{n}-attachment.pdf", data=b"%PDF-1.4\\n%" + os.urandom(1024 * 1024),
        mime_type="application/pdf", description=f"n {n}", relationship="Supplement",
        modified=now,
    )
    for n in (1, 2)
]
url = "https://media.rasht.ir/verify/RASHT-WG2-1405-002-R1/"
clocks = {"wall": time.perf_counter, "cpu": time.process_time}
steps = {f"{clock} {step}": [] for clock in clocks for step in ("render", "embed", "seal", "total")}
for run in range({runs} + 1):
    marks = []
    def mark():
        marks.append({name: clock() for name, clock in clocks.items()})
    mark()
    rendered = render_minutes_pdf(data, verify_url=url)
    mark()
    embedded = pdf_files.embed(rendered, files)
    mark()
    sealed = signing.seal_pdf(embedded)
    mark()
    if run == 0:
        continue
    for clock in clocks:
        for step, (start, end) in zip(
            ("render", "embed", "seal", "total"),
            ((0, 1), (1, 2), (2, 3), (0, 3)),
        ):
            steps[f"{clock} {step}"].append(marks[end][clock] - marks[start][clock])
result = {name: statistics.median(values) for name, values in steps.items()}
result["bytes"] = len(sealed)
print("RESULT " + json.dumps(result))
"""
STEPS = tuple(
    f"{clock} {step}" for clock in ("wall", "cpu") for step in ("render", "embed", "seal", "total")
)


def measure(tree: Path, runs: int) -> dict[str, float]:
    completed = subprocess.run(
        [sys.executable, "-c", CHILD.replace("{runs}", str(runs))],
        cwd=tree,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_LOG_LEVEL": "ERROR"},
    )
    line = next(ln for ln in completed.stdout.splitlines() if ln.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--rounds", type=int, default=5, help="processes per tree (default 5)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per process (default 3)")
    args = parser.parse_args()
    results: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
    for round_ in range(args.rounds):
        order = ("old", "new") if round_ % 2 == 0 else ("new", "old")
        for which in order:
            result = measure(getattr(args, which), args.runs)
            results[which].append(result)
            print(
                f"round {round_ + 1} {which}: "
                + ", ".join(f"{step} {result[step]:.3f}" for step in STEPS if "wall" in step),
                flush=True,
            )
    print(f"\nmedian of {args.rounds} processes x {args.runs} runs, seconds:")
    print(f"{'step':<12} {'old':>7} {'new':>7} {'new/old':>8}")
    for step in STEPS:
        old = statistics.median(r[step] for r in results["old"])
        new = statistics.median(r[step] for r in results["new"])
        print(f"{step:<12} {old:>7.3f} {new:>7.3f} {new / old:>8.2f}")
    sizes = {which: results[which][-1]["bytes"] for which in results}
    print(f"file size: old {sizes['old']} bytes, new {sizes['new']} bytes")


if __name__ == "__main__":
    main()
