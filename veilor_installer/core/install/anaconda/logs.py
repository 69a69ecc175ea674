"""Anaconda's logs: followed while it runs, gathered redacted into one private bundle when it
ends, and copied to a USB stick when the person asks (DESIGN §8; research/anaconda.md §3.3).

Every text that leaves Anaconda's own files goes through ``mask``: the central redaction plus
the plan's own secrets, so that the passphrase never reaches a display or a saved log.
"""

from __future__ import annotations

import glob
import logging
import os
import time
from collections import deque
from collections.abc import Iterable, Sequence
from pathlib import Path

from veilor_installer.core import private, settings
from veilor_installer.core.log import MASK, get_logger, redact

log = get_logger("anaconda")

LOG_FILES = ("anaconda.log", "program.log", "packaging.log", "storage.log", "dbus.log",
             "syslog", "journal.log")
LOG_PATTERNS = ("ks-script-*.log", "anaconda-tb-*")
WATCHED = ("anaconda.log", "program.log", "packaging.log", "storage.log")
OUTPUT_LOG = "anaconda-output.log"
OWN_LOG = "veilor-installer.log"
MAX_LOG_BYTES = 64 * 1024**2
MASK_PIECE = 64 * 1024
"""Long texts are masked in pieces of about this size, cut at line ends: each regex pass holds
the GIL for its whole length (~20 µs a KiB), and a GUI thread waiting for it stalls (a 10 MB
log file in one pass: 0.2 s)."""


def default_log_dir() -> str:
    return settings.anaconda_log_dir()


class Tail:
    """Reads what was added to a log file since the last call; a file replaced or truncated
    (a new Anaconda run in the same live session) is read from its start."""

    def __init__(self, path: str, *, from_end: bool) -> None:
        self.path = path
        self._ino: int | None = None
        self._offset = 0
        self._partial = ""
        self.readable = False
        self.size = 0
        if from_end:
            try:
                st = os.stat(path)
            except OSError:
                return
            self._ino, self._offset = st.st_ino, st.st_size

    def read(self, *, final: bool = False) -> list[str]:
        try:
            st = os.stat(self.path)
        except OSError:
            return []
        if st.st_ino != self._ino or st.st_size < self._offset:
            self._ino, self._offset, self._partial = st.st_ino, 0, ""
        self.size = st.st_size
        if st.st_size == self._offset and not final:
            return []
        try:
            with open(self.path, "rb") as fh:
                fh.seek(self._offset)
                data = fh.read(st.st_size - self._offset)
        except OSError:
            return []
        self.readable = True
        self._offset += len(data)
        text = self._partial + data.decode("utf-8", errors="replace")
        lines = text.split("\n")
        self._partial = lines.pop()
        if final and self._partial:
            lines.append(self._partial)
            self._partial = ""
        return [line.rstrip("\r") for line in lines]


def mask(text: str, secrets: Iterable[str]) -> str:
    """``redact`` plus the given secrets (the plan's passphrase, as typed and as quoted).
    Line by line in effect: no secret spans a line (control characters are refused)."""
    known = sorted({s for s in secrets if len(s) >= 3}, key=len, reverse=True)
    if len(text) <= MASK_PIECE:
        return _mask_piece(text, known)
    pieces = []
    start = 0
    while start < len(text):
        end = text.find("\n", start + MASK_PIECE)
        end = len(text) if end < 0 else end + 1
        pieces.append(_mask_piece(text[start:end], known))
        start = end
    return "".join(pieces)


def _mask_piece(text: str, known: list[str]) -> str:
    for secret in known:
        text = text.replace(secret, MASK)
    return redact(text)


def _read_tail_text(path: str) -> str:
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > MAX_LOG_BYTES:
            fh.seek(size - MAX_LOG_BYTES)
            head = f"[veilor-installer: the first {size - MAX_LOG_BYTES} bytes were left out]\n"
        else:
            head = ""
        return head + fh.read().decode("utf-8", errors="replace")


def _mtime(path: str) -> float:
    try:
        return os.path.getmtime(path)
    except OSError:
        return 0.0


def collect_logs(parent: str, *, log_dir: str, since: float, extra: dict[str, str],
                 secrets: Sequence[str]) -> str:
    """Copy Anaconda's logs of this run, and ``extra`` texts, into a new private folder
    ``<parent>/logs-<time>/``, every file redacted. Returns the folder."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    folder = Path(parent) / f"logs-{stamp}"
    n = 1
    while folder.exists():
        n += 1
        folder = Path(parent) / f"logs-{stamp}-{n}"
    names = [os.path.join(log_dir, name) for name in LOG_FILES]
    for pattern in LOG_PATTERNS:
        names += sorted(p for p in glob.glob(os.path.join(log_dir, pattern))
                        if _mtime(p) >= since - 1)  # this run's, not an earlier one's
    missing, unreadable = [], []
    texts = dict(extra)
    for path in names:
        if not os.path.isfile(path):
            missing.append(os.path.basename(path))
            continue
        try:
            texts[os.path.basename(path)] = _read_tail_text(path)
        except OSError as exc:
            unreadable.append(f"{os.path.basename(path)} ({exc.strerror})")
    readme = [
        "Logs of a veilor-os install, gathered by veilor-installer.",
        "Passphrases, passwords and password hashes are replaced by ********.",
        f"From {log_dir}: " + ", ".join(sorted(n for n in texts if n not in extra)),
        f"{OUTPUT_LOG}: what Anaconda printed. {OWN_LOG}: veilor-installer's own log.",
    ]
    if unreadable:
        readme.append("Could not be read: " + ", ".join(unreadable))
    with private.private_folder(folder) as bundle:
        for name, text in texts.items():
            bundle.write(name, mask(text, secrets))
        bundle.write("README.txt", "\n".join(readme) + "\n")
    log.info("logs gathered in %s (%d files; not present: %s)", folder, len(texts),
             ", ".join(missing) or "none")
    return str(folder)


class Capture(logging.Handler):
    """veilor-installer's own log records during a run, for the log bundle."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: deque[str] = deque(maxlen=20_000)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def save_logs(bundle: str, parent: str) -> str:
    """Copy the log bundle into a new folder under ``parent`` (a USB stick), through
    core.private: no link followed, each file synced so the stick can be ejected at once.
    Returns the new folder."""
    return private.copy_folder(bundle, parent, "veilor-install-" + Path(bundle).name)


def removable_media_folder() -> str:
    """Where the desktop mounts USB sticks (udisks: /run/media/<user>), else the home folder:
    where a person choosing a folder for the logs starts."""
    user = os.environ.get("USER") or ""
    media = os.path.join("/run/media", user)
    return media if user and os.path.isdir(media) else os.path.expanduser("~")
