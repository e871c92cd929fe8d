"""The seal (digital signature) of published PDFs, and reading it back.

What is signed. :func:`seal_pdf` signs the final PDF/A-3 bytes of a published revision
right after rendering (and after the embedded files), before they are stored and hashed:

* a PAdES signature (``/SubFilter /ETSI.CAdES.detached``) that is a *certification*
  signature with DocMDP "no changes allowed" (:attr:`MDPPerm.NO_CHANGES`): any later
  change, even a form fill or an annotation, breaks the certification;
* written as one incremental update (pyHanko's incremental writer keeps the PDF/A
  identification and metadata);
* its widget is placed over the template's seal box (the named destination ``seal`` that
  WeasyPrint writes for ``<div id="seal">``), with an empty appearance: the Persian text
  of the box is part of the page, because pyHanko's stamps cannot lay out right-to-left
  text. Without that destination the signature is invisible;
* with an RFC 3161 timestamp when ``DJANGO_SIGNING_TSA_URL`` is set, and with the
  validation data (certificates, and OCSP responses / CRLs when the certificates name a
  responder or a distribution point) in the document's DSS, in the same revision as the
  signature, so that the file can be checked offline. The PAdES level reached is B-LT
  with a timestamp and revocation data, B-T with a timestamp only, B-B otherwise
  (:class:`SealResult`, :func:`last_seal`).

Which certificate. ``DJANGO_SIGNING_P12`` (a PKCS#12 file) and
``DJANGO_SIGNING_PASSPHRASE``. When no file is configured in development, the *demo seal*
made by ``manage.py make_demo_seal`` (``var/demo-seal/``: a local demo CA and a seal
certificate that says it is a demo) is used, and made on first use if missing. In
production (``DJANGO_DEBUG=0``) there is no demo fallback: :func:`seal_pdf` raises
:class:`ImproperlyConfigured` and ``check --deploy`` reports ``minutes.E010``.

"Production" is read from the ``DJANGO_DEBUG`` environment variable as well as from
``settings.DEBUG``: Django's test runner forces ``settings.DEBUG`` off, which must not turn
a test run into a production one.

Trust roots for verification (:func:`trust_roots`): the demo CA for the demo seal; for a
configured file, the CA certificates included in the PKCS#12 plus the PEM files listed,
comma-separated, in the environment variable ``DJANGO_SIGNING_TRUST_ROOTS`` (read here
at call time, not a setting).
"""

from __future__ import annotations

import datetime
import io
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata.model import DocumentMetadata
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import DSSContentSettings, SigDSSPlacementPreference
from pyhanko.sign.timestamps.requests_client import HTTPTimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko.stamp import NoOpStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import (
    InvalidCertificateError,
    PathBuildingError,
    PathError,
    PathValidationError,
    ValidationError,
)

logger = logging.getLogger(__name__)

__all__ = [
    "DEMO_ORGANIZATION",
    "DEMO_SUBJECT",
    "SealResult",
    "SignatureReport",
    "create_demo_seal",
    "demo_seal_dir",
    "last_seal",
    "seal",
    "seal_description",
    "seal_pdf",
    "trust_roots",
    "verify_pdf",
]

# --- the demo seal --------------------------------------------------------------------

# At most 64 bytes of UTF-8 (the `cryptography` package counts bytes, not characters).
DEMO_SUBJECT = "گواهی آزمایشی — مهر کمیته رسانه"
DEMO_UNIT = "فقط برای نمایش"
DEMO_ORGANIZATION = "Demo — not a real municipality seal"
# asn1crypto (RFC 4518 string preparation) refuses one value mixing Persian and Latin letters.
DEMO_CA_SUBJECT = "Media committee demo CA — not a real CA"
DEMO_CA_FILE = "demo-ca.pem"
DEMO_P12_FILE = "demo-seal.p12"
# The demo seal is public by nature; its passphrase is not a secret (documented).
DEMO_PASSPHRASE = b"demo-seal"
_DEMO_VALID_FROM = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
_DEMO_VALID_TO = datetime.datetime(2099, 12, 31, tzinfo=datetime.UTC)

FIELD_NAME = "Seal"
SEAL_DESTINATION = "seal"
# The template's box: 9 cm × 2.6 cm (border box), in PDF points.
SEAL_WIDTH = 9 / 2.54 * 72
SEAL_HEIGHT = 2.6 / 2.54 * 72
TSA_TIMEOUT_SECONDS = 10
KEY_USAGE = {"digital_signature", "non_repudiation"}  # at least one of them


def demo_seal_dir() -> Path:
    return Path(settings.BASE_DIR) / "var" / "demo-seal"


def _name(common_name: str, organization: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "IR"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, DEMO_UNIT),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def create_demo_seal(directory: Path | None = None, *, force: bool = False) -> Path:
    """Make a local demo CA and a seal certificate issued by it (ECDSA P-256, valid until
    2099): ``demo-ca.pem`` and ``demo-seal.p12`` (passphrase ``demo-seal``, with the CA
    certificate inside). Refuses to overwrite existing files unless ``force``. Returns the
    directory. Takes a few milliseconds; no network."""
    directory = Path(directory or demo_seal_dir())
    ca_path, p12_path = directory / DEMO_CA_FILE, directory / DEMO_P12_FILE
    if not force and (ca_path.exists() or p12_path.exists()):
        raise FileExistsError(f"A demo seal already exists in {directory}.")
    directory.mkdir(parents=True, exist_ok=True)

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name(DEMO_CA_SUBJECT, DEMO_ORGANIZATION)
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(_DEMO_VALID_FROM)
        .not_valid_after(_DEMO_VALID_TO)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )

    seal_key = ec.generate_private_key(ec.SECP256R1())
    seal_cert = (
        x509.CertificateBuilder()
        .subject_name(_name(DEMO_SUBJECT, DEMO_ORGANIZATION))
        .issuer_name(ca_name)
        .public_key(seal_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(_DEMO_VALID_FROM)
        .not_valid_after(_DEMO_VALID_TO)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # nonRepudiation
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(seal_key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    p12 = pkcs12.serialize_key_and_certificates(
        name=b"demo-seal",
        key=seal_key,
        cert=seal_cert,
        cas=[ca_cert],
        encryption_algorithm=serialization.BestAvailableEncryption(DEMO_PASSPHRASE),
    )
    # Written next to their final names, then renamed: a reader never sees half a file.
    for path, content in (
        (ca_path, ca_cert.public_bytes(serialization.Encoding.PEM)),
        (p12_path, p12),
    ):
        partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        partial.write_bytes(content)
        os.replace(partial, path)
    _load_key.cache_clear()
    return directory


# --- the seal key ---------------------------------------------------------------------


@dataclass(frozen=True)
class SealKey:
    """The loaded signer, its certificate's names, and the trust roots to check it by."""

    signer: signers.SimpleSigner
    subject: str
    organization: str
    demo: bool
    roots: tuple[asn1_x509.Certificate, ...]
    chain: tuple[asn1_x509.Certificate, ...]
    source: str


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _attribute(name: x509.Name, oid) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _read_pem_certificates(path: str) -> list[asn1_x509.Certificate]:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ImproperlyConfigured(
            f"DJANGO_SIGNING_TRUST_ROOTS names {path!r}, which cannot be read: {exc.strerror}."
        ) from None
    try:
        if pem.detect(data):
            return [asn1_x509.Certificate.load(der) for _, _, der in pem.unarmor(data, True)]
        return [asn1_x509.Certificate.load(data)]
    except ValueError:
        raise ImproperlyConfigured(
            f"DJANGO_SIGNING_TRUST_ROOTS names {path!r}, which holds no certificate."
        ) from None


def is_demo_certificate(cert: asn1_x509.Certificate) -> bool:
    """Whether a certificate says it is the demo seal (or the demo CA)."""
    organizations = cert.subject.native.get("organization_name") or ""
    if isinstance(organizations, list):
        organizations = " ".join(organizations)
    return DEMO_ORGANIZATION in organizations


def _load_key_uncached(path: str, passphrase: bytes | None, demo: bool) -> SealKey:
    label = "the demo seal" if demo else "DJANGO_SIGNING_P12"
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ImproperlyConfigured(f"{label}: the PKCS#12 file {path!r} does not exist.") from None
    except OSError as exc:
        raise ImproperlyConfigured(
            f"{label}: the PKCS#12 file {path!r} cannot be read ({exc.strerror})."
        ) from None
    bundle = None
    for attempt in (passphrase, b"") if not passphrase else (passphrase,):
        try:
            bundle = pkcs12.load_pkcs12(data, attempt)
            passphrase = attempt
            break
        except ValueError:
            continue
    if bundle is None:
        raise ImproperlyConfigured(
            f"{label}: {path!r} could not be opened — wrong DJANGO_SIGNING_PASSPHRASE, or "
            "not a PKCS#12 file."
        )
    if bundle.key is None or bundle.cert is None:
        raise ImproperlyConfigured(
            f"{label}: {path!r} must hold the seal's private key and its certificate."
        )
    cert = bundle.cert.certificate
    now = datetime.datetime.now(datetime.UTC)
    if cert.not_valid_after_utc < now:
        raise ImproperlyConfigured(
            f"{label}: the seal certificate in {path!r} expired on "
            f"{cert.not_valid_after_utc:%Y-%m-%d}."
        )
    chain = tuple(_asn1(extra.certificate) for extra in bundle.additional_certs)
    extra_roots: list[asn1_x509.Certificate] = []
    if not demo:
        for root_path in settings.SIGNING_TRUST_ROOTS:
            extra_roots.extend(_read_pem_certificates(root_path))
    signer = signers.SimpleSigner.load_pkcs12_data(
        data, other_certs=list(extra_roots), passphrase=passphrase
    )
    subject = _attribute(cert.subject, NameOID.COMMON_NAME)
    organization = _attribute(cert.subject, NameOID.ORGANIZATION_NAME)
    asn1_cert = _asn1(cert)
    return SealKey(
        signer=signer,
        subject=subject or organization or cert.subject.rfc4514_string(),
        organization=organization,
        demo=demo or is_demo_certificate(asn1_cert),
        roots=tuple(chain) + tuple(extra_roots),
        chain=chain,
        source=path,
    )


_key_lock = threading.Lock()
_keys: dict[tuple, SealKey] = {}


class _KeyCache:
    """Loading a PKCS#12 (key derivation from the passphrase) costs milliseconds that
    every publication would otherwise pay; the key is loaded once per process, and again
    only when the file, the passphrase or the trust-root list changes."""

    @staticmethod
    def get(path: str, passphrase: bytes | None, demo: bool) -> SealKey:
        try:
            stamp = os.stat(path).st_mtime_ns
        except OSError:
            stamp = None
        key = (path, passphrase, demo, stamp, os.environ.get("DJANGO_SIGNING_TRUST_ROOTS"))
        found = _keys.get(key)
        if found is None:
            with _key_lock:
                found = _keys.get(key)
                if found is None:
                    found = _load_key_uncached(path, passphrase, demo)
                    _keys.clear()
                    _keys[key] = found
        return found

    @staticmethod
    def cache_clear() -> None:
        with _key_lock:
            _keys.clear()


_load_key = _KeyCache


def seal_key() -> SealKey:
    """The configured seal (cached), the demo seal in development, or a clear error."""
    path = settings.SIGNING_P12
    if path:
        passphrase = settings.SIGNING_PASSPHRASE.encode("utf-8") or None
        return _load_key.get(str(path), passphrase, demo=False)
    if settings.PRODUCTION:
        raise ImproperlyConfigured(
            "DJANGO_SIGNING_P12 is not set: published minutes must be sealed with the "
            "municipality's certificate (a PKCS#12 file, with DJANGO_SIGNING_PASSPHRASE). "
            "The demo certificate is never used in production; see docs/pdf.md."
        )
    directory = demo_seal_dir()
    if not (directory / DEMO_P12_FILE).exists():
        logger.warning("No demo seal in %s; making one (manage.py make_demo_seal).", directory)
        try:
            create_demo_seal(directory)
        except FileExistsError:
            pass  # made meanwhile by another process
    return _load_key.get(str(directory / DEMO_P12_FILE), DEMO_PASSPHRASE, demo=True)


def trust_roots() -> list[asn1_x509.Certificate]:
    """What the verification trusts: the configured seal's roots (see the module doc)."""
    return list(seal_key().roots)


def seal_description() -> dict | None:
    """What the PDF's seal block says of the signer: {"subject", "demo"}."""
    key = seal_key()
    return {"subject": key.subject, "demo": key.demo}


# --- sealing --------------------------------------------------------------------------


@dataclass(frozen=True)
class SealResult:
    """What one sealing did."""

    level: str  # "B-B", "B-T" or "B-LT"
    timestamped: bool
    revocation_info: bool
    visible: bool
    page: int | None
    subject: str
    demo: bool
    seconds: float  # the signing step alone


@dataclass(frozen=True)
class Sealed:
    data: bytes
    result: SealResult


_last = threading.local()


def last_seal() -> SealResult | None:
    """The result of the last :func:`seal_pdf` in this thread."""
    return getattr(_last, "result", None)


def seal_box(reader: PdfFileReader) -> tuple[int, tuple[float, float, float, float]] | None:
    """The page index and rectangle of the template's seal box, from the named
    destination ``seal`` (/Names /Dests, or the older /Dests dictionary); None without."""
    root = reader.root
    destination = None
    names = root.get("/Names")
    if names is not None and "/Dests" in names:
        destination = _find_in_name_tree(names["/Dests"], SEAL_DESTINATION)
    if destination is None and "/Dests" in root:
        destination = root["/Dests"].get("/" + SEAL_DESTINATION)
    if destination is None:
        return None
    if hasattr(destination, "get") and "/D" in destination:
        destination = destination["/D"]
    try:
        page_ref, kind = destination.raw_get(0), str(destination[1])
        if kind != "/XYZ":
            return None
        left, top = float(destination[2]), float(destination[3])
    except (AttributeError, IndexError, TypeError, ValueError):
        return None
    page_index = _page_index(reader, page_ref)
    if page_index is None:
        return None
    return page_index, (left, top - SEAL_HEIGHT, left + SEAL_WIDTH, top)


def _find_in_name_tree(node, name: str, depth: int = 0):
    if depth > 32:
        return None
    if "/Names" in node:
        entries = node["/Names"]
        for i in range(0, len(entries) - 1, 2):
            if str(entries[i]) == name:
                return entries[i + 1]
    for kid in node.get("/Kids", ()):
        found = _find_in_name_tree(kid.get_object(), name, depth + 1)
        if found is not None:
            return found
    return None


def _page_refs(pages, depth: int = 0):
    """The page objects' numbers, in document order (the page tree walked)."""
    kids = pages.get_object().get("/Kids", ())
    for i in range(len(kids)):
        ref = kids.raw_get(i)
        node = ref.get_object()
        if str(node.get("/Type", "")) == "/Pages":
            if depth < 64:
                yield from _page_refs(node, depth + 1)
        else:
            yield getattr(ref, "idnum", None)


def _page_index(reader: PdfFileReader, page_ref) -> int | None:
    target = getattr(page_ref, "idnum", None)
    for index, idnum in enumerate(_page_refs(reader.root["/Pages"])):
        if idnum == target:
            return index
    return None


class _KeepModificationDate(DocumentMetadata):
    """pyHanko's writer stamps /ModDate (and the XMP's ModifyDate) with the current time
    on every write. The sealed copy keeps the rendered document's date instead — the
    publication instant its metadata states — as the signature records its own time."""

    pinned: datetime.datetime | None = None

    def __setattr__(self, name, value):
        if name == "last_modified" and value == "now" and self.pinned is not None:
            value = self.pinned
        super().__setattr__(name, value)


def _writer(data: bytes) -> IncrementalPdfFileWriter:
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    meta = _KeepModificationDate()
    meta.pinned = writer.prev.document_meta_view.last_modified
    if isinstance(meta.pinned, datetime.datetime):
        writer._meta = meta  # pyHanko has no public switch for this
    return writer


def _sign(data: bytes, key: SealKey, *, embed: bool) -> bytes:
    writer = _writer(data)
    box = seal_box(writer.prev)
    spec = fields.SigFieldSpec(
        FIELD_NAME,
        on_page=box[0] if box else 0,
        box=box[1] if box else None,
        readable_field_name="مهر الکترونیکی",
    )
    # Made here rather than by the signer: this way a visible widget gets an empty
    # appearance stream (/AP /N, which PDF/A requires of every visible widget), and
    # NoOpStampStyle below keeps it: the seal's text is the page's own.
    fields.append_signature_field(writer, spec)
    tsa_url = settings.SIGNING_TSA_URL
    timestamper = HTTPTimeStamper(tsa_url, timeout=TSA_TIMEOUT_SECONDS) if tsa_url else None
    context = None
    if embed:
        context = ValidationContext(
            trust_roots=list(key.roots),
            other_certs=list(key.chain),
            # The demo certificates name no responder: nothing to fetch. A real seal's
            # OCSP responder / CRL is asked once, at signing, so that the answer is
            # embedded and the file can be checked offline later.
            allow_fetching=not key.demo,
            revocation_mode="soft-fail",
        )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        certify=True,
        docmdp_permissions=fields.MDPPerm.NO_CHANGES,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        signer_key_usage=KEY_USAGE,
        embed_validation_info=embed,
        validation_context=context,
        dss_settings=DSSContentSettings(
            include_vri=False, placement=SigDSSPlacementPreference.TOGETHER_WITH_SIGNATURE
        ),
        name=key.subject,
        reason="انتشار صورتجلسه",
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=key.signer,
        timestamper=timestamper,
        stamp_style=NoOpStampStyle(),
    )
    output = io.BytesIO()
    pdf_signer.sign_pdf(writer, output=output)
    return output.getvalue()


def seal(data: bytes) -> Sealed:
    """Sign ``data`` (see the module doc) and say what was achieved."""
    key = seal_key()
    started = time.perf_counter()
    try:
        signed = _sign(data, key, embed=True)
    except ImproperlyConfigured:
        raise
    except Exception as exc:
        if settings.SIGNING_TSA_URL and _is_timestamp_failure(exc):
            raise ImproperlyConfigured(
                f"The timestamp service DJANGO_SIGNING_TSA_URL={settings.SIGNING_TSA_URL!r} "
                f"did not answer with a timestamp: {exc}"
            ) from exc
        if _caused_by(exc, (PathValidationError, InvalidCertificateError)):
            # Revoked, expired, unsuitable: never seal with such a certificate.
            raise ImproperlyConfigured(
                f"The seal certificate ({key.subject}) failed validation at signing: "
                f"{_caused_by(exc, (PathValidationError, InvalidCertificateError))}"
            ) from exc
        if not _caused_by(exc, (PathBuildingError,)):
            raise
        # No chain to a trust root (a PKCS#12 without its CA certificates and no
        # DJANGO_SIGNING_TRUST_ROOTS): still sealed, without embedded validation data.
        logger.warning("Sealing without embedded validation data: %s", exc)
        signed = _sign(data, key, embed=False)
    seconds = time.perf_counter() - started
    reader = PdfFileReader(io.BytesIO(signed), strict=False)
    embedded = reader.embedded_signatures[0]
    timestamped = _has_signature_timestamp(embedded)
    revocation = _has_revocation_info(reader)
    box = seal_box(reader)
    result = SealResult(
        level=_level(timestamped, revocation),
        timestamped=timestamped,
        revocation_info=revocation,
        visible=box is not None,
        page=box[0] if box else None,
        subject=key.subject,
        demo=key.demo,
        seconds=seconds,
    )
    logger.info(
        "Sealed a PDF with %s (%s%s) in %.0f ms.",
        key.subject,
        result.level,
        ", demo certificate" if key.demo else "",
        seconds * 1000,
    )
    return Sealed(signed, result)


def _caused_by(exc: BaseException, kinds: tuple[type, ...]) -> BaseException | None:
    seen: BaseException | None = exc
    for _ in range(20):
        if seen is None:
            return None
        if isinstance(seen, kinds):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _is_timestamp_failure(exc: Exception) -> bool:
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    if _caused_by(exc, (TimestampRequestError,)):
        return True
    if _caused_by(exc, (PathError, ValidationError)):
        return False
    return _caused_by(exc, (OSError,)) is not None or "timestamp" in str(exc).lower()


def seal_pdf(data: bytes) -> bytes:
    """The PDF, sealed. The result of the sealing is :func:`last_seal`."""
    sealed = seal(data)
    _last.result = sealed.result
    return sealed.data


def _has_signature_timestamp(embedded) -> bool:
    attributes = embedded.signer_info["unsigned_attrs"]
    if not attributes.native:
        return False
    return any(attr["type"].native == "signature_time_stamp_token" for attr in attributes)


def _has_revocation_info(reader: PdfFileReader) -> bool:
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except Exception:  # NoDSSFoundError, or an unreadable DSS
        return False
    return bool(dss.ocsps or dss.crls)


def _level(timestamped: bool, revocation: bool) -> str:
    if timestamped and revocation:
        return "B-LT"
    return "B-T" if timestamped else "B-B"


# --- reading a seal back --------------------------------------------------------------


@dataclass(frozen=True)
class SignatureReport:
    """What a file's (first) signature says, for the verification page and the API.

    ``status``: "signed" (a signature was found and validated, whatever the outcome),
    "unsigned" (a PDF without signature), "unreadable" (not a PDF pyHanko can read),
    "broken" (a signature that cannot even be evaluated).
    """

    status: str
    intact: bool = False
    signer: str = ""
    signer_organization: str = ""
    signed_at: datetime.datetime | None = None
    timestamped: bool = False
    timestamp_trusted: bool = False
    trusted: bool = False
    certification: bool = False
    no_changes_allowed: bool = False
    modified_after_signing: bool | None = None
    # "none"; "no-content-change" (an update that pyHanko's difference analysis finds
    # changes no content: validation data, a document timestamp, metadata); "changes"
    appended: str = ""
    docmdp_ok: bool | None = None
    level: str = ""
    demo: bool = False
    signatures: int = 0
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return (
            self.status == "signed"
            and self.intact
            and self.trusted
            and not self.modified_after_signing
            and self.docmdp_ok is not False
        )


def verify_pdf(data: bytes, roots: list[asn1_x509.Certificate] | None = None) -> SignatureReport:
    """Validate the first signature of ``data`` offline (no fetching) against ``roots``
    (default: :func:`trust_roots`). Never raises for a bad file."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:  # garbage in, a clear answer out
        logger.info("Verification: unreadable PDF (%s).", exc)
        return SignatureReport(status="unreadable", problems=(str(exc)[:200],))
    if not signatures:
        return SignatureReport(status="unsigned")
    embedded = signatures[0]
    if roots is None:
        try:
            roots = trust_roots()
        except ImproperlyConfigured as exc:
            logger.error("Verification without trust roots: %s", exc)
            roots = []
    options = {"trust_roots": roots, "allow_fetching": False, "revocation_mode": "soft-fail"}
    try:
        context = _offline_context(reader, options)
        status = validate_pdf_signature(
            embedded,
            signer_validation_context=context,
            key_usage_settings=KeyUsageConstraints(key_usage=KEY_USAGE),
        )
    except Exception as exc:  # a signature too damaged to evaluate
        logger.info("Verification: broken signature (%s).", exc)
        return SignatureReport(
            status="broken", signatures=len(signatures), problems=(str(exc)[:200],)
        )

    cert = status.signing_cert
    names = cert.subject.native
    timestamp = status.timestamp_validity
    coverage = status.coverage
    level_name = getattr(status.modification_level, "name", "")
    if coverage == SignatureCoverageLevel.ENTIRE_FILE:
        appended = "none"
    elif level_name in ("NONE", "LTA_UPDATES"):
        # pyHanko's difference analysis: only validation data (DSS), document timestamps
        # or metadata were added; the content is unchanged.
        appended = "no-content-change"
    else:
        appended = "changes"
    docmdp = embedded.docmdp_level
    problems = []
    if status.trust_problem_indic is not None:
        problems.append(str(status.trust_problem_indic.name))
    return SignatureReport(
        status="signed",
        intact=bool(status.intact and status.valid),
        signer=_join(names.get("common_name")) or _join(names.get("organization_name")),
        signer_organization=_join(names.get("organization_name")),
        signed_at=timestamp.timestamp if timestamp else status.signer_reported_dt,
        timestamped=timestamp is not None,
        timestamp_trusted=bool(timestamp and timestamp.intact and timestamp.trusted),
        trusted=bool(status.trusted),
        certification=docmdp is not None,
        no_changes_allowed=docmdp == fields.MDPPerm.NO_CHANGES,
        modified_after_signing=coverage != SignatureCoverageLevel.ENTIRE_FILE,
        appended=appended,
        docmdp_ok=status.docmdp_ok,
        level=_pades_level(embedded, reader, timestamp is not None),
        demo=is_demo_certificate(cert),
        signatures=len(signatures),
        problems=tuple(problems),
    )


def _join(value) -> str:
    if isinstance(value, list):
        return "، ".join(str(v) for v in value)
    return str(value or "")


def _offline_context(reader: PdfFileReader, options: dict) -> ValidationContext:
    """A validation context with the certificates, OCSP responses and CRLs of the
    document's DSS, when it has one: everything needed offline."""
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except Exception:  # NoDSSFoundError: the CMS's own certificates only
        return ValidationContext(**options)
    return dss.as_validation_context(options)


def _pades_level(embedded, reader: PdfFileReader, timestamped: bool) -> str:
    if str(embedded.sig_object.get("/SubFilter", "")) != "/ETSI.CAdES.detached":
        return ""
    level = _level(timestamped, _has_revocation_info(reader))
    if level == "B-LT" and reader.embedded_timestamp_signatures:
        return "B-LTA"
    return level
