"""An invitation through a real SMTP server, read as its recipient reads it, and answered from
its link without logging in.

Settings from the environment, as production: DJANGO_TASKS_BACKEND=database, the SMTP
backend pointed at an aiosmtpd sink started here on loopback (DJANGO_EMAIL_BACKEND,
DJANGO_EMAIL_HOST, DJANGO_EMAIL_PORT), a SQLite file of its own. The secretariat invites
(`manage.py shell`), `manage.py db_worker --batch` sends, the received message is parsed
(text part, HTML part, the .ics in the icalendar parser), and the accept link from the email
is opened and pressed on a development server by a client that never logged in."""

from __future__ import annotations

import email
import email.policy
import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest

pytestmark = pytest.mark.slow  # Django processes migrate, send and serve (~30 s)

ROOT = Path(__file__).resolve().parent.parent

INVITE = """
from django.utils import timezone
import datetime
from committee.models import CommitteeRole
from committee.permissions import sync_committee_permissions
from minutes import services
from minutes.models import AgendaItem
from tests.factories import (
    CommitteeFactory, CommitteeRoleFactory, JournalistFactory, MeetingFactory,
    MembershipFactory, PersonFactory, UserFactory, WorkgroupFactory,
)
from workgroups.permissions import sync_workgroup_permissions

committee = CommitteeFactory()
workgroup = WorkgroupFactory(committee=committee, name="کارگروه رسانه عمرانی و ترافیکی")
head = PersonFactory(user=UserFactory(username="secretariat"), email="secretariat@example.org")
CommitteeRoleFactory(committee=committee, person=head, role=CommitteeRole.Role.SECRETARIAT_HEAD)
press = JournalistFactory(user=UserFactory(username="press-2"), email="press-2@example.org",
                          first_name="شیما", last_name="جعفرزاده")
MembershipFactory(workgroup=workgroup, person=press)
sync_workgroup_permissions(workgroup)
sync_committee_permissions(committee)
starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
meeting = MeetingFactory(workgroup=workgroup, title="برنامه ترمیم آسفالت پس از بارش‌ها",
                         location="سالن جلسات معاونت عمرانی", starts_at=starts,
                         ends_at=starts + datetime.timedelta(hours=2))
AgendaItem.objects.create(meeting=meeting, order=1, title="گزارش پیمانکار منطقه ۲")
services.send_invitations(head.user, meeting)
print(json.dumps({"meeting": meeting.pk}))
"""

ANSWER = """
from minutes.models import Invitation, OutboxEmail
from committee.models import AuditEntry
inv = Invitation.objects.get(person__email="press-2@example.org")
print(json.dumps({
    "response": inv.response, "note": inv.response_note, "sent": inv.sent_at is not None,
    "outbox": list(OutboxEmail.objects.values_list("to", "status")),
    "audit": list(
        AuditEntry.objects.filter(action="invitation.respond").values_list("note", flat=True)
    ),
}))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Sink:
    """aiosmtpd on 127.0.0.1: keeps each message as the server received it."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.received: list[tuple[str, list[str], bytes]] = []
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.fixture
def sink():
    server = Sink()
    server.controller.start()
    yield server
    server.controller.stop()


@pytest.fixture
def environment(tmp_path, sink) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"
    }
    site_port = free_port()
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_TASKS_BACKEND="database",
        DJANGO_SQLITE_PATH=str(tmp_path / "db.sqlite3"),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        DJANGO_EMAIL_HOST="127.0.0.1",
        DJANGO_EMAIL_PORT=str(sink.port),
        DJANGO_DEFAULT_FROM_EMAIL="کمیته رسانه شهرداری رشت <media@rasht.example>",
        PUBLIC_BASE_URL=f"http://127.0.0.1:{site_port}",
        SITE_PORT=str(site_port),
    )
    return env


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _shell(env: dict[str, str], code: str) -> dict:
    output = _manage(env, "shell", "-c", "import json\n" + code).stdout
    return json.loads(output.strip().splitlines()[-1])


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.inputs: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "input" and attrs.get("name"):
            self.inputs[attrs["name"]] = attrs.get("value") or ""


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


@pytest.fixture
def site(environment):
    """The development server on a port of its own, stopped afterwards."""
    server = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "runserver",
            f"127.0.0.1:{environment['SITE_PORT']}",
            "--noreload",
            "--skip-checks",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = environment["PUBLIC_BASE_URL"]
    deadline = time.monotonic() + 120
    try:
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    stderr = server.stderr.read() if server.stderr else ""
                    raise AssertionError(stderr or "no server") from None
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_an_invitation_through_smtp_is_answered_from_its_link_without_login(
    environment, sink, site
):
    _manage(environment, "migrate", "--noinput", "-v", "0")
    _shell(environment, INVITE)
    assert sink.received == []  # queued for the worker, nothing sent yet
    _manage(environment, "db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0")

    by_address = {rcpts[0]: (sender, content) for sender, rcpts, content in sink.received}
    assert set(by_address) == {"press-2@example.org"}
    sender, content = by_address["press-2@example.org"]
    assert sender == "media@rasht.example"
    message = email.message_from_bytes(content, policy=email.policy.default)
    assert str(message["From"]) == "کمیته رسانه شهرداری رشت <media@rasht.example>"
    # (A long Persian subject is folded onto the next line; readers strip that space.)
    assert message["Subject"].strip().startswith("دعوت به جلسه: برنامه ترمیم آسفالت پس از بارش‌ها")

    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "سالن جلسات معاونت عمرانی" in text and "گزارش پیمانکار منطقه ۲" in text
    assert '<html lang="fa" dir="rtl">' in html and 'dir="rtl"' in html
    links = parse(html).links
    accept = next(link for link in links if link.endswith("/accept/"))
    decline = next(link for link in links if link.endswith("/decline/"))
    assert accept.startswith(site + "/rsvp/") and decline.startswith(site + "/rsvp/")
    assert accept in text and decline in text
    assert any(re.fullmatch(rf"{re.escape(site)}/meetings/\d+/", link) for link in links)

    (calendar_part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert calendar_part.get_param("method") == "REQUEST"
    calendar = icalendar.Calendar.from_ical(calendar_part.get_payload(decode=True))
    (event,) = calendar.walk("VEVENT")
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["SUMMARY"]) == "برنامه ترمیم آسفالت پس از بارش‌ها"
    assert str(event["ORGANIZER"]) == "mailto:media@rasht.example"
    assert str(event["ATTENDEE"]) == "mailto:press-2@example.org"
    assert event["ATTENDEE"].params["RSVP"] == "TRUE"

    # The recipient clicks «حضور می‌یابم»: a browser that never logged in (cookies only).
    browser = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    shown = browser.open(accept, timeout=30)
    assert shown.status == 200
    shown_html = shown.read().decode()
    assert "ثبت: حضور می‌یابم" in shown_html  # a button to press, nothing done yet
    page = parse(shown_html)
    assert _shell(environment, ANSWER)["response"] == "pending"  # GET changed nothing

    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": page.inputs["csrfmiddlewaretoken"], "note": "حتماً می‌آیم"}
    ).encode()
    request = urllib.request.Request(accept, data=form, headers={"Referer": accept})
    done = browser.open(request, timeout=30)
    assert done.status == 200
    assert "پاسخ شما ثبت شد" in done.read().decode()

    answered = _shell(environment, ANSWER)
    assert (answered["response"], answered["note"]) == ("accepted", "حتماً می‌آیم")
    assert answered["sent"] is True
    assert answered["outbox"] == [["press-2@example.org", "sent"]]
    assert len(answered["audit"]) == 1 and "پیوند ایمیل" in answered["audit"][0]

    # The link worked once: pressed again, a Persian page and 410.
    with pytest.raises(urllib.error.HTTPError) as again:
        browser.open(request, timeout=30)
    assert again.value.code == 410
    assert "پیش‌تر به کار رفته" in again.value.read().decode()
