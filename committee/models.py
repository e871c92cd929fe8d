"""The committee, the organisations around it, the people, and the committee's own roles."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from committee import quorum as quorum_rules
from committee.terms import TermModel, TermQuerySet, term_check_constraint
from persian.collation import COLLATION
from persian.text import normalize, normalize_for_display
from persian.validators import validate_one_line

LOGO_MAX_BYTES = 1024 * 1024
_SVG_EVENT = re.compile(rb"\son[a-z]+\s*=")
# Any reference that is not to a fragment of the same file (href="#…").
_SVG_EXTERNAL = re.compile(rb"href\s*=\s*[\"'](?!#)|url\(\s*[\"']?(?!#)")


LOGO_CONTENT_TYPES = {"png": "image/png", "svg": "image/svg+xml"}


def logo_kind(data: bytes) -> str | None:
    """ "png" or "svg" by the file's content (never its name), or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in data[:4096].lower():
        return "svg"
    return None


def validate_logo(upload) -> None:
    """A logo is a PNG or an SVG by content, at most 1 MB, and an SVG carries no script,
    event handler or external reference (it is shown on pages and drawn into the PDF)."""
    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(_("نشان حداکثر ۱ مگابایت است."))
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    kind = logo_kind(data)
    if kind is None:
        raise ValidationError(_("نشان باید تصویر PNG یا SVG باشد (از روی محتوای فایل)."))
    if kind == "svg":
        lowered = data.lower()
        if (
            _SVG_EVENT.search(lowered)
            or any(
                marker in lowered
                for marker in (
                    b"<script",
                    b"javascript:",
                    b"<foreignobject",
                    b"<!entity",
                    b"<image",
                    b"@import",
                )
            )
            or _SVG_EXTERNAL.search(lowered)
        ):
            raise ValidationError(
                _("این SVG اسکریپت، رویداد یا پیوند بیرونی دارد و پذیرفته نمی‌شود.")
            )


class Committee(models.Model):
    """A municipality's media committee. One deployment may host several."""

    name = models.CharField(_("نام"), max_length=200, db_collation=COLLATION)
    municipality = models.CharField(_("شهرداری"), max_length=200)
    city = models.CharField(_("شهر"), max_length=100)
    slug = models.SlugField(_("نامک"), unique=True, help_text=_("شناسه کوتاه لاتین در نشانی‌ها"))
    description = models.TextField(_("معرفی"), blank=True)
    duties = models.TextField(_("وظایف"), blank=True, help_text=_("هر وظیفه در یک سطر"))
    logo = models.FileField(
        _("نشان (لوگو)"),
        upload_to="logos/",
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG یا SVG، حداکثر ۱ مگابایت؛ در سربرگ صورتجلسه و صفحه‌های کمیته."),
    )
    quorum = models.CharField(
        _("حد نصاب جلسات کمیته"),
        max_length=16,
        blank=True,
        validators=[quorum_rules.validate_rule],
        help_text=quorum_rules.HELP_TEXT,
    )
    created_at = models.DateTimeField(_("زمان ایجاد"), auto_now_add=True)
    updated_at = models.DateTimeField(_("زمان ویرایش"), auto_now=True)

    class Meta:
        verbose_name = _("کمیته")
        verbose_name_plural = _("کمیته‌ها")
        ordering = ["name"]
        permissions = [
            ("manage_committee", _("اداره دبیرخانه کمیته")),
            ("chair_committee", _("ریاست کمیته")),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def duty_list(self) -> list[str]:
        return [line.strip(" -–•\t") for line in self.duties.splitlines() if line.strip(" -–•\t")]

    def current_holder(self, role: str) -> Person | None:
        term = self.roles.current().filter(role=role).select_related("person").first()
        return term.person if term else None

    @property
    def chair(self) -> Person | None:
        return self.current_holder(CommitteeRole.Role.CHAIR)

    @property
    def secretariat_head(self) -> Person | None:
        return self.current_holder(CommitteeRole.Role.SECRETARIAT_HEAD)


class District(models.Model):
    """A district (منطقه) of the city, from the committee's list: what citizens' demands are
    filed under and what a decision may concern. Its table is still «demands_district», where
    it was made before it moved here (committee migration 0011, demands 0003)."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("کمیته"), on_delete=models.CASCADE, related_name="districts"
    )
    name = models.CharField(_("منطقه"), max_length=100, validators=[validate_one_line])
    order = models.PositiveSmallIntegerField(_("ترتیب"), default=0)

    class Meta:
        db_table = "demands_district"
        verbose_name = _("منطقه شهری")
        verbose_name_plural = _("مناطق شهری")
        ordering = ["committee", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "name"], name="demand_district_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Side(models.TextChoices):
    """Which side of the table an organisation sits on."""

    OFFICIAL = "official", _("مدیران شهری")
    PRESS = "press", _("اصحاب رسانه")


def officials_caption(kinds: Iterable[str | None]) -> str:
    """The caption over a list of people of the officials' side, following the kinds of
    their organisations: «مدیران شهری» for the municipality's own (and for entries whose
    kind is unknown, as in records published before kinds were kept), «نمایندگان دستگاه‌ها»
    for other public bodies only, both together when both are present."""
    public = municipal = False
    for kind in kinds:
        if kind in Organization.PUBLIC_BODY_KINDS:
            public = True
        else:
            municipal = True
    if public and municipal:
        return str(_("مدیران شهری و نمایندگان دستگاه‌ها"))
    if public:
        return str(_("نمایندگان دستگاه‌ها"))
    return str(_("مدیران شهری"))


class OrganizationQuerySet(models.QuerySet):
    def officials(self) -> OrganizationQuerySet:
        return self.filter(kind__in=Organization.OFFICIAL_KINDS)

    def press(self) -> OrganizationQuerySet:
        return self.filter(kind__in=Organization.PRESS_KINDS)


class Organization(models.Model):
    """A municipal body, another public body that decisions name as responsible (the city
    council, provincial agencies, the police, utility companies), or a media outlet. Its
    kind decides its side: everything but the press sits with the officials."""

    class Kind(models.TextChoices):
        DEPUTY_OFFICE = "deputy_office", _("معاونت شهرداری")
        DISTRICT = "district", _("منطقه شهرداری")
        DEPARTMENT = "department", _("اداره شهرداری")
        AFFILIATED = "affiliated", _("سازمان تابع شهرداری")
        CITY_COUNCIL = "city_council", _("شورای اسلامی شهر")
        GOVERNORATE = "governorate", _("استانداری یا فرمانداری")
        PROVINCIAL = "provincial", _("اداره کل یا دستگاه استانی")
        POLICE = "police", _("نیروی انتظامی")
        UTILITY = "utility", _("شرکت خدمات عمومی (آب، برق، گاز، مخابرات)")
        OTHER_PUBLIC = "other_public", _("دیگر نهاد عمومی")
        LOCAL_NEWSPAPER = "local_newspaper", _("روزنامه محلی")
        NATIONAL_NEWSPAPER = "national_newspaper", _("روزنامه سراسری")
        WEEKLY = "weekly", _("هفته‌نامه")
        NEWS_AGENCY = "news_agency", _("خبرگزاری")
        NEWS_WEBSITE = "news_website", _("پایگاه خبری")

    MUNICIPAL_KINDS = (Kind.DEPUTY_OFFICE, Kind.DISTRICT, Kind.DEPARTMENT, Kind.AFFILIATED)
    # Public bodies outside the municipality: on the officials' side, under their own caption.
    PUBLIC_BODY_KINDS = (
        Kind.CITY_COUNCIL,
        Kind.GOVERNORATE,
        Kind.PROVINCIAL,
        Kind.POLICE,
        Kind.UTILITY,
        Kind.OTHER_PUBLIC,
    )
    OFFICIAL_KINDS = MUNICIPAL_KINDS + PUBLIC_BODY_KINDS
    PRESS_KINDS = (
        Kind.LOCAL_NEWSPAPER,
        Kind.NATIONAL_NEWSPAPER,
        Kind.WEEKLY,
        Kind.NEWS_AGENCY,
        Kind.NEWS_WEBSITE,
    )

    # db_collation: listed in Persian alphabetical order wherever it is sorted
    # (persian/collation.py).
    name = models.CharField(
        _("نام"),
        max_length=200,
        unique=True,
        validators=[validate_one_line],
        db_collation=COLLATION,
    )
    kind = models.CharField(_("نوع"), max_length=32, choices=Kind.choices)
    website = models.URLField(_("وب‌سایت"), blank=True)
    search_text = models.CharField(max_length=400, editable=False, default="", db_index=True)

    updated_at = models.DateTimeField(_("زمان ویرایش"), auto_now=True)
    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("سازمان یا رسانه")
        verbose_name_plural = _("سازمان‌ها و رسانه‌ها")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def side(self) -> str:
        return Side.PRESS if self.kind in self.PRESS_KINDS else Side.OFFICIAL

    @property
    def is_press(self) -> bool:
        return self.side == Side.PRESS

    def get_side_display(self) -> str:
        return str(Side(self.side).label)

    def save(self, *args, **kwargs):
        self.name = normalize_for_display(self.name)
        self.search_text = normalize(self.name)
        super().save(*args, **kwargs)


class PersonQuerySet(models.QuerySet):
    def officials(self) -> PersonQuerySet:
        return self.filter(organization__kind__in=Organization.OFFICIAL_KINDS)

    def press(self) -> PersonQuerySet:
        return self.filter(organization__kind__in=Organization.PRESS_KINDS)


class Person(models.Model):
    """Someone who sits on the committee or a workgroup, or is invited to a meeting.

    Email and phone are for the secretariat's own use and are never shown publicly.
    """

    first_name = models.CharField(
        _("نام"), max_length=100, validators=[validate_one_line], db_collation=COLLATION
    )
    last_name = models.CharField(
        _("نام خانوادگی"), max_length=100, validators=[validate_one_line], db_collation=COLLATION
    )
    post = models.CharField(_("سمت"), max_length=200, help_text=_("مثلاً «معاون عمرانی شهردار»"))
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("سازمان یا رسانه"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    email = models.EmailField(_("رایانامه"), blank=True, help_text=_("هرگز عمومی نمی‌شود."))
    phone = models.CharField(
        _("تلفن"), max_length=32, blank=True, help_text=_("هرگز عمومی نمی‌شود.")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("حساب کاربری"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    search_text = models.CharField(max_length=600, editable=False, default="", db_index=True)
    created_at = models.DateTimeField(_("زمان ایجاد"), auto_now_add=True)
    updated_at = models.DateTimeField(_("زمان ویرایش"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("شخص")
        verbose_name_plural = _("اشخاص")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def side(self) -> str:
        return self.organization.side

    @property
    def is_press(self) -> bool:
        return self.organization.is_press

    def save(self, *args, **kwargs):
        self.first_name = normalize_for_display(self.first_name)
        self.last_name = normalize_for_display(self.last_name)
        self.post = normalize_for_display(self.post)
        self.search_text = normalize(f"{self.first_name} {self.last_name} {self.post}")
        super().save(*args, **kwargs)


class CommitteeRole(TermModel):
    """A role in the committee itself, held for a term: the chair (the mayor) or the
    secretariat (its head, the director of public relations, and staff)."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("رییس کمیته")
        SECRETARIAT_HEAD = "secretariat_head", _("مسئول دبیرخانه")
        SECRETARIAT_STAFF = "secretariat_staff", _("کارشناس دبیرخانه")

    # Roles of which a committee has one holder at a time.
    SINGLE_HOLDER_ROLES = (Role.CHAIR, Role.SECRETARIAT_HEAD)

    committee = models.ForeignKey(
        Committee, verbose_name=_("کمیته"), on_delete=models.CASCADE, related_name="roles"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("شخص"), on_delete=models.PROTECT, related_name="committee_roles"
    )
    role = models.CharField(_("نقش"), max_length=32, choices=Role.choices)

    updated_at = models.DateTimeField(_("زمان ویرایش"), auto_now=True)
    objects = TermQuerySet.as_manager()

    class Meta:
        verbose_name = _("نقش در کمیته")
        verbose_name_plural = _("نقش‌های کمیته")
        ordering = ["committee", "role", "-start_date"]
        constraints = [
            term_check_constraint("committee_role_term_order"),
            models.UniqueConstraint(
                fields=["committee"],
                condition=Q(role="chair", end_date__isnull=True),
                name="committee_one_open_chair",
                violation_error_message=_("این کمیته هم‌اکنون رییس دارد."),
            ),
            models.UniqueConstraint(
                fields=["committee"],
                condition=Q(role="secretariat_head", end_date__isnull=True),
                name="committee_one_open_secretariat_head",
                violation_error_message=_("این کمیته هم‌اکنون مسئول دبیرخانه دارد."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.person}"

    def clean(self) -> None:
        errors = self.clean_term()
        if self.role in self.SINGLE_HOLDER_ROLES and self.committee_id and self.start_date:
            clash = (
                CommitteeRole.objects.filter(committee_id=self.committee_id, role=self.role)
                .exclude(pk=self.pk)
                .overlapping(self.start_date, self.end_date)
                .select_related("person")
                .first()
            )
            if clash:
                errors["start_date"] = _(
                    "در این بازه «%(person)s» %(role)s است؛ دوره‌ها نباید هم‌پوشانی داشته باشند."
                ) % {"person": clash.person, "role": self.get_role_display()}
        if errors:
            raise ValidationError(errors)


# django-guardian's direct foreign-key tables: one row per (user or group, permission,
# committee), joined by a real foreign key rather than a generic string key.
class CommitteeUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Committee, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("مجوز کاربر روی کمیته")
        verbose_name_plural = _("مجوزهای کاربران روی کمیته‌ها")


class CommitteeGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Committee, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("مجوز گروه روی کمیته")
        verbose_name_plural = _("مجوزهای گروه‌ها روی کمیته‌ها")


class AuditEntry(models.Model):
    """Who changed what, when, with the values before and after.

    Entries are written by the service functions only, never edited. The meeting is kept
    as a plain id (not a foreign key) so that this lowest layer does not depend on the
    minutes app; the minutes app reads the audit of a meeting by that id.
    """

    at = models.DateTimeField(_("زمان"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("انجام‌دهنده"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("نام انجام‌دهنده"), max_length=200, blank=True)
    action = models.CharField(_("کار"), max_length=64)
    committee = models.ForeignKey(
        Committee,
        verbose_name=_("کمیته"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    meeting_id = models.PositiveBigIntegerField(_("شناسه جلسه"), null=True, blank=True)
    target_type = models.CharField(_("نوع موضوع"), max_length=100)
    target_id = models.CharField(_("شناسه موضوع"), max_length=64)
    target_repr = models.CharField(_("موضوع"), max_length=300)
    changes = models.JSONField(_("تغییرات"), default=dict, blank=True)
    note = models.TextField(_("توضیح"), blank=True)

    class Meta:
        verbose_name = _("رویداد ممیزی")
        verbose_name_plural = _("رویدادهای ممیزی")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["meeting_id", "at"], name="audit_meeting_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target_repr}"
