"""Forms of the working interface. They only validate and shape input; the services in
minutes/services.py make every change."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from committee.models import Committee, CommitteeRole, District, Organization, Person
from minutes.models import AgendaItem, Attendance, Decision, Invitation, Meeting, Question, Vote
from persian.digits import localized_digits
from persian.forms import JalaliDateField, JalaliTimeField, JalaliTimeInput, example_date
from persian.jalali import DATE_CEILING, DATE_FLOOR, TEHRAN


def _date_field(**kwargs) -> JalaliDateField:
    # A year typed in Gregorian by mistake (2025/…) would be a Jalali date centuries ahead.
    return JalaliDateField(min_value=DATE_FLOOR, max_value=DATE_CEILING, **kwargs)


# «مانند ۱۴۰۵/۰۹/۱۰»: an example in the current Jalali year, computed when the form is shown.
_date_example = lazy(lambda: gettext("مانند %(example)s") % {"example": example_date()}, str)()


class MeetingForm(forms.Form):
    """When and where a meeting is held. The services check the schedule itself (an end
    after the start); their refusals name their own fields, shown here on these."""

    service_field_names = {"starts_at": "start", "ends_at": "end", "workgroup": "body"}

    body = forms.ChoiceField(label=_("نهاد برگزارکننده"))
    title = forms.CharField(label=_("عنوان جلسه"), max_length=250)
    date = _date_field(label=_("تاریخ (شمسی)"), help_text=_date_example)
    start = JalaliTimeField(label=_("ساعت شروع"))
    end = JalaliTimeField(
        label=_("ساعت پایان"),
        required=False,
        help_text=_("اختیاری؛ اگر هنوز معلوم نیست خالی بگذارید."),
    )
    location = forms.CharField(label=_("محل برگزاری"), max_length=250)
    is_public = forms.BooleanField(
        label=_("زمان و عنوان جلسه برای عموم اعلام شود"), required=False, initial=True
    )
    secretary_person = forms.ModelChoiceField(
        label=_("دبیر جلسه"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("خالی: کسی که جلسه را ثبت می‌کند (اگر از اعضای دبیرخانه است)."),
    )

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.committee = committee
        choices = [("committee", _("کل کمیته: %(name)s") % {"name": committee.name})]
        choices += [(f"wg-{wg.pk}", wg.name) for wg in committee.workgroups.all()]
        self.fields["body"].choices = choices
        # The secretariat's people, and whoever is the meeting's secretary already.
        secretariat = committee.roles.current().filter(
            role__in=[CommitteeRole.Role.SECRETARIAT_HEAD, CommitteeRole.Role.SECRETARIAT_STAFF]
        )
        current = self.initial.get("secretary_person")
        self.fields["secretary_person"].queryset = Person.objects.filter(
            Q(pk__in=secretariat.values("person")) | Q(pk=getattr(current, "pk", current))
        ).select_related("organization")

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
            "secretary_person": meeting.secretary_person_id,
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
            **(
                {"secretary_person": data["secretary_person"]}
                if data.get("secretary_person")
                else {}
            ),
        }


class PastMeetingForm(MeetingForm):
    """A meeting held before it was entered here (ثبت جلسه برگزارشده): its date in the
    past and its session number as it was."""

    number = forms.IntegerField(
        label=_("شماره جلسه"),
        min_value=1,
        max_value=9999,
        help_text=_("شماره جلسه در آن سال، همان که در سوابق کاغذی آمده است."),
    )
    field_order = ["body", "number", "title", "date", "start", "end", "location"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].help_text = _("تاریخ برگزاری، مانند ۱۳۹۷/۰۲/۱۵")
        self.fields["is_public"].label = _("جلسه در فهرست عمومی جلسات بیاید")

    def service_fields(self) -> dict:
        return {**super().service_fields(), "number": self.cleaned_data["number"]}


class AgendaItemForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

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

    def expected_version(self) -> int:
        """The version the form was built from; a form posted without one is stale."""
        version = self.cleaned_data.get("version")
        return -1 if version is None else version

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


AgendaFormSet = forms.formset_factory(AgendaItemForm, extra=3, max_num=30)


class RequiredAgendaItemForm(AgendaItemForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = True


class AttachmentForm(forms.Form):
    """A document for the meeting: its type is decided by the service from the content."""

    file = forms.FileField(
        label=_("فایل"),
        help_text=_("PDF، PNG، JPEG، DOCX، XLSX، ODT یا ODS؛ هر فایل حداکثر ۲۰ مگابایت."),
    )
    title = forms.CharField(
        label=_("عنوان"), max_length=200, required=False, help_text=_("خالی: نام فایل.")
    )
    agenda_item = forms.ModelChoiceField(
        label=_("بند دستور جلسه"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("— پیوست خود صورتجلسه —"),
        help_text=_("پیوست یک بند، مانند خود بند عمومی یا درونی است."),
    )
    public = forms.BooleanField(
        label=_("عمومی (برای پیوست صورتجلسه)"), required=False, initial=True
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()


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


class LinkAnswerForm(forms.Form):
    """The page an answer link of an invitation email opens (minutes/rsvp.py): the answer
    is the link's; the invitee may add a note (why they cannot come)."""

    note = forms.CharField(
        label=_("توضیح (اختیاری)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, declining: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if declining:
            self.fields["note"].label = _("علت یا توضیح (اختیاری)")
            self.fields["note"].help_text = _("مثلاً: در سفر کاری هستم؛ همکارم آقای … می‌آید.")


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
            "vote_method",
            "votes_for",
            "votes_against",
            "votes_abstain",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "votes_for": _("فقط برای «با رأی‌گیری»؛ غایبان ممتنع به شمار نمی‌آیند."),
        }

    VOTER_FIELDS = (
        ("voters_for", Vote.Choice.FOR),
        ("voters_against", Vote.Choice.AGAINST),
        ("voters_abstain", Vote.Choice.ABSTAIN),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()
        self.fields["responsible_person"].queryset = Person.objects.select_related("organization")
        self.fields["responsible_organization"].queryset = Organization.objects.all()
        self.fields["text"].max_length = 4000
        self.fields["vote_method"].choices = [("", _("ثبت نشده")), *Decision.VoteMethod.choices]
        # The committee's own list of districts (none, one or several).
        self.fields["districts"] = forms.ModelMultipleChoiceField(
            label=_("مناطق شهری (اختیاری)"),
            queryset=District.objects.filter(committee_id=meeting.committee_id),
            required=False,
            initial=list(self.instance.districts.all()) if self.instance.pk else [],
            widget=forms.SelectMultiple(attrs={"size": 6}),
            help_text=_("منطقه یا مناطقی از شهر که مصوبه به آن‌ها مربوط است."),
        )
        # Names are optional: only the members present have a vote.
        present = Person.objects.filter(
            attendances__meeting=meeting, attendances__status=Attendance.Status.PRESENT
        ).select_related("organization")
        existing = {}
        if self.instance.pk:
            for vote in self.instance.votes.all():
                existing.setdefault(vote.choice, []).append(vote.person_id)
        for name, choice in self.VOTER_FIELDS:
            self.fields[name] = forms.ModelMultipleChoiceField(
                label=_("نام رأی‌دهندگان «%(choice)s» (اختیاری)") % {"choice": choice.label},
                queryset=present,
                required=False,
                initial=existing.get(choice, []),
                widget=forms.SelectMultiple(attrs={"size": 5}),
            )

    def clean(self):
        data = super().clean()
        seen: dict[int, str] = {}
        for name, _choice in self.VOTER_FIELDS:
            for person in data.get(name) or []:
                if person.pk in seen:
                    self.add_error(
                        name,
                        _("«%(person)s» در بیش از یک فهرست رأی آمده است.")
                        % {"person": person.full_name},
                    )
                seen[person.pk] = name
        return data

    def voters(self) -> dict[int, str] | None:
        names = {
            person.pk: choice
            for name, choice in self.VOTER_FIELDS
            for person in self.cleaned_data.get(name) or []
        }
        if names:
            return names
        return {} if self.instance.pk and self.instance.votes.exists() else None

    def service_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        fields["vote_method"] = fields["vote_method"] or ""
        fields["districts"] = list(self.cleaned_data.get("districts") or [])
        return fields


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("وضعیت"), choices=Decision.Status.choices)
    date = _date_field(label=_("تاریخ (شمسی)"))
    note = forms.CharField(
        label=_("شرح اقدام"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class RecordForm(forms.Form):
    """Attendance of each expected person, each agenda item's discussion (and answer, for
    journalists' questions), and the summary — saved together against one draft version.

    Nobody starts as present: a person whose attendance was never recorded starts as
    «ثبت نشده», with their answer to the invitation shown beside them as a suggestion."""

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

    classification = forms.CharField(
        label=_("طبقه‌بندی"),
        max_length=50,
        required=False,
        help_text=_("مانند «عادی»؛ اگر پر شود در سربرگ صورتجلسه می‌آید."),
    )
    distribution = forms.CharField(
        label=_("رونوشت"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("هر گیرنده رونوشت در یک سطر؛ در پایان صورتجلسه می‌آید."),
    )

    NOT_RECORDED = ("", _("— ثبت نشده —"))

    def __init__(self, *args, meeting: Meeting, expected: list, can_record: bool, **kw):
        super().__init__(*args, **kw)
        self.expected = expected
        self.items = list(meeting.agenda_items.all())
        self.can_record = can_record
        for entry in expected:
            self._add_attendance_fields(entry)
        listed = [entry.person.pk for entry in expected]
        self.fields["guests"].queryset = Person.objects.exclude(pk__in=listed).select_related(
            "organization"
        )
        if not can_record:
            del self.fields["summary"]
            del self.fields["classification"]
            del self.fields["distribution"]
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

    def _add_attendance_fields(self, entry) -> None:
        pk, row = entry.person.pk, entry.row
        statuses = Attendance.GUEST_STATUSES if entry.is_guest else Attendance.MEMBER_STATUSES
        self.fields[f"att_{pk}"] = forms.ChoiceField(
            label=f"{entry.person.full_name} — {entry.person.post}",
            choices=[self.NOT_RECORDED, *((s.value, s.label) for s in statuses)],
            initial=row.status if row else "",
            required=False,
        )
        self.fields[f"excuse_{pk}"] = forms.CharField(
            label=_("علت غیبت"),
            max_length=300,
            required=False,
            initial=row.excuse
            if row
            else (entry.invitation.response_note if entry.suggestion and entry.invitation else ""),
        )
        # No example in these: a column of «مثلاً ۱۰:۳۰» in every row would read as filled
        # in; the column's heading says what goes there.
        self.fields[f"arrived_{pk}"] = JalaliTimeField(
            label=_("ورود با تأخیر (ساعت)"),
            required=False,
            initial=row.arrived_at if row else None,
            widget=JalaliTimeInput(attrs={"placeholder": ""}),
        )
        self.fields[f"left_{pk}"] = JalaliTimeField(
            label=_("خروج زودهنگام (ساعت)"),
            required=False,
            initial=row.left_at if row else None,
            widget=JalaliTimeInput(attrs={"placeholder": ""}),
        )

    def attendance_rows(self):
        """For the template: each expected person with their fields and the suggestion."""
        return [
            {
                "entry": entry,
                "status": self[f"att_{entry.person.pk}"],
                "excuse": self[f"excuse_{entry.person.pk}"],
                "arrived": self[f"arrived_{entry.person.pk}"],
                "left": self[f"left_{entry.person.pk}"],
                "suggestion": Attendance.Status(entry.suggestion).label if entry.suggestion else "",
            }
            for entry in self.expected
        ]

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
            "attendance": {
                entry.person.pk: {
                    "status": data[f"att_{entry.person.pk}"],
                    "excuse": data[f"excuse_{entry.person.pk}"],
                    "arrived_at": data[f"arrived_{entry.person.pk}"],
                    "left_at": data[f"left_{entry.person.pk}"],
                }
                for entry in self.expected
            },
            "guests": list(data["guests"]),
        }
        if self.can_record:
            fields["summary"] = data["summary"]
            fields["classification"] = data["classification"]
            fields["distribution"] = data["distribution"]
            fields["items"] = {
                item.pk: {
                    "discussion": data.get(f"disc_{item.pk}", ""),
                    "answer": data.get(f"ans_{item.pk}", item.answer),
                }
                for item in self.items
            }
        return fields


class EmailPreferencesForm(forms.ModelForm):
    """The notification emails a person receives (the account page)."""

    class Meta:
        from minutes.notices import EmailPreferences

        model = EmailPreferences
        fields = list(EmailPreferences.FIELDS)
