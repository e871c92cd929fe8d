"""The agenda (دستور جلسه) of a meeting as a PDF, on the minutes' letterhead.

Same pipeline as the minutes (:mod:`minutes.publication.pdf`): the template extends
``minutes/pdf/base.html`` (letterhead, footer with the page number in Persian digits), the
stylesheet is ``minutes/pdf/minutes.css``, and the bytes come from ``pdf.write_pdf`` with
the allow-list fetcher, so the security notes of that module hold here too. Nothing is
stored: the agenda changes until the meeting is held, so it is rendered on request.

Who sees what follows the meeting page (``minutes.views_work.meeting_detail``): someone to
whom the meeting is internal (``Meeting.objects.internal_to``: its body's members, the
secretariat…) gets every item, the internal ones marked «درونی», and the list of
invitees; anyone else the items ``AgendaItem.objects.visible_to`` gives them (the public
ones once the minutes are published) and no invitees.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from minutes.models import AgendaItem, Attachment, Invitation, Meeting
from minutes.publication import pdf
from minutes.visibility import Viewer
from persian.digits import to_persian_digits
from persian.jalali import format_date, format_datetime, format_time

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

    # A user, or the look-ups of one already made; None: see render_agenda_pdf.
    Who = Viewer | AbstractBaseUser | AnonymousUser | None

__all__ = ["agenda_items_for", "render_agenda_pdf"]

TEMPLATE = "minutes/pdf/agenda.html"


def _internal(meeting: Meeting, viewer: Who) -> bool:
    return viewer is not None and Meeting.objects.internal_to(viewer).filter(pk=meeting.pk).exists()


def agenda_items_for(meeting: Meeting, viewer: Who) -> QuerySet[AgendaItem]:
    """The items of ``meeting`` the PDF shows to ``viewer``, in the agenda's order.

    ``viewer=None``: the public items (``is_public``), for a paper whose recipients the
    secretariat chose (an invitation email). A user or :class:`Viewer`: exactly what
    ``AgendaItem.objects.visible_to`` gives them, as on the meeting page.
    """
    if viewer is None:
        items = meeting.agenda_items.filter(is_public=True)
    else:
        items = AgendaItem.objects.visible_to(viewer).filter(meeting=meeting)
    return items.select_related("presenter__organization").order_by("order", "pk")


def _person(person) -> dict[str, str]:
    organization = person.organization.name if person.organization_id else ""
    return {
        "name": pdf.shown(person.full_name),
        "post": pdf.shown(person.post),
        "organization": pdf.shown(organization),
        "note": "",
    }


def _numbered(invitations: Iterable[Invitation]) -> list[dict[str, str]]:
    return [
        {**_person(invitation.person), "position": to_persian_digits(position)}
        for position, invitation in enumerate(invitations, start=1)
    ]


def meeting_url(meeting: Meeting) -> str:
    """The meeting page's address, absolute when ``settings.PUBLIC_BASE_URL`` is set."""
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    return f"{base}{meeting.get_absolute_url()}"


def build_context(meeting: Meeting, viewer: Who, *, now: datetime.datetime) -> dict:
    """The template's context: every date, time and number already in Persian."""
    internal = _internal(meeting, viewer)
    items = list(agenda_items_for(meeting, viewer))
    attachments: dict[int, list[str]] = {}
    for attachment in Attachment.objects.filter(agenda_item__in=items).order_by("pk"):
        attachments.setdefault(attachment.agenda_item_id, []).append(pdf.shown(attachment.title))
    agenda = [
        {
            "position": to_persian_digits(position),
            "title": pdf.shown(item.title),
            "kind_label": item.get_kind_display(),
            "is_question": item.kind in (AgendaItem.Kind.QUESTION, AgendaItem.Kind.PROBLEM),
            "internal": not item.is_public,
            "description": pdf.shown(item.description),
            "presenter": _person(item.presenter) if item.presenter else None,
            "attachments": attachments.get(item.pk, []),
        }
        for position, item in enumerate(items, start=1)
    ]
    invitations = (
        list(
            meeting.invitations.select_related("person__organization").order_by(
                "person__last_name", "person__first_name", "pk"
            )
        )
        if internal
        else []
    )
    committee = meeting.committee
    body_kind = "workgroup" if meeting.workgroup_id else "committee"
    body_name = meeting.body_name
    title = _("دستور جلسه — %(title)s") % {"title": pdf.fa_text(meeting.title)}
    session = (
        _("جلسه شماره %(number)s سال %(year)s")
        % {
            "number": to_persian_digits(meeting.number),
            "year": to_persian_digits(meeting.jalali_year),
        }
        if meeting.number
        else ""
    )
    return {
        "title": title,
        "committee": {
            "name": pdf.shown(committee.name),
            "municipality": pdf.shown(committee.municipality),
        },
        "body": {"name": pdf.shown(body_name), "kind": body_kind},
        "meeting": {
            "title": pdf.shown(meeting.title),
            "session": session,
            "date_weekday": format_date(meeting.starts_at, with_weekday=True, lang="fa"),
            "starts": format_time(meeting.starts_at, lang="fa"),
            "ends": format_time(meeting.ends_at, lang="fa"),
            "location": pdf.shown(meeting.location),
            "cancelled": meeting.status == Meeting.Status.CANCELLED,
            "cancellation_reason": pdf.shown(meeting.cancellation_reason),
            "held": meeting.status == Meeting.Status.HELD,
        },
        "chair": _person(meeting.chair_person) if meeting.chair_person else None,
        "secretary": _person(meeting.secretary_person) if meeting.secretary_person else None,
        "agenda": agenda,
        "internal": internal,
        "has_internal_items": any(entry["internal"] for entry in agenda),
        "members": _numbered(i for i in invitations if not i.is_guest),
        "guests": _numbered(i for i in invitations if i.is_guest),
        "issued_date": format_date(now, lang="fa"),
        "issued_datetime": format_datetime(now, lang="fa"),
        "meeting_url": meeting_url(meeting),
        "meeting_link": meeting_url(meeting).startswith(("https://", "http://")),
        "meta": {
            "author": pdf.fa_text(committee.name),
            "subject": pdf.fa_text(body_name),
            "created": pdf.w3c_datetime(now),
            "modified": pdf.w3c_datetime(now),
            "keywords": ", ".join(
                part for part in (_("دستور جلسه"), pdf.fa_text(body_name), session) if part
            ),
        },
    }


def render_agenda_pdf(meeting: Meeting, viewer: Who = None) -> bytes:
    """The agenda of ``meeting`` as PDF bytes (PDF/A, tagged, Vazirmatn embedded).

    ``meeting``: a :class:`~minutes.models.Meeting` (its committee, workgroup, chair and
    secretary are read). ``viewer``: whom the paper is for —

    * ``None`` (the default): the public items only and no list of invitees; meant for an
      email to people the secretariat invited (the issue's «public agenda»);
    * a user (or a :class:`~minutes.visibility.Viewer`): what the meeting page shows them.
      Someone to whom the meeting is internal gets every item, the internal ones marked
      «درونی» with a note in the footer, and the invitees (members, then «مدعوین») with a
      column to sign; anyone else only ``AgendaItem.objects.visible_to(viewer)`` and no
      invitees. The caller checks that the viewer may see the meeting at all
      (``Meeting.objects.visible_to``); this function does not.

    Always in Persian, whatever the active language. Renders anew on every call and
    stores nothing; a call costs a WeasyPrint layout of one or two pages (the minutes'
    figures are in docs/benchmarks.md), so an email task should render it once per
    distinct viewer, not once per recipient.
    """
    with translation.override("fa"):
        inline: dict[str, tuple[bytes, str]] = {}
        context = build_context(meeting, viewer, now=timezone.now())
        context["logo_data_uri"] = pdf.logo_data_uri(meeting.committee.slug, inline)
        html = render_to_string(TEMPLATE, context)
        fetcher = pdf.AllowListURLFetcher(files=pdf.allowed_asset_files(), inline=inline)
        return pdf.write_pdf(html, fetcher=fetcher)
