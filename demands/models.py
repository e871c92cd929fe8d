"""Citizens' demands («مطالبه»).

* :class:`Topic` and the committee's :class:`committee.models.District` are the lists a
  demand is filed under (set in the admin, or by ``manage.py setup_demand_lists``); a topic
  belongs to the field of one workgroup. (District moved to the committee app, its table
  kept, so that decisions can name districts too.)
* :class:`Demand` is one city problem raised by a visitor for the committee or one of its
  workgroups. It waits for the secretariat (pending), then is published, merged into
  another demand (it then counts for that one), or rejected with a reason kept on record.
  A published demand may be put on a meeting's agenda; the decisions taken on that item
  are shown with it once the minutes are published. The email address of whoever raised
  it is used only to tell them what became of it: it is never shown.
* :class:`Support` is one visitor's support of a published demand (one per browser or
  account, limited per client address).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee.models import Committee, District
from minutes.models import AgendaItem, Meeting, Minutes
from persian.validators import validate_one_line
from portal.models import Moderated, PublicDecision
from workgroups.models import Workgroup

TITLE_MAX = 200
DESCRIPTION_MAX = 4000
NEIGHBOURHOOD_MAX = 100


class Topic(models.Model):
    """A subject a demand is filed under, from the committee's list; it lies in the field
    of a workgroup, to which a demand on it is sent by default."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("کمیته"), on_delete=models.CASCADE, related_name="demand_topics"
    )
    name = models.CharField(_("موضوع"), max_length=100, validators=[validate_one_line])
    workgroup = models.ForeignKey(
        Workgroup,
        verbose_name=_("کارگروه"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="demand_topics",
        help_text=_("کارگروهی که این موضوع در حوزه آن است."),
    )
    order = models.PositiveSmallIntegerField(_("ترتیب"), default=0)

    class Meta:
        verbose_name = _("موضوع مطالبه")
        verbose_name_plural = _("موضوع‌های مطالبه")
        ordering = ["committee", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="demand_topic_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class DemandQuerySet(models.QuerySet):
    def public(self) -> DemandQuerySet:
        """What anyone may read: the published demands (pending, merged and rejected ones
        are never shown; a merged one counts for the demand it was merged into)."""
        return self.filter(status=Demand.Status.PUBLISHED)

    def with_counts(self) -> DemandQuerySet:
        """Each demand with ``raised`` (itself and the demands merged into it),
        ``supporters`` (the visitors who supported it) and ``weight`` (both together)."""
        merged = (
            Demand.objects.filter(merged_into=models.OuterRef("pk"))
            .order_by()
            .values("merged_into")
            .annotate(n=Count("pk"))
            .values("n")
        )
        supports = (
            Support.objects.filter(demand=models.OuterRef("pk"))
            .order_by()
            .values("demand")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            raised=Coalesce(models.Subquery(merged), Value(0)) + 1,
            supporters=Coalesce(models.Subquery(supports), Value(0)),
        ).annotate(weight=F("raised") + F("supporters"))

    def with_stage(self) -> DemandQuerySet:
        """Each demand with ``considered`` (the minutes of its agenda item's meeting are
        published) and ``decided`` (a public decision of published minutes was taken on
        that item; read from the portal's index, portal.indexing)."""
        frozen = Meeting.objects.record_frozen().values("pk")
        decisions = PublicDecision.objects.filter(
            decision__agenda_item=models.OuterRef("agenda_item"), document__is_latest=True
        )
        return self.annotate(
            considered=models.ExpressionWrapper(
                Q(agenda_item__meeting__in=frozen), output_field=models.BooleanField()
            ),
            decided=models.Exists(decisions),
        )

    def at_stage(self, stage: str) -> DemandQuerySet:
        """``waiting`` (on no agenda yet), ``agenda`` (on an agenda, no decision yet) or
        ``decided``; on a queryset :meth:`with_stage` annotated."""
        if stage == "waiting":
            return self.filter(agenda_item__isnull=True)
        if stage == "agenda":
            return self.filter(agenda_item__isnull=False, decided=False)
        if stage == "decided":
            return self.filter(decided=True)
        return self


def photo_path(instance: Demand, filename: str) -> str:
    return f"demands/{instance.photo_sha256}.{instance.photo_kind or 'bin'}"


class Demand(Moderated):
    """A city problem raised by a citizen. Nothing of it is shown before the secretariat
    publishes it; the email address is never shown."""

    class Status(models.TextChoices):
        PENDING = "pending", _("در انتظار بررسی")
        PUBLISHED = "published", _("منتشرشده")
        MERGED = "merged", _("ادغام در مطالبه دیگر")
        REJECTED = "rejected", _("منتشرنشده")

    committee = models.ForeignKey(
        Committee, verbose_name=_("کمیته"), on_delete=models.CASCADE, related_name="demands"
    )
    workgroup = models.ForeignKey(
        Workgroup,
        verbose_name=_("کارگروه"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="demands",
        help_text=_("کارگروهی که مطالبه به آن سپرده شده است؛ خالی یعنی خود کمیته."),
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("موضوع"), on_delete=models.PROTECT, related_name="demands"
    )
    district = models.ForeignKey(
        District, verbose_name=_("منطقه"), on_delete=models.PROTECT, related_name="demands"
    )
    neighbourhood = models.CharField(
        _("محله یا نشانی"),
        max_length=NEIGHBOURHOOD_MAX,
        blank=True,
        validators=[validate_one_line],
    )
    title = models.CharField(_("عنوان"), max_length=TITLE_MAX, validators=[validate_one_line])
    description = models.TextField(_("شرح"), max_length=DESCRIPTION_MAX)
    # The photo as checked and re-encoded (its metadata, such as the place it was taken,
    # dropped), stored under its SHA-256.
    photo = models.FileField(_("عکس"), upload_to=photo_path, blank=True, max_length=200)
    photo_kind = models.CharField(_("نوع عکس"), max_length=8, blank=True)
    photo_sha256 = models.CharField(_("SHA-256 عکس"), max_length=64, blank=True)
    # Only to tell the citizen what became of the demand: never shown, never exported.
    email = models.EmailField(_("رایانامه برای اطلاع از نتیجه"), blank=True)
    status = models.CharField(
        _("وضعیت"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("ادغام‌شده در"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
    )
    created_at = models.DateTimeField(_("زمان طرح"), default=timezone.now, db_index=True)
    # HMAC of the client address (portal.services.visitor_key), for the limits; and of the
    # browser's visitor cookie, so that whoever raised it does not also support it.
    visitor_key = models.CharField(_("کلید بازدیدکننده"), max_length=64, editable=False)
    raiser_key = models.CharField(max_length=64, blank=True, editable=False)
    published_at = models.DateTimeField(_("زمان انتشار"), null=True, blank=True)
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("بند دستور جلسه"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="demands",
    )
    linked_at = models.DateTimeField(_("زمان قرار گرفتن در دستور جلسه"), null=True, blank=True)
    # When whoever raised it was told of the decisions (manage.py notify_demand_outcomes).
    decided_notified_at = models.DateTimeField(
        _("زمان اطلاع از مصوبات"), null=True, blank=True, editable=False
    )

    objects = DemandQuerySet.as_manager()

    class Meta:
        verbose_name = _("مطالبه")
        verbose_name_plural = _("مطالبات")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["visitor_key", "created_at"], name="demand_visitor"),
            models.Index(fields=["committee", "status", "-published_at"], name="demand_list"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="demand_rejection_has_reason",
                violation_error_message=_("علت منتشر نشدن مطالبه را بنویسید."),
            ),
            models.CheckConstraint(
                condition=Q(status="merged", merged_into__isnull=False)
                | Q(~Q(status="merged"), merged_into__isnull=True),
                name="demand_merged_has_target",
                violation_error_message=_("مطالبه ادغام‌شده باید مطالبه مقصد داشته باشد."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("demand_detail", args=[self.committee.slug, self.pk])

    @property
    def body_name(self) -> str:
        return self.workgroup.name if self.workgroup_id else self.committee.name

    @property
    def stage(self) -> str:
        """``waiting``, ``agenda``, ``considered`` (its meeting's minutes are published with
        no decision on it) or ``decided``; from :meth:`DemandQuerySet.with_stage`."""
        if self.agenda_item_id is None:
            return "waiting"
        if getattr(self, "decided", False):
            return "decided"
        return "considered" if getattr(self, "considered", False) else "agenda"

    def meeting_is_published(self) -> bool:
        """Whether the minutes of the meeting it is on the agenda of are published (the
        latest revision; an open correction waits for its publication)."""
        item = self.agenda_item
        if item is None:
            return False
        latest = Minutes.objects.filter(meeting=item.meeting_id).order_by("-revision").first()
        return latest is not None and latest.status == Minutes.Status.PUBLISHED


class Support(models.Model):
    """One visitor's support of a published demand."""

    demand = models.ForeignKey(
        Demand, verbose_name=_("مطالبه"), on_delete=models.CASCADE, related_name="supports"
    )
    # HMAC of the browser's visitor cookie, or of the account: one support each.
    supporter_key = models.CharField(max_length=64, editable=False)
    # HMAC of the client address, for the limits per address.
    address_key = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("زمان حمایت"), default=timezone.now)

    class Meta:
        verbose_name = _("حمایت از مطالبه")
        verbose_name_plural = _("حمایت‌ها از مطالبات")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["address_key", "created_at"], name="demand_support_addr")]
        constraints = [
            models.UniqueConstraint(
                fields=["demand", "supporter_key"],
                name="demand_support_once",
                violation_error_message=_("شما پیش‌تر از این مطالبه حمایت کرده‌اید."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.demand_id}: {self.created_at:%Y-%m-%d}"


class ImportBatch(models.Model):
    """One file of another channel's counts imported by the secretariat (demands.imports):
    kept as a record of what was imported, when and by whom."""

    class Channel(models.TextChoices):
        CENTRE_137 = "137", _("سامانه ۱۳۷")

    committee = models.ForeignKey(
        Committee, verbose_name=_("کمیته"), on_delete=models.CASCADE, related_name="demand_imports"
    )
    channel = models.CharField(
        _("مجرا"), max_length=8, choices=Channel.choices, default=Channel.CENTRE_137
    )
    file_name = models.CharField(_("نام پرونده"), max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256 پرونده"), max_length=64)
    rows = models.PositiveIntegerField(_("ردیف‌ها"), default=0)
    created = models.PositiveIntegerField(_("ردیف‌های تازه"), default=0)
    updated = models.PositiveIntegerField(_("ردیف‌های جایگزین‌شده"), default=0)
    unchanged = models.PositiveIntegerField(_("ردیف‌های بی‌تغییر"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("واردکننده"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("زمان ورود"), default=timezone.now)

    class Meta:
        verbose_name = _("ورود شمار درخواست‌ها")
        verbose_name_plural = _("ورود شمار درخواست‌ها")
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} — {self.file_name or self.sha256[:12]}"


class ImportedCount(models.Model):
    """How many requests another channel (the 137 contact centre) received on one topic in
    one district in one Jalali month. Shown beside the demands raised on the site, never
    added to them. A re-import of the same month replaces the count, never adds to it."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("کمیته"), on_delete=models.CASCADE, related_name="imported_counts"
    )
    channel = models.CharField(
        _("مجرا"),
        max_length=8,
        choices=ImportBatch.Channel.choices,
        default=ImportBatch.Channel.CENTRE_137,
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("موضوع"), on_delete=models.PROTECT, related_name="imported_counts"
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("منطقه"),
        on_delete=models.PROTECT,
        related_name="imported_counts",
    )
    year = models.PositiveSmallIntegerField(_("سال (شمسی)"))
    month = models.PositiveSmallIntegerField(_("ماه (شمسی)"))
    requests = models.PositiveIntegerField(_("شمار درخواست‌ها"))
    batch = models.ForeignKey(
        ImportBatch, verbose_name=_("ورود"), on_delete=models.PROTECT, related_name="counts"
    )

    class Meta:
        verbose_name = _("شمار درخواست‌های مجرای دیگر")
        verbose_name_plural = _("شمار درخواست‌های مجراهای دیگر")
        ordering = ["committee", "-year", "-month", "topic", "district"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "channel", "topic", "district", "year", "month"],
                name="demand_imported_count_once",
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="demand_imported_month_range"
            ),
        ]
        indexes = [
            models.Index(fields=["committee", "year", "month"], name="demand_imported_month")
        ]

    def __str__(self) -> str:
        return f"{self.year}/{self.month:02d} {self.topic} {self.district}: {self.requests}"
