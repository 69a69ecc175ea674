"""Storage discovery: what disks this machine has and what is on them.

Two backends fill the same ``Machine``: blivet (Anaconda's own library, present on the Fedora
ISO) when it imports, else lsblk + blkid, which works anywhere util-linux does, without udev
and partly without root. Profiles (``--machine FILE``, ``--demo``) live in ``profile.py``; what
every backend shares (its protocol, ``StorageError``, ``finish_machine``) in ``backend.py``.
The Machine lists every block disk, loop and zram included; callers keep the install
targets with ``machine.targets()``.
"""

from __future__ import annotations

from veilor_installer.core import settings
from veilor_installer.core.install.machine import Machine
from veilor_installer.core.install.storage.backend import (
    StorageBackend,
    StorageError,
    finish_machine,
)
from veilor_installer.core.install.storage.lsblk import LsblkBackend
from veilor_installer.core.log import get_logger

__all__ = ["BACKENDS", "StorageBackend", "StorageError", "discover", "finish_machine"]

log = get_logger("storage")

BACKENDS = ("blivet", "lsblk")


def _blivet_backend() -> StorageBackend | None:
    """The blivet backend when blivet imports; on Debian it may be installed yet fail to
    import (``ValueError: Namespace BlockDev not available``), so any exception counts."""
    try:
        from veilor_installer.core.install.storage.blivet_backend import BlivetBackend
    except Exception as exc:  # any import failure means "no blivet here"
        log.info("blivet is not usable here (%s: %s); using lsblk", type(exc).__name__, exc)
        return None
    return BlivetBackend()


def discover(*, backend: str | None = None) -> Machine:
    """Read this machine's disks with ``backend`` ("blivet", "lsblk") or the best available.

    ``VEILOR_STORAGE_BACKEND=lsblk`` turns blivet off (tests, development). When blivet was
    chosen automatically and fails while reading, lsblk is used instead: a wrong library
    version must not keep someone from installing.
    """
    wanted = backend or settings.storage_backend()
    if wanted is not None and wanted not in BACKENDS:
        raise ValueError(f"unknown storage backend {wanted!r}; choose one of {BACKENDS}")
    if wanted == "lsblk":
        return LsblkBackend().read_machine()
    chosen = _blivet_backend()
    if chosen is None:
        if wanted == "blivet":
            raise StorageError(
                "the blivet storage backend was asked for, but blivet cannot be imported here"
            )
        return LsblkBackend().read_machine()
    if wanted == "blivet":
        try:
            return chosen.read_machine()
        except StorageError:
            raise
        except Exception as exc:  # blivet raises many kinds: one line, not a traceback
            raise StorageError(
                f"blivet failed to read the disks ({type(exc).__name__}: {exc})"
            ) from exc
    try:
        return chosen.read_machine()
    except Exception as exc:  # blivet raises many kinds; lsblk is the answer
        log.warning(
            "blivet failed to read the disks (%s: %s); using lsblk instead", type(exc).__name__, exc
        )
        return LsblkBackend().read_machine()
