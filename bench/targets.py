"""The pages the scale benchmark measures, resolved to concrete URLs in the database that
``DATABASE_URL`` names (Django must be set up before :func:`targets` is called).

Shared by bench/http_load.py (load over HTTP) and bench/query_counts.py (queries per
request, in process), so both measure the same URLs.
"""

from __future__ import annotations

from dataclasses import dataclass

# A word of the seeded texts (bench/seed.py SUBJECTS) that occurs in most minutes; the
# search is also measured with a query that finds one document (its id).
SEARCH_COMMON = "پسماند"

# The static file of the same size as the PDF is copied here (under STATIC_ROOT).
STATIC_PDF = "bench/sample.pdf"


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    path: str
    # "baseline" rows are the yardsticks; "list" rows are held to the p95 target.
    kind: str = "page"


def targets() -> list[Target]:
    from urllib.parse import quote

    from django.urls import reverse

    from minutes.models import Minutes

    with_pdf = (
        Minutes.objects.filter(status=Minutes.Status.PUBLISHED)
        .exclude(sha256="")
        .order_by("-published_at")
        .values_list("document_id", flat=True)
        .first()
    )
    if with_pdf is None:
        raise SystemExit("No published minutes with a stored PDF: seed the database first.")
    return [
        Target("trivial", "Trivial Django view (/healthz)", "/healthz", "baseline"),
        Target(
            "static",
            "Static file, the PDF's size (whitenoise)",
            f"/static/{STATIC_PDF}",
            "baseline",
        ),
        Target("archive", "Minutes list (/archive/)", "/archive/", "list"),
        Target(
            "archive_search",
            "Minutes list, search finding one document (its id)",
            f"/archive/?q={quote(with_pdf)}",
            "list",
        ),
        Target(
            "archive_search_common",
            "Minutes list, search finding most documents (a common word)",
            f"/archive/?q={quote(SEARCH_COMMON)}",
            "list",
        ),
        Target("tracker", "Decisions tracker (/decisions/)", "/decisions/", "list"),
        Target(
            "tracker_deep",
            "Decisions tracker, page 1,000",
            "/decisions/?page=1000",
            "list",
        ),
        Target("api", "API list (/api/v1/decisions/)", "/api/v1/decisions/", "list"),
        Target("minutes_page", "Minutes page", reverse("portal_minutes", args=[with_pdf]), "page"),
        Target("pdf", "PDF download", reverse("minutes_pdf", args=[with_pdf]), "download"),
    ]
