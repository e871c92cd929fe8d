"""The JSON of the API's own shapes as a third format of the import, and publishing in the
same run, through the three doors (``manage.py import_minutes``, the secretariat's page,
``POST /api/v1/imports/``): the same meetings as the equivalent workbook, problems at their
place in the document, unreadable documents refused in Persian, a dry run writing nothing,
and publication through the services (policy at every step), PDF and all."""

from __future__ import annotations

import copy
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from committee.models import Organization
from minutes import importer
from minutes.models import Meeting, Minutes
from minutes.notices import Notification
from minutes.outbox import OutboxEmail
from tests.imports.test_import_minutes import write_xlsx

pytestmark = pytest.mark.django_db

PAGE = "/meetings/import/"
API = "/api/v1/imports/"
WATER = "شرکت آب و فاضلاب گیلان"


@pytest.fixture
def document(world, sheets):
    """The ``sheets`` fixture's meetings, as a client of the API would write them: ids for
    the workgroup, people and organisation (one person as a read shape's object)."""
    chair = world.person(world.chair)
    official = world.person(world.official)
    journalist = world.person(world.journalist)
    water = Organization.objects.get(name=WATER)
    return {
        "meetings": [
            {
                "workgroup": world.workgroup.pk,
                "number": 7,
                "starts_at": "2018-05-05T10:00:00+04:30",
                "ends_at": "2018-05-05T12:00:00+04:30",
                "title": "جلسه آب‌گرفتگی",
                "location": "سالن شهرداری",
                "is_public": True,
                "summary": "گزارش ارائه شد.",
                "attendance": [
                    {"person": chair.pk, "status": "present"},
                    {
                        "person": {"id": official.pk, "name": official.full_name},
                        "status": "present",
                    },
                    {"person": journalist.pk, "status": "excused", "excuse": "بیماری"},
                ],
                "agenda": [
                    {
                        "title": "گزارش آب‌گرفتگی معابر",
                        "discussion": "۸۰ درصد کار انجام شد.",
                        "decisions": [
                            {
                                "text": "طرح جمع‌آوری آب‌های سطحی اجرا شود.",
                                "responsible_organization": water.pk,
                                "deadline": "2018-09-22",
                                "vote_method": "consensus",
                            }
                        ],
                    }
                ],
            },
            {
                "workgroup": {"id": world.workgroup.pk, "slug": world.workgroup.slug},
                "number": 8,
                "starts_at": "2018-05-26T10:00:00+04:30",
                "title": "جلسه ترافیک",
                "location": "سالن شهرداری",
                "attendance": [{"person": chair.pk, "status": "present"}],
                "agenda": [{"title": "ترافیک میدان"}],
            },
        ]
    }


def _json_file(tmp_path: Path, doc, name="past.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _run(path, *flags, user="root"):
    out, err = StringIO(), StringIO()
    call_command("import_minutes", str(path), "--user", user, *flags, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _describe(workgroup) -> list:
    """Everything an import creates for the workgroup, without ids of its own."""
    described = []
    for meeting in Meeting.objects.filter(workgroup=workgroup).order_by("number"):
        minutes = meeting.latest_minutes()
        described.append(
            {
                "meeting": (
                    meeting.number,
                    meeting.jalali_year,
                    meeting.title,
                    meeting.starts_at,
                    meeting.ends_at,
                    meeting.location,
                    meeting.is_public,
                    meeting.status,
                    meeting.registered_late_at is not None,
                ),
                "summary": minutes.summary if minutes else None,
                "attendance": sorted(
                    meeting.attendances.values_list("person_id", "status", "excuse")
                ),
                "agenda": list(
                    meeting.agenda_items.order_by("order").values_list(
                        "order", "title", "discussion"
                    )
                ),
                "decisions": list(
                    meeting.decisions.order_by("pk").values_list(
                        "text",
                        "agenda_item__title",
                        "responsible_organization_id",
                        "deadline",
                        "vote_method",
                    )
                ),
            }
        )
    return described


def _api(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _upload(doc, name="past.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, json.dumps(doc, ensure_ascii=False).encode())


# --- The same meetings as the workbook ------------------------------------------------------


def test_a_json_import_creates_what_the_equivalent_workbook_does(world, sheets, document, tmp_path):
    with transaction.atomic():
        _run(write_xlsx(tmp_path / "past.xlsx", sheets))
        from_workbook = _describe(world.workgroup)
        transaction.set_rollback(True)
    assert len(from_workbook) == 2 and not Meeting.objects.exists()
    out, _ = _run(_json_file(tmp_path, document))
    assert "ثبت شد" in out
    assert _describe(world.workgroup) == from_workbook
    assert from_workbook[0]["decisions"][0][1] == "گزارش آب‌گرفتگی معابر"


def test_the_format_is_told_by_content_not_by_the_name(world, document, tmp_path):
    # A JSON document named .xlsx or .txt is still read as JSON.
    out, _ = _run(_json_file(tmp_path, document, name="past.xlsx"), "--dry-run")
    assert "meetings[0]" in out and "meetings[1]" in out
    assert not Meeting.objects.exists()
    _run(_json_file(tmp_path, document, name="export.txt"))
    assert Meeting.objects.filter(workgroup=world.workgroup).count() == 2


def test_a_dry_run_of_json_writes_nothing(world, document, tmp_path):
    out, _ = _run(_json_file(tmp_path, document), "--dry-run", "--publish")
    assert "آزمایشی" in out and "meetings[0]" in out
    assert not Meeting.objects.exists()
    assert not Minutes.objects.exists()


# --- Problems at their place ------------------------------------------------------------------


def test_json_problems_are_reported_at_their_place_and_nothing_is_written(
    world, document, tmp_path
):
    bad = copy.deepcopy(document)
    first, second = bad["meetings"]
    first["agenda"][0]["decisions"][0]["deadline"] = "1397/13/01"
    first["attendance"][1]["person"] = 999999
    first["agenda"][0]["decisions"][0]["responsible_organization"] = 10**30  # beyond bigint
    first["colour"] = "blue"
    second["starts_at"] = "yesterday at ten"
    second["number"] = "هشت"
    second["agenda"][0]["title"] = ""
    report = importer.import_minutes(world.superuser, world.committee, _json_file(tmp_path, bad))
    places = {p.location: p for p in report.problems}
    assert set(places) == {
        "meetings[0].agenda[0].decisions[0].deadline",
        "meetings[0].attendance[1].person",
        "meetings[0].agenda[0].decisions[0].responsible_organization",
        "meetings[0].colour",
        "meetings[1].starts_at",
        "meetings[1].number",
        "meetings[1].agenda[0].title",
    }, [str(p) for p in report.problems]
    assert len(report.problems) == 7  # each once (starts_at fills two columns)
    deadline = places["meetings[0].agenda[0].decisions[0].deadline"]
    assert (deadline.sheet, deadline.column) == ("decisions", "deadline")
    assert str(deadline).startswith("در «meetings[0].agenda[0].decisions[0].deadline»: ")
    assert "999999" in places["meetings[0].attendance[1].person"].message
    assert "ISO 8601" in places["meetings[1].starts_at"].message
    assert not Meeting.objects.exists()
    with pytest.raises(CommandError, match="۷ ایراد"):
        _run(_json_file(tmp_path, bad))


def test_a_refusal_by_a_service_is_reported_at_the_meetings_place(world, document, tmp_path):
    document["meetings"][1]["starts_at"] = "2099-05-26T10:00:00+04:30"  # not in the past
    report = importer.import_minutes(
        world.superuser, world.committee, _json_file(tmp_path, document)
    )
    assert [p.location for p in report.problems] == ["meetings[1].starts_at"]
    assert not Meeting.objects.exists()


def test_a_meeting_of_another_committee_or_workgroup_is_refused(world, document, tmp_path):
    document["meetings"][0]["committee"] = world.committee.pk + 1000
    document["meetings"][1]["workgroup"] = 987654
    report = importer.import_minutes(
        world.superuser, world.committee, _json_file(tmp_path, document)
    )
    assert [p.location for p in report.problems] == [
        "meetings[0].committee",
        "meetings[1].workgroup",
    ]


# --- Unreadable documents ---------------------------------------------------------------------

BAD_DOCUMENTS = {
    "syntax": (b'{"meetings": [{"title": "x",}]}', "سطر ۱"),
    "top level list": (b'[{"title": "x"}]', "meetings"),
    "top level string": (b'"meetings"', "meetings"),
    "deep": (b'{"meetings": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "تودرتو"),
    "nested beyond the shape": (
        b'{"meetings": [{"agenda": [{"decisions": [{"text": [[[[[[1]]]]]]}]}]}]}',
        "تودرتو",
    ),
    "nan": (b'{"meetings": [{"number": NaN}]}', "NaN"),
    "long number": (b'{"meetings": [{"number": ' + b"9" * 5000 + b"}]}", "عدد"),
    "not utf-8": ('{"meetings": [{"title": "café"}]}'.encode("latin-1"), "UTF"),
}


@pytest.mark.parametrize("name", list(BAD_DOCUMENTS))
def test_an_unreadable_json_document_is_a_clear_refusal_through_each_door(
    world, client, tmp_path, name
):
    raw, words = BAD_DOCUMENTS[name]
    path = tmp_path / "bad.json"
    path.write_bytes(raw)
    with pytest.raises(CommandError, match=words):
        _run(path)
    response = _api(world.superuser).post(
        API,
        {"file": SimpleUploadedFile("bad.json", raw), "committee": world.committee.slug},
        format="multipart",
    )
    assert response.status_code == 400, response.content[:300]
    assert words in response.json()["file"][0]
    client.force_login(world.superuser)
    page = client.post(
        PAGE,
        {"file": SimpleUploadedFile("bad.json", raw), "committee": world.committee.pk},
    )
    assert page.status_code == 200
    assert words in page.content.decode()
    assert not Meeting.objects.exists()


def test_a_huge_json_document_is_refused(world, tmp_path):
    path = tmp_path / "huge.json"
    filler = '{"title": "' + "ب" * 1000 + '"}'
    path.write_text('{"meetings": [' + ",".join([filler] * 6000) + "]}", encoding="utf-8")
    assert path.stat().st_size > importer.MAX_FILE_BYTES
    with pytest.raises(CommandError, match="۱۰ مگابایت"):
        _run(path)


def test_strings_that_the_database_cannot_store_are_problems_not_errors(world, document, tmp_path):
    document["meetings"][0]["title"] = "جلسه\x00"
    path = tmp_path / "nul.json"
    # A lone surrogate, as json.dumps writes it (\ud800), and a NUL.
    document["meetings"][1]["location"] = "\ud800"
    path.write_text(json.dumps(document), encoding="utf-8")
    report = importer.import_minutes(world.superuser, world.committee, path)
    assert {p.location for p in report.problems} == {
        "meetings[0].title",
        "meetings[1].location",
    }


# --- Publishing -------------------------------------------------------------------------------


def _pdf_downloads(client, meeting: Meeting) -> bytes:
    minutes = meeting.latest_minutes()
    assert minutes.status == Minutes.Status.PUBLISHED
    assert minutes.pdf and minutes.sha256
    response = client.get(f"/minutes/{minutes.document_id}.pdf")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"%PDF")
    return body


def test_the_command_publishes_and_reports_a_refused_publication(
    world, document, tmp_path, client, django_capture_on_commit_callbacks
):
    document["meetings"][0]["secretary"] = world.person(world.secretariat).pk
    with django_capture_on_commit_callbacks(execute=True):
        out, err = _run(_json_file(tmp_path, document), "--publish")
    first, second = Meeting.objects.filter(workgroup=world.workgroup).order_by("number")
    assert "۱ صورتجلسه منتشر شد" in out
    _pdf_downloads(client, first)
    # The second meeting has no secretary (root has no person): publishing is refused, the
    # meeting stays imported with draft minutes, and the report says why.
    assert second.latest_minutes().status == Minutes.Status.DRAFT
    assert "«جلسه ترافیک» (meetings[1]) منتشر نشد" in err
    assert "دبیر جلسه تعیین نشده است" in err


def test_publication_follows_the_policy_not_the_importers_wish(
    world, document, tmp_path, django_capture_on_commit_callbacks
):
    """The secretariat imports a plenary meeting: it may register and record it, but only
    the chair (or a superuser) approves minutes, so nothing is published."""
    plenary = {
        "workgroup": None,
        "number": 3,
        "starts_at": "2019-02-01T09:00:00+03:30",
        "title": "جلسه عمومی کمیته",
        "location": "سالن شورا",
        "attendance": [
            {"person": world.person(u).pk, "status": "present"}
            for u in (world.secretariat, world.chair, world.other_chair)
        ],
    }
    with django_capture_on_commit_callbacks(execute=True):
        report = importer.import_minutes(
            world.secretariat,
            world.committee,
            _json_file(tmp_path, {"meetings": [plenary]}),
            publish=True,
        )
    assert report.written and not report.published
    [(_plan, meeting, message)] = report.unpublished
    assert message == "فقط رییس جلسه صورتجلسه را تأیید می‌کند."
    minutes = meeting.latest_minutes()
    assert minutes.status == Minutes.Status.DRAFT and not minutes.pdf


def test_the_page_imports_json_and_publishes(
    world, client, document, django_capture_on_commit_callbacks
):
    document["meetings"][0]["secretary"] = world.person(world.secretariat).pk
    client.force_login(world.superuser)
    page = client.get(PAGE).content.decode()
    assert "انتشار پس از ورود" in page and "example.json" in page
    dry = client.post(
        PAGE,
        {
            "file": _upload(document),
            "action": "check",
            "publish": "on",
            "committee": world.committee.pk,
        },
    )
    assert "بی‌ایراد" in dry.content.decode()
    assert not Meeting.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            PAGE,
            {
                "file": _upload(document, "past.txt"),
                "action": "import",
                "publish": "on",
                "committee": world.committee.pk,
            },
            follow=True,
        )
    text = done.content.decode()
    assert "۲ جلسه ثبت شد و صورتجلسه ۱ جلسه منتشر شد" in text
    assert "«جلسه ترافیک» (meetings[1]) منتشر نشد" in text
    first = Meeting.objects.get(workgroup=world.workgroup, number=7)
    _pdf_downloads(client, first)
    # The past is recorded, not announced: dashboard entries, no email about it.
    assert Notification.objects.filter(kind="minutes_published").exists()
    assert not OutboxEmail.objects.exists()


def test_the_page_shows_json_problems_at_their_place(world, client, document):
    document["meetings"][0]["agenda"][0]["decisions"][0]["deadline"] = "1397/13/01"
    client.force_login(world.superuser)
    response = client.post(
        PAGE, {"file": _upload(document), "action": "import", "committee": world.committee.pk}
    )
    text = response.content.decode()
    assert "جای در سند JSON" in text
    assert "meetings[0].agenda[0].decisions[0].deadline" in text
    assert not Meeting.objects.exists()


def test_the_api_imports_json_dry_run_then_publish(
    world, document, client, django_capture_on_commit_callbacks
):
    document["meetings"][0]["secretary"] = world.person(world.secretariat).pk
    api = _api(world.superuser)
    slug = world.committee.slug
    dry = api.post(
        API,
        {"file": _upload(document), "committee": slug, "dry_run": "true", "publish": "true"},
        format="multipart",
    )
    assert dry.status_code == 200, dry.content[:400]
    assert dry.json()["source"] == "json" and dry.json()["written"] is False
    assert [m["key"] for m in dry.json()["meetings"]] == ["meetings[0]", "meetings[1]"]
    assert not Meeting.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = api.post(
            API,
            {"file": _upload(document), "committee": slug, "publish": "true"},
            format="multipart",
        )
    assert done.status_code == 200, done.content[:400]
    body = done.json()
    first = Meeting.objects.get(workgroup=world.workgroup, number=7)
    second = Meeting.objects.get(workgroup=world.workgroup, number=8)
    assert body["published"] == [first.pk]
    [refused] = body["unpublished"]
    assert refused["id"] == second.pk and refused["key"] == "meetings[1]"
    assert "دبیر جلسه تعیین نشده است" in refused["message"]
    _pdf_downloads(client, first)


def test_the_api_reports_json_problems_with_their_location(world, document):
    document["meetings"][1]["starts_at"] = "1397/03/05"
    response = _api(world.superuser).post(
        API,
        {"file": _upload(document), "committee": world.committee.slug},
        format="multipart",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "import_problems"
    [problem] = body["problems"]
    assert problem["location"] == "meetings[1].starts_at"
    assert (problem["sheet"], problem["column"]) == ("meetings", "starts_at")
    assert problem["text"].startswith("در «meetings[1].starts_at»")


# --- The example ------------------------------------------------------------------------------


def test_the_example_is_downloadable_is_the_documented_one_and_is_the_format(world, client):
    client.force_login(world.secretariat)
    response = client.get(f"{PAGE}example.json")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    example = json.loads(response.content)
    documented = Path(__file__).resolve().parents[2] / "docs" / "import-example.json"
    assert json.loads(documented.read_text(encoding="utf-8")) == example
    # Read as the format, its only problems are the names to replace with real ones.
    report = importer.check(world.committee, importer.read_json(response.content))
    assert {p.column for p in report.problems} == {
        "secretary",
        "person",
        "responsible_organization",
    }, [str(p) for p in report.problems]
    client.force_login(world.journalist)
    assert client.get(f"{PAGE}example.json").status_code == 403


# --- Any document: a report or a clear refusal, never an exception ------------------------------

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
_KEYS = st.sampled_from(
    [*importer.JSON_MEETING, *importer.JSON_ATTENDANCE, *importer.JSON_DECISION, "id", "x"]
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=5),
    max_leaves=25,
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(meetings=st.lists(st.dictionaries(_KEYS, _VALUES, max_size=8), max_size=3))
def test_any_document_gives_a_report_or_a_clear_refusal(world, meetings):
    raw = json.dumps({"meetings": meetings}).encode()
    try:
        sheets = importer.read_json(raw)
    except importer.ImportFileError as error:
        assert str(error)
        return
    with transaction.atomic():
        report = importer.import_sheets(world.superuser, world.committee, sheets, dry_run=True)
        transaction.set_rollback(True)
    assert not report.written
    for problem in report.problems:
        assert problem.location.startswith("meetings") and problem.message


def test_in_english_the_refusals_and_places_are_in_english(world, document):
    api = _api(world.superuser)
    unreadable = api.post(
        API,
        {
            "file": SimpleUploadedFile("x.json", b'{"meetings": ['),
            "committee": world.committee.slug,
        },
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert unreadable.status_code == 400
    assert unreadable.json()["file"][0].startswith("The JSON document cannot be read: line 1")
    document["meetings"][0]["number"] = True
    problems = api.post(
        API,
        {"file": _upload(document), "committee": world.committee.slug},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert problems.status_code == 400
    [problem] = problems.json()["problems"]
    assert problem["text"] == "At “meetings[0].number”: Must be a whole number."
