"""backup and restore: the whole installation survives a round trip into an empty database,
every row and every media file the same; a damaged or unsafe backup is refused, clearly."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from io import StringIO
from pathlib import Path
from urllib.parse import quote

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from guardian.shortcuts import assign_perm
from rest_framework.authtoken.models import Token

from tests.factories import (
    FollowUpFactory,
    MembershipFactory,
    MinutesFactory,
    QuestionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
MEDIA = {
    "minutes/RASHT-C-1403-001-R1.pdf": b"%PDF-1.7 stored minutes " + bytes(range(256)),
    "logos/شهرداری رشت.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
    "attachments/2024/گزارش.txt": "گزارش پیوست".encode(),
}


@pytest.fixture
def installation(settings, tmp_path):
    """Rows in every kind of table (domain, users, object permissions, tokens) and files in
    MEDIA_ROOT, committed so that a dump made outside this connection sees them."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for name, data in MEDIA.items():
        path = settings.MEDIA_ROOT / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    follow_up = FollowUpFactory()
    meeting = follow_up.decision.meeting
    MinutesFactory(meeting=meeting)
    QuestionFactory(meeting=meeting)
    membership = MembershipFactory(workgroup__committee=meeting.committee)
    user = UserFactory(username="secretary")
    assign_perm("minutes.change_meeting", user, meeting)
    Token.objects.create(user=user)
    return membership


def _tables() -> dict[str, str]:
    """Every table of an installed model (auth, guardian and token tables included, and the
    many-to-many tables), with the column its rows are ordered by."""
    tables = {
        model._meta.db_table: model._meta.pk.column
        for model in apps.get_models(include_auto_created=True)
    }
    tables["django_migrations"] = "id"
    return tables


def _rows(cursor, table: str, order: str) -> list[tuple]:
    cursor.execute(f'SELECT * FROM "{table}" ORDER BY "{order}"')
    return list(cursor.fetchall())


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # Settings come from the environment: a fresh process reads the restored installation's.
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.pop("DATABASE_URL", None)
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _assert_same_rows(source_cursor, target_cursor) -> None:
    compared = 0
    for table, order in _tables().items():
        expected = _rows(source_cursor, table, order)
        assert _rows(target_cursor, table, order) == expected, table
        compared += bool(expected)
    # The factories filled many tables; an empty comparison would prove nothing.
    assert compared >= 15


@pytest.mark.django_db(transaction=True)
def test_a_sqlite_backup_restores_every_row_and_file_into_an_empty_database(
    installation, settings, tmp_path
):
    if connection.vendor != "sqlite":
        pytest.skip("the test database is not SQLite (the PostgreSQL test covers this run)")
    backup = tmp_path / "backup.tar.gz"
    call_command("backup", backup, stdout=StringIO())

    restored_db, restored_media = tmp_path / "restored.sqlite3", tmp_path / "restored-media"
    env = {"DJANGO_SQLITE_PATH": str(restored_db), "DJANGO_MEDIA_ROOT": str(restored_media)}
    result = _manage("restore", str(backup), **env)
    assert result.returncode == 0, result.stderr
    assert "Restored the database" in result.stdout

    target = sqlite3.connect(restored_db, detect_types=sqlite3.PARSE_DECLTYPES)
    try:
        with connection.cursor() as source:
            _assert_same_rows(source, target.cursor())
            source.execute("SELECT name FROM sqlite_master ORDER BY name")
            schema = source.fetchall()
        assert target.execute("SELECT name FROM sqlite_master ORDER BY name").fetchall() == schema
    finally:
        target.close()
    assert _files(restored_media) == _files(Path(settings.MEDIA_ROOT)) == MEDIA

    again = _manage("restore", str(backup), **env)
    assert again.returncode != 0
    assert again.stderr.strip() == (
        "CommandError: The database already holds data; restore with --force to replace it."
    )
    assert _manage("restore", "--force", str(backup), **env).returncode == 0


@pytest.mark.django_db(transaction=True)
def test_a_postgresql_backup_restores_every_row_and_file_into_an_empty_database(
    installation, settings, tmp_path
):
    if connection.vendor != "postgresql":
        pytest.skip("the test database is not PostgreSQL (bash .ci/postgres.sh runs this)")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump and pg_restore are not installed (Debian: postgresql-client)")
    import psycopg

    backup = tmp_path / "backup.tar.gz"
    call_command("backup", backup, stdout=StringIO())

    params = connection.settings_dict
    name = f"{params['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    user, password = quote(params["USER"]), quote(params["PASSWORD"])
    host, port = params["HOST"] or "127.0.0.1", params["PORT"] or "5432"
    url = f"postgres://{user}:{password}@{host}:{port}/{name}"
    restored_media = tmp_path / "restored-media"
    try:
        result = _manage(
            "restore", str(backup), DATABASE_URL=url, DJANGO_MEDIA_ROOT=str(restored_media)
        )
        assert result.returncode == 0, result.stderr
        with psycopg.connect(url) as target, connection.cursor() as source:
            _assert_same_rows(source, target.cursor())
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    assert _files(restored_media) == _files(Path(settings.MEDIA_ROOT)) == MEDIA


# --- Refusals ------------------------------------------------------------------------------


def _write(
    path: Path,
    members: dict[str, bytes],
    *,
    engine: str | None = None,
    hashes: dict[str, str] | None = None,
    links: dict[str, str] | None = None,
) -> Path:
    """A backup at ``path`` of ``engine`` (this installation's by default) holding a dump and
    ``members``, its manifest listing each with its hash (or the one in ``hashes``), and
    ``links`` (name → target) as symbolic links."""
    engine = engine or connection.vendor
    database = "database/db.sqlite3" if engine == "sqlite" else "database/db.pgdump"
    members = {database: b"a database dump", **members}
    listed = {
        name: {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for name, data in members.items()
    }
    for name, digest in (hashes or {}).items():
        listed[name]["sha256"] = digest
    manifest = {
        "format": "media-committee-backup",
        "version": 1,
        "created_at": "2026-01-01T00:00:00+00:00",
        "engine": engine,
        "database": database,
        "members": listed,
    }
    members["manifest.json"] = json.dumps(manifest).encode()
    with tarfile.open(path, "w:gz") as archive:
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type, info.linkname = tarfile.SYMTYPE, target
            archive.addfile(info)
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def _refusal(path: Path) -> str:
    with pytest.raises(CommandError) as refused:
        call_command("restore", path, stdout=StringIO())
    message = str(refused.value)
    assert "\n" not in message, "one line"
    return message


def test_a_tampered_member_is_refused_before_anything_is_written(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    recorded = hashlib.sha256(b"the stored minutes").hexdigest()
    path = _write(
        tmp_path / "tampered.tar.gz",
        {"media/minutes/a.pdf": b"the stored minutez"},
        hashes={"media/minutes/a.pdf": recorded},
    )
    message = _refusal(path)
    assert message == "media/minutes/a.pdf: does not match its SHA-256 in manifest.json."
    assert not (tmp_path / "media").exists()


@pytest.mark.parametrize(
    ("name", "links", "refusal"),
    [
        ("media/../../escaped.txt", {}, "a name that leaves its folder"),
        ("/tmp/escaped.txt", {}, "an absolute or unusual name"),
        ("media/minutes/../../../escaped.txt", {}, "a name that leaves its folder"),
        ("media/ok.txt", {"media/link": "/etc/passwd"}, "not a regular file"),
    ],
    ids=["dot-dot", "absolute", "deep dot-dot", "symlink"],
)
def test_a_member_that_would_land_outside_media_root_is_refused(
    settings, tmp_path, name, links, refusal
):
    settings.MEDIA_ROOT = tmp_path / "media"
    path = _write(tmp_path / "unsafe.tar.gz", {name: b"escaped"}, links=links)
    assert refusal in _refusal(path)
    assert not (tmp_path / "escaped.txt").exists()
    assert not (tmp_path / "media").exists()


def test_a_backup_of_another_engine_is_refused_naming_both(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    names = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
    path = _write(tmp_path / "other.tar.gz", {"media/a.txt": b"a"}, engine=other)
    assert _refusal(path).startswith(
        f"This is a backup of a {names[other]} database; "
        f"this installation uses {names[connection.vendor]}."
    )
    assert not (tmp_path / "media").exists()


def test_a_database_that_holds_data_is_not_replaced_without_force(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    UserFactory()
    path = _write(tmp_path / "backup.tar.gz", {"media/a.txt": b"a"})
    assert _refusal(path) == (
        "The database already holds data; restore with --force to replace it."
    )
    assert not (tmp_path / "media").exists()


def test_a_file_that_is_not_a_backup_is_refused_clearly(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a backup")
    assert "is not a readable backup" in _refusal(path)


def test_a_backup_is_not_written_into_media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with pytest.raises(CommandError, match="inside MEDIA_ROOT"):
        call_command("backup", tmp_path / "media" / "backup.tar.gz", stdout=StringIO())
