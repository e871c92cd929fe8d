"""The public portal's routes. Included in config/urls.py before minutes.urls, so the home
page ("home") and the committee page ("committee_detail") are served from here.

| path | what |
|---|---|
| / , /committee/<slug>/ | the committee: workgroups, latest minutes, meetings, decisions |
| /archive/ | published minutes: filters, search, pages of 20 |
| /archive/<document_id>/ | one published revision (the same content as its PDF), comments |
| /decisions/ , /decisions/export.csv | the decisions tracker and its CSV export |
| /decisions/register/ , …/export.csv | (signed in) every decision one may see, CSV |
| /decisions/mine/ , …/export.csv | (signed in) the decisions one is responsible for, CSV |
| /inbox/ | (secretariat) the work waiting, with counts |
| /committee/<c>/workgroups/<slug>/ | a workgroup: scope, members, minutes, decisions |
| /committee/<c>/report/ , …/report/export.csv | the scoreboard of the decisions and questions |
| /committee/<c>/organizations/<id>/ , …/export.csv | one responsible organisation's record |
| /committee/<c>/report/seasons/new/ | (secretariat, POST) queue the season's report PDF |
| /committee/<c>/report/seasons/<year>-<season>-v<n>.pdf | a published season report |
| /committee/<c>/districts/<id>/ | one city district: its public decisions and how far they got |
| /reports/charts.css | the stylesheet of the report charts (portal/charts.py) |
| /committee/<c>/comments/ | moderation of comments (secretariat) |
| /feeds/<c>/minutes.rss, .atom, meetings.ics | feeds of the committee |
| /feeds/<c>/<workgroup>/minutes.rss, .atom, meetings.ics | feeds of a workgroup |
| /sitemap.xml , /robots.txt | for search engines |
"""

from django.contrib.sitemaps.views import sitemap
from django.urls import path, register_converter

from portal import feeds, views, views_desk, views_reports, views_season
from portal.sitemaps import SITEMAPS


class DocumentIdConverter:
    """A document identifier such as RASHT-WG2-1405-003-R1."""

    regex = r"[A-Za-z0-9][A-Za-z0-9-]{0,63}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(DocumentIdConverter, "portal_document_id")

urlpatterns = [
    path("", views.home, name="home"),
    path("committee/<slug:slug>/", views.committee_detail, name="committee_detail"),
    path("committee/<slug:slug>/logo/", views.committee_logo, name="committee_logo"),
    path(
        "committee/<slug:committee_slug>/workgroups/<slug:slug>/",
        views.workgroup_detail,
        name="portal_workgroup",
    ),
    path("committee/<slug:slug>/report/", views_reports.committee_report, name="portal_report"),
    path(
        "committee/<slug:slug>/report/export.csv",
        views_reports.committee_report_csv,
        name="portal_report_csv",
    ),
    path(
        "committee/<slug:slug>/organizations/<int:pk>/",
        views_reports.organization_report,
        name="portal_organization_report",
    ),
    path(
        "committee/<slug:slug>/organizations/<int:pk>/export.csv",
        views_reports.organization_report_csv,
        name="portal_organization_report_csv",
    ),
    path(
        "committee/<slug:slug>/report/seasons/new/",
        views_season.season_report_create,
        name="portal_season_report_create",
    ),
    path(
        "committee/<slug:slug>/report/seasons/<int:year>-<int:season>-v<int:version>.pdf",
        views_season.season_report_pdf,
        name="portal_season_report_pdf",
    ),
    path(
        "committee/<slug:slug>/districts/<int:pk>/",
        views_reports.district_report,
        name="portal_district",
    ),
    path("reports/charts.css", views_reports.charts_css, name="portal_charts_css"),
    path("committee/<slug:slug>/comments/", views.moderation, name="portal_moderation"),
    path(
        "committee/<slug:slug>/comments/<int:pk>/<str:action>/",
        views.moderate,
        name="portal_moderate",
    ),
    path("archive/", views.archive, name="portal_archive"),
    path(
        "archive/<portal_document_id:document_id>/",
        views.minutes_detail,
        name="portal_minutes",
    ),
    path("decisions/", views.decisions, name="portal_decisions"),
    path("decisions/export.csv", views.decisions_csv, name="portal_decisions_csv"),
    path("decisions/register/", views_desk.decision_register, name="decision_register"),
    path(
        "decisions/register/export.csv",
        views_desk.decision_register_csv,
        name="decision_register_csv",
    ),
    path("decisions/mine/", views_desk.my_decisions, name="my_decisions"),
    path("decisions/mine/export.csv", views_desk.my_decisions_csv, name="my_decisions_csv"),
    path("inbox/", views_desk.inbox, name="inbox"),
    path(
        "feeds/<slug:committee_slug>/minutes.rss",
        feeds.MinutesRssFeed(),
        name="portal_feed_rss",
    ),
    path(
        "feeds/<slug:committee_slug>/minutes.atom",
        feeds.MinutesAtomFeed(),
        name="portal_feed_atom",
    ),
    path("feeds/<slug:committee_slug>/meetings.ics", feeds.calendar, name="portal_feed_ics"),
    path(
        "feeds/<slug:committee_slug>/<slug:workgroup_slug>/minutes.rss",
        feeds.MinutesRssFeed(),
        name="portal_workgroup_feed_rss",
    ),
    path(
        "feeds/<slug:committee_slug>/<slug:workgroup_slug>/minutes.atom",
        feeds.MinutesAtomFeed(),
        name="portal_workgroup_feed_atom",
    ),
    path(
        "feeds/<slug:committee_slug>/<slug:workgroup_slug>/meetings.ics",
        feeds.calendar,
        name="portal_workgroup_feed_ics",
    ),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="portal_sitemap"),
    path("robots.txt", views.robots_txt, name="portal_robots"),
]
