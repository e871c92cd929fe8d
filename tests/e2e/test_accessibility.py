"""axe-core on every public page and every form of the working interface, in the real
browser, as each kind of user sees them.

Violations of impact "serious" or "critical" fail, with the rule, its help and the first
elements concerned; every violation found (of any impact) is also written to the session's
report, whose path is printed at the end of the run."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e import steps
from tests.e2e.axe import assert_no_blocking
from tests.e2e.steps import click_and_wait

pytestmark = pytest.mark.e2e

SELF_CHECK = "axe self-check (deliberately broken page)"


def test_axe_finds_a_violation_where_there_is_one(pages, axe_report):
    """The helper works: a page with an unlabelled field and an image without text."""
    page = pages.open()
    page.set_content(
        '<html lang="fa" dir="rtl"><head><title>آزمون</title></head><body><main>'
        '<h1>آزمون</h1><img src="data:,"><input type="text"></main></body></html>'
    )
    found = {v.rule for v in axe_report.scan(page, SELF_CHECK, keep=False)}
    assert {"image-alt", "label"} <= found, found


def test_public_pages_have_no_serious_accessibility_violations(
    civil_meeting, published_meeting, pages, server, axe_report
):
    page = pages.open()
    minutes = steps.minutes_page_path(page, server, published_meeting)
    found = []
    for label, path in steps.public_pages(civil_meeting, published_meeting, minutes):
        page.goto(server(path))
        found += axe_report.scan(page, label)

    # The comment form as it comes back with its errors (sent empty).
    page.goto(server(minutes))
    form = page.locator("form.comment-form")
    click_and_wait(page, form.locator("button[type=submit]"), re.compile(r"/archive/"))
    expect(page.locator("form.comment-form .error").first).to_be_visible()
    found += axe_report.scan(page, "comment form with errors")

    # The login form with its error.
    page.goto(server("/accounts/login/"))
    page.locator("#id_username").fill("nobody")
    page.locator("#id_password").fill("wrong")
    click_and_wait(page, page.locator("main form button[type=submit]"), re.compile("/login/"))
    expect(page.get_by_role("alert")).to_be_visible()
    found += axe_report.scan(page, "login form with its error")

    assert_no_blocking(found)


def test_working_pages_and_forms_have_no_serious_accessibility_violations(
    civil_meeting, published_meeting, pages, server, axe_report
):
    secretariat = pages.open("secretariat")
    follow_up = steps.follow_up_path(secretariat, server, published_meeting)
    found = []
    for user, visits in steps.working_pages(civil_meeting, published_meeting, follow_up).items():
        page = secretariat if user == "secretariat" else pages.open(user)
        for label, path in visits:
            page.goto(server(path))
            found += axe_report.scan(page, label)

    # The schedule form as it comes back with its errors (sent empty).
    secretariat.goto(server("/meetings/new/"))
    click_and_wait(
        secretariat,
        secretariat.get_by_role("button", name="برنامه‌ریزی جلسه", exact=True),
        server("/meetings/new/"),
    )
    expect(secretariat.get_by_role("alert")).to_be_visible()
    found += axe_report.scan(secretariat, "schedule form with errors")

    assert_no_blocking(found)


def test_reports_demands_and_answer_links_have_no_serious_accessibility_violations(
    civil_meeting, pages, server, axe_report
):
    page = pages.open()
    found = []
    for label, path in steps.more_public_pages(page, server, civil_meeting):
        page.goto(server(path))
        found += axe_report.scan(page, label)

    # The demand form as it comes back with its errors (sent empty, past the browser's
    # own checks, as a browser without them would send it).
    page.goto(server(f"/committee/{steps.COMMITTEE}/demands/new/"))
    form = page.locator("main form").filter(has=page.locator("#id_title"))
    form.evaluate("form => { form.noValidate = true; }")
    click_and_wait(page, form.locator("button[type=submit]"), re.compile("/demands/new/"))
    expect(page.get_by_role("alert").first).to_be_visible()
    found += axe_report.scan(page, "demand form with errors")

    assert_no_blocking(found)


def test_the_desk_outbox_and_triage_have_no_serious_accessibility_violations(
    civil_meeting, pages, server, axe_report
):
    found = []
    for user, visits in steps.desk_pages(civil_meeting).items():
        page = pages.open(user)
        for label, path in visits:
            page.goto(server(path))
            assert "/accounts/login/" not in page.url, f"{user} may not open {path}"
            found += axe_report.scan(page, label)

    # The register of a past meeting as it comes back with its errors (sent empty).
    page = pages.open("secretariat")
    page.goto(server("/meetings/past/"))
    form = page.locator("main form").filter(has=page.locator("#id_title"))
    form.evaluate("form => { form.noValidate = true; }")
    click_and_wait(page, form.locator("button[type=submit]").last, re.compile("/meetings/past/"))
    expect(page.get_by_role("alert").first).to_be_visible()
    found += axe_report.scan(page, "past meeting form with errors")

    assert_no_blocking(found)
