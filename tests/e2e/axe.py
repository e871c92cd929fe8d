"""A small helper around axe-core (node_modules/axe-core, pinned in package.json).

``AxeReport.scan(page, label)`` injects axe into the page, runs it on the whole document and
keeps every violation. Violations of impact "serious" or "critical" fail the accessibility
tests; the others are listed in the session's report so that they can be fixed too.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("critical", "serious")
IMPACT_ORDER = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
TARGETS_SHOWN = 5

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    rule: v.id,
    impact: v.impact || 'minor',
    help: v.help,
    help_url: v.helpUrl,
    count: v.nodes.length,
    targets: v.nodes.map(n => n.target.join(' ')),
    html: v.nodes.slice(0, 3).map(n => n.html.slice(0, 200)),
    summary: (v.nodes[0] && v.nodes[0].failureSummary || '').slice(0, 400),
  }));
}"""


@dataclass
class Violation:
    page: str
    url: str
    rule: str
    impact: str
    help: str
    help_url: str
    count: int
    targets: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    summary: str = ""

    @property
    def blocking(self) -> bool:
        return self.impact in BLOCKING

    def describe(self) -> str:
        targets = ", ".join(self.targets[:TARGETS_SHOWN])
        more = f" (+{self.count - TARGETS_SHOWN} more)" if self.count > TARGETS_SHOWN else ""
        return (
            f"[{self.impact}] {self.rule} on {self.page} ({self.url}): {self.help}\n"
            f"    targets: {targets}{more}\n"
            f"    first element: {self.html[0] if self.html else '?'}\n"
            f"    {self.summary.replace(chr(10), ' / ')}\n"
            f"    {self.help_url}"
        )


@dataclass
class AxeReport:
    violations: list[Violation] = field(default_factory=list)
    scanned: list[tuple[str, str]] = field(default_factory=list)

    def scan(self, page: Page, label: str, *, keep: bool = True) -> list[Violation]:
        """Run axe on the page as it is now; return (and keep, for the report) its
        violations."""
        assert AXE_JS.exists(), f"{AXE_JS} is missing: run `npm ci` (or `make install`)."
        page.add_script_tag(path=str(AXE_JS))
        found = [Violation(page=label, url=page.url, **row) for row in page.evaluate(RUN_AXE)]
        found.sort(key=lambda v: (IMPACT_ORDER.get(v.impact, 9), v.rule))
        if keep:
            self.scanned.append((label, page.url))
            self.violations.extend(found)
        return found

    def summary(self) -> str:
        if not self.scanned:
            return "axe-core: nothing scanned."
        lines = [f"axe-core: {len(self.scanned)} pages scanned, {len(self.violations)} violations"]
        lines += [v.describe() for v in self.violations]
        return "\n".join(lines)

    def as_json(self) -> dict:
        return {
            "scanned": [{"page": label, "url": url} for label, url in self.scanned],
            "violations": [asdict(v) for v in self.violations],
        }


def assert_no_blocking(violations: list[Violation]) -> None:
    blocking = [v for v in violations if v.blocking]
    assert not blocking, (
        f"{len(blocking)} serious or critical accessibility violation(s):\n"
        + "\n".join(v.describe() for v in blocking)
    )
