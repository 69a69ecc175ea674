"""The install's input checks: user name, full name, computer name, the account password and
the disk passphrase (DESIGN §8), and the words an attacker tries first.

Each check returns a list of ``core.checks.Problem`` (empty when the value is fine), at most
one per field, the first rule broken, in the order the rules are listed here. The answers
file (``answers.py``) and the Account and Encryption pages word the codes; neither re-states
a rule.

A secret's strength is zxcvbn's (``strength.assess``), which takes 20-40 ms: the pages rate in
a worker and pass the rating in (``check_secret``); the answers file rates on its own thread
(``rate_and_check_secret``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from veilor_installer.core.checks import Code, Problem, check_invisible
from veilor_installer.core.install import strength
from veilor_installer.core.install.strength import Strength

USERNAME, FULL_NAME, HOSTNAME = "username", "full_name", "hostname"
PASSWORD, PASSPHRASE = "password", "passphrase"

MAX_USERNAME = 32
MAX_HOSTNAME = 64
MAX_FULL_NAME = 256
MAX_SECRET_BYTES = 256
"""The longest passphrase or password, in UTF-8 bytes: libxcrypt refuses a phrase of 512
bytes or more (ERANGE), and no one types more than this."""

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

_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")

PRODUCT_WORD = "veilor"
"""Rated against every secret: the system's own name is an attacker's first guess."""


def attacker_words(username: str, full_name: str, hostname: str) -> list[str]:
    """The words an attacker tries first, which a secret is rated against: the account's
    names, the computer's name and the product's."""
    return [username, full_name, hostname, PRODUCT_WORD]


def check_username(value: str) -> list[Problem]:
    if not value:
        return [Problem(Code.EMPTY, USERNAME)]
    if found := check_invisible(value, field=USERNAME):
        return found
    if len(value) > MAX_USERNAME:
        return [Problem(Code.TOO_LONG, USERNAME, limit=MAX_USERNAME, size=len(value))]
    if not _USERNAME.fullmatch(value):
        return [Problem(Code.INVALID_CHARACTERS, USERNAME)]
    if value in RESERVED_USERNAMES or value.startswith("systemd-"):
        return [Problem(Code.RESERVED, USERNAME, name=value)]
    return []


def check_hostname(value: str) -> list[Problem]:
    if not value:
        return [Problem(Code.EMPTY, HOSTNAME)]
    if found := check_invisible(value, field=HOSTNAME):
        return found
    if len(value) > MAX_HOSTNAME:
        return [Problem(Code.TOO_LONG, HOSTNAME, limit=MAX_HOSTNAME, size=len(value))]
    labels = value.split(".")
    if not all(_LABEL.fullmatch(label) for label in labels):
        return [Problem(Code.INVALID_CHARACTERS, HOSTNAME)]
    if labels[-1].isdigit():
        return [Problem(Code.NUMERIC_ENDING, HOSTNAME)]
    return []


def check_full_name(value: str) -> list[Problem]:
    if found := check_invisible(value, field=FULL_NAME, allow_joiners=True):
        return found
    if ":" in value:
        return [Problem(Code.CONTAINS_COLON, FULL_NAME)]
    if len(value) > MAX_FULL_NAME:
        return [Problem(Code.TOO_LONG, FULL_NAME, limit=MAX_FULL_NAME, size=len(value))]
    return []


def check_secret(value: str, *, field: str, rating: Strength | None,
                 accept_weak: bool) -> list[Problem]:
    """The policy of DESIGN §8 for ``field`` (``PASSWORD`` or ``PASSPHRASE``).

    ``rating`` is ``strength.assess`` of ``value`` against ``attacker_words``, or None while
    it is not in yet: then only the rules of the text itself apply. ``accept_weak``: the person
    said "use it anyway", which a fair (score 2) secret needs; a weaker one is refused.
    """
    if not value:
        return [Problem(Code.EMPTY, field)]
    size = len(value.encode("utf-8", "surrogatepass"))
    if size > MAX_SECRET_BYTES:
        return [Problem(Code.TOO_LONG_BYTES, field, limit=MAX_SECRET_BYTES, size=size)]
    if found := check_invisible(value, field=field):
        return found
    if rating is None:
        return []
    if rating.verdict == "refused":
        return [Problem(Code.TOO_WEAK, field, label=rating.label, reasons=rating.problems)]
    if rating.verdict == "needs-confirmation" and not accept_weak:
        return [Problem(Code.NEEDS_CONSENT, field, label=rating.label)]
    return []


def rate_and_check_secret(value: str, *, field: str, accept_weak: bool,
                          words: Sequence[str]) -> list[Problem]:
    """``check_secret`` with the rating made here, on the calling thread, and only for a text
    that passes the rules of the text itself (the answers file; never the GUI thread)."""
    if found := check_secret(value, field=field, rating=None, accept_weak=accept_weak):
        return found
    return check_secret(value, field=field, rating=strength.assess(value, words),
                        accept_weak=accept_weak)
