"""Forms of the working interface. They only validate and shape input; the services in
minutes/services.py make every change."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee.models import Committee, Organization, Person
from minutes.models import AgendaItem, Attendance, Decision, Invitation, Meeting, Question
from persian.digits import localized_digits
from persian.forms import JalaliDateField, JalaliTimeField
from persian.jalali import TEHRAN

# A year typed in Gregorian by mistake (2025/…) would be a Jalali date centuries ahead.
JALALI_FLOOR = datetime.date(1990, 1, 1)
JALALI_CEILING = datetime.date(2100, 1, 1)


def _date_field(**kwargs) -> JalaliDateField:
    return JalaliDateField(min_value=JALALI_FLOOR, max_value=JALALI_CEILING, **kwargs)


class MeetingForm(forms.Form):
    body = forms.ChoiceField(label=_("نهاد برگزارکننده"))
    title = forms.CharField(label=_("عنوان جلسه"), max_length=250)
    date = _date_field(label=_("تاریخ (شمسی)"), help_text=_("مانند ۱۴۰۵/۰۹/۱۵"))
    start = JalaliTimeField(label=_("ساعت شروع"))
    end = JalaliTimeField(label=_("ساعت پایان"), required=False)
    location = forms.CharField(label=_("محل برگزاری"), max_length=250)
    is_public = forms.BooleanField(
        label=_("زمان و عنوان جلسه برای عموم اعلام شود"), required=False, initial=True
    )

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.committee = committee
        choices = [("committee", _("کل کمیته: %(name)s") % {"name": committee.name})]
        choices += [(f"wg-{wg.pk}", wg.name) for wg in committee.workgroups.all()]
        self.fields["body"].choices = choices

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict:
        local = timezone.localtime(meeting.starts_at, TEHRAN)
        end = timezone.localtime(meeting.ends_at, TEHRAN) if meeting.ends_at else None
        return {
            "body": f"wg-{meeting.workgroup_id}" if meeting.workgroup_id else "committee",
            "title": meeting.title,
            "date": local.date(),
            "start": local.time(),
            "end": end.time() if end else None,
            "location": meeting.location,
            "is_public": meeting.is_public,
        }

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        starts_at = datetime.datetime.combine(data["date"], data["start"], tzinfo=TEHRAN)
        ends_at = (
            datetime.datetime.combine(data["date"], data["end"], tzinfo=TEHRAN)
            if data.get("end")
            else None
        )
        if ends_at and ends_at <= starts_at:
            self.add_error("end", _("ساعت پایان باید پس از ساعت شروع باشد."))
        data["starts_at"], data["ends_at"] = starts_at, ends_at
        body = data["body"]
        data["workgroup"] = (
            None if body == "committee" else self.committee.workgroups.get(pk=body[3:])
        )
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "workgroup": data["workgroup"],
            "title": data["title"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "location": data["location"],
            "is_public": data["is_public"],
        }


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "description", "kind", "presenter", "is_public"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = Person.objects.select_related("organization")
        self.fields["title"].required = False

    def has_content(self) -> bool:
        return bool(self.cleaned_data.get("title"))

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


AgendaFormSet = forms.formset_factory(AgendaItemForm, extra=3, max_num=30)


class RequiredAgendaItemForm(AgendaItemForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = True


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("علت"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class InviteForm(forms.Form):
    guests = forms.ModelMultipleChoiceField(
        label=_("مدعوین (افزون بر اعضای کارگروه)"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("برای انتخاب چند نفر، کلید Ctrl را نگه دارید."),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        invited = meeting.invitations.values("person")
        self.fields["guests"].queryset = Person.objects.exclude(pk__in=invited).select_related(
            "organization"
        )


class ResponseForm(forms.Form):
    response = forms.ChoiceField(
        label=_("پاسخ"),
        choices=[
            (Invitation.Response.ACCEPTED, Invitation.Response.ACCEPTED.label),
            (Invitation.Response.DECLINED, Invitation.Response.DECLINED.label),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("توضیح (اختیاری)"), max_length=300, required=False)


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["kind", "title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}


class DecisionForm(forms.ModelForm):
    deadline = _date_field(label=_("مهلت اجرا (شمسی)"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Decision
        fields = [
            "text",
            "agenda_item",
            "responsible_organization",
            "responsible_person",
            "deadline",
            "is_public",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()
        self.fields["responsible_person"].queryset = Person.objects.select_related("organization")
        self.fields["responsible_organization"].queryset = Organization.objects.all()
        self.fields["text"].max_length = 4000

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("وضعیت"), choices=Decision.Status.choices)
    date = _date_field(label=_("تاریخ (شمسی)"))
    note = forms.CharField(
        label=_("شرح اقدام"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class RecordForm(forms.Form):
    """Attendance of each expected person, each agenda item's discussion (and answer, for
    journalists' questions), and the summary — saved together against one draft version."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    summary = forms.CharField(
        label=_("خلاصه مذاکرات جلسه"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=8000,
    )
    guests = forms.ModelMultipleChoiceField(
        label=_("افزودن مدعو حاضر"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, meeting: Meeting, people: list[Person], can_record: bool, **kw):
        super().__init__(*args, **kw)
        self.people = people
        self.items = list(meeting.agenda_items.all())
        self.can_record = can_record
        current = {row.person_id: row.status for row in meeting.attendances.all()}
        for person in people:
            self.fields[f"att_{person.pk}"] = forms.ChoiceField(
                label=f"{person.full_name} — {person.post}",
                choices=Attendance.Status.choices,
                initial=current.get(person.pk, Attendance.Status.PRESENT),
            )
        listed = [person.pk for person in people]
        self.fields["guests"].queryset = Person.objects.exclude(pk__in=listed).select_related(
            "organization"
        )
        if not can_record:
            del self.fields["summary"]
            return
        for item in self.items:
            self.fields[f"disc_{item.pk}"] = forms.CharField(
                label=_("خلاصه مذاکرات بند %(order)s") % {"order": localized_digits(item.order)},
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=item.discussion,
                max_length=8000,
            )
            if item.kind in (AgendaItem.Kind.QUESTION, AgendaItem.Kind.PROBLEM):
                self.fields[f"ans_{item.pk}"] = forms.CharField(
                    label=_("پاسخ ارائه‌شده در جلسه"),
                    widget=forms.Textarea(attrs={"rows": 3}),
                    required=False,
                    initial=item.answer,
                    max_length=4000,
                )

    def attendance_fields(self):
        return [self[f"att_{person.pk}"] for person in self.people]

    def item_fields(self):
        return [
            (
                item,
                self[f"disc_{item.pk}"],
                self[f"ans_{item.pk}"] if f"ans_{item.pk}" in self.fields else None,
            )
            for item in self.items
            if f"disc_{item.pk}" in self.fields
        ]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        fields = {
            "expected_version": data["version"],
            "attendance": {person.pk: data[f"att_{person.pk}"] for person in self.people},
            "guests": list(data["guests"]),
        }
        if self.can_record:
            fields["summary"] = data["summary"]
            fields["items"] = {
                item.pk: {
                    "discussion": data.get(f"disc_{item.pk}", ""),
                    "answer": data.get(f"ans_{item.pk}", item.answer),
                }
                for item in self.items
            }
        return fields
