"""Feeds: RSS and Atom of published minutes, and an iCalendar of upcoming public meetings,
for the whole committee and for each workgroup.

The minutes feeds list every published revision (a correction is news too), newest first,
from the portal's index of the snapshots. The calendar lists the announced (public)
meetings still to come; each event links back to the meeting's page.
"""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from icalendar import Event

from committee.models import Committee
from minutes.ical import TIME_ZONE, clean_text, meeting_event, new_calendar
from minutes.models import Meeting
from persian.digits import to_persian_digits
from persian.jalali import format_date, format_time
from portal.indexing import ensure_index
from portal.models import PublishedDocument
from workgroups.models import Workgroup

FEED_ITEMS = 30
CALENDAR_LIMIT = 200
PRODID = "-//media-committee//portal//FA"


def _body(committee_slug: str, workgroup_slug: str | None):
    committee = get_object_or_404(Committee, slug=committee_slug)
    workgroup = None
    if workgroup_slug:
        workgroup = get_object_or_404(Workgroup, committee=committee, slug=workgroup_slug)
        workgroup.committee = committee
    return committee, workgroup


class MinutesRssFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "fa"

    def get_object(self, request, committee_slug: str, workgroup_slug: str | None = None):
        ensure_index()
        return _body(committee_slug, workgroup_slug)

    def title(self, obj) -> str:
        committee, workgroup = obj
        return _("صورتجلسه‌های منتشرشده %(name)s") % {"name": (workgroup or committee).name}

    def link(self, obj) -> str:
        committee, workgroup = obj
        if workgroup:
            return reverse("portal_workgroup", args=[committee.slug, workgroup.slug])
        return reverse("committee_detail", args=[committee.slug])

    def description(self, obj) -> str:
        committee, workgroup = obj
        return _("صورتجلسه‌ها و اصلاحیه‌های منتشرشده %(name)s، تازه‌ترین در آغاز.") % {
            "name": (workgroup or committee).name
        }

    subtitle = description

    def items(self, obj):
        committee, workgroup = obj
        documents = PublishedDocument.objects.filter(committee=committee)
        if workgroup:
            documents = documents.filter(workgroup=workgroup)
        return documents.defer("search_text", "search_vector").order_by("-published_at", "-pk")[
            :FEED_ITEMS
        ]

    def item_title(self, item: PublishedDocument) -> str:
        title = _("%(title)s — %(body)s، جلسه شماره %(number)s سال %(year)s") % {
            "title": item.title,
            "body": item.body_name,
            "number": to_persian_digits(item.meeting_number),
            "year": to_persian_digits(item.jalali_year),
        }
        if item.is_correction:
            title += " — " + to_persian_digits(
                _("اصلاحیه (ویرایش %(revision)s)") % {"revision": item.revision}
            )
        return title

    def item_description(self, item: PublishedDocument) -> str:
        parts = [
            _("جلسه %(date)s") % {"date": format_date(item.meeting_starts_at, with_weekday=True)},
        ]
        if item.correction_reason:
            parts.append(_("علت اصلاح: %(reason)s") % {"reason": item.correction_reason})
        if item.summary:
            parts.append(item.summary)
        parts.append(to_persian_digits(_("%(count)s مصوبه عمومی") % {"count": item.decision_count}))
        return "\n".join(parts)

    def item_link(self, item: PublishedDocument) -> str:
        return item.get_absolute_url()

    def item_guid(self, item: PublishedDocument) -> str:
        return item.document_id

    item_guid_is_permalink = False

    def item_pubdate(self, item: PublishedDocument):
        return item.published_at

    def item_updateddate(self, item: PublishedDocument):
        return item.published_at

    def item_author_name(self, item: PublishedDocument) -> str:
        return item.body_name

    def item_categories(self, item: PublishedDocument):
        return [item.body_name]


class MinutesAtomFeed(MinutesRssFeed):
    feed_type = Atom1Feed


def _event(request: HttpRequest, meeting: Meeting) -> Event:
    url = request.build_absolute_uri(meeting.get_absolute_url())
    description = "\n".join(
        [
            meeting.body_name,
            to_persian_digits(
                _("جلسه شماره %(number)s سال %(year)s")
                % {"number": meeting.number, "year": meeting.jalali_year}
            ),
            f"{format_date(meeting.starts_at, with_weekday=True)}، "
            + _("ساعت %(time)s") % {"time": format_time(meeting.starts_at)},
            url,
        ]
    )
    event = meeting_event(
        meeting,
        summary=f"{meeting.title} — {meeting.body_name}",
        description=description,
        sequence=meeting.invitation_sequence,
        stamp=meeting.updated_at,
        url=url,
    )
    event.add("transp", "OPAQUE")
    return event


@require_GET
def calendar(
    request: HttpRequest, committee_slug: str, workgroup_slug: str | None = None
) -> HttpResponse:
    """The announced meetings still to come, as an iCalendar (RFC 5545) subscription."""
    committee, workgroup = _body(committee_slug, workgroup_slug)
    meetings = Meeting.objects.filter(committee=committee).public().upcoming()
    if workgroup:
        meetings = meetings.filter(workgroup=workgroup)
    meetings = meetings.select_related("committee", "workgroup")[:CALENDAR_LIMIT]
    name = _("جلسات عمومی %(name)s") % {"name": (workgroup or committee).name}
    ics = new_calendar("PUBLISH", prodid=PRODID)
    ics.add("x-wr-calname", clean_text(name))
    ics.add("x-wr-timezone", TIME_ZONE)
    ics.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    for meeting in meetings:
        ics.add_component(_event(request, meeting))
    slug = workgroup.slug if workgroup else committee.slug
    response = HttpResponse(ics.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slug}-meetings.ics"'
    return response
