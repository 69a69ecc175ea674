"""The answers file (DESIGN §4) and the checks that turn answers into an install plan.

Every refusal is an ``AnswersError`` naming its field, in words a person can act on. The
per-field checks are pure functions returning ``None`` or a message, so the wizard's pages use
the very same rules next to each field.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from veilor_installer.core.errors import InvalidInput
from veilor_installer.core.install import localedata, passwords, strength
from veilor_installer.core.install.machine import Machine
from veilor_installer.core.install.plan import (
    DEFAULT_IMAGE,
    TRANSPORTS,
    ImageSource,
    InstallPlan,
    Layout,
)
from veilor_installer.core.secret import Secret


class AnswersError(InvalidInput):
    """Invalid answers: ``field`` is the dotted key, ``message`` what to do about it."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class Answers:
    """What a person (or an admin's file) answered; not yet checked against a machine."""

    disks: tuple[str, ...]
    passphrase: Secret
    username: str
    password: Secret | None = None
    password_hash: str | None = None
    layout: str = Layout.SINGLE.value
    full_name: str = ""
    hostname: str = "veilor"
    language: str = "en_US.UTF-8"
    keyboard: str = "us"
    timezone: str = "UTC"
    image_ref: str = DEFAULT_IMAGE
    transport: str = "registry"
    update_ref: str | None = None
    image_digest: str | None = None
    accept_weak_passphrase: bool = False
    accept_weak_password: bool = False


# --- the schema of the file -------------------------------------------------------------------

_SCHEMA: dict[str, dict[str, type]] = {
    "image": {"ref": str, "transport": str, "update_ref": str, "digest": str},
    "locale": {"language": str, "keyboard": str, "timezone": str},
    "storage": {"disks": list, "layout": str, "passphrase": str, "accept_weak_passphrase": bool},
    "account": {
        "username": str,
        "full_name": str,
        "password": str,
        "password_hash": str,
        "hostname": str,
        "accept_weak_password": bool,
    },
}
_REQUIRED = (("storage", "disks"), ("storage", "passphrase"), ("account", "username"))


def _type_name(kind: type) -> str:
    return {str: "text in quotes", list: "a list", bool: "true or false"}[kind]


def _suggest(word: str, options: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def answers_from_mapping(data: Mapping[str, Any]) -> Answers:
    """Shape-check parsed TOML: known sections and keys, right types. Values are checked later."""
    for section, body in data.items():
        if section not in _SCHEMA:
            raise AnswersError(section, "unknown section" + _suggest(section, list(_SCHEMA)))
        if not isinstance(body, dict):
            raise AnswersError(section, f"must be a table: [{section}]")
        for key, value in body.items():
            where = f"{section}.{key}"
            if key not in _SCHEMA[section]:
                raise AnswersError(where, "unknown key" + _suggest(key, list(_SCHEMA[section])))
            kind = _SCHEMA[section][key]
            if not isinstance(value, kind):
                raise AnswersError(where, f"must be {_type_name(kind)}")
    for section, key in _REQUIRED:
        if key not in data.get(section, {}):
            raise AnswersError(f"{section}.{key}", "missing; it has no default")

    def get(section: str, key: str, default: Any = None) -> Any:
        return data.get(section, {}).get(key, default)

    disks = get("storage", "disks")
    for i, name in enumerate(disks):
        if not isinstance(name, str):
            raise AnswersError(f"storage.disks[{i}]", "must be a disk name in quotes")
    account = data.get("account", {})
    if "password" in account and "password_hash" in account:
        raise AnswersError("account.password", "give password or password_hash, not both")
    if "password" not in account and "password_hash" not in account:
        raise AnswersError("account.password", "missing: give password or password_hash")
    password = account.get("password")
    return Answers(
        disks=tuple(disks),
        passphrase=Secret(get("storage", "passphrase")),
        username=get("account", "username"),
        password=Secret(password) if password is not None else None,
        password_hash=account.get("password_hash"),
        layout=get("storage", "layout", Layout.SINGLE.value),
        full_name=get("account", "full_name", ""),
        hostname=get("account", "hostname", "veilor"),
        language=get("locale", "language", "en_US.UTF-8"),
        keyboard=get("locale", "keyboard", "us"),
        timezone=get("locale", "timezone", "UTC"),
        image_ref=get("image", "ref", DEFAULT_IMAGE),
        transport=get("image", "transport", "registry"),
        update_ref=get("image", "update_ref"),
        image_digest=get("image", "digest"),
        accept_weak_passphrase=get("storage", "accept_weak_passphrase", False),
        accept_weak_password=get("account", "accept_weak_password", False),
    )


def load_answers(path: str) -> Answers:
    """Read an answers file. TOML errors are refused with the line TOML names."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise AnswersError("answers", f"cannot read {path}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise AnswersError("answers", f"{path} is not UTF-8 text") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # The decoder's message names line and column, never the value.
        raise AnswersError("answers", f"{path} is not valid TOML: {exc}") from None
    return answers_from_mapping(data)


# --- per-field checks: None when fine, else a message ---------------------------------------

_FORBIDDEN_CATEGORIES = {"Cc", "Cs", "Co", "Cn", "Zl", "Zp"}
# Invisible format characters are refused in secrets (they cannot be typed at the boot prompt)
# and in names, except the joiners some scripts need in a person's name.
_NAME_FORMAT_OK = {"\u200c", "\u200d"}


def control_character(value: str, *, allow_joiners: bool = False) -> str | None:
    for ch in value:
        category = unicodedata.category(ch)
        if category in _FORBIDDEN_CATEGORIES or (
            category == "Cf" and not (allow_joiners and ch in _NAME_FORMAT_OK)
        ):
            name = unicodedata.name(ch, f"U+{ord(ch):04X}")
            return f"contains an invisible or control character ({name}); remove it"
    return None


_USERNAME = re.compile(r"[a-z_][a-z0-9_-]*")
# System accounts and groups of a Fedora Atomic/secureblue system, plus names that mislead.
RESERVED_USERNAMES = frozenset({
    "root", "bin", "daemon", "adm", "lp", "sync", "shutdown", "halt", "mail", "operator", "games",
    "ftp", "nobody", "news", "uucp", "gopher", "sshd", "dbus", "polkitd", "rpc", "rpcuser", "tss",
    "systemd-network", "systemd-resolve", "systemd-timesync", "systemd-oom", "systemd-coredump",
    "systemd-journal", "avahi", "colord", "geoclue", "pipewire", "rtkit", "sssd", "chrony",
    "unbound", "dnsmasq", "usbmuxd", "saned", "flatpak", "gdm", "sddm", "wheel", "users", "admin",
    "administrator", "tcpdump", "abrt", "setroubleshoot", "nm-openvpn", "nm-openconnect",
    "openvpn", "qemu", "libvirt", "radvd", "apache", "nginx", "postgres", "mysql", "brlapi",
    "tailscale", "yggdrasil", "clevis", "cockpit-ws", "cockpit-wsinstance", "input", "kvm",
    "render", "video", "audio", "disk", "tty", "kmem", "dialout", "cdrom", "floppy", "tape",
    "utmp", "utempter", "lock", "ssh_keys", "printadmin", "systemd-upload", "ostree", "bootc",
    "veilor",
})


def check_username(value: str) -> str | None:
    if not value:
        return "is empty; choose a name to log in with, like 'alice'"
    if bad := control_character(value):
        return bad
    if len(value) > 32:
        return f"is {len(value)} characters long; at most 32 are allowed"
    if not _USERNAME.fullmatch(value):
        return ("may use only lowercase letters a–z, digits, '_' and '-', and must start "
                "with a letter or '_'")
    if value in RESERVED_USERNAMES or value.startswith("systemd-"):
        return f"'{value}' is reserved for the system; choose another name"
    return None


_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")


def check_hostname(value: str) -> str | None:
    if not value:
        return "is empty; a name like 'veilor' or 'alice-laptop' identifies this computer"
    if bad := control_character(value):
        return bad
    if len(value) > 64:
        return f"is {len(value)} characters long; at most 64 are allowed"
    labels = value.split(".")
    for label in labels:
        if not _LABEL.fullmatch(label):
            return ("may use only letters a–z, digits and '-' (not at the start or end), "
                    "with dots between parts")
    if labels[-1].isdigit():
        return "must not end in a number-only part; it would look like an IP address"
    return None


def check_full_name(value: str) -> str | None:
    if bad := control_character(value, allow_joiners=True):
        return bad
    if ":" in value:
        return "must not contain ':' (it separates fields in the account database)"
    if len(value) > 256:
        return f"is {len(value)} characters long; at most 256 are allowed"
    return None


MAX_SECRET_BYTES = 256
"""The longest passphrase or password, in UTF-8 bytes: libxcrypt refuses a phrase of 512
bytes or more (ERANGE), and no one types more than this."""


def check_secret(
    value: str, *, kind: str, accept_weak: bool, accept_key: str, user_inputs: Sequence[str]
) -> str | None:
    """The policy of DESIGN §8 for the LUKS passphrase and the account password."""
    if not value:
        return f"is empty; choose a {kind}"
    size = len(value.encode("utf-8", "surrogatepass"))
    if size > MAX_SECRET_BYTES:
        return f"is {size} bytes long (UTF-8); at most {MAX_SECRET_BYTES} are allowed"
    if bad := control_character(value):
        return bad
    assessment = strength.assess(value, user_inputs)
    if assessment.verdict == "refused":
        why = " ".join(assessment.problems) or "too easy to guess."
        return f"is too weak ({assessment.label}): {why}"
    if assessment.verdict == "needs-confirmation" and not accept_weak:
        return (f"is only of {assessment.label} strength; choose a stronger {kind}, or set "
                f"{accept_key} = true to use it anyway")
    return None


_REF_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_REGISTRY_REF = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"(?::[0-9]{1,5})?/)?"
    rf"{_REF_COMPONENT}(?:/{_REF_COMPONENT})*"
    r"(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?"
    r"(?:@sha256:[0-9a-f]{64})?"
)
_LOCAL_REF = re.compile(r"/[A-Za-z0-9._/-]+(?::[A-Za-z0-9_][A-Za-z0-9_.:/-]{0,127})?")


def check_image_ref(ref: str, transport: str) -> str | None:
    if bad := control_character(ref):
        return bad
    if transport in ("oci", "oci-archive"):
        if not _LOCAL_REF.fullmatch(ref) or "/../" in ref + "/":
            return (f"for transport '{transport}' must be an absolute path like "
                    "/run/install/repo/veilor-os")
        return None
    if not _REGISTRY_REF.fullmatch(ref) or len(ref) > 255:
        return "must be an image reference like ghcr.io/veilor/veilor-os:43"
    return None


# --- answers + machine → plan ------------------------------------------------------------------


def _require(fieldname: str, message: str | None) -> None:
    if message is not None:
        raise AnswersError(fieldname, message)


def build_plan(
    answers: Answers,
    machine: Machine,
    *,
    hash_password: Callable[[str], str] = passwords.hash_password,
) -> InstallPlan:
    """Check every answer against the rules and the machine; the first problem is raised."""
    # Image
    if answers.transport not in TRANSPORTS:
        raise AnswersError("image.transport", f"must be one of {', '.join(TRANSPORTS)}")
    _require("image.ref", check_image_ref(answers.image_ref, answers.transport))
    update_ref = answers.update_ref
    if update_ref is None:
        if answers.transport == "registry" and "@" not in answers.image_ref:
            update_ref = answers.image_ref
        elif answers.transport == "registry":
            raise AnswersError("image.update_ref", "is needed when image.ref is pinned to a "
                               "digest: name the tag to follow, like ghcr.io/veilor/veilor-os:43")
        else:
            update_ref = DEFAULT_IMAGE
    _require("image.update_ref", check_image_ref(update_ref, "registry"))
    if "@" in update_ref:
        raise AnswersError("image.update_ref", "must name a tag to follow, not a digest")
    if answers.image_digest is not None and not re.fullmatch(r"sha256:[0-9a-f]{64}",
                                                             answers.image_digest):
        raise AnswersError("image.digest", "must be sha256: and 64 lowercase hex digits")

    # Locale
    _require("locale.language", control_character(answers.language))
    if not localedata.is_locale(answers.language):
        raise AnswersError("locale.language", f"unknown language '{answers.language}'; use a "
                           "locale like en_US.UTF-8 or de_DE.UTF-8"
                           + _suggest(answers.language, localedata.locales()))
    _require("locale.keyboard", control_character(answers.keyboard))
    try:
        keyboard = localedata.parse_keyboard(answers.keyboard)
    except ValueError as exc:
        raise AnswersError("locale.keyboard", str(exc)) from None
    _require("locale.timezone", control_character(answers.timezone))
    if not localedata.is_timezone(answers.timezone):
        raise AnswersError("locale.timezone", f"unknown time zone '{answers.timezone}'; use a "
                           "name like Europe/Berlin or America/New_York"
                           + _suggest(answers.timezone, localedata.timezones()))

    # Account
    _require("account.username", check_username(answers.username))
    _require("account.full_name", check_full_name(answers.full_name))
    _require("account.hostname", check_hostname(answers.hostname))
    user_inputs = [answers.username, answers.full_name, answers.hostname, "veilor"]
    if answers.password is not None:
        _require("account.password", check_secret(
            answers.password.reveal(), kind="password", accept_weak=answers.accept_weak_password,
            accept_key="account.accept_weak_password", user_inputs=user_inputs))
        password_hash = hash_password(answers.password.reveal())
    else:
        if answers.password_hash is None or not passwords.is_crypt_hash(answers.password_hash):
            raise AnswersError("account.password_hash", "must be a yescrypt ($y$…) or SHA-512 "
                               "($6$…) hash, as `mkpasswd -m yescrypt` prints it")
        password_hash = answers.password_hash

    # Storage
    try:
        layout = Layout(answers.layout)
    except ValueError:
        raise AnswersError("storage.layout", "must be one of "
                           + ", ".join(v.value for v in Layout)) from None
    if not answers.disks:
        raise AnswersError("storage.disks", "is empty; name the disk to install to, like "
                           "[\"nvme0n1\"] (see `veilor-installer disks`)")
    chosen = []
    for i, name in enumerate(answers.disks):
        where = f"storage.disks[{i}]"
        _require(where, control_character(name))
        if name in answers.disks[:i]:
            raise AnswersError(where, f"'{name}' is named twice")
        disk = machine.disk(name)
        if disk is None:
            known = [d.name for d in machine.disks if d.install_target]
            raise AnswersError(where, f"there is no disk '{name}' on this machine; disks you "
                               "can install to: " + (", ".join(known) or "none"))
        if (reason := disk.unsuitable_reason()) is not None:
            raise AnswersError(where, f"cannot install to {disk.description}: {reason}")
        chosen.append(disk)
    fewest, most = layout.disk_counts
    if not fewest <= len(chosen) <= most:
        need = f"exactly {fewest}" if fewest == most else f"{fewest} to {most}"
        raise AnswersError("storage.layout", f"'{layout.value}' needs {need} disk"
                           f"{'s' if most > 1 else ''}; storage.disks names {len(chosen)}")
    _require("storage.passphrase", check_secret(
        answers.passphrase.reveal(), kind="passphrase",
        accept_weak=answers.accept_weak_passphrase, accept_key="storage.accept_weak_passphrase",
        user_inputs=user_inputs))

    warnings = []
    if not answers.passphrase.reveal().isascii():
        warnings.append("storage.passphrase contains characters outside ASCII: make sure you "
                        f"can type them on the '{keyboard.vc_keymap}' keyboard at boot")
    return InstallPlan(
        image=ImageSource(answers.image_ref, answers.transport, update_ref,
                          answers.image_digest),
        language=answers.language,
        keyboard=keyboard,
        timezone=answers.timezone,
        disks=tuple(chosen),
        layout=layout,
        passphrase=answers.passphrase,
        username=answers.username,
        full_name=answers.full_name,
        password_hash=password_hash,
        hostname=answers.hostname,
        firmware=machine.firmware,
        ram_bytes=machine.ram_bytes,
        warnings=tuple(warnings),
    )
