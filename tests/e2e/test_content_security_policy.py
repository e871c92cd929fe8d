"""The Content-Security-Policy as the browser enforces it: every public page and every
working page, logged in as each kind of user, loads with no violation reported (Chromium
reports each refused style, script, font or image on the console)."""

from __future__ import annotations

import pytest

from tests.e2e import steps

pytestmark = pytest.mark.e2e


def _watch(page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def test_no_page_reports_a_policy_violation(civil_meeting, published_meeting, pages, server):
    visitor = pages.open(bypass_csp=False)
    violations = _watch(visitor)
    minutes = steps.minutes_page_path(visitor, server, published_meeting)
    visited = []
    for label, path in [
        *steps.public_pages(civil_meeting, published_meeting, minutes),
        ("login", "/accounts/login/"),
        ("password reset", "/accounts/password_reset/"),
        ("api docs", "/api/docs/"),
        ("api redoc", "/api/redoc/"),
    ]:
        response = visitor.goto(server(path))
        assert response is not None and response.status < 500, (label, path)
        assert response.headers.get("content-security-policy"), (label, path)
        visited.append(label)

    secretariat = pages.open("secretariat", bypass_csp=False)
    follow_up = steps.follow_up_path(secretariat, server, published_meeting)
    for user, visits in steps.working_pages(civil_meeting, published_meeting, follow_up).items():
        page = secretariat if user == "secretariat" else pages.open(user, bypass_csp=False)
        seen = _watch(page)
        for label, path in visits:
            page.goto(server(path))
            page.wait_for_load_state("load")
            visited.append(label)
        violations += seen
    visitor.wait_for_timeout(300)  # late reports of the last page
    assert len(visited) > 10
    # The bundled Redoc asks for its "powered by" logo from its makers' CDN: the policy is
    # what stops that request (nothing the pages load comes from another host).
    cdn = [text for text in violations if "https://cdn.redoc.ly/" in text]
    assert all("has been blocked" in text for text in cdn), cdn
    assert [text for text in violations if text not in cdn] == [], violations
