"""The answers file (DESIGN §4) and the checks that turn answers into an install plan.

Every refusal is an ``AnswersError`` naming its field, in words a person can act on (a ``Text``,
rendered in the language in use when shown). The rules for names and secrets are
``checks.py``'s, which the wizard's pages use next to each field; this file only words their
problem codes (``ENGLISH``, marked for translation), for the command line.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from veilor_installer.core.checks import Code, Problem, check_invisible
from veilor_installer.core.errors import InvalidInput
from veilor_installer.core.i18n import N_, Text
from veilor_installer.core.install import checks, localedata, passwords
from veilor_installer.core.install.machine import Machine
from veilor_installer.core.install.plan import (
    DEFAULT_IMAGE,
    TRANSPORTS,
    ImageSource,
    InstallPlan,
    Layout,
)
from veilor_installer.core.install.strength import label_text
from veilor_installer.core.secret import Secret


class AnswersError(InvalidInput):
    """Invalid answers: ``field`` is the dotted key, ``message`` what to do about it."""

    def __init__(self, field: str, message: str | Text) -> None:
        self.field = field
        self.message = message
        super().__init__(Text("{field}: {message}", field=field, message=message))


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


def _type_name(kind: type) -> Text:
    return {str: Text("must be text in quotes"), list: Text("must be a list"),
            bool: Text("must be true or false")}[kind]


def _suggest(message: Text, word: str, options: Sequence[str]) -> Text:
    """``message``, followed by the option closest to ``word`` when one is close."""
    close = difflib.get_close_matches(word, options, n=1)
    if not close:
        return message
    return Text("{message} (did you mean '{suggestion}'?)", message=message, suggestion=close[0])


def answers_from_mapping(data: Mapping[str, Any]) -> Answers:
    """Shape-check parsed TOML: known sections and keys, right types. Values are checked later."""
    for section, body in data.items():
        if section not in _SCHEMA:
            raise AnswersError(section, _suggest(Text("unknown section"), section,
                                                 list(_SCHEMA)))
        if not isinstance(body, dict):
            raise AnswersError(section, Text("must be a table: [{section}]", section=section))
        for key, value in body.items():
            where = f"{section}.{key}"
            if key not in _SCHEMA[section]:
                raise AnswersError(where, _suggest(Text("unknown key"), key,
                                                   list(_SCHEMA[section])))
            kind = _SCHEMA[section][key]
            if not isinstance(value, kind):
                raise AnswersError(where, _type_name(kind))
    for section, key in _REQUIRED:
        if key not in data.get(section, {}):
            raise AnswersError(f"{section}.{key}", Text("missing; it has no default"))

    def get(section: str, key: str, default: Any = None) -> Any:
        return data.get(section, {}).get(key, default)

    disks = get("storage", "disks")
    for i, name in enumerate(disks):
        if not isinstance(name, str):
            raise AnswersError(f"storage.disks[{i}]", Text("must be a disk name in quotes"))
    account = data.get("account", {})
    if "password" in account and "password_hash" in account:
        raise AnswersError("account.password",
                           Text("give password or password_hash, not both"))
    if "password" not in account and "password_hash" not in account:
        raise AnswersError("account.password",
                           Text("missing: give password or password_hash"))
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
        raise AnswersError("answers", Text("cannot read {path}: {why}", path=path,
                                           why=exc.strerror)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise AnswersError("answers", Text("{path} is not UTF-8 text", path=path)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # The decoder's message names line and column, never the value.
        raise AnswersError("answers", Text("{path} is not valid TOML: {why}", path=path,
                                           why=exc)) from None
    return answers_from_mapping(data)


# --- the wording of the input checks (checks.py) for the answers file ---------------------------

# One line each, completing "<field>: ". Keyed by (code, the check's field), or (code, None)
# for every field; marked here, translated where shown (``word``).
ENGLISH: Mapping[tuple[Code, str | None], str] = {
    (Code.EMPTY, checks.USERNAME): N_("is empty; choose a name to log in with, like 'alice'"),
    (Code.EMPTY, checks.HOSTNAME):
        N_("is empty; a name like 'veilor' or 'alice-laptop' identifies this computer"),
    (Code.EMPTY, checks.PASSWORD): N_("is empty; choose a password"),
    (Code.EMPTY, checks.PASSPHRASE): N_("is empty; choose a passphrase"),
    (Code.INVISIBLE_CHARACTER, None):
        N_("contains an invisible or control character ({character}); remove it"),
    (Code.TOO_LONG, None): N_("is {size} characters long; at most {limit} are allowed"),
    (Code.TOO_LONG_BYTES, None): N_("is {size} bytes long (UTF-8); at most {limit} are allowed"),
    (Code.INVALID_CHARACTERS, checks.USERNAME):
        N_("may use only lowercase letters a–z, digits, '_' and '-', and must start with a "
           "letter or '_'"),
    (Code.INVALID_CHARACTERS, checks.HOSTNAME):
        N_("may use only letters a–z, digits and '-' (not at the start or end), with dots "
           "between parts"),
    (Code.RESERVED, None): N_("'{name}' is reserved for the system; choose another name"),
    (Code.NUMERIC_ENDING, None):
        N_("must not end in a number-only part; it would look like an IP address"),
    (Code.CONTAINS_COLON, None):
        N_("must not contain ':' (it separates fields in the account database)"),
    (Code.TOO_WEAK, None): N_("is too weak ({label}): {reasons}"),
    (Code.NEEDS_CONSENT, checks.PASSWORD):
        N_("is only of {label} strength; choose a stronger password, or set "
           "account.accept_weak_password = true to use it anyway"),
    (Code.NEEDS_CONSENT, checks.PASSPHRASE):
        N_("is only of {label} strength; choose a stronger passphrase, or set "
           "storage.accept_weak_passphrase = true to use it anyway"),
}
NO_REASON = N_("too easy to guess.")
"""TOO_WEAK's reasons when zxcvbn gave none."""

# The answers file's key for each field the checks name.
KEYS = {
    checks.USERNAME: "account.username",
    checks.FULL_NAME: "account.full_name",
    checks.HOSTNAME: "account.hostname",
    checks.PASSWORD: "account.password",
    checks.PASSPHRASE: "storage.passphrase",
}


def word(problem: Problem) -> Text:
    """The line for ``problem``, without the field's name."""
    text = ENGLISH.get((problem.code, problem.field)) or ENGLISH[(problem.code, None)]
    reasons: Text | _Joined = _Joined(problem.reasons) if problem.reasons else Text(NO_REASON)
    return Text(text, limit=problem.limit, size=problem.size, character=problem.character,
                name=problem.name, label=label_text(problem.label) if problem.label else "",
                reasons=reasons)


class _Joined:
    """Sentences shown one after the other, each rendered when shown."""

    def __init__(self, parts: Sequence[Text]) -> None:
        self.parts = tuple(parts)

    def __str__(self) -> str:
        return " ".join(str(part) for part in self.parts)


def first_problem(problems: Sequence[Problem]) -> Text | None:
    """The first problem, worded; None when there is none."""
    return word(problems[0]) if problems else None


def control_character(value: str) -> Text | None:
    """``check_invisible`` for a value the answers file checks itself (image, locale, disks),
    worded; None when it has no such character."""
    return first_problem(check_invisible(value, field=""))


# --- image references: None when fine, else a message ------------------------------------------

_REF_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_REGISTRY_REF = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"(?::[0-9]{1,5})?/)?"
    rf"{_REF_COMPONENT}(?:/{_REF_COMPONENT})*"
    r"(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?"
    r"(?:@sha256:[0-9a-f]{64})?"
)
_LOCAL_REF = re.compile(r"/[A-Za-z0-9._/-]+(?::[A-Za-z0-9_][A-Za-z0-9_.:/-]{0,127})?")


def check_image_ref(ref: str, transport: str) -> Text | None:
    if bad := control_character(ref):
        return bad
    if transport in ("oci", "oci-archive"):
        if not _LOCAL_REF.fullmatch(ref) or "/../" in ref + "/":
            return Text("for transport '{transport}' must be an absolute path like "
                        "/run/install/repo/veilor-os", transport=transport)
        return None
    if not _REGISTRY_REF.fullmatch(ref) or len(ref) > 255:
        return Text("must be an image reference like ghcr.io/veilor/veilor-os:43")
    return None


# --- answers + machine → plan ------------------------------------------------------------------


def _require(fieldname: str, message: Text | None) -> None:
    if message is not None:
        raise AnswersError(fieldname, message)


def _refuse(problems: Sequence[Problem]) -> None:
    """Raise the first of ``problems`` (of a field in ``KEYS``), worded."""
    if problems:
        raise AnswersError(KEYS[problems[0].field], word(problems[0]))


def build_plan(
    answers: Answers,
    machine: Machine,
    *,
    hash_password: Callable[[str], str] = passwords.hash_password,
) -> InstallPlan:
    """Check every answer against the rules and the machine; the first problem is raised."""
    # Image
    if answers.transport not in TRANSPORTS:
        raise AnswersError("image.transport", Text("must be one of {choices}",
                                                   choices=", ".join(TRANSPORTS)))
    _require("image.ref", check_image_ref(answers.image_ref, answers.transport))
    update_ref = answers.update_ref
    if update_ref is None:
        if answers.transport == "registry" and "@" not in answers.image_ref:
            update_ref = answers.image_ref
        elif answers.transport == "registry":
            raise AnswersError("image.update_ref", Text(
                "is needed when image.ref is pinned to a digest: name the tag to follow, like "
                "ghcr.io/veilor/veilor-os:43"))
        else:
            update_ref = DEFAULT_IMAGE
    _require("image.update_ref", check_image_ref(update_ref, "registry"))
    if "@" in update_ref:
        raise AnswersError("image.update_ref", Text("must name a tag to follow, not a digest"))
    if answers.image_digest is not None and not re.fullmatch(r"sha256:[0-9a-f]{64}",
                                                             answers.image_digest):
        raise AnswersError("image.digest", Text("must be sha256: and 64 lowercase hex digits"))

    # Locale
    _require("locale.language", control_character(answers.language))
    if not localedata.is_locale(answers.language):
        raise AnswersError("locale.language", _suggest(Text(
            "unknown language '{language}'; use a locale like en_US.UTF-8 or de_DE.UTF-8",
            language=answers.language), answers.language, localedata.locales()))
    _require("locale.keyboard", control_character(answers.keyboard))
    try:
        keyboard = localedata.parse_keyboard(answers.keyboard)
    except ValueError as exc:
        raise AnswersError("locale.keyboard", exc.args[0] if exc.args and isinstance(
            exc.args[0], Text) else str(exc)) from None
    _require("locale.timezone", control_character(answers.timezone))
    if not localedata.is_timezone(answers.timezone):
        raise AnswersError("locale.timezone", _suggest(Text(
            "unknown time zone '{timezone}'; use a name like Europe/Berlin or America/New_York",
            timezone=answers.timezone), answers.timezone, localedata.timezones()))

    # Account
    _refuse(checks.check_username(answers.username))
    _refuse(checks.check_full_name(answers.full_name))
    _refuse(checks.check_hostname(answers.hostname))
    words = checks.attacker_words(answers.username, answers.full_name, answers.hostname)
    if answers.password is not None:
        _refuse(checks.rate_and_check_secret(
            answers.password.reveal(), field=checks.PASSWORD,
            accept_weak=answers.accept_weak_password, words=words))
        password_hash = hash_password(answers.password.reveal())
    else:
        if answers.password_hash is None or not passwords.is_crypt_hash(answers.password_hash):
            raise AnswersError("account.password_hash", Text(
                "must be a yescrypt ($y$…) or SHA-512 ($6$…) hash, as `mkpasswd -m yescrypt` "
                "prints it"))
        password_hash = answers.password_hash

    # Storage
    try:
        layout = Layout(answers.layout)
    except ValueError:
        raise AnswersError("storage.layout", Text(
            "must be one of {choices}", choices=", ".join(v.value for v in Layout))) from None
    if not answers.disks:
        raise AnswersError("storage.disks", Text(
            "is empty; name the disk to install to, like [\"nvme0n1\"] (see `veilor-installer "
            "disks`)"))
    chosen = []
    for i, name in enumerate(answers.disks):
        where = f"storage.disks[{i}]"
        _require(where, control_character(name))
        if name in answers.disks[:i]:
            raise AnswersError(where, Text("'{name}' is named twice", name=name))
        disk = machine.disk(name)
        if disk is None:
            known = [d.name for d in machine.disks if d.install_target]
            raise AnswersError(where, Text(
                "there is no disk '{name}' on this machine; disks you can install to: {disks}",
                name=name, disks=", ".join(known)) if known else Text(
                "there is no disk '{name}' on this machine; disks you can install to: none",
                name=name))
        if (reason := disk.unsuitable_reason()) is not None:
            raise AnswersError(where, Text("cannot install to {disk}: {reason}",
                                           disk=disk.description, reason=reason))
        chosen.append(disk)
    fewest, most = layout.disk_counts
    if not fewest <= len(chosen) <= most:
        raise AnswersError("storage.layout", Text.plural(
            "'{layout}' needs exactly {n} disk; storage.disks names {count}",
            "'{layout}' needs exactly {n} disks; storage.disks names {count}",
            fewest, layout=layout.value, count=len(chosen)) if fewest == most else Text(
            "'{layout}' needs {fewest} to {most} disks; storage.disks names {count}",
            layout=layout.value, fewest=fewest, most=most, count=len(chosen)))
    _refuse(checks.rate_and_check_secret(
        answers.passphrase.reveal(), field=checks.PASSPHRASE,
        accept_weak=answers.accept_weak_passphrase, words=words))

    warnings = []
    if not answers.passphrase.reveal().isascii():
        warnings.append(Text("storage.passphrase contains characters outside ASCII: make sure "
                             "you can type them on the '{keymap}' keyboard at boot",
                             keymap=keyboard.vc_keymap))
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
