"""Who may do what, through the HTML views: one table, every role against every action on
their own workgroup's objects and on another workgroup's.

LOGIN means a redirect to the login page; DONE a redirect after a successful change.
Each row runs in a savepoint that is rolled back, so rows never see each other's changes.
"""

from __future__ import annotations

import datetime
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
from django.utils import timezone

from minutes import services
from minutes.models import Meeting
from tests.admin.matrix import ADMIN_MATRIX, ADMIN_ROLES, build_admin_rows, run_admin_matrix
from workgroups.models import Workgroup

LOGIN, DONE = "login", "done"
ROLES = ("anonymous", "press-2", "official-2", "chair-2", "chair-1", "secretariat", "admin")


def row(method, url, *expected):
    assert len(expected) == len(ROLES)
    return method, url, dict(zip(ROLES, expected, strict=True))


# Columns:  anonymous, press-2, official-2, chair-2, chair-1, secretariat, admin
MATRIX = [
    # Scheduling and the agenda: the secretariat only.
    row("get", "/meetings/new/", LOGIN, 403, 403, 403, 403, 200, 200),
    row("get", "{upcoming}/edit/", LOGIN, 403, 403, 403, 404, 200, 200),
    row("post", "{upcoming}/cancel/", LOGIN, 403, 403, 403, 404, DONE, DONE),
    row("get", "{upcoming}/invite/", LOGIN, 403, 403, 403, 404, 200, 200),
    row("post", "{upcoming}/invite/", LOGIN, 403, 403, 403, 404, DONE, DONE),
    row("get", "{upcoming}/agenda/new/", LOGIN, 403, 403, 403, 404, 200, 200),
    row("post", "{upcoming}/agenda/{upcoming_item}/down/", LOGIN, 403, 403, 403, 404, DONE, DONE),
    # The internal meeting page: members of the body and the secretariat.
    row("get", "{upcoming}/", 404, 200, 200, 200, 404, 200, 200),
    row("get", "{held}/", 404, 200, 200, 200, 404, 200, 200),
    # Questions: journalist members of the workgroup.
    row("get", "{upcoming}/questions/new/", LOGIN, 200, 403, 403, 404, 403, 403),
    row("post", "{upcoming}/questions/new/", LOGIN, DONE, 403, 403, 404, 403, 403),
    # Recording: the chair; the secretariat may record attendance only.
    row("get", "{held}/record/", LOGIN, 403, 403, 200, 404, 200, 200),
    row("get", "{held}/decisions/new/", LOGIN, 403, 403, 200, 404, 403, 200),
    row("post", "{held}/decisions/new/", LOGIN, 403, 403, DONE, 404, 403, DONE),
    row("post", "/minutes/{draft}/submit/", LOGIN, 403, 403, DONE, 404, 403, DONE),
    row("get", "{held}/audit/", LOGIN, 403, 403, 403, 404, 200, 200),
    # Another workgroup's internal record is not even confirmed to exist.
    row("get", "{other}/", 404, 404, 404, 404, 200, 200, 200),
    row("get", "{other}/record/", LOGIN, 404, 404, 404, 200, 200, 200),
    row("get", "{other}/decisions/new/", LOGIN, 404, 404, 404, 200, 403, 200),
    row("post", "/minutes/{other_draft}/submit/", LOGIN, 404, 404, 404, DONE, 403, DONE),
    # Dashboards: anyone logged in.
    row("get", "/dashboard/", LOGIN, 200, 200, 200, 200, 200, 200),
]

POST_DATA = {
    "/questions/new/": {"kind": "question", "title": "پرسش آزمایشی", "text": "متن پرسش"},
    "/cancel/": {"reason": "هم‌زمانی با جلسه شورای شهر"},
    "/decisions/new/": {
        "text": "گزارش پیشرفت کار تا پایان ماه ارائه شود.",
        "responsible_organization": "{org}",
        "version": "{version}",
        "is_public": "on",
    },
}


class PermissionMatrixTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=StringIO())
        users = get_user_model().objects
        civil, culture = Workgroup.objects.get(order=2), Workgroup.objects.get(order=1)
        secretariat, admin = users.get(username="secretariat"), users.get(username="admin")
        now = timezone.now()
        upcoming = services.schedule_meeting(
            secretariat,
            committee=civil.committee,
            workgroup=civil,
            title="جلسه آزمایشی درونی",
            starts_at=now + datetime.timedelta(days=5),
            ends_at=None,
            location="سالن جلسات",
            is_public=False,
            agenda=[{"title": "بند نخست"}, {"title": "بند دوم"}],
        )

        def held(workgroup):
            meeting = services.schedule_meeting(
                admin,
                committee=workgroup.committee,
                workgroup=workgroup,
                title=f"جلسه برگزارشده {workgroup.short_name}",
                starts_at=now - datetime.timedelta(minutes=30),
                ends_at=None,
                location="سالن جلسات",
                is_public=False,
            )
            draft = services.record_meeting(admin, meeting, expected_version=None, attendance={})
            return meeting, draft

        cls.held, cls.draft = held(civil)
        cls.other, cls.other_draft = held(culture)
        cls.urls = {
            "upcoming": f"/meetings/{upcoming.pk}",
            "upcoming_item": upcoming.agenda_items.first().pk,
            "held": f"/meetings/{cls.held.pk}",
            "other": f"/meetings/{cls.other.pk}",
            "draft": cls.draft.pk,
            "other_draft": cls.other_draft.pk,
        }
        cls.org = civil.chair.organization_id
        cls.admin_rows = build_admin_rows()

    def _data(self, url, meeting):
        for suffix, data in POST_DATA.items():
            if url.endswith(suffix):
                version = meeting.latest_minutes().version if meeting.latest_minutes() else 0
                return {k: v.format(org=self.org, version=version) for k, v in data.items()}
        return {}

    def test_every_role_against_every_action(self):
        for method, template, expected in MATRIX:
            url = template.format(**self.urls)
            meeting = self.other if "{other" in template else self.held
            for role, want in expected.items():
                with self.subTest(role=role, method=method, url=template):
                    with transaction.atomic():
                        if role != "anonymous":
                            self.client.force_login(get_user_model().objects.get(username=role))
                        else:
                            self.client.logout()
                        if method == "get":
                            response = self.client.get(url)
                        else:
                            response = self.client.post(url, self._data(url, meeting))
                        transaction.set_rollback(True)
                    self._check(response, want)

    def _check(self, response, want):
        if want == LOGIN:
            self.assertEqual(response.status_code, 302)
            self.assertTrue(response["Location"].startswith("/accounts/login/"))
        elif want == DONE:
            self.assertEqual(response.status_code, 302, response.content[:300])
            self.assertFalse(response["Location"].startswith("/accounts/login/"))
        else:
            self.assertEqual(response.status_code, want)

    def test_every_role_against_the_admin(self):
        """No side door: the record is read-only in the admin for everyone (see
        tests/admin/matrix.py for the table); reference data saves through the services."""

        def client_for(role):
            self.client.logout()
            if role != "anonymous":
                self.client.force_login(get_user_model().objects.get(username=role))
            return self.client

        run_admin_matrix(self, self.admin_rows, client_for)

    def test_the_admin_table_covers_every_role_and_both_states(self):
        self.assertEqual(
            {len(expected) for *_, expected, _audit in ADMIN_MATRIX}, {len(ADMIN_ROLES)}
        )
        for state in ("published", "draft"):
            self.assertTrue(all(self.admin_rows[state].values()), state)

    def test_a_refusal_is_explained_in_persian(self):
        self.client.force_login(get_user_model().objects.get(username="press-2"))
        response = self.client.get(f"{self.urls['held']}/record/")
        self.assertEqual(response.status_code, 403)
        self.assertIn("دسترسی ندارید", response.content.decode())

    def test_an_unknown_meeting_is_a_persian_404(self):
        self.client.force_login(get_user_model().objects.get(username="chair-1"))
        response = self.client.get(f"{self.urls['held']}/record/")
        self.assertEqual(response.status_code, 404)
        self.assertIn("صفحه پیدا نشد", response.content.decode())
        self.assertNotIn(self.held.title, response.content.decode())

    def test_the_matrix_covers_every_role_and_the_upcoming_meeting_is_internal(self):
        self.assertFalse(Meeting.objects.get(title="جلسه آزمایشی درونی").is_public)
        self.assertEqual({len(e) for _, _, e in MATRIX}, {len(ROLES)})
