"""The backup of the whole installation, and its restoration.

A backup is one gzip-compressed tar file:

- ``database/db.sqlite3`` (SQLite, copied with the online backup API, consistent while the
  application is running) or ``database/db.pgdump`` (PostgreSQL, ``pg_dump --format=custom``);
- ``media/…``: every file under MEDIA_ROOT (published PDFs, attachments, logos);
- ``manifest.json``, written last: when, by which Django and application version, of which
  database engine, and the size and SHA-256 of every other member.

Restoring checks the whole file before it writes anything: every member must be named in
the manifest with its hash, be a regular file and have a safe name (no absolute path, no
``..``, no link); the engine must be this installation's; and the database must be empty
unless ``force``. Then the database is replaced and the media files written under
MEDIA_ROOT, never outside it.

This module sits in ``committee``, the lowest app, because it knows no model: it copies the
database as the engine stores it.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
import tomllib
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

FORMAT = "media-committee-backup"
VERSION = 1
MANIFEST = "manifest.json"
DUMPS = {"sqlite": "database/db.sqlite3", "postgresql": "database/db.pgdump"}
ENGINES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
CHUNK = 1 << 20


class BackupError(Exception):
    """The backup cannot be written or restored; the message says why, in one line."""


# --- Writing -------------------------------------------------------------------------------


class _Hashing:
    """A file read by tarfile, hashed as it is read, so the hash is of the bytes stored."""

    def __init__(self, handle: IO[bytes]):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _add(archive: tarfile.TarFile, path: Path, name: str, members: dict[str, Any]) -> None:
    info = archive.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as handle:
        hashing = _Hashing(handle)
        archive.addfile(info, hashing)
    members[name] = {"size": info.size, "sha256": hashing.digest.hexdigest()}


def _media_files(root: Path) -> Iterator[tuple[Path, str]]:
    """Every regular file under MEDIA_ROOT with its member name; links are not followed."""
    if not root.is_dir():
        return
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for file in sorted(files):
            path = Path(folder) / file
            if path.is_symlink() or not path.is_file():
                continue
            yield path, "media/" + path.relative_to(root).as_posix()


def _app_version() -> str:
    try:
        with (Path(settings.BASE_DIR) / "pyproject.toml").open("rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def write_backup(destination: Path) -> dict[str, Any]:
    """Write the database and MEDIA_ROOT into ``destination``. Returns the manifest."""
    engine = connection.vendor
    if engine not in DUMPS:
        raise BackupError(f"Backups of a {engine} database are not supported.")
    media_root = Path(settings.MEDIA_ROOT)
    if destination.resolve().is_relative_to(media_root.resolve()):
        raise BackupError(f"{destination} is inside MEDIA_ROOT; write the backup elsewhere.")
    members: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="backup-") as work:
        dump = Path(work) / "dump"
        _dump_sqlite(dump) if engine == "sqlite" else _dump_postgresql(dump)
        partial = destination.with_name(destination.name + ".partial")
        try:
            with tarfile.open(partial, "w:gz", format=tarfile.PAX_FORMAT) as archive:
                _add(archive, dump, DUMPS[engine], members)
                for path, name in _media_files(media_root):
                    _add(archive, path, name, members)
                manifest = {
                    "format": FORMAT,
                    "version": VERSION,
                    "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
                    "django_version": django.get_version(),
                    "app_version": _app_version(),
                    "engine": engine,
                    "database": DUMPS[engine],
                    "members": members,
                }
                data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime = len(data), int(time.time())
                archive.addfile(info, io.BytesIO(data))
            os.replace(partial, destination)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise BackupError(f"Cannot write {destination}: {error}") from None
    return manifest


def _dump_sqlite(target: Path) -> None:
    # The online backup API copies a consistent state while other processes write.
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()


def _pg_command(program: str) -> tuple[list[str], dict[str, str]]:
    """The program with the connection parameters of Django's DATABASES; the password goes
    in the environment (PGPASSWORD), never on the command line where ``ps`` shows it."""
    if shutil.which(program) is None:
        raise BackupError(f"{program} is not installed (Debian: the postgresql-client package).")
    params = connection.settings_dict
    command = [program, "--no-password"]
    if params.get("HOST"):
        command.append(f"--host={params['HOST']}")
    if params.get("PORT"):
        command.append(f"--port={params['PORT']}")
    if params.get("USER"):
        command.append(f"--username={params['USER']}")
    env = dict(os.environ)
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    options = params.get("OPTIONS") or {}
    for option, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
    ):
        if options.get(option):
            env[variable] = str(options[option])
    return command, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        reason = lines[-1] if lines else f"exit status {result.returncode}"
        raise BackupError(f"{command[0]} failed: {reason}")


def _dump_postgresql(target: Path) -> None:
    command, env = _pg_command("pg_dump")
    name = connection.settings_dict["NAME"]
    _run([*command, "--format=custom", f"--file={target}", f"--dbname={name}"], env)


# --- Reading -------------------------------------------------------------------------------


def _safe_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if not name or name.startswith("/") or "\\" in name or path.is_absolute():
        raise BackupError(f"{name!r}: an absolute or unusual name; the backup is refused.")
    if any(part in ("..", "") for part in name.split("/")):
        raise BackupError(f"{name!r}: a name that leaves its folder; the backup is refused.")
    return path


def _open(source: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(source, "r:*")
    except OSError as error:
        raise BackupError(f"Cannot read {source}: {error.strerror or error}") from None
    except tarfile.TarError:
        raise BackupError(f"{source} is not a readable backup (a .tar.gz file).") from None


def _manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = archive.getmember(MANIFEST)
        handle = archive.extractfile(member)
        manifest = json.loads(handle.read()) if handle else None
    except (KeyError, ValueError, tarfile.TarError, OSError) as error:
        raise BackupError(f"The backup has no valid {MANIFEST}: {error}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("This is not a media committee backup.")
    if manifest.get("version") != VERSION:
        raise BackupError(f"A backup of version {manifest.get('version')!r} is not known here.")
    if not isinstance(manifest.get("members"), dict) or manifest.get("engine") not in DUMPS:
        raise BackupError(f"{MANIFEST}: the members or the engine are missing.")
    if manifest.get("database") != DUMPS[manifest["engine"]]:
        raise BackupError(f"{MANIFEST}: the database dump is not named as expected.")
    return manifest


def _hash(archive: tarfile.TarFile, member: tarfile.TarInfo) -> str:
    handle = archive.extractfile(member)
    digest = hashlib.sha256()
    if handle is not None:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def check_backup(source: Path) -> dict[str, Any]:
    """Everything that can be checked without writing: names, kinds and hashes of every
    member against the manifest. Returns the manifest."""
    with _open(source) as archive:
        manifest = _manifest(archive)
        expected = manifest["members"]
        seen: set[str] = set()
        try:
            for member in archive:
                _safe_name(member.name)
                if member.name == MANIFEST:
                    continue
                if not member.isfile():
                    raise BackupError(f"{member.name!r}: not a regular file (a link or a device).")
                if member.name in seen:
                    raise BackupError(f"{member.name!r}: appears twice in the backup.")
                if member.name not in expected:
                    raise BackupError(f"{member.name!r}: not listed in {MANIFEST}.")
                name = member.name
                if name != manifest["database"] and not name.startswith("media/"):
                    raise BackupError(f"{name!r}: neither the database nor a media file.")
                if _hash(archive, member) != expected[name].get("sha256"):
                    raise BackupError(f"{name}: does not match its SHA-256 in {MANIFEST}.")
                seen.add(name)
        except (tarfile.TarError, OSError, EOFError, zlib.error) as error:
            raise BackupError(f"{source} is damaged: {error}") from None
        missing = sorted(set(expected) - seen)
        if missing:
            raise BackupError(f"{missing[0]}: listed in {MANIFEST} but missing from the backup.")
        if manifest["database"] not in seen:
            raise BackupError("The backup holds no database dump.")
    return manifest


def database_is_empty() -> bool:
    """No rows but those ``migrate`` writes by itself (content types, permissions, the
    migration history, django-guardian's anonymous user)."""
    tables = set(connection.introspection.table_names())
    user_model = get_user_model()
    # None when the project turns guardian's anonymous user off.
    anonymous = getattr(settings, "ANONYMOUS_USER_NAME", "AnonymousUser")
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if model in (ContentType, Permission) or table not in tables:
                continue
            if model is user_model and anonymous is not None:
                users = user_model._default_manager.exclude(
                    **{user_model.USERNAME_FIELD: anonymous}
                )
                if users.exists():
                    return False
                continue
            # Raw SQL: the rows are counted as stored, whatever the code's models say now.
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            if cursor.fetchone():
                return False
    return True


def restore_backup(source: Path, *, force: bool = False) -> dict[str, Any]:
    """Replace the database and write the media files of the backup at ``source``.

    Refuses, before anything is written, a backup that does not check (see
    :func:`check_backup`), of another engine, or a database that holds data unless
    ``force``. Returns the manifest."""
    manifest = check_backup(source)
    engine = connection.vendor
    if manifest["engine"] != engine:
        raise BackupError(
            f"This is a backup of a {ENGINES[manifest['engine']]} database; this installation "
            f"uses {ENGINES.get(engine, engine)}. Restore it where DATABASES is the same engine."
        )
    if not force and not database_is_empty():
        raise BackupError("The database already holds data; restore with --force to replace it.")
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="restore-") as work, _open(source) as archive:
        dump = Path(work) / "dump"
        try:
            _extract(archive, manifest["database"], dump)
        except (tarfile.TarError, OSError) as error:
            raise BackupError(f"Cannot read the database dump: {error}") from None
        _load_sqlite(dump) if engine == "sqlite" else _load_postgresql(dump)
        try:
            _write_media(archive, media_root, manifest["members"])
        except (tarfile.TarError, OSError) as error:
            raise BackupError(f"Cannot write the media files under {media_root}: {error}") from None
    return manifest


def _extract(archive: tarfile.TarFile, name: str, target: Path) -> None:
    handle = archive.extractfile(archive.getmember(name))
    assert handle is not None  # check_backup made sure it is a regular file
    with target.open("wb") as out:
        shutil.copyfileobj(handle, out, CHUNK)


def _load_sqlite(dump: Path) -> None:
    # The backup API again, into Django's own connection: it replaces every page of the
    # database file, schema included, under SQLite's locks.
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection)
    except sqlite3.Error as error:
        raise BackupError(f"Cannot restore the SQLite database: {error}") from None
    finally:
        source.close()
    connection.close()


def _load_postgresql(dump: Path) -> None:
    # pg_restore drops the tables this connection may hold locks on.
    connection.close()
    command, env = _pg_command("pg_restore")
    name = connection.settings_dict["NAME"]
    _run(
        [
            *command,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={name}",
            str(dump),
        ],
        env,
    )


def _write_media(archive: tarfile.TarFile, media_root: Path, members: dict[str, Any]) -> None:
    media_root.mkdir(parents=True, exist_ok=True)
    root = media_root.resolve()
    for member in archive:
        if not member.name.startswith("media/"):
            continue
        relative = _safe_name(member.name).relative_to("media")
        target = root.joinpath(*relative.parts)
        # A folder already under MEDIA_ROOT may be a link elsewhere; never write through it.
        if not target.parent.resolve().is_relative_to(root):
            raise BackupError(f"{member.name}: would be written outside MEDIA_ROOT.")
        target.parent.mkdir(parents=True, exist_ok=True)
        handle = archive.extractfile(member)
        assert handle is not None
        digest = hashlib.sha256()
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".restore-")
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
            if digest.hexdigest() != members[member.name]["sha256"]:
                raise BackupError(f"{member.name}: changed while it was restored.")
            os.chmod(temporary, 0o644)
            # Replaces a link of that name itself, not the file it points to.
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
