"""A real client proves the schema: a typed Python client is generated from the served
OpenAPI schema with openapi-python-client (in a temporary folder, at test time) and does
the whole journey against a live server — reference data (an organisation, a person, a
seat), schedule, invite, record attendance, a decision with votes, submit, approve,
publish, and the PDF downloaded and checked against its SHA-256. Any drift between the
schema and the server breaks the generated code's parsing or the journey."""

from __future__ import annotations

import datetime
import hashlib
import importlib
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import httpx
import pytest
from django.core.management import call_command
from django.utils import timezone

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PACKAGE = "committee_api_client"


@pytest.fixture(scope="module")
def generated(tmp_path_factory, django_db_blocker):
    """The client package, generated from the schema the app serves."""
    folder = tmp_path_factory.mktemp("client")
    schema = folder / "schema.json"
    with django_db_blocker.unblock():
        call_command(
            "spectacular", "--format", "openapi-json", "--file", str(schema), stdout=StringIO()
        )
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            str(schema),
            "--meta",
            "none",
            "--output-path",
            str(folder / PACKAGE),
        ],
        capture_output=True,
        text=True,
        cwd=folder,
        env=environment,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(folder))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


def _call(module: str, *args, **kwargs):
    """``module.sync_detailed(...)`` of the generated client, asserting a 2xx and parsed."""
    function = importlib.import_module(f"{PACKAGE}.api.{module}").sync_detailed
    response = function(*args, **kwargs)
    assert 200 <= response.status_code < 300, (module, response.status_code, response.content)
    return response.parsed


def test_the_generated_client_does_the_whole_journey(generated, live_server, world, tmp_path):
    from committee_api_client import AuthenticatedClient, Client
    from committee_api_client.models import (
        AgendaItemInputRequest,
        AttendanceInputRequest,
        AttendanceStatusEnum,
        DecisionCreateRequest,
        InviteRequest,
        MeetingCreateRequest,
        MembershipCreateRequest,
        MembershipRoleEnum,
        OrganizationInputRequest,
        OrganizationKindEnum,
        PersonInputRequest,
        RecordRequest,
        TokenObtainRequest,
        VoteEnum,
        VoteInputRequest,
        VoteMethodEnum,
    )

    url = live_server.url
    anonymous = Client(base_url=url, raise_on_unexpected_status=True)

    def login(username: str) -> AuthenticatedClient:
        token = _call(
            "auth.auth_token_create",
            client=anonymous,
            body=TokenObtainRequest(username=username, password="pass"),
        )
        return AuthenticatedClient(
            base_url=url, token=token.token, prefix="Token", raise_on_unexpected_status=True
        )

    secretariat, chair = login("secretariat"), login("chair-2")

    # Reference data: a provincial agency, a person of it, seated in the workgroup.
    agency = _call(
        "organizations.organizations_create",
        client=secretariat,
        body=OrganizationInputRequest(
            name="اداره کل راه و شهرسازی گیلان", kind=OrganizationKindEnum.PROVINCIAL
        ),
    )
    person = _call(
        "people.people_create",
        client=secretariat,
        body=PersonInputRequest(
            first_name="مهدی", last_name="نوروزی", post="معاون فنی", organization=agency.id
        ),
    )
    _call(
        "memberships.memberships_create",
        client=secretariat,
        body=MembershipCreateRequest(
            workgroup=world.workgroup.pk,
            person=person.id,
            role=MembershipRoleEnum.MEMBER,
            start_date=timezone.localdate() - datetime.timedelta(days=30),
        ),
    )

    # Schedule, invite, record.
    starts_at = timezone.now() + datetime.timedelta(minutes=30)
    meeting = _call(
        "meetings.meetings_create",
        client=secretariat,
        body=MeetingCreateRequest(
            workgroup=world.workgroup.pk,
            title="بررسی ایمنی پل‌های عابر پیاده",
            starts_at=starts_at,
            location="سالن جلسات معاونت فنی",
            agenda=[AgendaItemInputRequest(title="گزارش بازدید از پل‌ها")],
        ),
    )
    invited = _call(
        "meetings.meetings_invite_create", meeting.id, client=secretariat, body=InviteRequest()
    )
    members = [row.person.id for row in invited.meeting.invitations]
    assert person.id in members
    draft = _call(
        "meetings.meetings_record_create",
        meeting.id,
        client=chair,
        body=RecordRequest(
            expected_version=0,
            attendance=[
                AttendanceInputRequest(person=pk, status=AttendanceStatusEnum.PRESENT)
                for pk in members
            ],
            summary="گزارش بازدید ارائه و مصوبه زیر تصویب شد.",
        ),
    )
    decision = _call(
        "meetings.meetings_decisions_create",
        meeting.id,
        client=chair,
        body=DecisionCreateRequest(
            expected_version=draft.version,
            text="اداره کل راه و شهرسازی نرده‌های پل گلسار را تا پایان فصل تعمیر کند.",
            agenda_item=meeting.agenda[0].id,
            responsible_organization=agency.id,
            deadline=timezone.localdate() + datetime.timedelta(days=60),
            vote_method=VoteMethodEnum.VOTE,
            votes=[VoteInputRequest(person=pk, vote=VoteEnum.FOR) for pk in members],
        ),
    )
    assert decision.vote, decision  # the vote recorded with its counts

    # Submit and approve (the chair), publish (the secretariat), download the PDF.
    minutes_id = draft.id
    assert _call("minutes.minutes_submit_create", minutes_id, client=chair).status == "submitted"
    assert _call("minutes.minutes_approve_create", minutes_id, client=chair).status == "approved"
    published = _call("minutes.minutes_publish_create", minutes_id, client=secretariat)
    assert published.status == "published"
    shown = _call("minutes.minutes_retrieve", minutes_id, client=anonymous)
    assert shown.sha256 and shown.pdf_url
    pdf = httpx.get(shown.pdf_url, timeout=60)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert hashlib.sha256(pdf.content).hexdigest() == shown.sha256
