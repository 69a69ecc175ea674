"""Every ``VEILOR_*`` setting, once: its name, its default, why it exists, and whether it is
honoured when elevated.

The settings are overrides for tests, development and ``--demo`` (fake programs first, a folder
standing for ``/``, a scratch runtime folder …); a real system runs on the defaults. One rule
covers them all: a process started through pkexec (``PKEXEC_UID`` set) ignores them and uses the
default, so the user who asked for root cannot point root's work at their own files. Only
``VEILOR_THEME`` (colours) is honoured there too. Each module asks for its value here
(``settings.sysroot()``, ``settings.bin_dir()`` …) and never reads the environment for a setting
itself. The ``VEILOR_FAKE_*`` variables belong to the demo's fake programs, not here.
docs/FIRSTBOOT.md ("Settings") lists this table; tests/unit/core/test_settings.py keeps the two
equal.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_OUTPUT = "veilor-install"
"""Where a dry run writes the kickstart when no folder is named (relative to the current one)."""


def elevated() -> bool:
    """True when started through pkexec: the settings are then ignored (DESIGN §7)."""
    return "PKEXEC_UID" in os.environ


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    """Empty: no fixed default; the reader decides (``why`` says how)."""
    why: str
    honoured_elevated: bool = False

    def override(self) -> str | None:
        """The environment's value; None when unset, empty, or elevated and not honoured."""
        if elevated() and not self.honoured_elevated:
            return None
        return os.environ.get(self.name) or None

    def value(self) -> str:
        return self.override() or self.default


ROOT_RUNTIME_DIR = "/run/veilor"

BIN_DIR = Setting("VEILOR_BIN_DIR", "",
                  "a folder of programs searched before PATH: the fakes of tailscale, anaconda, "
                  "systemctl … for tests and --demo")
RUNTIME_DIR = Setting("VEILOR_RUNTIME_DIR", ROOT_RUNTIME_DIR,
                      "the runtime folder (kickstart, key files); the default is root's, "
                      "another user's is $XDG_RUNTIME_DIR/veilor (core/private.py decides)")
DATA_DIR = Setting("VEILOR_DATA_DIR", "",
                   "a folder holding resources/, ui/ … instead of the package's data/")
SYSROOT = Setting("VEILOR_SYSROOT", "/",
                  "a folder standing for / : the files first boot reads and writes")
CONFIG = Setting("VEILOR_CONFIG", "/etc/veilor/installer.toml",
                 "the site configuration: mesh servers, Yggdrasil and Reticulum peers")
ENROL_KEYS_DIR = Setting("VEILOR_ENROL_KEYS_DIR", "/usr/share/veilor/enrol",
                         "the public keys of the signers whose join codes this computer trusts")
LIVE_STATE_DIR = Setting("VEILOR_LIVE_STATE_DIR", "/run/veilor-installer-live",
                         "where prepare-live remembers what it changed, for undo-live")
UDEV_RULES_DIR = Setting("VEILOR_UDEV_RULES_DIR", "/run/udev/rules.d",
                         "where prepare-live puts the rule that stops the desktop's automount")
ISO_IMAGE_RECORD = Setting("VEILOR_ISO_IMAGE_RECORD", "/etc/veilor-installer/iso-image.json",
                           "the ISO's record of the image it carries (offline install)")
REGISTRY_URL = Setting("VEILOR_REGISTRY_URL", "",
                       "the registry to probe and ask for digests (a local server in tests); "
                       "else the image's own (ghcr.io for the requirements probe)")
CONTAINERS_POLICY = Setting("VEILOR_CONTAINERS_POLICY", "",
                            "the signature policy to read; else root's own, else "
                            "/etc/containers/policy.json")
ENVIRONMENT = Setting("VEILOR_ENVIRONMENT", "",
                      "boot-iso or live; else a boot.iso when /.buildstamp exists")
ANACONDA = Setting("VEILOR_ANACONDA", "anaconda", "the Anaconda program to start")
ANACONDA_LOG_DIR = Setting("VEILOR_ANACONDA_LOG_DIR", "/tmp",  # noqa: S108 (Anaconda's choice)
                           "where Anaconda's logs are read (it writes them there: "
                           "research/anaconda.md §3.3)")
ANACONDA_STALL_TIMEOUT = Setting("VEILOR_ANACONDA_STALL_TIMEOUT", str(20 * 60),
                                 "seconds without a word from Anaconda before it is called "
                                 "stuck (a number; anything else is the default)")
STORAGE_BACKEND = Setting("VEILOR_STORAGE_BACKEND", "",
                          "blivet or lsblk; else blivet when it can be imported")
CAMERA = Setting("VEILOR_CAMERA", "",
                 "a video file or a camera (a path, or N for /dev/videoN); else the first camera")
QR_DECODER = Setting("VEILOR_QR_DECODER", "", "zxing-cpp or zbar; else the first that loads")
THEME = Setting("VEILOR_THEME", "", "light or dark (screenshots, tests); else the desktop's",
                honoured_elevated=True)

SETTINGS: tuple[Setting, ...] = (
    BIN_DIR, RUNTIME_DIR, DATA_DIR, SYSROOT, CONFIG, ENROL_KEYS_DIR, LIVE_STATE_DIR,
    UDEV_RULES_DIR, ISO_IMAGE_RECORD, REGISTRY_URL, CONTAINERS_POLICY, ENVIRONMENT, ANACONDA,
    ANACONDA_LOG_DIR, ANACONDA_STALL_TIMEOUT, STORAGE_BACKEND, CAMERA, QR_DECODER, THEME,
)


def bin_dir() -> str | None:
    return BIN_DIR.override()


def runtime_dir_override() -> str | None:
    return RUNTIME_DIR.override()


def data_dir() -> Path | None:
    override = DATA_DIR.override()
    return Path(override) if override else None


def sysroot() -> Path:
    return Path(SYSROOT.value())


def config_path() -> Path:
    return Path(CONFIG.value())


def enrol_keys_dir() -> Path:
    return Path(ENROL_KEYS_DIR.value())


def live_state_dir() -> str:
    return LIVE_STATE_DIR.value()


def udev_rules_dir() -> str:
    return UDEV_RULES_DIR.value()


def iso_image_record() -> str:
    return ISO_IMAGE_RECORD.value()


def registry_url() -> str | None:
    return REGISTRY_URL.override()


def containers_policy() -> str | None:
    return CONTAINERS_POLICY.override()


def environment() -> str | None:
    return ENVIRONMENT.override()


def anaconda() -> str:
    return ANACONDA.value()


def anaconda_log_dir() -> str:
    return ANACONDA_LOG_DIR.value()


def anaconda_stall_seconds() -> float:
    fallback = float(ANACONDA_STALL_TIMEOUT.default)
    value = ANACONDA_STALL_TIMEOUT.override()
    try:
        return float(value) if value else fallback
    except ValueError:
        return fallback


def storage_backend() -> str | None:
    return STORAGE_BACKEND.override()


def camera() -> str | None:
    return CAMERA.override()


def qr_decoder() -> str | None:
    return QR_DECODER.override()


def theme() -> str | None:
    return THEME.override()
