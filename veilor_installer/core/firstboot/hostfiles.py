"""The running system's files that first boot reads and writes, and the site configuration.

Every path is taken under a system root, ``/`` for real; ``VEILOR_SYSROOT`` points it at a
folder for tests and development (ignored when elevated, like every override). Writes are
atomic (a new file renamed over the old one) and never follow a symbolic link, so a link
planted in a folder cannot redirect a root write; a file whose content and mode are already
right is left alone, which is how a re-run step knows it changed nothing.

The site configuration (``VEILOR_CONFIG``, default ``/etc/veilor/installer.toml``) names the
mesh servers (read by ``enrolment``), the Yggdrasil peers and the Reticulum backbone peers.
"""

from __future__ import annotations

import errno
import os
import stat
import tomllib
from pathlib import Path
from typing import Any

from veilor_installer.core import private, settings
from veilor_installer.core.errors import InvalidInput, OperationFailed
from veilor_installer.core.i18n import Text


def sysroot() -> Path:
    return settings.sysroot()


def host_path(root: Path, absolute: str) -> Path:
    """``absolute`` (``/etc/…``) under ``root``."""
    if not absolute.startswith("/") or "/../" in absolute + "/" or "\0" in absolute:
        raise ValueError(f"not a clean absolute path: {absolute!r}")
    return root / absolute.lstrip("/")


def config_path() -> Path:
    return settings.config_path()


def site_config() -> dict[str, Any]:
    """The site configuration as a table; an absent file is an empty one."""
    path = config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise InvalidInput(Text("{file}: cannot be read: {error}", file=path,
                                error=exc.strerror)) from None
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput(Text("{file}: not valid TOML: {error}", file=path,
                                error=str(exc))) from None


def config_list(section: str, key: str) -> list[str]:
    """``[section] key`` as a list of strings (empty when absent)."""
    table = site_config().get(section, {})
    value = table.get(key, []) if isinstance(table, dict) else None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidInput(Text("{file}: [{section}] {key} must be a list of strings",
                                file=config_path(), section=section, key=key))
    return list(value)


def make_dirs(path: Path, mode: int = 0o755) -> None:
    """Create ``path`` (``mode``) and its missing parents (0755) the way core.private does;
    refuse one that is a symbolic link, not a folder, not ours, or writable by others."""
    with private.open_folder(path, mode=mode, parents=True, keep_mode=True):
        pass


def read_text(path: Path) -> str | None:
    """The file's text, or None when it does not exist (a link is not followed)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OperationFailed(Text("{file} is a symbolic link; not following it",
                                       file=path)) from None
        raise OperationFailed(Text("cannot read {file}: {error}", file=path,
                                   error=exc.strerror)) from None
    with os.fdopen(fd, "r", encoding="utf-8", errors="replace") as fh:
        return fh.read()


def write_file(path: Path, text: str, mode: int = 0o644) -> bool:
    """Write ``text`` to ``path`` with ``mode``, atomically, through its open and checked
    folder (core.private); False when it already was so."""
    make_dirs(path.parent)
    with private.open_folder(path.parent, create=False, keep_mode=True) as folder:
        try:
            current = os.stat(path.name, dir_fd=folder.fd, follow_symlinks=False)
        except FileNotFoundError:
            current = None
        if current is not None:
            if stat.S_ISLNK(current.st_mode):
                raise OperationFailed(Text("{file} is a symbolic link; not following it",
                                           file=path))
            if not stat.S_ISREG(current.st_mode):
                raise OperationFailed(Text("{file} exists and is not a regular file; not "
                                           "replacing it", file=path))
            old = folder.read(path.name)
            if stat.S_IMODE(current.st_mode) == mode and old == text.encode("utf-8"):
                return False
        folder.replace(path.name, text, mode)
    return True
