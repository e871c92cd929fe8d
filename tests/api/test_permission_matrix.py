"""Who may do what through the API: one table, every demo role against every action of the
working interface, on their own workgroup's objects and on another workgroup's.

Statuses: 401 for a visitor who tries to change anything (whatever the id), 404 for an
object the caller may not see (never a 403 that would confirm it exists), 403 when the
caller sees the object but may not act on it. ``IN``/``OUT`` say whether a list shows
the object. Each row runs in a savepoint that is rolled back, so rows never see each
other's changes.
"""

from __future__ import annotations

import datetime
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client, TestCase
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from minutes import services
from minutes.models import Minutes, Question
from tests.admin.matrix import ADMIN_ROLES, build_admin_rows, run_admin_matrix
from workgroups.models import Workgroup

API = "/api/v1"
IN, OUT = "listed", "not listed"
ROLES = ("anonymous", "press-2", "official-2", "chair-2", "chair-1", "secretariat", "admin")


def row(method, url, *expected, data=None):
    assert len(expected) == len(ROLES)
    return method, url, dict(zip(ROLES, expected, strict=True)), data


SCHEDULE = {
    "workgroup": "{civil}",
    "title": "جلسه تازه کارگروه",
    "starts_at": "{future}",
    "location": "سالن جلسات",
    "agenda": [{"title": "گزارش آسفالت معابر"}, {"title": "ترافیک میدان"}],
}
RECORD = {"expected_version": "{version}", "attendance": [], "summary": "گزارش‌ها ارائه شد."}
DECISION = {
    "expected_version": "{version}",
    "text": "گزارش پیشرفت کار تا پایان ماه ارائه شود.",
    "responsible_organization": "{org}",
    "deadline": "{deadline}",
}
REASON = {"reason": "هم‌زمانی با جلسه شورای شهر"}
FOLLOW_UP = {"status": "in_progress", "note": "کار آغاز شد."}
QUESTION = {"meeting": "{upcoming}", "title": "پرسش آزمایشی", "text": "متن پرسش آزمایشی"}

# Columns:     anonymous, press-2, official-2, chair-2, chair-1, secretariat, admin
MATRIX = [
    # Reading meetings, including an internal one.
    row("get", "/meetings/{upcoming}/", 404, 200, 200, 200, 404, 200, 200),
    row("list", "/meetings/#{upcoming}", OUT, IN, IN, IN, OUT, IN, IN),
    row("get", "/meetings/{other}/", 404, 404, 404, 404, 200, 200, 200),
    row("list", "/meetings/#{other}", OUT, OUT, OUT, OUT, IN, IN, IN),
    # Scheduling: the secretariat only.
    row("post", "/meetings/", 401, 403, 403, 403, 403, 201, 201, data=SCHEDULE),
    row(
        "patch",
        "/meetings/{upcoming}/",
        401,
        403,
        403,
        403,
        404,
        200,
        200,
        data={"location": "تالار شهر"},
    ),
    row("post", "/meetings/{upcoming}/cancel/", 401, 403, 403, 403, 404, 200, 200, data=REASON),
    row("post", "/meetings/{upcoming}/invite/", 401, 403, 403, 403, 404, 200, 200, data={}),
    row(
        "post",
        "/agenda-items/{upcoming_item}/move/",
        401,
        403,
        403,
        403,
        404,
        200,
        200,
        data={"offset": 1},
    ),
    # Journalists' questions: members of the press propose, the secretariat decides.
    row("post", "/questions/", 401, 201, 403, 403, 403, 403, 403, data=QUESTION),
    row("post", "/questions/{question}/accept/", 401, 403, 404, 403, 404, 200, 200),
    row("get", "/questions/{question}/", 404, 200, 404, 200, 404, 200, 200),
    # Recording: the chair; the secretariat records attendance only.
    row("post", "/meetings/{held}/record/", 401, 403, 403, 200, 404, 403, 200, data=RECORD),
    row(
        "post",
        "/meetings/{held}/record/",
        401,
        403,
        403,
        200,
        404,
        200,
        200,
        data={"expected_version": "{version}", "attendance": []},
    ),
    row("post", "/meetings/{other}/record/", 401, 404, 404, 404, 200, 403, 200, data=RECORD),
    row("post", "/meetings/{held}/decisions/", 401, 403, 403, 201, 404, 403, 201, data=DECISION),
    # The minutes' workflow.
    row("post", "/minutes/{draft}/submit/", 401, 403, 403, 200, 404, 403, 200),
    row("post", "/minutes/{other_draft}/submit/", 401, 404, 404, 404, 200, 403, 200),
    row("post", "/minutes/{submitted}/approve/", 401, 403, 403, 200, 404, 403, 200),
    row("post", "/minutes/{approved}/publish/", 401, 403, 403, 403, 404, 200, 200),
    # Published minutes are public: another chair sees them, so a refusal is a 403.
    row("post", "/minutes/{published}/correct/", 401, 403, 403, 201, 403, 201, 201, data=REASON),
    row(
        "post",
        "/decisions/{published_decision}/follow-ups/",
        401,
        403,
        201,
        403,
        403,
        201,
        201,
        data=FOLLOW_UP,
    ),
    # Draft minutes and internal decisions.
    row("get", "/minutes/{draft}/", 404, 200, 200, 200, 404, 200, 200),
    row("list", "/minutes/#{draft}", OUT, IN, IN, IN, OUT, IN, IN),
    row("get", "/minutes/{published}/", 200, 200, 200, 200, 200, 200, 200),
    row("get", "/decisions/{internal_decision}/", 404, 200, 200, 200, 404, 200, 200),
    row("list", "/decisions/#{internal_decision}", OUT, IN, IN, IN, OUT, IN, IN),
    row("get", "/decisions/{published_decision}/", 200, 200, 200, 200, 200, 200, 200),
]


class ApiPermissionMatrixTest(TestCase):
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
        question = services.propose_question(
            users.get(username="press-2"),
            upcoming,
            kind=Question.Kind.QUESTION,
            title="زمان پایان تعریض خیابان",
            text="زمان پایان عملیات تعریض خیابان چه موقع است؟",
        )

        def held(workgroup, title):
            meeting = services.schedule_meeting(
                admin,
                committee=workgroup.committee,
                workgroup=workgroup,
                title=title,
                starts_at=now - datetime.timedelta(minutes=30),
                ends_at=None,
                location="سالن جلسات",
                is_public=False,
            )
            # Everyone present, and a secretary to sign: what submitting and publishing need.
            members = meeting.body_members(timezone.localtime(meeting.starts_at).date())
            draft = services.record_meeting(
                admin,
                meeting,
                expected_version=None,
                attendance={person.pk: "present" for person in members},
            )
            meeting.secretary_person = members[0]
            meeting.save(update_fields=["secretary_person"])
            return meeting, draft

        official = users.get(username="official-2").person
        cls.held, cls.draft = held(civil, "جلسه برگزارشده عمرانی")
        cls.internal_decision = services.add_decision(
            admin,
            cls.held,
            expected_version=None,
            text="پیگیری درونی با پیمانکار خیابان سعدی.",
            responsible_organization=official.organization,
            is_public=False,
        )
        cls.other, cls.other_draft = held(culture, "جلسه برگزارشده فرهنگی")

        def decided(title):
            meeting, draft = held(civil, title)
            services.add_decision(
                admin,
                meeting,
                expected_version=None,
                text="گزارش لکه‌گیری معابر تا پایان ماه ارائه شود.",
                responsible_person=official,
                responsible_organization=official.organization,
            )
            return meeting, services.submit_minutes(admin, draft)

        _, submitted = decided("جلسه با صورتجلسه ارسال‌شده")
        _, approved = decided("جلسه با صورتجلسه تأییدشده")
        approved = services.approve_minutes(admin, approved)
        published_meeting, published = decided("جلسه با صورتجلسه منتشرشده")
        published = services.publish_minutes(
            secretariat, services.approve_minutes(admin, published)
        )
        cls.urls = {
            "upcoming": upcoming.pk,
            "upcoming_item": upcoming.agenda_items.first().pk,
            "question": question.pk,
            "held": cls.held.pk,
            "other": cls.other.pk,
            "draft": cls.draft.pk,
            "other_draft": cls.other_draft.pk,
            "submitted": submitted.pk,
            "approved": approved.pk,
            "published": published.pk,
            "internal_decision": cls.internal_decision.pk,
            "published_decision": published_meeting.decisions.get().pk,
        }
        cls.values = {
            "civil": civil.pk,
            "future": (now + datetime.timedelta(days=9)).isoformat(),
            "org": official.organization_id,
            "deadline": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        }
        cls.admin_rows = build_admin_rows()

    def _client(self, role) -> APIClient:
        client = APIClient()
        if role != "anonymous":
            client.force_authenticate(get_user_model().objects.get(username=role))
        return client

    def _fill(self, value, meeting_pk):
        if isinstance(value, dict):
            return {k: self._fill(v, meeting_pk) for k, v in value.items()}
        if isinstance(value, list):
            return [self._fill(v, meeting_pk) for v in value]
        if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
            name = value[1:-1]
            if name == "version":
                latest = Minutes.objects.filter(meeting_id=meeting_pk).order_by("-revision").first()
                return latest.version if latest else 0
            return self.values.get(name, self.urls.get(name))
        return value

    def test_every_role_against_every_action(self):
        for method, template, expected, data in MATRIX:
            path, _, listed = template.partition("#")
            url = API + path.format(**self.urls)
            meeting_pk = self.other.pk if "{other" in template else self.held.pk
            for role, want in expected.items():
                with self.subTest(role=role, method=method, url=template):
                    with transaction.atomic():
                        client = self._client(role)
                        if method == "list":
                            response = client.get(url, {"page_size": 100})
                        else:
                            body = self._fill(data, meeting_pk) if data is not None else None
                            response = getattr(client, method)(url, body, format="json")
                        transaction.set_rollback(True)
                    if method == "list":
                        self.assertEqual(response.status_code, 200)
                        wanted = int(listed.format(**self.urls).strip("{}"))
                        shown = {row["id"] for row in response.json()["results"]}
                        self.assertEqual(wanted in shown, want == IN, response.json())
                    else:
                        self.assertEqual(
                            response.status_code, want, response.content.decode()[:400]
                        )

    def test_an_api_token_opens_no_door_into_the_admin(self):
        """The admin rows (tests/admin/matrix.py) with each persona's API token: the admin
        knows only its own session login, so every role, superuser included, gets the
        admin's login page and every row stays as it was."""

        def client_for(role):
            # A plain client: the admin's forms are posted as a browser posts them.
            if role == "anonymous":
                return Client()
            user = get_user_model().objects.get(username=role)
            token, _ = Token.objects.get_or_create(user=user)
            return Client(HTTP_AUTHORIZATION=f"Token {token.key}")

        run_admin_matrix(self, self.admin_rows, client_for, only_login=True)

    def test_the_api_personas_logged_in_to_the_admin_are_refused_the_record(self):
        """The same rows with the session the API also accepts: non-staff are sent to the
        admin's login, staff and the superuser refused (403); reference data saves
        through the services."""

        def client_for(role):
            client = Client()
            if role != "anonymous":
                client.force_login(get_user_model().objects.get(username=role))
            return client

        run_admin_matrix(self, self.admin_rows, client_for)
        self.assertIn("outsider", ADMIN_ROLES)

    def test_a_refusal_is_json_in_persian_with_a_code(self):
        response = self._client("press-2").post(f"{API}/minutes/{self.draft.pk}/submit/")
        self.assertEqual(response.status_code, 403)
        body = response.json()
        self.assertEqual(body["code"], "permission_denied")
        self.assertRegex(body["detail"], "[\u0600-\u06ff]{3}")

    def test_an_invisible_object_is_a_404_that_names_nothing(self):
        response = self._client("chair-1").get(f"{API}/meetings/{self.held.pk}/")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json()["code"], "not_found")
        self.assertNotIn(self.held.title, response.content.decode())

    def test_a_visitor_who_writes_is_asked_to_authenticate(self):
        response = self._client("anonymous").post(f"{API}/meetings/{self.held.pk}/cancel/", REASON)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response["WWW-Authenticate"], "Token")
        self.assertEqual(response.json()["code"], "not_authenticated")

    def test_the_matrix_covers_every_role(self):
        self.assertEqual({len(expected) for _, _, expected, _ in MATRIX}, {len(ROLES)})
