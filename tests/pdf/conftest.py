"""Fixtures of the PDF tests: a realistic workgroup meeting, published, with its PDF.

The external tools (pdftotext, pdffonts from poppler-utils; qpdf) are required, not
optional: a missing tool fails the test that needs it with a clear message.
"""

from __future__ import annotations

import datetime
import io
import os
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from pypdf import PdfReader

from committee.models import CommitteeRole
from committee.permissions import sync_committee_permissions
from minutes import services
from minutes.models import AgendaItem, Attendance, Decision, Meeting, Minutes, Question
from persian.text import normalize, remove_invisible
from tests.factories import (
    TEHRAN,
    AgendaItemFactory,
    AttendanceFactory,
    CommitteeFactory,
    CommitteeRoleFactory,
    DecisionFactory,
    JournalistFactory,
    MembershipFactory,
    MinutesFactory,
    OrganizationFactory,
    PersonFactory,
    QuestionFactory,
    UserFactory,
    WorkgroupFactory,
)
from workgroups.permissions import sync_workgroup_permissions

# Words that only internal entries carry; they must never reach a published PDF.
INTERNAL_ITEM_MARKER = "زنجبیلک"
INTERNAL_DECISION_MARKER = "کهربایک"

WORKGROUP_NAME = "کارگروه رسانه عمرانی و ترافیکی"
MEETING_TITLE = "بررسی وضعیت آسفالت معابر پس از بارندگی"
# Saturday 27 April 2024, 10:00 in Tehran = شنبه ۸ اردیبهشت ۱۴۰۳.
STARTS_AT = datetime.datetime(2024, 4, 27, 10, 0, tzinfo=TEHRAN)
PUBLISHED_AT = datetime.datetime(2024, 4, 29, 9, 30, tzinfo=TEHRAN)  # ۱۰ اردیبهشت ۱۴۰۳

PUBLIC_DECISIONS = [
    "معاونت عمرانی گزارش لکه‌گیری معابر اصلی را تا پایان ماه به کارگروه ارائه کند.",
    "روابط عمومی شهرداری مسیرهای جایگزین را هر هفته به اصحاب رسانه اطلاع دهد.",
]
INTERNAL_DECISION = f"پیگیری محرمانه {INTERNAL_DECISION_MARKER} با پیمانکار خیابان سعدی."
QUESTION_TITLE = "زمان پایان عملیات تعریض خیابان"
ANSWER = "عملیات تعریض تا پایان شهریور ماه به پایان می‌رسد و خیابان بازگشایی می‌شود."


# --- external tools -----------------------------------------------------------------------


def tool(name: str) -> str:
    """The path of a command-line tool the PDF tests rely on; fails clearly when missing."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"`{name}` is required by the PDF tests but is not installed "
            "(Debian: apt-get install poppler-utils qpdf; `make setup` does it on CI)."
        )
    return path


def run_tool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([tool(args[0]), *args[1:]], capture_output=True, text=True, check=False)


def pdf_file(data: bytes, tmp_path: Path, name: str = "minutes.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _logical_line(line: str) -> str:
    """``pdftotext -raw`` writes a right-to-left line word by word in visual order (left
    to right); the words themselves are intact, so reversing them gives reading order."""
    return " ".join(reversed(line.split()))


def pdf_text(data: bytes, tmp_path: Path) -> str:
    """The whole text of the PDF in reading order (``pdftotext -raw``, words of each line
    reversed), NFKC-normalised, without bidi controls.

    Why poppler and not pypdf: pypdf reverses right-to-left lines character by character,
    numbers included, so «۱۴۰۳» comes out as «۳۰۴۱» and «۱۰» as «۰۱». ``-raw`` keeps each
    table cell's text together (content-stream order), which the layout modes do not.
    Compare with :func:`contains`, which is robust to what extraction loses.
    """
    path = pdf_file(data, tmp_path, "text.pdf")
    result = run_tool("pdftotext", "-raw", "-enc", "UTF-8", str(path), "-")
    assert result.returncode == 0, result.stderr
    lines = []
    for line in result.stdout.splitlines():
        clean = flat(line.replace("\f", " "))
        if clean:
            lines.append(_logical_line(clean))
    return "\n".join(lines)


def raw_lines(data: bytes, tmp_path: Path) -> list[str]:
    """The lines of ``pdftotext -raw`` as they come (content-stream order), flattened: for
    a left-to-right line, such as markup or an address, that is its reading order."""
    path = pdf_file(data, tmp_path, "raw.pdf")
    result = run_tool("pdftotext", "-raw", "-enc", "UTF-8", str(path), "-")
    assert result.returncode == 0, result.stderr
    return [flat(line) for line in result.stdout.replace("\f", "\n").splitlines()]


def page_texts(data: bytes, tmp_path: Path) -> list[str]:
    """The text of each page in poppler's default (reading-order) mode, flattened. Good for
    one-line things such as the footer, whose parts this mode keeps on one line."""
    path = pdf_file(data, tmp_path, "pages.pdf")
    result = run_tool("pdftotext", "-enc", "UTF-8", str(path), "-")
    assert result.returncode == 0, result.stderr
    return [flat(page) for page in result.stdout.split("\f")[:-1]]


def flat(text: str) -> str:
    """NFKC, bidi controls and ZWNJ removed, whitespace collapsed; digits as they are."""
    return " ".join(remove_invisible(unicodedata.normalize("NFKC", text)).split())


def compact(text: str) -> str:
    """A comparison key for extracted text: persian.text.normalize (letters folded, ZWNJ
    gone, digits to ASCII), then without spaces and punctuation (extraction moves them
    around at the edges of right-to-left runs), and with «لا» folded to «ال» (poppler
    writes the lam-alef ligature's two letters reversed: «خلاصه» comes out «خالصه»)."""
    text = normalize(text).replace("لا", "ال")
    return "".join(
        ch for ch in text if not ch.isspace() and not unicodedata.category(ch).startswith("P")
    )


def contains(haystack: str, needle: str) -> bool:
    """Whether ``needle`` occurs in the extracted ``haystack``, across line breaks."""
    return compact(needle) in compact(haystack)


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


# --- storage ------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _in_memory_storage(settings):
    """Stored PDFs go to Django's in-memory storage: nothing is written into the repository,
    and the code is shown to work through the storage API, whatever the backend."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


# --- the meeting --------------------------------------------------------------------------


@dataclass
class World:
    committee: object
    workgroup: object
    other_workgroup: object
    meeting: Meeting
    minutes: Minutes
    chair: object  # users
    secretariat: object
    member: object
    other_chair: object
    internal_item: AgendaItem
    question_item: AgendaItem
    public_decisions: list[Decision]
    internal_decision: Decision

    @property
    def anonymous(self):
        return AnonymousUser()


def _person_with_login(username: str, factory=PersonFactory, **fields):
    user = UserFactory(username=username)
    return factory(user=user, **fields), user


@pytest.fixture
def world(db) -> World:
    """A held meeting of a workgroup with officials and press, one internal agenda item,
    a journalist's question with its answer, public and internal decisions, and approved
    minutes (not yet published)."""
    return build_world()


def build_world() -> World:
    """The world of :func:`world`, outside pytest too (tests/test_worker_process.py builds
    it in a separate process)."""
    committee = CommitteeFactory()
    workgroup = WorkgroupFactory(committee=committee, name=WORKGROUP_NAME, order=2)
    other_workgroup = WorkgroupFactory(committee=committee, name="کارگروه رسانه اقتصادی", order=5)

    chair_person, chair = _person_with_login(
        "pdf-chair", first_name="مریم", last_name="کاظمی", post="معاون عمرانی شهردار"
    )
    secretary_person, secretariat = _person_with_login(
        "pdf-secretariat", first_name="علی", last_name="نوروزی", post="مدیر روابط عمومی"
    )
    member_person, member = _person_with_login(
        "pdf-member", first_name="رضا", last_name="احمدی", post="مدیر منطقه ۲"
    )
    other_chair_person, other_chair = _person_with_login("pdf-other-chair", post="معاون مالی")
    journalist = JournalistFactory(first_name="نرگس", last_name="صادقی")

    MembershipFactory(workgroup=workgroup, person=chair_person, is_chair=True)
    MembershipFactory(workgroup=workgroup, person=member_person)
    MembershipFactory(workgroup=workgroup, person=journalist)
    MembershipFactory(workgroup=other_workgroup, person=other_chair_person, is_chair=True)
    CommitteeRoleFactory(
        committee=committee, person=secretary_person, role=CommitteeRole.Role.SECRETARIAT_HEAD
    )
    sync_committee_permissions(committee)
    sync_workgroup_permissions(workgroup)
    sync_workgroup_permissions(other_workgroup)

    meeting = Meeting.objects.create(
        committee=committee,
        workgroup=workgroup,
        title=MEETING_TITLE,
        starts_at=STARTS_AT,
        ends_at=STARTS_AT + datetime.timedelta(hours=2),
        location="سالن جلسات شهرداری",
        status=Meeting.Status.HELD,
        chair_person=chair_person,
        secretary_person=secretary_person,
    )
    for person in (chair_person, secretary_person, member_person, journalist):
        AttendanceFactory(meeting=meeting, person=person, status=Attendance.Status.PRESENT)
    AttendanceFactory(
        meeting=meeting,
        person=JournalistFactory(first_name="سارا", last_name="مرادی"),
        status=Attendance.Status.PRESENT,
    )
    AttendanceFactory(
        meeting=meeting,
        person=PersonFactory(first_name="حسین", last_name="کریمی", post="مدیر منطقه ۴"),
        status=Attendance.Status.ABSENT,
    )
    AttendanceFactory(
        meeting=meeting,
        person=PersonFactory(first_name="زهرا", last_name="حسینی", post="مدیر منطقه ۵"),
        status=Attendance.Status.EXCUSED,
    )
    AttendanceFactory(
        meeting=meeting,
        person=PersonFactory(
            first_name="امیر",
            last_name="صالحی",
            post="کارشناس ترافیک",
            organization=OrganizationFactory(name="پلیس راهور رشت"),
        ),
        status=Attendance.Status.GUEST,
    )

    report = AgendaItemFactory(
        meeting=meeting,
        order=1,
        title="گزارش لکه‌گیری معابر اصلی",
        presenter=member_person,
        discussion="مدیر منطقه ۲ گزارش داد که لکه‌گیری ۱۲ خیابان اصلی پایان یافته است.",
    )
    internal_item = AgendaItemFactory(
        meeting=meeting,
        order=2,
        title=f"بند داخلی {INTERNAL_ITEM_MARKER}",
        is_public=False,
        discussion=f"مذاکره داخلی درباره {INTERNAL_ITEM_MARKER}.",
    )
    question_item = AgendaItemFactory(
        meeting=meeting,
        order=3,
        title=QUESTION_TITLE,
        kind=AgendaItem.Kind.QUESTION,
        answer=ANSWER,
    )
    QuestionFactory(
        meeting=meeting,
        author=journalist,
        title=QUESTION_TITLE,
        status=Question.Status.ACCEPTED,
        agenda_item=question_item,
    )
    public_decisions = [
        DecisionFactory(
            meeting=meeting,
            number=1,
            text=PUBLIC_DECISIONS[0],
            agenda_item=report,
            responsible_person=member_person,
            deadline=datetime.date(2024, 5, 20),  # ۳۱ اردیبهشت ۱۴۰۳
        ),
        DecisionFactory(
            meeting=meeting,
            number=3,
            text=PUBLIC_DECISIONS[1],
            responsible_organization=secretary_person.organization,
            status=Decision.Status.IN_PROGRESS,
        ),
    ]
    internal_decision = DecisionFactory(
        meeting=meeting, number=2, text=INTERNAL_DECISION, is_public=False
    )
    # Approved by hand (the submit/approve journey is tested in tests/work); publication
    # below goes through the real service, minutes.services.publish_minutes.
    minutes = MinutesFactory(
        meeting=meeting,
        summary="جلسه با حضور اعضای کارگروه و اصحاب رسانه برگزار شد.",
        status=Minutes.Status.APPROVED,
        approved_at=PUBLISHED_AT - datetime.timedelta(days=1),
    )
    return World(
        committee=committee,
        workgroup=workgroup,
        other_workgroup=other_workgroup,
        meeting=meeting,
        minutes=minutes,
        chair=chair,
        secretariat=secretariat,
        member=member,
        other_chair=other_chair,
        internal_item=internal_item,
        question_item=question_item,
        public_decisions=public_decisions,
        internal_decision=internal_decision,
    )


def publish(world: World, minutes: Minutes, capture) -> Minutes:
    """Publish through the publishing service and run its on-commit callback, which
    renders and stores the PDF (minutes.pdf.store_published_pdf)."""
    with capture(execute=True):
        services.publish_minutes(world.secretariat, minutes, at=PUBLISHED_AT)
    minutes.refresh_from_db()
    assert minutes.pdf and minutes.sha256, "publishing did not store the PDF"
    return minutes


@pytest.fixture
def published(world, django_capture_on_commit_callbacks) -> Minutes:
    """The world's minutes, published (and their PDF stored)."""
    return publish(world, world.minutes, django_capture_on_commit_callbacks)


@pytest.fixture
def published_pdf(published) -> bytes:
    with published.pdf.open("rb") as handle:
        return handle.read()


@pytest.fixture
def published_text(published_pdf, tmp_path) -> str:
    return pdf_text(published_pdf, tmp_path)


# --- recording file and network access ----------------------------------------------------


class AccessLog:
    """File opens and network calls seen by a Python audit hook while recording.

    Audit events are raised by the interpreter itself for every ``open()`` (builtins,
    io, os) and every socket or urllib call, whoever makes it, so nothing escapes by
    importing a function early. (C libraries such as Fontconfig open their own files
    without Python; none of them is given a URL or a path from the document.)
    """

    def __init__(self):
        self.recording = False
        self.opened: list[tuple[str, str]] = []  # (path, mode)
        self.network: list[tuple[str, str]] = []

    def __call__(self, event: str, args: tuple) -> None:
        if not self.recording:
            return
        if event == "open" and args and isinstance(args[0], str | bytes | Path):
            path = args[0].decode() if isinstance(args[0], bytes) else str(args[0])
            mode = args[1] if len(args) > 1 and isinstance(args[1], str) else "r"
            flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0
            if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
                mode = mode + "w"
            self.opened.append((path, mode or "r"))
        elif event.startswith(("socket.", "urllib.", "http.client.")):
            self.network.append((event, repr(args)[:200]))

    @property
    def paths(self) -> list[str]:
        return [path for path, _mode in self.opened]

    @property
    def written(self) -> list[str]:
        return [path for path, mode in self.opened if set(mode) & set("wax+")]

    def __enter__(self):
        self.opened.clear()
        self.network.clear()
        self.recording = True
        return self

    def __exit__(self, *exc):
        self.recording = False


_ACCESS_LOG = AccessLog()
# An audit hook cannot be removed; it is installed once and does nothing unless recording.
sys.addaudithook(_ACCESS_LOG)


@pytest.fixture
def access_log() -> AccessLog:
    return _ACCESS_LOG


# --- the seal: a test PKI with a timestamp service on loopback -----------------------------

_PKI_CERTS = """
certs:
  root:
    subject: root
    issuer: root
    validity: {valid-from: "2000-01-01T00:00:00+0000", valid-to: "2500-01-01T00:00:00+0000"}
    extensions:
      - {id: basic_constraints, critical: true, value: {ca: true}}
      - id: key_usage
        critical: true
        smart-value: {schema: key-usage, params: [digital_signature, key_cert_sign, crl_sign]}
  seal:
    issuer: root
    validity: {valid-from: "2020-01-01T00:00:00+0000", valid-to: "2400-01-01T00:00:00+0000"}
    extensions:
      - id: key_usage
        critical: true
        smart-value: {schema: key-usage, params: [digital_signature, non_repudiation]}
      - id: crl_distribution_points
        smart-value: {schema: crl-dist-url, params: {crl-repo-names: [root]}}
  tsa:
    issuer: root
    validity: {valid-from: "2020-01-01T00:00:00+0000", valid-to: "2400-01-01T00:00:00+0000"}
    extensions:
      - id: key_usage
        critical: true
        smart-value: {schema: key-usage, params: [digital_signature]}
      - {id: extended_key_usage, critical: true, value: [time_stamping]}
      - id: crl_distribution_points
        smart-value: {schema: crl-dist-url, params: {crl-repo-names: [root]}}
services:
  crl-repo:
    root: {for-issuer: root, signing-key: root, simulated-update-schedule: "P90D"}
  time-stamping:
    tsa: {signing-key: tsa, signing-cert: tsa}
"""


@dataclass
class SealPki:
    """A certomancer PKI (root CA, seal, TSA, CRL) served on 127.0.0.1 while in use."""

    url: str
    p12: Path
    passphrase: str
    root_pem: Path
    tsa_url: str
    seal_subject: str


@pytest.fixture(scope="session")
def test_pki(tmp_path_factory):
    """Started once per session on a loopback port, stopped at the end. Keys are made
    here (ECDSA P-256); nothing touches the network."""
    import threading

    import yaml
    from certomancer.integrations.animator import Animator, AnimatorArchStore
    from certomancer.registry import CertomancerConfig
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from werkzeug.serving import make_server

    directory = tmp_path_factory.mktemp("pki")
    for label in ("root", "seal", "tsa"):
        key = ec.generate_private_key(ec.SECP256R1())
        (directory / f"{label}.key.pem").write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )

    holder: dict = {}

    def app(environ, start_response):
        return holder["animator"](environ, start_response)

    server = make_server("127.0.0.1", 0, app, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    config = {
        "external-url-prefix": base,
        "keysets": {
            "testing": {
                "path-prefix": str(directory),
                "keys": {label: {"path": f"{label}.key.pem"} for label in ("root", "seal", "tsa")},
            }
        },
        "pki-architectures": {
            "testing": {
                "keyset": "testing",
                "entity-defaults": {"country-name": "IR", "organization-name": "Test PKI"},
                "entities": {
                    "root": {"common-name": "Test Root CA"},
                    "seal": {"common-name": "Test municipality seal"},
                    "tsa": {"common-name": "Test TSA"},
                },
                **yaml.safe_load(_PKI_CERTS),
            }
        },
    }
    certomancer = CertomancerConfig(config, key_search_dir=str(directory))
    arch = certomancer.get_pki_arch("testing")
    holder["animator"] = Animator(AnimatorArchStore({"testing": arch}), with_web_ui=False)
    passphrase = "test-passphrase"
    p12 = directory / "seal.p12"
    p12.write_bytes(
        arch.package_pkcs12("seal", certs_to_embed=["root"], password=passphrase.encode())
    )
    root_pem = directory / "root.pem"
    from asn1crypto import pem

    root_pem.write_bytes(pem.armor("CERTIFICATE", arch.get_cert("root").dump()))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield SealPki(
            url=base,
            p12=p12,
            passphrase=passphrase,
            root_pem=root_pem,
            tsa_url=f"{base}/testing/tsa/tsa",
            seal_subject="Test municipality seal",
        )
    finally:
        server.shutdown()
        thread.join(timeout=10)
