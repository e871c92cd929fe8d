"""Settings read from the environment fail loudly on values they cannot understand."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_choice, env_database, env_int, env_list

DEFAULT = {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}


def test_no_database_url_keeps_the_embedded_sqlite_default(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert env_database("DATABASE_URL", DEFAULT) == DEFAULT


def test_a_postgres_url_becomes_a_postgresql_database(monkeypatch):
    monkeypatch.setenv(
        "DATABASE_URL", "postgres://user:p%40ss@db.local:5433/committee?sslmode=require"
    )
    db = env_database("DATABASE_URL", DEFAULT)
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"]) == ("committee", "user", "p@ss")
    assert (db["HOST"], db["PORT"], db["OPTIONS"]) == ("db.local", "5433", {"sslmode": "require"})


def test_a_sqlite_url_names_its_file(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:////var/lib/committee/db.sqlite3")
    assert env_database("DATABASE_URL", DEFAULT)["NAME"] == "/var/lib/committee/db.sqlite3"


@pytest.mark.parametrize("url", ["mysql://u@h/db", "postgres://u@h/", "nonsense"])
def test_an_unsupported_or_incomplete_url_fails_loudly(monkeypatch, url):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ImproperlyConfigured):
        env_database("DATABASE_URL", DEFAULT)


def test_booleans_numbers_and_lists_are_typed(monkeypatch):
    monkeypatch.setenv("X_BOOL", "yes")
    monkeypatch.setenv("X_INT", "12")
    monkeypatch.setenv("X_LIST", "a.example, b.example,")
    assert env_bool("X_BOOL", False) is True
    assert env_int("X_INT", 0) == 12
    assert env_list("X_LIST", []) == ["a.example", "b.example"]
    monkeypatch.setenv("X_BOOL", "perhaps")
    with pytest.raises(ImproperlyConfigured):
        env_bool("X_BOOL", False)
    monkeypatch.setenv("X_INT", "twelve")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_INT", 0)


def test_a_choice_is_one_of_its_names_or_the_default(monkeypatch):
    monkeypatch.delenv("DJANGO_TASKS_BACKEND", raising=False)
    assert env_choice("DJANGO_TASKS_BACKEND", ("immediate", "database"), "immediate") == "immediate"
    monkeypatch.setenv("DJANGO_TASKS_BACKEND", " Database ")
    assert env_choice("DJANGO_TASKS_BACKEND", ("immediate", "database"), "immediate") == "database"
    monkeypatch.setenv("DJANGO_TASKS_BACKEND", "redis")
    with pytest.raises(ImproperlyConfigured, match="use one of immediate, database"):
        env_choice("DJANGO_TASKS_BACKEND", ("immediate", "database"), "immediate")
