"""The one redacting logger.

Every module logs through ``get_logger``; a filter on the ``veilor`` logger replaces every
registered secret, and anything shaped like a pre-auth key, a crypt hash or a
``--passphrase=``/``--password=`` option, before a record reaches any handler.
"""

from __future__ import annotations

import logging
import re
import threading
import urllib.parse

from veilor_installer.core import i18n

MASK = "********"

_lock = threading.Lock()
_secrets: set[str] = set()
_short: set[str] = set()  # shorter than MIN_SECRET_LENGTH, held by the helper for one run

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


def register_secret(value: str, *, short: bool = False) -> None:
    """Remember a secret so that no log line can carry it. ``short``: a value shorter than
    MIN_SECRET_LENGTH is a secret too (a PIN, an old LUKS passphrase in one helper run); it is
    masked where it stands on its own, not inside a longer word or number."""
    if len(value) >= MIN_SECRET_LENGTH:
        with _lock:
            _secrets.add(value)
    elif short and value.strip():
        with _lock:
            _short.add(value)


def forget_all_secrets() -> None:
    """For tests: each starts with no remembered secret."""
    with _lock:
        _secrets.clear()
        _short.clear()


def forget_secret(value: str) -> None:
    with _lock:
        _secrets.discard(value)
        _short.discard(value)


# A run of characters holding at least one %XX escape: a key may be written percent-encoded
# (%2D for -, in a URL a user pasted); such a run is decoded and masked whole when it hides one.
_ENCODED = re.compile(r"[^\s\"'<>]*%[0-9A-Fa-f]{2}[^\s\"'<>]*")


def _mask_known(text: str, known: list[str], short: list[str]) -> str:
    for secret in known:
        if secret in text:
            text = text.replace(secret, MASK)
    for secret in short:
        if secret in text:
            text = re.sub(rf"(?<![\w]){re.escape(secret)}(?![\w])", MASK, text)
    for pattern in _PATTERNS:
        if pattern.groups == 2:
            text = pattern.sub(lambda m: m.group(1) + MASK, text)
        else:
            text = pattern.sub(MASK, text)
    return text


def redact(text: str) -> str:
    """Return ``text`` with every known secret and secret-shaped token masked, also when it
    is written percent-encoded."""
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)
        short = sorted(_short, key=len, reverse=True)
    if "%" in text:
        def decoded(match: re.Match[str]) -> str:
            token = match.group(0)
            try:
                plain = urllib.parse.unquote(token, errors="strict")
            except UnicodeDecodeError:
                return token
            return MASK if _mask_known(plain, known, short) != plain else token

        text = _ENCODED.sub(decoded, text)
    return _mask_known(text, known, short)


class RedactingFilter(logging.Filter):
    """Renders the message once, redacted, so handlers never see the raw arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        # A Text argument (or an exception carrying one) in English: logs are read by
        # developers and bug reports, whatever the wizard speaks.
        with i18n.in_language(i18n.SOURCE_LANGUAGE):
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
