"""The committee's workgroups and who sits on them, for which term and in which role."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from committee import quorum as quorum_rules
from committee.models import Committee, Organization, Person
from committee.terms import TermModel, TermQuerySet, term_check_constraint


class Workgroup(models.Model):
    """One of the committee's independent workgroups (کارگروه)."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("کمیته"), on_delete=models.CASCADE, related_name="workgroups"
    )
    name = models.CharField(_("نام رسمی"), max_length=200)
    short_name = models.CharField(_("نام کوتاه"), max_length=100)
    slug = models.SlugField(_("نامک"), help_text=_("شناسه کوتاه لاتین در نشانی‌ها"))
    order = models.PositiveSmallIntegerField(_("ترتیب"), default=0)
    scope = models.TextField(_("حوزه و وظایف"), blank=True)
    quorum = models.CharField(
        _("حد نصاب"),
        max_length=16,
        blank=True,
        validators=[quorum_rules.validate_rule],
        help_text=quorum_rules.HELP_TEXT,
    )

    updated_at = models.DateTimeField(_("زمان ویرایش"), auto_now=True)

    class Meta:
        verbose_name = _("کارگروه")
        verbose_name_plural = _("کارگروه‌ها")
        ordering = ["committee", "order", "pk"]
        permissions = [
            ("chair_workgroup", _("ریاست کارگروه")),
            ("member_workgroup", _("عضویت در کارگروه")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["committee", "slug"], name="workgroup_unique_slug"),
            models.UniqueConstraint(fields=["committee", "name"], name="workgroup_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def chair_on(self, day: datetime.date) -> Person | None:
        term = (
            self.memberships.active_on(day).filter(is_chair=True).select_related("person").first()
        )
        return term.person if term else None

    @property
    def chair(self) -> Person | None:
        return self.chair_on(timezone.localdate())


class WorkgroupUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Workgroup, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("مجوز کاربر روی کارگروه")
        verbose_name_plural = _("مجوزهای کاربران روی کارگروه‌ها")


class WorkgroupGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Workgroup, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("مجوز گروه روی کارگروه")
        verbose_name_plural = _("مجوزهای گروه‌ها روی کارگروه‌ها")


class MembershipQuerySet(TermQuerySet):
    def chairs(self) -> MembershipQuerySet:
        return self.filter(is_chair=True)

    def officials(self) -> MembershipQuerySet:
        return self.filter(person__organization__kind__in=Organization.OFFICIAL_KINDS)

    def press(self) -> MembershipQuerySet:
        return self.filter(person__organization__kind__in=Organization.PRESS_KINDS)


class Membership(TermModel):
    """A person's seat on a workgroup for a term.

    The role is stored as two flags because the rule "the chair is one of the permanent
    members" must hold in the database: a check constraint forbids ``is_chair`` without
    ``is_permanent``. A change of role closes one row and opens another, so the history of
    who held which seat stays on record.
    """

    class Role(models.TextChoices):
        CHAIR = "chair", _("رییس کارگروه")
        PERMANENT = "permanent", _("عضو ثابت")
        MEMBER = "member", _("عضو")

    workgroup = models.ForeignKey(
        Workgroup, verbose_name=_("کارگروه"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("شخص"), on_delete=models.PROTECT, related_name="memberships"
    )
    is_permanent = models.BooleanField(_("عضو ثابت"), default=True)
    is_chair = models.BooleanField(_("رییس کارگروه"), default=False)

    updated_at = models.DateTimeField(_("زمان ویرایش"), auto_now=True)
    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("عضویت")
        verbose_name_plural = _("عضویت‌ها")
        ordering = ["workgroup", "-is_chair", "-is_permanent", "person__last_name"]
        constraints = [
            term_check_constraint("membership_term_order"),
            models.CheckConstraint(
                condition=Q(is_chair=False) | Q(is_permanent=True),
                name="membership_chair_is_permanent",
                violation_error_message=_("رییس کارگروه باید از اعضای ثابت آن باشد."),
            ),
            # The open-ended case as a plain index; overlapping dated terms are refused by
            # the NoOverlappingTerms rule installed in the migrations.
            models.UniqueConstraint(
                fields=["workgroup"],
                condition=Q(is_chair=True, end_date__isnull=True),
                name="membership_one_open_chair",
                violation_error_message=_("این کارگروه هم‌اکنون رییس دارد."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()} ({self.workgroup.short_name})"

    @property
    def role(self) -> str:
        if self.is_chair:
            return self.Role.CHAIR
        return self.Role.PERMANENT if self.is_permanent else self.Role.MEMBER

    @role.setter
    def role(self, value: str) -> None:
        self.is_chair = value == self.Role.CHAIR
        self.is_permanent = value in (self.Role.CHAIR, self.Role.PERMANENT)

    def get_role_display(self) -> str:
        return str(self.Role(self.role).label)

    def clean(self) -> None:
        errors = self.clean_term()
        if self.is_chair and not self.is_permanent:
            errors["is_chair"] = _("رییس کارگروه باید از اعضای ثابت آن باشد.")
        if self.workgroup_id and self.start_date and not errors:
            others = (
                Membership.objects.filter(workgroup_id=self.workgroup_id)
                .exclude(pk=self.pk)
                .overlapping(self.start_date, self.end_date)
                .select_related("person")
            )
            if self.is_chair:
                clash = others.filter(is_chair=True).first()
                if clash:
                    errors["is_chair"] = _(
                        "در این بازه «%(person)s» رییس این کارگروه است؛ "
                        "پیش از تعیین رییس تازه، دوره ریاست او را پایان دهید."
                    ) % {"person": clash.person}
            if self.person_id and others.filter(person_id=self.person_id).exists():
                errors["person"] = _("این شخص در همین بازه در این کارگروه عضویت دیگری دارد.")
        if errors:
            raise ValidationError(errors)
