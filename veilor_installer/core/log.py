"""The one redacting logger.

Every module logs through ``get_logger``; a filter on the ``veilor`` logger replaces every
registered secret, and anything shaped like a pre-auth key, a crypt hash or a
``--passphrase=``/``--password=`` option, before a record reaches any handler.
"""

from __future__ import annotations

import logging
import re
import threading

MASK = "********"

_lock = threading.Lock()
_secrets: set[str] = set()

_PATTERNS = (
    re.compile(r"hskey-auth-[A-Za-z0-9_-]{12}-[A-Za-z0-9_-]{64}"),
    re.compile(r"(?<![0-9a-f])[0-9a-f]{48}(?![0-9a-f])"),
    re.compile(r"\$(?:y|6|5|2[aby]|gy|7)\$[^\s'\"]+"),
    re.compile(r"(--(?:passphrase|password|auth-key|hw-passphrase)[= ])(\"[^\"]*\"|'[^']*'|\S+)"),
)


# Shorter values are never real secrets (the passphrase and password policies start at 8,
# keys are 48+), and masking every "usr" or "tmp" would garble logs and make the one door
# refuse innocent arguments.
MIN_SECRET_LENGTH = 8


def register_secret(value: str) -> None:
    """Remember a secret so that no log line can carry it."""
    if len(value) >= MIN_SECRET_LENGTH:
        with _lock:
            _secrets.add(value)


def forget_all_secrets() -> None:
    """For tests: each starts with no remembered secret."""
    with _lock:
        _secrets.clear()


def forget_secret(value: str) -> None:
    with _lock:
        _secrets.discard(value)


def redact(text: str) -> str:
    """Return ``text`` with every known secret and secret-shaped token masked."""
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, MASK)
    for pattern in _PATTERNS:
        if pattern.groups == 2:
            text = pattern.sub(lambda m: m.group(1) + MASK, text)
        else:
            text = pattern.sub(MASK, text)
    return text


class RedactingFilter(logging.Filter):
    """Renders the message once, redacted, so handlers never see the raw arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            # Render the traceback now, redacted, and keep only the text.
            formatter = logging.Formatter()
            message = message + "\n" + formatter.formatException(record.exc_info)
            record.exc_info = None
            record.exc_text = None
        record.msg = redact(message)
        record.args = None
        return True


_ROOT = logging.getLogger("veilor")
_ROOT.addFilter(RedactingFilter())


def get_logger(name: str) -> logging.Logger:
    """A child of the ``veilor`` logger. Filters on a parent do not apply to records
    propagated from children, so each child gets the filter too."""
    logger = logging.getLogger(f"veilor.{name}")
    if not any(isinstance(f, RedactingFilter) for f in logger.filters):
        logger.addFilter(RedactingFilter())
    return logger
