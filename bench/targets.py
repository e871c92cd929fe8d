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
    # "baseline" rows are the yardsticks; "list" and "working" rows are held to the p95
    # target.
    kind: str = "page"
    # Requested logged in as this user (bench/seed_working.py's accounts): with a session
    # cookie, or with ``token`` as ``Authorization: Token …`` (the user's API token).
    user: str | None = None
    token: bool = False


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
        # logged-in targets (helper C)
        *working_targets(),
    ]


def working_targets() -> list[Target]:
    """The working interface and the API as the two accounts bench/seed_working.py makes
    (the secretariat of committee 1 and the chair of one of its workgroups), on its busy
    meeting (60 agenda items, 40 attendees, a long audit trail); none until it has run."""
    from django.urls import reverse

    from bench.seed_working import BUSY_TITLE, CHAIR, SECRETARIAT
    from minutes.models import Meeting

    busy = Meeting.objects.filter(title=BUSY_TITLE).values_list("pk", flat=True).first()
    if busy is None:
        return []
    pages = [
        ("dashboard", "dashboard", reverse("dashboard")),
        ("meetings", "meetings list", reverse("meeting_list")),
        (
            "meeting",
            "meeting page (60 items, 40 attendees)",
            reverse("meeting_detail", args=[busy]),
        ),
        ("record", "record form", reverse("meeting_record", args=[busy])),
        ("register", "decisions register", reverse("decision_register")),
        ("audit", "audit page of a busy meeting", reverse("meeting_audit", args=[busy])),
    ]
    api = [
        ("api_meetings", "API meetings", "/api/v1/meetings/"),
        ("api_decisions", "API decisions", "/api/v1/decisions/"),
        ("api_minutes", "API minutes", "/api/v1/minutes/"),
    ]
    found = []
    for persona, user in (("secretariat", SECRETARIAT), ("chair", CHAIR)):
        for key, label, path in pages:
            if (persona, key) == ("chair", "audit"):
                continue  # the audit trail is the secretariat's alone (403 for a chair)
            found.append(
                Target(
                    f"{key}_{persona}",
                    f"{label.capitalize()}, as the {persona}",
                    path,
                    "working",
                    user=user,
                )
            )
        for key, label, path in api:
            found.append(
                Target(
                    f"{key}_{persona}",
                    f"{label}, as the {persona} (token)",
                    path,
                    "working",
                    user=user,
                    token=True,
                )
            )
    return found
