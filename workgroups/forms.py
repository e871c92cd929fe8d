from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee.models import Person
from persian.forms import JalaliDateField
from workgroups.models import Membership


class AddMemberForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("شخص"), queryset=Person.objects.select_related("organization")
    )
    role = forms.ChoiceField(
        label=_("نقش"),
        choices=[
            (Membership.Role.PERMANENT, Membership.Role.PERMANENT.label),
            (Membership.Role.MEMBER, Membership.Role.MEMBER.label),
        ],
    )
    start_date = JalaliDateField(label=_("آغاز دوره (شمسی)"), initial=timezone.localdate)
    end_date = JalaliDateField(label=_("پایان دوره (شمسی، اختیاری)"), required=False)


class EndTermForm(forms.Form):
    membership = forms.ModelChoiceField(label=_("عضویت"), queryset=Membership.objects.none())
    end_date = JalaliDateField(label=_("آخرین روز دوره (شمسی)"), initial=timezone.localdate)

    def __init__(self, *args, workgroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = workgroup.memberships.current().select_related(
            "person"
        )


class ChangeChairForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("رییس تازه"),
        queryset=Person.objects.none(),
        help_text=_("رییس باید از اعضای ثابت باشد؛ رییس پیشین عضو ثابت باقی می‌ماند."),
    )
    start_date = JalaliDateField(label=_("آغاز ریاست (شمسی)"), initial=timezone.localdate)

    def __init__(self, *args, workgroup, **kwargs):
        super().__init__(*args, **kwargs)
        seated = workgroup.memberships.current().values("person")
        self.fields["person"].queryset = Person.objects.filter(pk__in=seated).select_related(
            "organization"
        )
