"""API rate limits from the environment (config.env.env_rate): the forms Django REST
framework understands are accepted, anything else stops the process with a message naming
the variable."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from rest_framework.throttling import SimpleRateThrottle

from config.env import env_rate

SETTINGS_FILE = Path(__file__).resolve().parent.parent / "config" / "settings.py"
NAME = "X_TEST_API_RATE"


def load_settings(name: str = "settings_under_test"):
    """config/settings.py executed afresh (the environment as the test left it)."""
    spec = importlib.util.spec_from_file_location(name, SETTINGS_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        ("60/min", (60, 60)),
        ("1000/hour", (1000, 3600)),
        ("5/s", (5, 1)),
        ("10/day", (10, 86400)),
        ("30/minute", (30, 60)),
        ("2/second", (2, 1)),
        ("7/h", (7, 3600)),
        ("3/d", (3, 86400)),
    ],
)
def test_a_rate_rest_framework_understands_is_accepted(monkeypatch, value, parsed):
    monkeypatch.setenv(NAME, value)
    rate = env_rate(NAME, "1/day")
    assert rate == value
    # What the throttles will make of it: requests per that many seconds.
    assert SimpleRateThrottle.parse_rate(None, rate) == parsed


def test_surrounding_spaces_are_dropped(monkeypatch):
    monkeypatch.setenv(NAME, "  120/min \n")
    assert env_rate(NAME, "1/day") == "120/min"


@pytest.mark.parametrize(
    "value",
    [
        "abc",
        "60/fortnight",
        "/min",
        "-1/min",
        "60",
        "60/",
        "sixty/min",
        "1.5/min",
        "60/MIN",
        "60 / min",
        "60/min/extra",
        "",
    ],
)
def test_anything_else_is_refused_naming_the_variable(monkeypatch, value):
    monkeypatch.setenv(NAME, value)
    with pytest.raises(ImproperlyConfigured) as refused:
        env_rate(NAME, "60/min")
    message = str(refused.value)
    assert NAME in message
    assert repr(value) in message
    assert "60/min" in message  # the example of what is expected


def test_the_default_when_unset(monkeypatch):
    monkeypatch.delenv(NAME, raising=False)
    assert env_rate(NAME, "1200/min") == "1200/min"


def test_a_count_int_cannot_read_is_refused(monkeypatch):
    monkeypatch.setenv(NAME, "²/min")
    with pytest.raises(ImproperlyConfigured):
        env_rate(NAME, "60/min")


def test_the_settings_read_both_api_rates_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_API_ANON_RATE", "30/min")
    monkeypatch.setenv("DJANGO_API_USER_RATE", "5000/hour")
    rates = load_settings().REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    assert rates == {"anon": "30/min", "user": "5000/hour", "token": "10/min"}


def test_the_settings_default_rates_when_unset(monkeypatch):
    monkeypatch.delenv("DJANGO_API_ANON_RATE", raising=False)
    monkeypatch.delenv("DJANGO_API_USER_RATE", raising=False)
    rates = load_settings().REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    assert rates == {"anon": "60/min", "user": "1200/min", "token": "10/min"}


@pytest.mark.parametrize("variable", ["DJANGO_API_ANON_RATE", "DJANGO_API_USER_RATE"])
def test_the_settings_refuse_a_bad_rate_naming_the_variable(monkeypatch, variable):
    monkeypatch.setenv(variable, "60/fortnight")
    with pytest.raises(ImproperlyConfigured, match=variable):
        load_settings()
