"""Enrolment payloads (DESIGN §6): what the paste box and the QR scanner accept.

Two shapes: a bare Headscale pre-auth key (for the pinned default server), or a signed
``veilor:join`` URI, version 1::

    veilor:join?v=1&s=<host>&k=<key>&e=<unix expiry>&t=<tier>&n=<label>&kid=<signer>&sig=<sig>

``check`` turns a text into an ``Enrolment`` or raises ``EnrolmentRefused`` with a reason a
person can act on, and nothing else. The key is a ``Secret`` from the moment it is found and
never appears in a refusal (refusals also pass through the log's redaction). The server is a
host from the allowlist; the login URL is built here, never read from the payload.
``sign_join`` is the other side, for the signup service (``mesh sign``) and the tests.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import enum
import functools
import re
import time
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote_to_bytes

from veilor_installer.core import settings
from veilor_installer.core.checks import check_invisible
from veilor_installer.core.errors import InvalidInput
from veilor_installer.core.helper.steps import Message, redact_message
from veilor_installer.core.i18n import Text
from veilor_installer.core.log import get_logger
from veilor_installer.core.secret import Secret

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

log = get_logger("enrolment")

DEFAULT_SERVER = "hs.s8n.ru"

VERSION = "1"
SIGNING_CONTEXT = b"veilor-join/v1\n"
PARAMS = ("v", "s", "k", "e", "t", "n", "kid", "sig")
TIERS = ("guest", "infra", "admin")
MAX_PAYLOAD = 4096  # a QR code holds at most 4,296 characters
MAX_LABEL = 64
MAX_EXPIRY = 253402300799  # 9999-12-31 23:59:59 UTC

KEY_FORMAT_LEGACY = "legacy-hex"  # Headscale ≤ 0.27: 24 random bytes as lowercase hex
KEY_FORMAT_PREFIXED = "hskey-auth"  # Headscale 0.28+: hskey-auth-<prefix 12>-<secret 64>

_LEGACY = re.compile(r"[0-9a-f]{48}")
_PREFIXED = re.compile(r"hskey-auth-([A-Za-z0-9_-]{12})-[A-Za-z0-9_-]{64}")
KID = re.compile(r"[a-z0-9-]{1,32}")
_SIG = re.compile(r"[A-Za-z0-9_-]{86}")  # 64 bytes as unpadded base64url
_EXPIRY = re.compile(r"[0-9]{1,12}")
_HOST_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
# RFC 3986 query characters less "&" and "=", which separate parameters and so are encoded.
_QUERY_VALUE = re.compile(r"(?:[A-Za-z0-9\-._~!$'()*+,;:@/?]|%[0-9A-Fa-f]{2})*")


class Refusal(enum.Enum):
    """Why a payload was refused. The value is the field the one-line reason names."""

    EMPTY = "payload"
    MALFORMED = "payload format"
    VERSION = "version"
    ORDER = "parameters"
    UNSIGNED = "signature"
    SIGNATURE = "signature check"
    SIGNER = "signer"
    SERVER = "server"
    EXPIRED = "expiry"
    KEY = "key"
    TIER = "tier"
    LABEL = "label"
    TRUSTED_KEYS = "trusted keys"


class EnrolmentRefused(InvalidInput):
    """The payload cannot be used. ``reason`` is for people; ``str()`` adds the field."""

    def __init__(self, kind: Refusal, reason: Message) -> None:
        self.kind = kind
        self.reason = redact_message(reason)
        # The field is a stable name (scripts read it), the reason a Text shown when read.
        super().__init__(Text("{field}: {reason}", field=kind.value, reason=self.reason))


@dataclass(frozen=True)
class Trust:
    """What this computer trusts: the signers' public keys and the mesh servers."""

    keys_dir: Path
    servers: tuple[str, ...]
    keys: Mapping[str, Ed25519PublicKey] = field(default_factory=dict)
    """Keys held in memory, by signer id, looked up before the folder."""

    @classmethod
    def from_environment(cls) -> Trust:
        """``VEILOR_ENROL_KEYS_DIR`` and ``VEILOR_CONFIG`` (both ignored when elevated)."""
        return cls(keys_dir=settings.enrol_keys_dir(),
                   servers=allowed_servers(settings.config_path()))

    @classmethod
    def of_signer(cls, kid: str, private_key: Ed25519PrivateKey, server: str) -> Trust:
        """What a signer checks its own codes against: its own public key, for ``server``."""
        return cls(keys_dir=Path("/nonexistent"), servers=(server,),
                   keys={kid: private_key.public_key()})


def allowed_servers(config: Path) -> tuple[str, ...]:
    """The default server, then ``[mesh] servers`` from the config file when there is one."""
    servers = [DEFAULT_SERVER]
    try:
        text = config.read_text(encoding="utf-8")
    except FileNotFoundError:
        return tuple(servers)
    except OSError as exc:
        raise InvalidInput(Text("{file}: cannot be read: {error}", file=config,
                                error=exc.strerror)) from None
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput(Text("{file}: not valid TOML: {error}", file=config,
                                error=str(exc))) from None
    mesh = data.get("mesh", {})
    extra = mesh.get("servers", []) if isinstance(mesh, dict) else None
    if not isinstance(extra, list):
        raise InvalidInput(Text("{file}: [mesh] servers must be a list of host names",
                                file=config))
    for entry in extra:
        if not isinstance(entry, str) or not is_host_name(entry.lower()):
            raise InvalidInput(Text("{file}: [mesh] servers: {entry} is not a host name (a "
                                    "name such as hs.example.org, no scheme, port or path)",
                                    file=config, entry=repr(entry)))
        if entry.lower() not in servers:
            servers.append(entry.lower())
    return tuple(servers)


def is_host_name(text: str) -> bool:
    """A lowercase RFC 1123 host name: dot-separated labels, no scheme, port, path or user."""
    if not text or len(text) > 253:
        return False
    return all(_HOST_LABEL.fullmatch(label) for label in text.split("."))


def key_format(key: str) -> str | None:
    """``legacy-hex``, ``hskey-auth`` or None for anything that is not a pre-auth key."""
    if _LEGACY.fullmatch(key):
        return KEY_FORMAT_LEGACY
    if _PREFIXED.fullmatch(key):
        return KEY_FORMAT_PREFIXED
    return None


def mask_key(key: str) -> str:
    """``hskey-auth-<prefix>-***`` (as Headscale lists keys) or the first 8 hex and ``***``."""
    match = _PREFIXED.fullmatch(key)
    if match:
        return f"hskey-auth-{match.group(1)}-***"
    return key[:8] + "***"


@dataclass(frozen=True)
class Enrolment:
    """A payload we trust. ``signed`` False means a bare key, for the default server."""

    server: str
    key: Secret
    key_format: str
    signed: bool
    signer: str | None = None
    tier: str | None = None
    label: str | None = None
    expires: int | None = None

    @property
    def login_url(self) -> str:
        return f"https://{self.server}"

    @property
    def key_masked(self) -> str:
        return mask_key(self.key.reveal())

    def as_json(self) -> dict[str, Any]:
        """What ``mesh check --json`` prints (DESIGN §3)."""
        return {"valid": True, "server": self.server, "key_masked": self.key_masked,
                "key_format": self.key_format, "tier": self.tier, "label": self.label,
                "expires": self.expires, "signed": self.signed, "signer": self.signer,
                "reason": None}

    def describe(self, now: float | None = None) -> str:
        """Lines for a person: what a join would do, the key masked (rendered now)."""
        lines = [Text("Server:    {server} ({url})", server=self.server, url=self.login_url),
                 Text("Key:       {key} ({format})", key=self.key_masked,
                      format=self.key_format)]
        if self.signed:
            lines.append(Text("Signed by: {signer} (signature verified)", signer=self.signer))
            lines.append(Text("Tier:      {tier}", tier=self.tier))
            lines.append(Text("Label:     {label}", label=self.label))
            if self.expires is not None:
                lines.append(Text("Expires:   {when}",
                                  when=format_expiry(self.expires, now)))
        else:
            lines.append(Text("Signed:    no (a bare key, for the default server)"))
        return "\n".join(str(line) for line in lines)


def refusal_json(refused: EnrolmentRefused) -> dict[str, Any]:
    return {"valid": False, "server": None, "key_masked": None, "key_format": None,
            "tier": None, "label": None, "expires": None, "signed": None, "signer": None,
            "reason": str(refused)}  # in the language in use, like every CLI refusal


def _stamp(unix: int) -> Message:
    try:
        return datetime.datetime.fromtimestamp(unix, datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    except (OverflowError, OSError, ValueError):
        return Text("Unix time {unix}", unix=unix)


def format_expiry(expires: int, now: float | None = None) -> Text:
    """``2026-12-01 14:00 UTC (in 3 h)``."""
    now = time.time() if now is None else now
    stamp = _stamp(expires)
    left = expires - now
    if left <= 0:
        return Text("{stamp} (expired)", stamp=stamp)
    if left < 3600:
        return Text.plural("{stamp} (in {n} min)", "{stamp} (in {n} min)",
                           max(1, int(left // 60)), stamp=stamp)
    if left < 2 * 86400:
        return Text.plural("{stamp} (in {n} h)", "{stamp} (in {n} h)", int(left // 3600),
                           stamp=stamp)
    return Text.plural("{stamp} (in {n} day)", "{stamp} (in {n} days)", int(left // 86400),
                       stamp=stamp)


def _shown(value: str, limit: int = 40) -> str:
    """An untrusted value, made safe to quote in a reason: printable and short."""
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in value)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


# --- checking -----------------------------------------------------------------------------------


def check(text: str, *, now: float | None = None, trust: Trust | None = None) -> Enrolment:
    """The enrolment ``text`` stands for, or ``EnrolmentRefused`` saying why not."""
    text = text.strip()
    if not text:
        raise EnrolmentRefused(Refusal.EMPTY, Text(
            "nothing to check: paste the pre-auth key or the veilor:join code"))
    if len(text) > MAX_PAYLOAD:
        raise EnrolmentRefused(Refusal.MALFORMED, Text(
            "this text is {n} characters long, far longer than a key or a veilor:join code: "
            "paste only the key or the code", n=len(text)))
    if text[:7].lower() == "veilor:":
        trust = trust or Trust.from_environment()
        return _check_join(text, time.time() if now is None else now, trust)
    fmt = key_format(text)
    if fmt is None:
        raise EnrolmentRefused(Refusal.KEY, _why_not_a_key(text))
    return Enrolment(server=DEFAULT_SERVER, key=Secret(text), key_format=fmt, signed=False)


def _why_not_a_key(text: str) -> Text:
    """A reason for a text that is neither a key nor a join code, with the likely mistake."""
    lower = text.lower()
    expected = Text("a Headscale pre-auth key is 48 lowercase hex characters, or hskey-auth- "
                    "followed by 12 and 64 characters (88 in all)")
    if lower.startswith(("http://", "https://")):
        return Text("this is a web link, not a Veilor join code or pre-auth key: scan the code "
                    "from your Veilor signup page, or paste the key it shows")
    if lower.startswith("tskey-"):
        return Text("this is a Tailscale key, which the Veilor mesh (Headscale) does not "
                    "accept: use the pre-auth key from your Veilor signup page")
    for kind, what in (("hskey-api-", Text("an API key for administering Headscale")),
                       ("hskey-client-", Text("an OAuth client secret")),
                       ("hskey-oauthtok-", Text("an OAuth token"))):
        if lower.startswith(kind):
            return Text("this is {what}, not a pre-auth key: ask for a pre-auth key "
                        "(headscale preauthkeys create)", what=what)
    if any(ch.isspace() for ch in text):
        return Text("the text has spaces or line breaks inside it: paste the key alone, in one "
                    "piece, exactly as given")
    if lower.startswith("hskey-auth-"):
        if len(text) != 88:
            return Text("this hskey-auth key has {n} characters instead of 88: it was cut or "
                        "extended while copying; copy it again, whole", n=len(text))
        return Text("this hskey-auth key holds characters a key cannot hold: {expected}; copy "
                    "it again exactly as given", expected=expected)
    if _LEGACY.fullmatch(lower):
        return Text("this looks like a pre-auth key in capital letters; keys are lowercase: "
                    "paste it exactly as given")
    if re.fullmatch(r"[0-9a-fA-F]+", text):
        return Text("this has {n} hex characters instead of 48: it was cut or extended while "
                    "copying; copy it again, whole", n=len(text))
    return Text("this is not a pre-auth key or a veilor:join code: {expected}",
                expected=expected)


def _check_join(text: str, now: float, trust: Trust) -> Enrolment:
    scheme_rest = text.split(":", 1)[1]
    path, has_query, query = scheme_rest.partition("?")
    if path != "join":
        # Quote the kind only when it looks like one ("veilor:leave"): a pasted key after
        # "veilor:" must not reach the message, not even in part.
        kind = f"veilor:{path}" if re.fullmatch(r"[a-z]{1,16}", path) else "veilor:"
        raise EnrolmentRefused(Refusal.MALFORMED, Text(
            "this is a {kind} code of a kind this veilor-installer cannot use: update "
            "veilor-installer, or scan a veilor:join code", kind=kind))
    if not has_query or not query:
        raise EnrolmentRefused(Refusal.MALFORMED, Text(
            "this veilor:join code has nothing after 'veilor:join?': scan it again, or ask for "
            "a new one"))
    pairs = [pair.partition("=") for pair in query.split("&")]
    names = [name for name, _, _ in pairs]
    if any(not eq for _, eq, _ in pairs):
        raise EnrolmentRefused(Refusal.MALFORMED, Text(
            "this veilor:join code has a parameter without '=': it was cut or damaged; scan it "
            "again, or ask for a new one"))
    raw = {name: value for name, _, value in pairs}
    if names[0] != "v":
        if "v" in names:
            raise EnrolmentRefused(Refusal.ORDER, _order_reason(names))
        raise EnrolmentRefused(Refusal.VERSION, Text(
            "this veilor:join code has no version: it was damaged, or it comes from a newer "
            "system; update veilor-installer, or ask for a new code"))
    version = _decode("v", raw["v"])
    if version != VERSION:
        raise EnrolmentRefused(Refusal.VERSION, Text(
            "this code is version {version}, which this veilor-installer cannot read (it reads "
            "version 1): update veilor-installer, then scan it again",
            version=_shown(version, 12)))
    if names != list(PARAMS):
        if "sig" not in names and set(names) <= set(PARAMS) and len(set(names)) == len(names):
            raise EnrolmentRefused(Refusal.UNSIGNED, Text(
                "this veilor:join code has no signature, so nothing shows it was issued by "
                "Veilor: ask Veilor for a new code"))
        if sorted(names) == sorted(PARAMS):
            raise EnrolmentRefused(Refusal.ORDER, _order_reason(names))
        raise EnrolmentRefused(Refusal.MALFORMED, _params_reason(names))

    # Parameters in order, each once. The signature covers the text before "&sig=".
    values = {name: _decode(name, raw[name]) for name in PARAMS[:-1]}
    kid = values["kid"]
    if not KID.fullmatch(kid):
        raise EnrolmentRefused(Refusal.SIGNER, Text(
            "the signer id {kid} is not a valid id (a-z, 0-9 and -, at most 32): this code was "
            "not issued by Veilor", kid=repr(_shown(kid))))
    public_key = trust.keys.get(kid) or _trusted_key(trust.keys_dir, kid)
    signature = _signature(raw["sig"])
    signed_text = query[: query.rindex("&sig=")]
    from cryptography.exceptions import InvalidSignature

    try:
        public_key.verify(signature, SIGNING_CONTEXT + signed_text.encode("ascii"))
    except InvalidSignature:
        raise EnrolmentRefused(Refusal.SIGNATURE, Text(
            "the signature does not match this code: it was changed or damaged after Veilor "
            "issued it, or not issued by Veilor. Scan it again; if that fails, ask Veilor for a "
            "new code")) from None

    # Signed by a signer we trust: now what it says must also make sense.
    server = values["s"].lower()
    if not is_host_name(server):
        raise EnrolmentRefused(Refusal.SERVER, Text(
            "the server {server} is not a host name: ask Veilor for a new code",
            server=repr(_shown(server))))
    if server not in trust.servers:
        raise EnrolmentRefused(Refusal.SERVER, Text(
            "this code is for the server {server}, which this computer does not trust (it "
            "trusts {trusted}): ask for a code for {default}, or ask your administrator to add "
            "the server", server=_shown(server), trusted=", ".join(trust.servers),
            default=DEFAULT_SERVER))
    key = values["k"]
    fmt = key_format(key)
    if fmt is None:
        raise EnrolmentRefused(Refusal.KEY, Text(
            "the key in this code is not a Headscale pre-auth key: ask Veilor for a new code"))
    secret = Secret(key)
    expiry_text = values["e"]
    if not _EXPIRY.fullmatch(expiry_text):
        raise EnrolmentRefused(Refusal.EXPIRED, Text(
            "the expiry in this code is not a time: ask Veilor for a new code"))
    expires = int(expiry_text)
    if expires > MAX_EXPIRY:
        raise EnrolmentRefused(Refusal.EXPIRED, Text(
            "the expiry in this code is past the year 9999: ask Veilor for a new code"))
    if expires <= now:
        raise EnrolmentRefused(Refusal.EXPIRED, Text(
            "this code expired on {when}: ask for a new one (a signup page gives a fresh "
            "code)", when=_stamp(expires)))
    tier = values["t"]
    if tier not in TIERS:
        raise EnrolmentRefused(Refusal.TIER, Text(
            "this code asks for the tier {tier}, which this veilor-installer does not know "
            "(guest, infra or admin): update veilor-installer, or ask Veilor for a new code",
            tier=repr(_shown(tier, 20))))
    label = values["n"]
    problem = label_problem(label)
    if problem:
        raise EnrolmentRefused(Refusal.LABEL, Text("{problem}: ask Veilor for a new code",
                                                   problem=problem))
    log.info("enrolment code from %s for %s verified (tier %s, key %s)", kid, server, tier,
             mask_key(key))
    return Enrolment(server=server, key=secret, key_format=fmt, signed=True, signer=kid,
                     tier=tier, label=label, expires=expires)


def _order_reason(names: list[str]) -> Text:
    return Text("the parameters of this veilor:join code are out of order ({found} instead of "
                "{expected}), so its signature cannot be checked: ask Veilor for a new code",
                found=_shown(",".join(names), 60), expected=",".join(PARAMS))


def _params_reason(names: list[str]) -> Text:
    missing = [p for p in PARAMS if p not in names]
    unknown = sorted({n for n in names if n not in PARAMS})
    twice = sorted({n for n in names if names.count(n) > 1})
    # Each finding is a clause of its own, joined by "{first}; {second}" (a list, not a
    # sentence); nested Texts, so the helper's answer carries them untranslated.
    parts: list[Text] = []
    if missing:
        parts.append(Text("it lacks {names}", names=", ".join(missing)))
    if unknown:
        parts.append(Text("it has unknown parameters {names}",
                          names=_shown(", ".join(unknown))))
    if twice:
        parts.append(Text("it repeats {names}", names=_shown(", ".join(twice))))
    return Text("this veilor:join code is malformed ({problems}): it was cut or damaged, or "
                "comes from a newer system; scan it again, update veilor-installer, or ask for "
                "a new code", problems=functools.reduce(
                    lambda first, second: Text("{first}; {second}", first=first, second=second),
                    parts or [Text("unexpected parameters")]))


def _decode(name: str, value: str) -> str:
    """A percent-encoded (RFC 3986) value, refused when it is not."""
    if not _QUERY_VALUE.fullmatch(value):
        raise EnrolmentRefused(Refusal.MALFORMED, Text(
            "the value of '{name}' holds characters a veilor:join code cannot hold: it was "
            "damaged; scan it again, or ask for a new code", name=name))
    try:
        return unquote_to_bytes(value).decode("utf-8")
    except UnicodeDecodeError:
        raise EnrolmentRefused(Refusal.MALFORMED, Text(
            "the value of '{name}' is not valid UTF-8 text: it was damaged; ask for a new code",
            name=name)) from None


def label_problem(label: str) -> Text | None:
    """Why a label cannot be shown to the user, or None. It must be short, visible text:
    no control, format (bidi, zero-width) or line-separator characters."""
    if not label:
        return Text("the label is empty")
    if len(label) > MAX_LABEL:
        return Text("the label is longer than {n} characters", n=MAX_LABEL)
    if check_invisible(label, field="label"):
        return Text("the label holds invisible or control characters")
    return None


def _signature(value: str) -> bytes:
    if not _SIG.fullmatch(value):
        raise EnrolmentRefused(Refusal.SIGNATURE, Text(
            "the signature of this code is not valid (it must be 86 base64url characters): it "
            "was cut or damaged; scan it again, or ask for a new code"))
    try:
        raw = base64.urlsafe_b64decode(value + "==")
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 64 or _b64url(raw) != value:
        raise EnrolmentRefused(Refusal.SIGNATURE, Text(
            "the signature of this code is not valid base64url: it was damaged; scan it again, "
            "or ask for a new code"))
    return raw


def _trusted_key(keys_dir: Path, kid: str) -> Ed25519PublicKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    path = keys_dir / f"{kid}.pub"
    try:
        pem = path.read_bytes()
    except FileNotFoundError:
        raise EnrolmentRefused(Refusal.SIGNER, Text(
            "this code was not issued by Veilor: its signer {kid} is not one this computer "
            "trusts (no {file}). Ask Veilor for a new code, or update veilor-installer if the "
            "signer is new", kid=repr(kid), file=path)) from None
    except OSError as exc:
        raise EnrolmentRefused(Refusal.TRUSTED_KEYS, Text(
            "the trusted key {file} cannot be read ({error}): reinstall veilor-installer",
            file=path, error=exc.strerror)) from None
    try:
        key = load_pem_public_key(pem)
    except (ValueError, TypeError):
        key = None
    if not isinstance(key, Ed25519PublicKey):
        raise EnrolmentRefused(Refusal.TRUSTED_KEYS, Text(
            "the trusted key {file} is not an Ed25519 public key in PEM: reinstall "
            "veilor-installer", file=path))
    return key


# --- signing (the signup service) ---------------------------------------------------------------


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _encode(value: str) -> str:
    return quote(value, safe="-._~")


def signed_text(*, server: str, key: str, expires: int, tier: str, label: str,
                kid: str) -> str:
    """The query text the signature covers: parameters in order, values percent-encoded."""
    values = (VERSION, server, key, str(expires), tier, label, kid)
    return "&".join(f"{name}={_encode(value)}"
                    for name, value in zip(PARAMS[:-1], values, strict=True))


def sign_join(private_key: Ed25519PrivateKey, *, server: str, key: Secret, expires: int,
              tier: str, label: str, kid: str) -> str:
    """A ``veilor:join`` v1 URI. Builds what it is given, valid or not (tests make bad codes
    with it); ``validate_for_signing`` is what a signup service calls first."""
    body = signed_text(server=server, key=key.reveal(), expires=expires, tier=tier, label=label,
                       kid=kid)
    signature = private_key.sign(SIGNING_CONTEXT + body.encode("ascii"))
    return f"veilor:join?{body}&sig={_b64url(signature)}"


def validate_for_signing(*, server: str, key: Secret, expires: int, tier: str, label: str,
                         kid: str, now: float | None = None) -> None:
    """Refuse (``InvalidInput`` naming the option) what no installer would accept."""
    now = time.time() if now is None else now
    if not KID.fullmatch(kid):
        raise InvalidInput(Text("--kid: {value} is not a signer id (a-z, 0-9 and -, at most "
                                "32 characters)", value=repr(_shown(kid))))
    if not is_host_name(server):
        raise InvalidInput(Text("--server: {value} is not a lowercase host name (no scheme, "
                                "port or path)", value=repr(_shown(server))))
    if key_format(key.reveal()) is None:
        raise InvalidInput(Text("--key: {reason}", reason=_why_not_a_key(key.reveal())))
    if expires > MAX_EXPIRY:
        raise InvalidInput(Text("--expires: {value} is past the year 9999 (seconds, not "
                                "milliseconds?)", value=expires))
    if expires <= now:
        raise InvalidInput(Text("--expires: {value} is not in the future ({when})",
                                value=expires, when=format_expiry(expires, now)))
    if tier not in TIERS:
        raise InvalidInput(Text("--tier: {value} is not one of {choices}",
                                value=repr(_shown(tier)), choices=", ".join(TIERS)))
    problem = label_problem(label)
    if problem:
        raise InvalidInput(Text("--label: {problem}", problem=problem))


def load_signing_key(path: str | Path) -> Ed25519PrivateKey:
    """An unencrypted Ed25519 private key in PEM (PKCS#8), as ``openssl genpkey`` writes."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        pem = Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInput(Text("--signing-key: {file}: {error}", file=path,
                                error=exc.strerror)) from None
    try:
        key = load_pem_private_key(pem, password=None)
    except TypeError:
        raise InvalidInput(Text("--signing-key: {file} is encrypted; give an unencrypted key",
                                file=path)) from None
    except ValueError:
        key = None
    if not isinstance(key, Ed25519PrivateKey):
        raise InvalidInput(Text("--signing-key: {file} is not an Ed25519 private key in PEM "
                                "(make one with: {command})", file=path,
                                command="openssl genpkey -algorithm ed25519"))
    return key


def public_pem(private_key: Ed25519PrivateKey) -> bytes:
    """The ``<kid>.pub`` file for a signing key: PEM SubjectPublicKeyInfo."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return private_key.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)

