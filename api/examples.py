"""Example requests of the workflow actions, for the OpenAPI schema (drf-spectacular
``OpenApiExample``): what a client sends, in the order of a real meeting's record."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample

REGISTER_PAST = [
    OpenApiExample(
        "A workgroup meeting of 1397 from the paper archive",
        request_only=True,
        value={
            "workgroup": 2,
            "number": 7,
            "title": "جلسه کارگروه رسانه عمرانی و ترافیکی",
            "starts_at": "2018-05-05T10:00:00+04:30",
            "ends_at": "2018-05-05T12:00:00+04:30",
            "location": "سالن جلسات شهرداری رشت",
            "agenda": [{"title": "گزارش آب‌گرفتگی معابر", "kind": "report"}],
        },
    )
]

SCHEDULE = [
    OpenApiExample(
        "A public workgroup meeting with two agenda items",
        request_only=True,
        value={
            "workgroup": 2,
            "title": "بررسی آسفالت معابر پس از بارندگی",
            "starts_at": "2026-11-22T10:00:00+03:30",
            "location": "سالن جلسات معاونت عمرانی",
            "agenda": [{"title": "گزارش آسفالت معابر"}, {"title": "ترافیک میدان شهرداری"}],
        },
    )
]

RECORD = [
    OpenApiExample(
        "Attendance, an agenda item's discussion and the summary",
        request_only=True,
        value={
            "expected_version": 0,
            "attendance": [
                {"person": 11, "status": "present"},
                {"person": 12, "status": "present", "arrived_at": "10:20"},
                {"person": 13, "status": "excused", "excuse": "مأموریت اداری"},
            ],
            "items": [{"item": 31, "discussion": "گزارش پیشرفت ۸۰ درصدی ارائه شد."}],
            "summary": "جلسه با حضور اعضای کارگروه و اصحاب رسانه برگزار شد.",
        },
    )
]

DECISION = [
    OpenApiExample(
        "A decision taken by vote, with a responsible body and a Jalali deadline",
        request_only=True,
        value={
            "expected_version": 3,
            "text": "شرکت آب و فاضلاب طرح جمع‌آوری آب‌های سطحی گلسار را اجرا کند.",
            "agenda_item": 31,
            "responsible_organization": 7,
            "deadline": "1405/10/30",
            "vote_method": "vote",
            "votes_for": 5,
            "votes_against": 1,
            "votes_abstain": 0,
        },
    )
]

CORRECT = [
    OpenApiExample(
        "The reason of a correction",
        request_only=True,
        value={"reason": "نام مسئول اجرای مصوبه ۲ نادرست ثبت شده بود."},
    )
]

ACCOUNT = [
    OpenApiExample(
        "A login named after the person's email",
        request_only=True,
        value={},
    ),
    OpenApiExample(
        "A chosen username and another address",
        request_only=True,
        value={"username": "z.ahmadi", "email": "z.ahmadi@example.ir"},
    ),
]

COMMITTEE_ROLE = [
    OpenApiExample(
        "The head of the secretariat from the start of 1404",
        request_only=True,
        value={
            "committee": 1,
            "person": 5,
            "role": "secretariat_head",
            "start_date": "1404/01/01",
        },
    )
]

ORGANIZATION = [
    OpenApiExample(
        "A utility company that decisions name as responsible",
        request_only=True,
        value={"name": "شرکت آب و فاضلاب استان گیلان", "kind": "utility"},
    )
]

PERSON = [
    OpenApiExample(
        "A member of the city council",
        request_only=True,
        value={
            "first_name": "زهرا",
            "last_name": "احمدی",
            "post": "عضو شورای اسلامی شهر",
            "organization": 9,
            "email": "z.ahmadi@example.ir",
        },
    )
]
