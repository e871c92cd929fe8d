"""The API's FilterSets for resources whose shared FilterSet lives elsewhere or does not
exist yet.

Minutes and decisions reuse portal/search.py (``PublishedMinutesFilter``,
``PublicDecisionFilter``) — the same parameters, messages and Persian folding as the
portal's archive and tracker — pointed through ``paths`` at the annotations the API's
querysets carry (see ``annotate_minutes`` and ``annotate_decisions``): for a row the caller
sees only as published, the published values; for the internal record, the live ones.

Free-text search (``q``) goes through ``api_search_text`` (a substring search of every
folded word; live text is folded in SQL by :class:`persian.search.Folded` as the stored
keys were by :func:`persian.text.normalize`; the annotation cannot use an index) — except
on PostgreSQL for anonymous callers, who see only published rows: their search is the
portal's full-text search on the portal's stored vector (``paths["published_vector"]``),
served by its GIN index.
"""

from __future__ import annotations

import django_filters
from django.db.models import Case, F, Q, TextField, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from committee.filters import IdFilter
from minutes.models import AgendaItem, Decision, Invitation, Minutes, Question
from persian.search import Folded
from portal.models import PublicDecision
from portal.search import (
    PublicDecisionFilter,
    PublishedMinutesFilter,
    filter_contained_words,
    filter_full_text,
    uses_full_text,
)


def annotate_minutes(queryset):
    """``api_search_text``: the portal's folded text of a published revision, else the
    summary of a draft, folded in SQL (:class:`persian.search.Folded`, the same folding)."""
    return queryset.annotate(
        api_search_text=Coalesce(
            F("portal_document__search_text"), Folded("summary"), output_field=TextField()
        )
    )


def annotate_decisions(queryset):
    """The values a decision is shown and filtered by: live ones for the internal record
    (``shown_live``, ``Decision.objects.visible_to``), published ones (the portal's index)
    otherwise."""
    return queryset.annotate(
        api_search_text=Case(
            When(shown_live=True, then=Folded("text")),
            default=Coalesce(F("portal_entry__search_text"), Value("")),
            output_field=TextField(),
        ),
        api_deadline=Case(
            When(shown_live=True, then=F("deadline")), default=F("portal_entry__deadline")
        ),
        api_organization=Case(
            When(shown_live=True, then=F("responsible_organization")),
            default=F("portal_entry__organization"),
        ),
    )


class _SchemaHints:
    """Types of the shared method filters for the OpenAPI schema (their choices come from
    the database, which the schema must not depend on)."""

    @extend_schema_field(OpenApiTypes.STR)
    def filter_committee(self, queryset, name, value):
        return super().filter_committee(queryset, name, value)

    @extend_schema_field(OpenApiTypes.STR)
    def filter_body(self, queryset, name, value):
        return super().filter_body(queryset, name, value)


class _PublishedTextSearch:
    """``q`` over the portal's index for callers who see only published rows (anonymous
    ones) on PostgreSQL: full-text search on ``paths["published_vector"]``, the index's
    stored vector reached through the relation, which the GIN index serves. Signed-in
    callers may see drafts and the internal record, whose live text has no stored search
    key: they keep the substring search of ``paths["text"]`` (an annotation), on every
    database."""

    def _sees_only_published(self) -> bool:
        user = getattr(self.request, "user", None)
        return user is not None and not user.is_authenticated

    def filter_text(self, queryset, name, value):
        if uses_full_text(queryset) and self._sees_only_published():
            return filter_full_text(queryset, self._path("published_vector"), value)
        return filter_contained_words(queryset, self._path("text"), value)


class MinutesFilter(_SchemaHints, _PublishedTextSearch, PublishedMinutesFilter):
    """Minutes revisions: ``committee``, ``body`` (a workgroup's slug, or ``committee`` for
    the plenary), ``since``/``until`` (the meeting's Jalali date), ``q`` (text), and
    ``status`` and ``meeting``."""

    paths = {
        "committee": "meeting__committee",
        "workgroup": "meeting__workgroup",
        "day": "meeting__starts_at__date",
        "text": "api_search_text",
        "published_vector": "portal_document__search_vector",
    }

    status = django_filters.ChoiceFilter(
        label=_("وضعیت"), choices=Minutes.Status.choices, empty_label=_("همه")
    )
    meeting = IdFilter(label=_("جلسه"), field_name="meeting__id")

    class Meta:
        model = Minutes
        fields: list[str] = []


class DecisionFilter(_SchemaHints, _PublishedTextSearch, PublicDecisionFilter):
    """Decisions: ``committee``, ``body``, ``status`` (the live status, or ``overdue``),
    ``organization`` (responsible), ``district`` (a city district's id), ``since``/``until``
    (the deadline, Jalali), ``q`` and ``meeting``."""

    paths = {
        "committee": "meeting__committee",
        "workgroup": "meeting__workgroup",
        "status": "status",
        "deadline": "api_deadline",
        "organization": "api_organization",
        "text": "api_search_text",
        "published_vector": "portal_entry__search_vector",
    }

    meeting = IdFilter(label=_("جلسه"), field_name="meeting__id")

    class Meta:
        model = PublicDecisionFilter.Meta.model
        fields: list[str] = []

    @extend_schema_field(OpenApiTypes.STR)
    def filter_status(self, queryset, name, value):
        return super().filter_status(queryset, name, value)

    @extend_schema_field(OpenApiTypes.INT)
    def filter_organization(self, queryset, name, value):
        # ``api_organization`` is an annotated id (live or published), compared by number.
        return super().filter_organization(queryset, name, value.pk)

    @extend_schema_field(OpenApiTypes.INT)
    def filter_district(self, queryset, name, value):
        # The live districts for the internal record, the published ones otherwise; by
        # subqueries, so that a decision is never listed twice.
        live = Decision.districts.through.objects.filter(district=value).values("decision_id")
        published = PublicDecision.districts.through.objects.filter(district=value).values(
            "publicdecision_id"
        )
        return queryset.filter(
            Q(shown_live=True, pk__in=live) | Q(shown_live=False, portal_entry__in=published)
        )


class AgendaItemFilter(django_filters.FilterSet):
    meeting = IdFilter(label=_("جلسه"), field_name="meeting__id")
    kind = django_filters.ChoiceFilter(
        label=_("نوع"), choices=AgendaItem.Kind.choices, empty_label=_("همه")
    )

    class Meta:
        model = AgendaItem
        fields: list[str] = []


class QuestionFilter(django_filters.FilterSet):
    meeting = IdFilter(label=_("جلسه"), field_name="meeting__id")
    status = django_filters.ChoiceFilter(
        label=_("وضعیت"), choices=Question.Status.choices, empty_label=_("همه")
    )
    kind = django_filters.ChoiceFilter(
        label=_("نوع"), choices=Question.Kind.choices, empty_label=_("همه")
    )

    class Meta:
        model = Question
        fields: list[str] = []


class InvitationFilter(django_filters.FilterSet):
    meeting = IdFilter(label=_("جلسه"), field_name="meeting__id")
    response = django_filters.ChoiceFilter(
        label=_("پاسخ"), choices=Invitation.Response.choices, empty_label=_("همه")
    )

    class Meta:
        model = Invitation
        fields: list[str] = []


# --- Strict query parameters -------------------------------------------------------------
#
# The API's FilterSets are the shared ones above (and those of committee/, workgroups/ and
# minutes/filters.py), made strict by :class:`StrictFilterBackend` for the API alone:
#
# * a query parameter the endpoint does not have is a 400 naming it (``unknown_parameter``)
#   rather than being ignored; ``page_size`` must be a whole number in its range;
# * a date filter takes ISO 8601 (``2026-04-28``) or a Jalali date in any digits
#   (``1405/02/08``, ``۱۴۰۵-۰۲-۰۸``), told apart by the year (1800–2199: Gregorian), so
#   ``since=2019-02-01`` is the 1st of February 2019, never the Jalali year 2019;
# * a committee's or workgroup's slug that names nothing is a 400 naming the parameter;
# * ``updated_since`` (ISO 8601 date-time) on every list whose rows carry ``updated_at``.

import copy  # noqa: E402
import datetime  # noqa: E402
import re  # noqa: E402

from django import forms  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.dateparse import parse_datetime  # noqa: E402
from django_filters.rest_framework import DjangoFilterBackend  # noqa: E402
from rest_framework.exceptions import ValidationError  # noqa: E402

from committee.models import Committee  # noqa: E402
from persian.digits import to_latin_digits  # noqa: E402
from persian.forms import JalaliDateField  # noqa: E402
from persian.jalali import TEHRAN, is_english  # noqa: E402
from workgroups.models import Workgroup  # noqa: E402

# The forms a date filter accepts, for the schema: four digits of year, a separator
# (- / . or ٫) twice, month and day; Latin, Persian or Arabic-Indic digits.
_DIGIT = "[0-9\u06f0-\u06f9\u0660-\u0669]"
_SEPARATOR = r"\s*[-/.\u066b]\s*"
DATE_PATTERN = rf"^\s*{_DIGIT}{{4}}{_SEPARATOR}{_DIGIT}{{1,2}}{_SEPARATOR}{_DIGIT}{{1,2}}\s*$"
DATE_MAX_LENGTH = 32
GREGORIAN_YEARS = range(1800, 2200)
DATE_DESCRIPTION = (
    "A day: ISO 8601 (YYYY-MM-DD, Gregorian year 1800–2199) or Jalali (year/month/day, "
    "year 1–1799, separated by / - . or ٫, in Latin, Persian or Arabic-Indic digits: "
    "1405/02/08, ۱۴۰۵/۰۲/۰۸). The year tells them apart."
)
UPDATED_SINCE_DESCRIPTION = (
    "Only rows changed at or after this instant (ISO 8601 date-time, e.g. "
    "2026-04-28T09:30:00+03:30; without an offset, Tehran time; a date alone means its "
    "start in Tehran). Compares each row's own `updated_at`; deletions are not reported."
)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)


class ApiDateField(JalaliDateField):
    """ISO 8601 (a Gregorian year 1800–2199) or a Jalali date in any digits."""

    default_error_messages = {
        **JalaliDateField.default_error_messages,
        "gregorian": _(
            "تاریخ میلادی را به شکل ISO 8601 (سال-ماه-روز، مانند 2026-04-28) یا تاریخ شمسی "
            "(مانند ۱۴۰۵/۰۲/۰۸) بفرستید."
        ),
        "invalid_iso": _("چنین روزی در تقویم میلادی نیست."),
        "too_long": _("تاریخ بیش از اندازه بلند است."),
    }

    def to_python(self, value):
        if isinstance(value, str):
            if len(value) > DATE_MAX_LENGTH:
                raise forms.ValidationError(self.error_messages["too_long"], code="too_long")
            match = _ISO_DATE.fullmatch(value.strip())
            if match and int(match[1]) in GREGORIAN_YEARS:
                try:
                    return datetime.date(int(match[1]), int(match[2]), int(match[3]))
                except ValueError as err:
                    raise forms.ValidationError(
                        self.error_messages["invalid_iso"], code="invalid_date"
                    ) from err
        return super().to_python(value)


class UpdatedSinceField(forms.Field):
    default_error_messages = {
        "invalid": _(
            "زمان را به شکل ISO 8601 بفرستید، مانند 2026-04-28T09:30:00+03:30 یا 2026-04-28."
        ),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = to_latin_digits(str(value)).strip()
        if len(text) > DATE_MAX_LENGTH:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            moment = parse_datetime(text)
            if moment is None:
                day = datetime.date.fromisoformat(text) if _ISO_DATE.fullmatch(text) else None
                if day is None:
                    raise ValueError(text)
                moment = datetime.datetime.combine(day, datetime.time())
        except ValueError as err:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from err
        if timezone.is_naive(moment):
            moment = moment.replace(tzinfo=TEHRAN)
        try:
            # In UTC: PostgreSQL refuses an offset beyond ±15:59 (ISO 8601 allows ±23:59),
            # and a moment at the edge of the calendar is refused here, not by the database.
            return moment.astimezone(datetime.UTC)
        except OverflowError as err:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from err


@extend_schema_field(
    {
        "type": "string",
        "format": "date-time",
        "maxLength": DATE_MAX_LENGTH,
        "description": UPDATED_SINCE_DESCRIPTION,
    }
)
class UpdatedSinceFilter(django_filters.Filter):
    field_class = UpdatedSinceField

    def __init__(self, **kwargs):
        super().__init__(
            field_name="updated_at", lookup_expr="gte", label=_("تغییرکرده از"), **kwargs
        )


DATE_SCHEMA = {
    "type": "string",
    "pattern": DATE_PATTERN,
    "maxLength": DATE_MAX_LENGTH,
    "description": DATE_DESCRIPTION,
}


def date_parameter(name: str, what: str):
    """The schema of a date filter ``name`` the view describes itself (``what``)."""
    from drf_spectacular.utils import OpenApiParameter

    schema = {key: value for key, value in DATE_SCHEMA.items() if key != "description"}
    return OpenApiParameter(name, schema, description=f"{what}. {DATE_DESCRIPTION}")


class KnownSlugField(forms.CharField):
    """A slug that must name a row of ``model`` (committees and workgroups are public)."""

    model: type = Committee
    default_error_messages = {
        "unknown_committee": _("«%(value)s» نامک هیچ کمیته‌ای نیست."),
        "unknown_workgroup": _("«%(value)s» نامک هیچ کارگروهی نیست."),
    }

    def validate(self, value):
        super().validate(value)
        if value and not self.model._default_manager.filter(slug=value).exists():
            key = "unknown_committee" if self.model is Committee else "unknown_workgroup"
            raise forms.ValidationError(
                self.error_messages[key], code="unknown_slug", params={"value": value}
            )


def _slug_model(name: str, filter_, model) -> type | None:
    """The model whose slug the CharFilter ``name`` takes, or None."""
    path = filter_.field_name or ""
    if name == "committee" or path.endswith("committee__slug"):
        return Committee
    if name == "workgroup" or path.endswith("workgroup__slug"):
        return Workgroup
    if name == "slug" and model in (Committee, Workgroup):
        return model
    return None


def strict_filterset(filterset_class, model):
    """``filterset_class`` made strict for the API (see the section's comment); cached."""
    cached = _STRICT.get(filterset_class)
    if cached is not None:
        return cached
    filters = {}
    for name, filter_ in filterset_class.base_filters.items():
        if not issubclass(filter_.field_class, forms.CharField):
            # A number, a choice, a date or a yes/no sent empty (``?kind=``) is not "any"
            # but a value the schema does not allow: a 400, as for any other wrong value.
            filter_ = copy.deepcopy(filter_)
            filter_.field_class = _non_empty(filter_.field_class)
            filters[name] = filter_
        if isinstance(filter_, django_filters.DateFilter):
            replacement = copy.deepcopy(filter_)
            replacement.field_class = _non_empty(ApiDateField)
            filters[name] = extend_schema_field(DATE_SCHEMA)(replacement)
        elif type(filter_) is django_filters.CharFilter:
            slug_model = _slug_model(name, filter_, model)
            if slug_model is not None:
                replacement = copy.deepcopy(filter_)
                replacement.field_class = type(
                    "KnownSlugField", (KnownSlugField,), {"model": slug_model}
                )
                filters[name] = replacement
    if any(f.name == "updated_at" for f in model._meta.get_fields()):
        updated_since = UpdatedSinceFilter()
        updated_since.field_class = _non_empty(UpdatedSinceField)
        filters["updated_since"] = updated_since
    strict = type(f"Strict{filterset_class.__name__}", (filterset_class,), {})
    strict.base_filters = {**filterset_class.base_filters, **filters}
    _STRICT[filterset_class] = strict
    return strict


_STRICT: dict = {}


EMPTY_PARAMETER = _("این پارامتر خالی فرستاده شده است؛ مقداری بدهید یا آن را نفرستید.")


class NonEmptyMixin:
    """A filter's form field that refuses a parameter sent with nothing after ``=``."""

    def clean(self, value):
        if value == "":
            raise forms.ValidationError(EMPTY_PARAMETER, code="empty")
        return super().clean(value)


def _non_empty(field_class):
    if issubclass(field_class, NonEmptyMixin):
        return field_class
    return type(f"NonEmpty{field_class.__name__}", (NonEmptyMixin, field_class), {})


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend with the API's strict FilterSets (this section)."""

    def get_filterset_class(self, view, queryset=None):
        filterset_class = super().get_filterset_class(view, queryset)
        if filterset_class is None:
            return None
        return strict_filterset(filterset_class, filterset_class._meta.model)


def pagination_parameters(paginator) -> dict[str, int | None]:
    """The query parameters of ``paginator`` (page number or cursor pagination alike), each
    with the largest value it takes if it is a whole number (None otherwise)."""
    names: dict[str, int | None] = {}
    if paginator is None:
        return names
    for attribute in ("page_query_param", "cursor_query_param", "offset_query_param"):
        name = getattr(paginator, attribute, None)
        if name:
            names[name] = None
    for attribute in ("page_size_query_param", "limit_query_param"):
        name = getattr(paginator, attribute, None)
        if name:
            names[name] = getattr(paginator, "max_page_size", None) or getattr(
                paginator, "max_limit", None
            )
    return names


def check_query_parameters(request, known: set[str], sizes: dict[str, int | None]) -> None:
    """400 for a query parameter not in ``known`` and a page size not a whole number in
    1…its maximum, each error under the parameter's name."""
    errors: dict[str, list[str]] = {}
    separator = ", " if is_english() else "، "
    for name in request.query_params:
        if name not in known:
            shown = name if len(name) <= 50 else name[:50] + "…"
            errors[shown] = [
                _("پارامتر «%(name)s» در این نشانی شناخته نیست؛ پارامترها: %(known)s.")
                % {"name": shown, "known": separator.join(sorted(known)) or "—"}
            ]
    for name in request.query_params:
        if name in known and len(request.query_params.getlist(name)) > 1:
            # Every parameter takes one value; which of several would count is no guess
            # to leave to the server.
            errors[name] = [_("«%(name)s» را یک بار بفرستید.") % {"name": name}]
    for name, largest in sizes.items():
        if name in request.query_params and not request.query_params[name].strip():
            # ``?page=`` is not the first page but a number left out (the schema's integer).
            errors[name] = [EMPTY_PARAMETER]
            continue
        if largest is None or name not in request.query_params:
            continue
        value = to_latin_digits(request.query_params[name]).strip()
        if not (value.isascii() and value.isdigit() and 1 <= int(value) <= largest):
            errors[name] = [
                _("«%(name)s» باید عددی درست از ۱ تا %(max)s باشد.")
                % {"name": name, "max": largest}
            ]
    if errors:
        raise ValidationError(errors, code="invalid")
