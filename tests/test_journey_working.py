"""The working interface's journey, as each demo user would go through it in the browser:
schedule, invite, propose a question, accept it, record, decide, submit, approve, publish."""

from __future__ import annotations

import datetime
import re
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from minutes.models import AgendaItem, Decision, Invitation, Meeting, Minutes, Question
from persian.digits import to_persian_digits
from persian.jalali import format_numeric
from workgroups.models import Membership, Workgroup

ANSWER = "عملیات لکه‌گیری از هفته آینده در سه محور اصلی آغاز می‌شود."
DECISIONS = (
    "معاونت عمرانی برنامه زمان‌بندی لکه‌گیری معابر منطقه ۲ را منتشر کند.",
    "سازمان حمل و نقل گزارش ایمنی تقاطع‌های پرحادثه را به کارگروه ارائه دهد.",
)


class WorkingJourneyTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=StringIO())
        cls.civil = Workgroup.objects.get(order=2)

    def login(self, username):
        self.client.logout()
        # Through the login page, as a person does (django-axes checks every login there).
        response = self.client.post("/accounts/login/", {"username": username, "password": "demo"})
        self.assertEqual(response.status_code, 302)

    def version_on(self, url):
        html = self.client.get(url).content.decode()
        return re.search(r'name="version" value="(\d+)"', html).group(1)

    def test_schedule_invite_question_record_decide_approve_publish(self):
        # The secretariat schedules a meeting of the civil-works workgroup on a Jalali date.
        self.login("secretariat")
        day = timezone.localdate() + datetime.timedelta(days=10)
        agenda = {
            "agenda-TOTAL_FORMS": "3",
            "agenda-INITIAL_FORMS": "0",
            "agenda-MIN_NUM_FORMS": "0",
            "agenda-MAX_NUM_FORMS": "30",
        }
        for n, title in enumerate(["گزارش آسفالت", "ترافیک گلسار", "پل عابر پیاده"]):
            agenda.update({f"agenda-{n}-title": title, f"agenda-{n}-kind": "report"})
            agenda[f"agenda-{n}-is_public"] = "on"
        response = self.client.post(
            "/meetings/new/",
            {
                "body": f"wg-{self.civil.pk}",
                "title": "بررسی آسفالت معابر پس از بارندگی",
                "date": format_numeric(day),  # Persian digits, as typed on a Persian keyboard
                "start": "۱۰:۰۰",
                "end": "۱۲:۳۰",
                "location": "سالن جلسات معاونت عمرانی",
                "is_public": "on",
                **agenda,
            },
        )
        meeting = Meeting.objects.get(title="بررسی آسفالت معابر پس از بارندگی")
        self.assertRedirects(response, f"/meetings/{meeting.pk}/")
        self.assertEqual(timezone.localtime(meeting.starts_at).date(), day)
        self.assertEqual(meeting.agenda_items.count(), 3)

        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(f"/meetings/{meeting.pk}/invite/", {})
        members = Membership.objects.current().filter(workgroup=self.civil).count()
        self.assertEqual(Invitation.objects.filter(meeting=meeting).count(), members)
        self.assertTrue(mail.outbox)
        self.assertEqual(mail.outbox[0].attachments[0].get_content_type(), "text/calendar")

        # A journalist of the workgroup proposes a question; the secretariat accepts it.
        self.login("press-2")
        page = self.client.get("/dashboard/").content.decode()
        self.assertIn(meeting.title, page)
        self.client.post(
            f"/meetings/{meeting.pk}/questions/new/",
            {"kind": "question", "title": "زمان لکه‌گیری خیابان سعدی", "text": "کی آغاز می‌شود؟"},
        )
        question = Question.objects.get(meeting=meeting)
        self.login("secretariat")
        self.client.post(f"/questions/{question.pk}/accept/")
        question.refresh_from_db()
        self.assertEqual(question.status, Question.Status.ACCEPTED)
        self.assertEqual(meeting.agenda_items.count(), 4)

        # Before publication, the chair of another workgroup sees nothing internal.
        self.login("chair-1")
        self.assertEqual(self.client.get(f"/meetings/{meeting.pk}/record/").status_code, 404)
        self.assertNotIn(
            question.title, self.client.get(f"/meetings/{meeting.pk}/").content.decode()
        )

        # The meeting day comes (the clock is simulated by moving the meeting).
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=timezone.now() - datetime.timedelta(hours=1), ends_at=None
        )

        # The chair records attendance, the answer and two decisions, submits and approves.
        self.login("chair-2")
        record_url = f"/meetings/{meeting.pk}/record/"
        html = self.client.get(record_url).content.decode()
        data = {"version": re.search(r'name="version" value="(\d+)"', html).group(1)}
        for name in re.findall(r'name="(att_\d+)"', html):
            data[name] = "present"
        absent = re.findall(r'name="(att_\d+)"', html)[-1]
        data[absent] = "excused"
        data[absent.replace("att_", "excuse_")] = "مأموریت اداری"
        item = AgendaItem.objects.get(question=question)
        data[f"disc_{item.pk}"] = "خبرنگار درباره زمان لکه‌گیری پرسید."
        data[f"ans_{item.pk}"] = ANSWER
        data["summary"] = "گزارش‌ها ارائه شد و دو مصوبه به تصویب رسید."
        self.assertRedirects(self.client.post(record_url, data), f"/meetings/{meeting.pk}/")

        deadline = format_numeric(timezone.localdate() + datetime.timedelta(days=30))
        for text in DECISIONS:
            response = self.client.post(
                f"/meetings/{meeting.pk}/decisions/new/",
                {
                    "text": text,
                    "responsible_organization": self.civil.chair.organization_id,
                    "deadline": deadline,
                    "is_public": "on",
                    "version": self.version_on(f"/meetings/{meeting.pk}/decisions/new/"),
                },
            )
            self.assertEqual(response.status_code, 302, response.content.decode()[:500])
        self.assertEqual(Decision.objects.filter(meeting=meeting).count(), 2)

        minutes = Minutes.objects.get(meeting=meeting)
        self.client.post(f"/minutes/{minutes.pk}/submit/")
        self.client.post(f"/minutes/{minutes.pk}/approve/")
        minutes.refresh_from_db()
        self.assertEqual(minutes.status, Minutes.Status.APPROVED)

        # The secretariat publishes.
        self.login("secretariat")
        self.client.post(f"/minutes/{minutes.pk}/publish/")
        minutes.refresh_from_db()
        self.assertEqual(minutes.status, Minutes.Status.PUBLISHED)
        self.assertEqual(minutes.snapshot["decisions"][0]["text"], DECISIONS[0])

        # Now anyone can read the decisions and the answer.
        self.client.logout()
        page = self.client.get(f"/meetings/{meeting.pk}/").content.decode()
        for text in DECISIONS:
            self.assertIn(text, page)
        self.assertIn(ANSWER, page)
        self.assertIn(to_persian_digits(deadline.split("/")[0]), page)

    def test_a_bad_jalali_date_shows_a_persian_error_and_keeps_what_was_typed(self):
        self.login("secretariat")
        response = self.client.post(
            "/meetings/new/",
            {
                "body": f"wg-{self.civil.pk}",
                "title": "جلسه با تاریخ نادرست",
                "date": "۱۴۰۴/۱۲/۳۰",
                "start": "۱۰:۰۰",
                "location": "سالن",
                "agenda-TOTAL_FORMS": "0",
                "agenda-INITIAL_FORMS": "0",
            },
        )
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("وجود ندارد", html)
        self.assertIn('value="۱۴۰۴/۱۲/۳۰"', html)
        self.assertFalse(Meeting.objects.filter(title="جلسه با تاریخ نادرست").exists())
