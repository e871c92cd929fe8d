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
        *public_targets(),
        # logged-in targets (helper C)
        *working_targets(),
    ]


# A deep page of a list: the position of this row (20 a page: page 1,000); for the
# minutes, of which there are fewer (a ninth of the decisions), page 500.
DEEP_ROW = 19_980
DEEP_MINUTES_ROW = 9_980


def public_targets() -> list[Target]:
    """The other public pages and API lists of issue 17, each on real rows of the database:
    the busiest workgroup of the first committee, a quarter of its dates, and deep pages
    of the API's cursor lists at the position of row DEEP_ROW."""
    from urllib.parse import urlencode

    from django.contrib.auth.models import AnonymousUser
    from django.db.models import Count
    from django.urls import reverse

    from api.pagination import DecisionPagination, MinutesPagination
    from api.views import querysets
    from minutes.visibility import Viewer
    from persian.jalali import format_numeric_latin
    from portal.models import PublishedDocument
    from workgroups.models import Workgroup

    workgroup = (
        Workgroup.objects.select_related("committee")
        .annotate(n=Count("meetings"))
        .order_by("committee__pk", "-n", "pk")
        .first()
    )
    if workgroup is None:
        raise SystemExit("No workgroup: seed the database first.")
    committee = workgroup.committee
    dates = list(
        PublishedDocument.objects.filter(is_latest=True)
        .order_by("meeting_date")
        .values_list("meeting_date", flat=True)[:1]
    ) + list(
        PublishedDocument.objects.filter(is_latest=True)
        .order_by("-meeting_date")
        .values_list("meeting_date", flat=True)[:1]
    )
    middle = dates[0] + (dates[-1] - dates[0]) / 2
    quarter = {
        "since": format_numeric_latin(middle),
        "until": format_numeric_latin(middle + (dates[-1] - dates[0]) / 20),
    }
    viewer = Viewer.of(AnonymousUser())

    def deep_cursor(pagination, queryset, position: int) -> str:
        # On a smaller dataset (the query counts' small one), the middle row instead.
        position = min(position, queryset.count() // 2)
        row = queryset.order_by(*pagination.ordering())[position]
        return pagination.encode_cursor(row, backwards=False)

    decisions_cursor = deep_cursor(DecisionPagination(), querysets.decisions(viewer), DEEP_ROW)
    minutes_cursor = deep_cursor(MinutesPagination(), querysets.minutes(viewer), DEEP_MINUTES_ROW)
    body = {"committee": committee.slug, "body": workgroup.slug}
    csv_filter = {**body, **quarter}
    return [
        Target("home", "Home page (/)", "/", "list"),
        Target(
            "archive_workgroup",
            "Minutes list, one workgroup",
            f"/archive/?{urlencode(body)}",
            "list",
        ),
        Target(
            "archive_dates",
            "Minutes list, a range of meeting dates",
            f"/archive/?{urlencode(quarter)}",
            "list",
        ),
        Target(
            "tracker_filtered",
            "Decisions tracker, one committee's open decisions",
            f"/decisions/?{urlencode({'committee': committee.slug, 'status': 'open'})}",
            "list",
        ),
        Target(
            "workgroup_page",
            "Workgroup page",
            reverse("portal_workgroup", args=[committee.slug, workgroup.slug]),
            "list",
        ),
        Target(
            "api_deep",
            f"API list (/api/v1/decisions/), the page after row {DEEP_ROW:,}",
            f"/api/v1/decisions/?{urlencode({'cursor': decisions_cursor})}",
            "list",
        ),
        Target("api_minutes", "API list (/api/v1/minutes/)", "/api/v1/minutes/", "list"),
        Target(
            "api_minutes_deep",
            f"API list (/api/v1/minutes/), the page after row {DEEP_MINUTES_ROW:,}",
            f"/api/v1/minutes/?{urlencode({'cursor': minutes_cursor})}",
            "list",
        ),
        Target(
            "feed_rss",
            "Minutes feed, RSS (a committee)",
            reverse("portal_feed_rss", args=[committee.slug]),
            "list",
        ),
        Target(
            "feed_atom",
            "Minutes feed, Atom (a workgroup)",
            reverse("portal_workgroup_feed_atom", args=[committee.slug, workgroup.slug]),
            "list",
        ),
        Target(
            "feed_ics",
            "Calendar of public meetings, iCalendar (a committee)",
            reverse("portal_feed_ics", args=[committee.slug]),
            "list",
        ),
        Target(
            "csv",
            "Tracker CSV, one workgroup's decisions of a range of deadlines (whole file)",
            f"{reverse('portal_decisions_csv')}?{urlencode(csv_filter)}",
            "list",
        ),
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
