"""Before and after, side by side: the publication benchmark (bench_pdf.measure_publication:
render, embed, seal of the typical minutes with two 1 MB attachments) of two source trees,
run alternately in the same minutes, as medians and ratios.

Run from the repository root, with an export of the older code beside it:

    git archive <old-commit> | tar -x -C /tmp/old && ln -s "$PWD/node_modules" /tmp/old/
    taskset -c 1 .venv/bin/python bench/compare_publication.py /tmp/old . [--rounds 7]

Each round starts one process per tree (old first, then new, then the order swaps, so
that drift in the machine's load falls on both); each process renders once to warm up,
then ``--runs`` times, and reports its medians. The table gives the median over the rounds
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

CHILD = (
    "import json, sys; sys.path.insert(0, '.'); import bench.bench_pdf as b; "
    "print('RESULT ' + json.dumps(b.measure_publication({runs})))"
)
STEPS = ("render", "embed", "seal", "total")


def measure(tree: Path, runs: int) -> dict[str, float]:
    completed = subprocess.run(
        [sys.executable, "-c", CHILD.format(runs=runs)],
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
                + ", ".join(f"{step} {result[step]:.3f}" for step in STEPS),
                flush=True,
            )
    print(f"\nmedian of {args.rounds} processes x {args.runs} runs, seconds:")
    print(f"{'step':<8} {'old':>7} {'new':>7} {'new/old':>8}")
    for step in STEPS:
        old = statistics.median(r[step] for r in results["old"])
        new = statistics.median(r[step] for r in results["new"])
        print(f"{step:<8} {old:>7.3f} {new:>7.3f} {new / old:>8.2f}")
    sizes = {which: results[which][-1]["bytes"] for which in results}
    print(f"file size: old {sizes['old']} bytes, new {sizes['new']} bytes")


if __name__ == "__main__":
    main()
