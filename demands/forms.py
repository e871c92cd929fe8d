"""Forms of demands. What is stored is decided by demands.services (one place for the
messages); these carry the fields, and offer the committee's own lists."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from demands.models import DESCRIPTION_MAX, NEIGHBOURHOOD_MAX, TITLE_MAX, Demand, District, Topic
from demands.photos import max_bytes
from persian.digits import file_size, localized_digits
from persian.forms import JalaliDateField
from workgroups.models import Workgroup

DEMAND_RULES = _(
    "مطالبه شما پس از بررسی دبیرخانه کمیته منتشر می‌شود. توهین یا اتهام به اشخاص، متن "
    "غیرفارسی و مطالب نامرتبط با مسائل شهر منتشر نمی‌شود؛ مطالبه‌ای که پیش‌تر طرح شده است "
    "به همان می‌پیوندد و در شمار آن می‌آید. متن ساده بنویسید (بدون برچسب HTML)."
)


class DemandForm(forms.Form):
    rules = DEMAND_RULES

    title = forms.CharField(
        label=_("عنوان مطالبه"),
        required=False,
        help_text=_("در یک سطر: مثلاً «چاله‌های خیابان سعدی پس از بارندگی»"),
        widget=forms.TextInput(attrs={"maxlength": TITLE_MAX, "required": True}),
    )
    description = forms.CharField(
        label=_("شرح"),
        required=False,
        help_text=_("مشکل چیست، از کی و چه کسانی را آزار می‌دهد؟ حداکثر ۴۰۰۰ نویسه."),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": DESCRIPTION_MAX, "required": True}),
    )
    topic = forms.CharField(label=_("موضوع"), required=False, widget=forms.Select)
    district = forms.CharField(label=_("منطقه"), required=False, widget=forms.Select)
    neighbourhood = forms.CharField(
        label=_("محله یا نشانی (اختیاری)"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": NEIGHBOURHOOD_MAX}),
    )
    photo = forms.FileField(
        label=_("عکس (اختیاری)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    email = forms.CharField(
        label=_("رایانامه برای اطلاع از نتیجه (اختیاری)"),
        required=False,
        help_text=_(
            "فقط برای این‌که از انتشار، دستور جلسه و مصوبه مطالبه باخبر شوید؛ "
            "هیچ‌جا نمایش داده نمی‌شود."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    # A trap for robots, as in the comment form: hidden from people.
    website = forms.CharField(
        label=_("این خانه را خالی بگذارید"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, committee, workgroup: Workgroup | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        topics = Topic.objects.filter(committee=committee)
        if workgroup is not None and topics.filter(workgroup=workgroup).exists():
            topics = topics.filter(workgroup=workgroup)
        self.fields["topic"].widget.choices = [("", _("— برگزینید —"))] + [
            (str(t.pk), t.name) for t in topics
        ]
        self.fields["district"].widget.choices = [("", _("— برگزینید —"))] + [
            (str(d.pk), d.name) for d in District.objects.filter(committee=committee)
        ]
        self.fields["photo"].help_text = _(
            "PNG یا JPEG، حداکثر %(limit)s. اطلاعات همراه عکس (مانند مکان عکاسی) نگه داشته نمی‌شود."
        ) % {"limit": file_size(max_bytes())}

    @property
    def is_trap_filled(self) -> bool:
        return bool(self.data.get("website", "").strip())


class MergeForm(forms.Form):
    into = forms.CharField(label=_("ادغام در مطالبه"), required=False, widget=forms.Select)

    def __init__(self, *args, demand: Demand, **kwargs):
        super().__init__(*args, **kwargs)
        others = (
            Demand.objects.public()
            .filter(committee=demand.committee_id)
            .select_related("topic")
            .order_by("topic__order", "title")[:300]
        )
        self.fields["into"].widget.choices = [("", _("— مطالبه منتشرشده همانند —"))] + [
            (str(d.pk), f"#{localized_digits(d.pk)} {d.title} ({d.topic.name})") for d in others
        ]


class AssignForm(forms.Form):
    workgroup = forms.CharField(label=_("سپردن به"), required=False, widget=forms.Select)

    def __init__(self, *args, demand: Demand, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workgroup"].widget.choices = [("", _("خود کمیته"))] + [
            (str(wg.pk), wg.name) for wg in Workgroup.objects.filter(committee=demand.committee_id)
        ]
        self.initial.setdefault("workgroup", str(demand.workgroup_id or ""))


class AgendaForm(forms.Form):
    meeting = forms.CharField(label=_("جلسه آینده"), required=False, widget=forms.Select)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].widget.choices = [("", _("— برگزینید —"))] + [
            (str(m.pk), m.choice_label) for m in meetings
        ]


class LinkForm(forms.Form):
    item = forms.CharField(label=_("بند دستور جلسه"), required=False, widget=forms.Select)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].widget.choices = [("", _("— برگزینید —"))] + [
            (str(i.pk), i.choice_label) for i in items
        ]


class DemandFilter(forms.Form):
    """The public list's filters: topic, district, stage, words, Jalali period, order."""

    STAGES = (
        ("", _("همه")),
        ("waiting", _("هنوز در دستور جلسه نیست")),
        ("agenda", _("در دستور جلسه")),
        ("decided", _("به مصوبه رسید")),
    )
    ORDERS = (("weight", _("بیشترین طرح و حمایت")), ("new", _("تازه‌ترین")), ("old", _("قدیمی‌ترین")))

    q = forms.CharField(label=_("جست‌وجو"), required=False)
    topic = forms.TypedChoiceField(label=_("موضوع"), required=False, coerce=int, empty_value=None)
    district = forms.TypedChoiceField(
        label=_("منطقه"), required=False, coerce=int, empty_value=None
    )
    stage = forms.ChoiceField(label=_("مرحله"), required=False, choices=STAGES)
    date_from = JalaliDateField(label=_("از تاریخ"), required=False)
    date_to = JalaliDateField(label=_("تا تاریخ"), required=False)
    order = forms.ChoiceField(label=_("ترتیب"), required=False, choices=ORDERS)

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("همه"))] + [
            (t.pk, t.name) for t in Topic.objects.filter(committee=committee)
        ]
        self.fields["district"].choices = [("", _("همه"))] + [
            (d.pk, d.name) for d in District.objects.filter(committee=committee)
        ]


class ImportCountsForm(forms.Form):
    """The 137 contact centre's CSV (demands.imports checks what is in it)."""

    file = forms.FileField(
        label=_("پرونده CSV سامانه ۱۳۷"),
        required=False,
        help_text=_("ستون‌ها: ماه، موضوع، منطقه، تعداد درخواست؛ حداکثر ۲ مگابایت."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    dry_run = forms.BooleanField(
        label=_("فقط بررسی کن، چیزی ثبت نکن"), required=False, initial=False
    )
