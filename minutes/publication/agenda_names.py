"""The agenda PDF's file names, apart from its renderer: the meeting page's download
(:mod:`minutes.publication.agenda_views`) and the invitation emails' attachment
(:mod:`minutes.notifications`) name the paper the same way, and a process that only sends
mail does not load WeasyPrint (:mod:`minutes.publication.agenda` does)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.translation import gettext as _

from minutes.attachments import safe_filename
from persian.digits import to_persian_digits
from persian.jalali import tehran_localtime, to_jalali

if TYPE_CHECKING:
    from minutes.models import Meeting

__all__ = ["agenda_ascii_filename", "agenda_filename"]


def _iso_day(meeting: Meeting) -> str:
    day = to_jalali(tehran_localtime(meeting.starts_at)).date()
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def agenda_ascii_filename(meeting: Meeting) -> str:
    """«agenda-1403-02-08.pdf»: the meeting's Jalali day, in ASCII as mail programs and
    old browsers prefer."""
    return f"agenda-{_iso_day(meeting)}.pdf"


def agenda_filename(meeting: Meeting) -> tuple[str, str]:
    """The download's name and its ASCII fallback: «دستور جلسه کارگروه … - جلسه ۳ سال
    ۱۴۰۳ - ۱۴۰۳-۰۲-۰۸.pdf» and «agenda-1403-02-08.pdf» (the meeting's Jalali date)."""
    with translation.override("fa"):
        name = _("دستور جلسه %(body)s - جلسه %(number)s سال %(year)s - %(date)s") % {
            "body": meeting.body_name,
            "number": meeting.number,
            "year": meeting.jalali_year,
            "date": _iso_day(meeting),
        }
    return safe_filename(to_persian_digits(name)) + ".pdf", agenda_ascii_filename(meeting)
