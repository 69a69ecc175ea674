"""The one way to write a secret to disk, and to keep one out of a core file (DESIGN §7).

Everything secret that reaches a file (the kickstart and ``secrets.ks``, the enrolment key
file, the log bundle, a QR image of a join code, the host files the privileged helper writes)
goes through a ``Folder``: a folder opened with ``O_DIRECTORY|O_NOFOLLOW`` and checked (owner,
mode) before anything is written into it. Files are created relative to that open folder
(``dir_fd``), 0600 from their first byte whatever the umask, never over an existing name; they
are overwritten with zeros and unlinked through the same open folder. Nothing is ever done by
a path a second time, so a folder swapped for a symbolic link while we work (the name of the
key file is visible in ``/proc/<pid>/cmdline`` of ``tailscale up``) cannot redirect a write.

``no_core_dumps`` is the other half: a process holding a secret never leaves a core file.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import resource
import secrets
import stat
from pathlib import Path
from types import TracebackType

from veilor_installer.core import settings
from veilor_installer.core.errors import OperationFailed
from veilor_installer.core.i18n import Text
from veilor_installer.core.log import get_logger

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
RUNTIME_NAME = "veilor"
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_PR_SET_DUMPABLE = 4

log = get_logger("private")


def runtime_dir() -> str:
    """The runtime folder, decided here and nowhere else. ``VEILOR_RUNTIME_DIR`` when set (tests
    and development; ignored when elevated). Root (the helper, an install on boot.iso):
    ``/run/veilor``, 0755, root's. Any other user (the live wizard runs as liveuser, who may not
    create anything in /run): ``$XDG_RUNTIME_DIR/veilor``, in the user's own 0700 folder that
    logind makes at login (/run/user/UID); the ISO's polkit rule lets Anaconda read a kickstart
    from exactly there. Without such a folder: OperationFailed, saying so."""
    override = settings.runtime_dir_override()
    if override:
        return override
    if os.geteuid() == 0:
        return settings.ROOT_RUNTIME_DIR
    xdg = os.environ.get("XDG_RUNTIME_DIR", "")
    if not xdg or not os.path.isabs(xdg):
        raise OperationFailed(Text(
            "XDG_RUNTIME_DIR is not set: a user who is not root keeps the installer's runtime "
            "files in $XDG_RUNTIME_DIR/veilor (the login session makes that folder); start the "
            "installer from a desktop or login session, or as root"))
    xdg = os.path.normpath(xdg)
    try:
        info = os.lstat(xdg)
    except OSError:
        raise OperationFailed(Text("XDG_RUNTIME_DIR ({folder}) does not exist",
                                   folder=xdg)) from None
    if (not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid()
            or stat.S_IMODE(info.st_mode) & 0o077):
        raise OperationFailed(Text(
            "XDG_RUNTIME_DIR ({folder}) is not this user's own private folder (a folder of user "
            "{user}, mode 0700); not keeping the installer's runtime files there", folder=xdg,
            user=os.geteuid()))
    return os.path.join(xdg, RUNTIME_NAME)


def no_core_dumps() -> None:
    """No core file of this process, ever: ``RLIMIT_CORE`` 0 (inherited by the programs it
    starts) and not dumpable (which also covers a core pattern piping to a handler, and keeps
    other processes of the same user from ptrace-reading our memory). The soft limit is the
    one the kernel obeys; the hard one is left, so that a test calling this in its own
    process can still let a child dump (and see that the child turns it off itself)."""
    _, hard = resource.getrlimit(resource.RLIMIT_CORE)
    resource.setrlimit(resource.RLIMIT_CORE, (0, hard))
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the rlimit is all there is
        pass


def _refuse(why: Text) -> OperationFailed:
    return OperationFailed(why)


def _check_folder(fd: int, path: str, *, mode: int | None) -> None:
    """The open folder is ours, and nobody else may write into it. Its mode is never changed
    here: a folder we did not create is the user's (``--output ~``), and is only checked.
    ``mode``: the mode it must have (or 0700); a private folder (0700 wanted) is accepted with
    any mode that lets nobody else write, its files being 0600."""
    info = os.fstat(fd)
    if not stat.S_ISDIR(info.st_mode):
        raise _refuse(Text("{path} is not a folder; not writing there", path=path))
    if info.st_uid != os.geteuid():
        raise _refuse(Text("{path} belongs to user {owner}, not to {user}; not writing there",
                           path=path, owner=info.st_uid, user=os.geteuid()))
    if info.st_mode & 0o022:
        raise _refuse(Text("{path} can be written by other users (mode {mode}); not writing "
                           "there", path=path, mode=f"{stat.S_IMODE(info.st_mode):04o}"))
    if (mode is not None and mode != PRIVATE_FOLDER
            and stat.S_IMODE(info.st_mode) not in (mode, PRIVATE_FOLDER)):
        raise _refuse(Text("{path} has mode {mode}, not {wanted}; not writing there", path=path,
                           mode=f"{stat.S_IMODE(info.st_mode):04o}", wanted=f"{mode:04o}"))


def _check_parent(fd: int, path: str) -> None:
    """The folder holding a folder we rely on: another user who may write there (without the
    sticky bit) could rename ours away and put theirs in its place."""
    info = os.fstat(fd)
    if info.st_mode & 0o022 and not info.st_mode & stat.S_ISVTX:
        raise _refuse(Text("{path} can be written by other users (and has no sticky bit); not "
                           "writing there", path=path))


def _open_child(parent_fd: int, parent: str, name: str, *, mode: int,
                create: bool) -> tuple[int, bool]:
    """(fd of folder ``name`` in the open ``parent``, whether it was created)."""
    created = False
    if create:
        try:
            os.mkdir(name, mode, dir_fd=parent_fd)
            created = True
        except FileExistsError:
            pass
    try:
        fd = os.open(name, _DIR_FLAGS, dir_fd=parent_fd)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):
            raise _refuse(Text("{path} is not a folder (a symbolic link?); not writing there",
                               path=os.path.join(parent, name))) \
                from None
        raise
    if created:
        os.fchmod(fd, mode)  # the umask may have taken bits away, or left some
    return fd, created


class Folder:
    """An open, checked folder; files in it are reached only through it."""

    def __init__(self, fd: int, path: str) -> None:
        self.fd = fd
        self.path = path

    def __enter__(self) -> Folder:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def file_path(self, name: str) -> str:
        """The path of ``name`` for another program (tailscale reads the key file by it)."""
        return os.path.join(self.path, name)

    def subfolder(self, name: str, mode: int = PRIVATE_FOLDER, *, create: bool = True) -> Folder:
        """Folder ``name`` in this one, created ``mode`` when missing, checked."""
        _check_name(name)
        fd, _ = _open_child(self.fd, self.path, name, mode=mode, create=create)
        try:
            _check_folder(fd, self.file_path(name), mode=mode)
        except BaseException:
            os.close(fd)
            raise
        return Folder(fd, self.file_path(name))

    def exists(self, name: str) -> bool:
        try:
            os.stat(name, dir_fd=self.fd, follow_symlinks=False)
        except FileNotFoundError:
            return False
        return True

    def write(self, name: str, data: str | bytes, *, mode: int = PRIVATE_FILE,
              replace: bool = False, set_mode: bool = True) -> str:
        """A new file ``name`` with ``data``, ``mode`` (0600) from its first byte, synced.
        An existing ``name`` is refused, or with ``replace`` shredded first. Returns its path.
        ``set_mode=False``: created with ``mode`` but not chmod-ed after (a FAT stick refuses
        that; it has no modes to set)."""
        _check_name(name)
        if replace:
            self.shred(name)
        raw = data.encode("utf-8") if isinstance(data, str) else data
        fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                     mode, dir_fd=self.fd)
        try:
            if set_mode:
                os.fchmod(fd, mode)
            _write_all(fd, raw)
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            self.shred(name)
            raise
        os.close(fd)
        return self.file_path(name)

    def replace(self, name: str, data: str | bytes, mode: int) -> None:
        """Atomically put a file ``name`` with ``data`` and ``mode`` in place (a new file
        renamed over the old one: a link planted under that name is replaced, not followed)."""
        _check_name(name)
        temp = f".{name}.{secrets.token_hex(6)}.tmp"
        self.write(temp, data, mode=mode)
        try:
            os.replace(temp, name, src_dir_fd=self.fd, dst_dir_fd=self.fd)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp, dir_fd=self.fd)
            raise

    def read(self, name: str) -> bytes | None:
        """The bytes of regular file ``name``, None when there is none (a link is refused)."""
        try:
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK,
                         dir_fd=self.fd)
        except FileNotFoundError:
            return None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise OperationFailed(Text("{path} is a symbolic link; not following it",
                                           path=self.file_path(name))) from None
            raise
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise OperationFailed(Text("{path} is not a regular file",
                                           path=self.file_path(name)))
            return fh.read()

    def shred(self, name: str) -> bool:
        """Overwrite regular file ``name`` with zeros and unlink it, both through this open
        folder. A link, or a file that is not only ours, is unlinked, never written through.
        True when there was something to remove."""
        try:
            fd = os.open(name, os.O_WRONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK,
                         dir_fd=self.fd)
        except FileNotFoundError:
            return False
        except OSError:
            fd = -1  # a link (ELOOP), a folder, a FIFO without a reader: only unlink it
        if fd >= 0:
            try:
                info = os.fstat(fd)
                if (stat.S_ISREG(info.st_mode) and info.st_nlink == 1
                        and info.st_uid == os.geteuid()):
                    _write_all(fd, b"\0" * info.st_size)
                    os.fsync(fd)
            finally:
                os.close(fd)
        try:
            os.unlink(name, dir_fd=self.fd)
        except FileNotFoundError:
            return False
        except IsADirectoryError:
            raise OperationFailed(Text("{path} is a folder", path=self.file_path(name))) from None
        return True

    def remove_folder(self, name: str) -> None:
        """Remove the empty folder ``name`` (a non-empty or missing one is left)."""
        with contextlib.suppress(OSError):
            os.rmdir(name, dir_fd=self.fd)

    def names(self) -> list[str]:
        return sorted(os.listdir(self.fd))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _check_name(name: str) -> None:
    if not name or "/" in name or name in (".", "..") or "\0" in name:
        raise ValueError(f"not a plain file name: {name!r}")


def _open_made_parents(path: str) -> int:
    """Create the missing folders of ``path`` 0755 whatever the umask (0777 under umask 000
    would make this module refuse its own parent) and return ``path`` opened. The folders that
    exist are the caller's choice and are followed; from the last of them on, each folder is
    made relative to its parent opened ``O_DIRECTORY|O_NOFOLLOW`` and chmod-ed through its own
    ``O_NOFOLLOW`` open, so a link swapped in after ``mkdir`` is refused, never followed."""
    missing: list[str] = []
    current = path
    while not os.path.lexists(current):
        current, name = os.path.split(current)
        missing.append(name)
    fd = os.open(current, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for name in reversed(missing):
            # a folder on the way: 0755, only we write
            child, _ = _open_child(fd, current, name, mode=0o755, create=True)
            os.close(fd)
            fd, current = child, os.path.join(current, name)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _make_parents(path: str) -> None:
    """Create the missing folders of ``path`` 0755 (see ``_open_made_parents``)."""
    os.close(_open_made_parents(path))


def open_folder(path: str | Path, *, mode: int = PRIVATE_FOLDER, create: bool = True,
                parents: bool = False, keep_mode: bool = False) -> Folder:
    """Open folder ``path`` without following a link in its last part, creating it ``mode``
    when missing (and its missing parents 0755 with ``parents``); it must be ours and
    writable by nobody else, and so must be its parent unless it has the sticky bit. Only a
    folder made here gets ``mode``; an existing one is never chmod-ed: a private folder (0700)
    that others may read is used as it is (its files are 0600), any other mode but ``mode`` or
    0700 is refused (``keep_mode``: any mode that lets nobody else write is accepted). The
    parents are the caller's choice and are followed."""
    full = os.path.abspath(os.fspath(path))
    parent, name = os.path.split(full)
    if not name:
        raise ValueError("the root folder cannot be a private folder")
    if parents and create:
        parent_fd = _open_made_parents(parent)
    else:
        parent_fd = os.open(parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        _check_parent(parent_fd, parent)
        fd, _ = _open_child(parent_fd, parent, name, mode=mode, create=create)
    finally:
        os.close(parent_fd)
    try:
        _check_folder(fd, full, mode=None if keep_mode else mode)
    except BaseException:
        os.close(fd)
        raise
    return Folder(fd, full)


def private_folder(path: str | Path, *, parents: bool = True) -> Folder:
    """A 0700 folder of this user, created when missing."""
    return open_folder(path, mode=PRIVATE_FOLDER, parents=parents)


def runtime_folder(path: str | Path) -> Folder:
    """Root's runtime folder (``/run/veilor``): created 0755, ours; refused when it exists with
    another owner, or writable by anyone else (a private 0700 one is accepted as it is)."""
    return open_folder(path, mode=0o755, parents=True)


def shred_in(folder_path: str | Path, names: tuple[str, ...]) -> list[str]:
    """Shred ``names`` in an existing folder of ours (a stale ``secrets.ks`` of a killed run).
    A missing folder, or one of another user (``/run/veilor`` made by the root helper, seen by
    a user's dry run), has nothing of ours to shred. Returns the names removed."""
    full = os.path.abspath(os.fspath(folder_path))
    try:
        info = os.lstat(full)
    except FileNotFoundError:
        return []
    if stat.S_ISDIR(info.st_mode) and info.st_uid != os.geteuid():
        log.info("%s belongs to user %d: nothing of ours to remove there", full, info.st_uid)
        return []
    try:
        folder = open_folder(full, create=False, keep_mode=True)
    except FileNotFoundError:
        return []
    with folder:
        return [name for name in names if folder.shred(name)]


def write_file(path: str | Path, data: str | bytes) -> str:
    """A 0600 file at a path the user chose (``mesh sign --png FILE``): the folder is theirs
    and is followed; the file itself is created new, never through a link (an earlier one of
    that name is shredded first)."""
    full = os.path.abspath(os.fspath(path))
    parent, name = os.path.split(full)
    with Folder(os.open(parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC), parent) as folder:
        return folder.write(name, data, replace=True)


def copy_folder(source: str | Path, parent: str | Path, name: str) -> str:
    """Copy the regular files of our private folder ``source`` into a new folder ``name`` (or
    ``name-2`` …) of ``parent``, a USB stick: created 0700 and 0600 without following a link,
    each file synced so that the stick can be ejected at once. No mode is set after creating:
    FAT refuses it. Returns the new folder."""
    with open_folder(source, create=False, keep_mode=True) as src:
        parent_path = os.path.abspath(os.fspath(parent))
        parent_fd = os.open(parent_path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            target, n = name, 1
            while True:
                try:
                    os.mkdir(target, PRIVATE_FOLDER, dir_fd=parent_fd)
                    break
                except FileExistsError:
                    n += 1
                    target = f"{name}-{n}"
            fd = os.open(target, _DIR_FLAGS, dir_fd=parent_fd)
        finally:
            os.close(parent_fd)
        with Folder(fd, os.path.join(parent_path, target)) as dst:
            for entry in src.names():
                info = os.stat(entry, dir_fd=src.fd, follow_symlinks=False)
                data = src.read(entry) if stat.S_ISREG(info.st_mode) else None
                if data is not None:
                    dst.write(entry, data, set_mode=False)
            return dst.path
