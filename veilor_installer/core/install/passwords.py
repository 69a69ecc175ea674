"""crypt(3) hashes for kickstart's ``user --iscrypted --password=...``.

Python's ``crypt`` module is gone in 3.13, and the target runs 3.14. Fedora hashes with yescrypt
(``$y$``) through libxcrypt, which is on every Fedora and Debian system (it is what PAM links
against), so that is called through ctypes. Where libxcrypt is missing, a pure-Python SHA-512
crypt (``$6$``, Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512" spec) hashes instead;
Anaconda and PAM accept both.

Passwords are hashed as their UTF-8 bytes, which is what a UTF-8 login hands PAM. The password
never appears in a log or an exception message. Python strings cannot be wiped, but the buffer
libxcrypt works in is zeroed after every call.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Iterator
from typing import Literal

Method = Literal["yescrypt", "sha512"]

_B64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

# Sizes from libxcrypt's <crypt.h>: CRYPT_GENSALT_OUTPUT_SIZE and sizeof(struct crypt_data),
# which has been 32768 bytes in every libxcrypt release.
_GENSALT_OUTPUT_SIZE = 192
_CRYPT_DATA_SIZE = 32768

_SHA512_ROUNDS_DEFAULT = 5000
_SHA512_ROUNDS_MIN = 1000
_SHA512_ROUNDS_MAX = 999_999_999
_SHA512_SALT_MAX = 16
# Which digest bytes each group of four output characters encodes (the spec's step 22).
_SHA512_ORDER = (
    (0, 21, 42), (22, 43, 1), (44, 2, 23), (3, 24, 45), (25, 46, 4), (47, 5, 26), (6, 27, 48),
    (28, 49, 7), (50, 8, 29), (9, 30, 51), (31, 52, 10), (53, 11, 32), (12, 33, 54),
    (34, 55, 13), (56, 14, 35), (15, 36, 57), (37, 58, 16), (59, 17, 38), (18, 39, 60),
    (40, 61, 19), (62, 20, 41),
)  # fmt: skip

# What hash_password writes and what an admin's `mkpasswd`/`openssl passwd -6` prints. The last
# character of a $6$ hash carries only 2 bits of the digest, so it is one of "./01".
_YESCRYPT_HASH = re.compile(r"\$y\$[./0-9A-Za-z]{3,}\$[./0-9A-Za-z]{1,86}\$[./0-9A-Za-z]{43}")
_SHA512_HASH = re.compile(
    r"\$6\$(?:rounds=[1-9][0-9]{3,8}\$)?[./0-9A-Za-z]{1,16}\$[./0-9A-Za-z]{85}[./01]"
)


class _Libxcrypt:
    """The two libxcrypt calls used: ``crypt_gensalt_rn`` and ``crypt_rn`` (both reentrant)."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        self._gensalt = lib.crypt_gensalt_rn
        self._gensalt.argtypes = [
            ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p, ctypes.c_int,
            ctypes.c_char_p, ctypes.c_int,
        ]  # fmt: skip
        self._gensalt.restype = ctypes.c_char_p
        self._crypt = lib.crypt_rn
        self._crypt.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_int]
        self._crypt.restype = ctypes.c_char_p

    def gensalt(self, prefix: str) -> str:
        random = secrets.token_bytes(16)  # 128 bits, as libxcrypt picks by itself
        out = ctypes.create_string_buffer(_GENSALT_OUTPUT_SIZE)
        setting: bytes | None = self._gensalt(
            prefix.encode(), 0, random, len(random), out, len(out)
        )
        if setting is None:
            raise RuntimeError(f"libxcrypt could not make a {prefix} salt: {_errno_text()}")
        return setting.decode("ascii")

    def crypt(self, phrase: bytes, setting: str) -> str | None:
        """The hash of ``phrase`` with ``setting``, or None when libxcrypt refuses the setting."""
        data = ctypes.create_string_buffer(_CRYPT_DATA_SIZE)
        try:
            result: bytes | None = self._crypt(
                phrase, setting.encode("ascii"), data, _CRYPT_DATA_SIZE
            )
            return None if result is None else result.decode("ascii")
        finally:
            ctypes.memset(data, 0, _CRYPT_DATA_SIZE)


def _errno_text() -> str:
    code = ctypes.get_errno()
    return os.strerror(code) if code else "unknown error"


def _library_names() -> Iterator[str]:
    """Fedora's soname is libcrypt.so.2, Debian's libcrypt.so.1. They are tried by name first
    because ``find_library`` runs ldconfig (or a compiler) to look."""
    yield "libcrypt.so.2"
    yield "libcrypt.so.1"
    found = ctypes.util.find_library("crypt")
    if found:
        yield found


@functools.cache
def _libxcrypt() -> _Libxcrypt | None:
    """libxcrypt, or None when this system has no libcrypt that can do yescrypt."""
    for name in _library_names():
        try:
            lib = ctypes.CDLL(name, use_errno=True)
        except OSError:
            continue
        # glibc's own old libcrypt has neither call; it cannot do yescrypt.
        if hasattr(lib, "crypt_rn") and hasattr(lib, "crypt_gensalt_rn"):
            return _Libxcrypt(lib)
    return None


def yescrypt_available() -> bool:
    """Whether this system can make and check yescrypt hashes (libxcrypt is installed)."""
    return _libxcrypt() is not None


def _phrase(password: str) -> bytes:
    phrase = password.encode("utf-8")
    if b"\0" in phrase:
        raise ValueError("the password contains a NUL character, which crypt(3) cannot hash")
    return phrase


def sha512_crypt(password: str, setting: str) -> str:
    """SHA-512 crypt of ``password`` in pure Python, exactly as glibc and libxcrypt compute it.

    ``setting`` is ``$6$<salt>`` or ``$6$rounds=<N>$<salt>``, optionally followed by ``$`` and an
    old hash (ignored), so that a stored hash can be passed to check a password against it. As
    the spec says, the salt is cut at 16 characters and the rounds are clamped to
    1000..999999999 (libxcrypt refuses rounds outside that instead); ``rounds=`` is written out
    only when the setting gave it.
    """
    if not setting.startswith("$6$"):
        raise ValueError("a SHA-512 crypt setting starts with '$6$'")
    rest = setting[3:]
    rounds, custom = _SHA512_ROUNDS_DEFAULT, False
    if match := re.match(r"rounds=([0-9]+)\$", rest):
        rounds = min(max(int(match[1]), _SHA512_ROUNDS_MIN), _SHA512_ROUNDS_MAX)
        custom = True
        rest = rest[match.end() :]
    salt = rest.split("$", 1)[0][:_SHA512_SALT_MAX]
    if not salt.isascii():
        raise ValueError("a SHA-512 crypt salt must be ASCII")
    digest = _sha512_digest(_phrase(password), salt.encode("ascii"), rounds)
    encoded = []
    for b2, b1, b0 in _SHA512_ORDER:
        encoded.append(_b64_from_24bit(digest[b2], digest[b1], digest[b0], 4))
    encoded.append(_b64_from_24bit(0, 0, digest[63], 2))
    head = f"$6$rounds={rounds}$" if custom else "$6$"
    return f"{head}{salt}${''.join(encoded)}"


def _b64_from_24bit(b2: int, b1: int, b0: int, count: int) -> str:
    word = (b2 << 16) | (b1 << 8) | b0
    chars = []
    for _ in range(count):
        chars.append(_B64[word & 0x3F])
        word >>= 6
    return "".join(chars)


def _repeat_to(block: bytes, length: int) -> bytes:
    return (block * (length // len(block) + 1))[:length]


def _sha512_digest(key: bytes, salt: bytes, rounds: int) -> bytes:
    """Steps 1-21 of the spec; the comments name its steps."""
    sha512 = hashlib.sha512
    alternate = sha512(key + salt + key).digest()  # 4-8
    context = sha512(key + salt)  # 1-3
    context.update(_repeat_to(alternate, len(key)))  # 9-10
    length = len(key)
    while length:  # 11
        context.update(alternate if length & 1 else key)
        length >>= 1
    digest_a = context.digest()  # 12
    p_bytes = _repeat_to(sha512(key * len(key)).digest(), len(key))  # 13-16
    s_bytes = _repeat_to(sha512(salt * (16 + digest_a[0])).digest(), len(salt))  # 17-20
    digest = digest_a
    for i in range(rounds):  # 21
        context = sha512(p_bytes if i & 1 else digest)
        if i % 3:
            context.update(s_bytes)
        if i % 7:
            context.update(p_bytes)
        context.update(digest if i & 1 else p_bytes)
        digest = context.digest()
    return digest


def _sha512_salt() -> str:
    return "".join(secrets.choice(_B64) for _ in range(_SHA512_SALT_MAX))


def hash_password(password: str, *, method: Method | None = None) -> str:
    """A crypt(3) hash of ``password`` with a fresh random salt.

    yescrypt (libxcrypt's default cost, as Fedora's ``passwd`` uses) when libxcrypt is there,
    else SHA-512 crypt with 5000 rounds. ``method`` forces one; yescrypt without libxcrypt
    raises ``RuntimeError``.
    """
    phrase = _phrase(password)
    lib = _libxcrypt()
    if method is None:
        method = "yescrypt" if lib is not None else "sha512"
    if method == "sha512":
        return sha512_crypt(password, "$6$" + _sha512_salt())
    if lib is None:
        raise RuntimeError("yescrypt hashes need libxcrypt (libcrypt.so.1 or .2), not found")
    hashed = lib.crypt(phrase, lib.gensalt("$y$"))
    if hashed is None or not is_crypt_hash(hashed):
        raise RuntimeError(f"libxcrypt could not hash the password: {_errno_text()}")
    return hashed


def is_crypt_hash(text: str) -> bool:
    """Whether ``text`` is a yescrypt (``$y$...``) or SHA-512 (``$6$[rounds=N$]salt$hash``)
    crypt hash in the form libxcrypt writes it: the only two kinds the target accepts here.

    Only the form is checked, the same way on every machine; whether a yescrypt hash's
    parameters are sane is left to libxcrypt at login.
    """
    if _YESCRYPT_HASH.fullmatch(text):
        return True
    return _SHA512_HASH.fullmatch(text) is not None


def verify_password(password: str, hashed: str) -> bool:
    """Whether ``password`` matches ``hashed`` (compared in constant time).

    Raises ``ValueError`` when ``hashed`` is not a hash ``is_crypt_hash`` accepts, and
    ``RuntimeError`` for a yescrypt hash on a system without libxcrypt.
    """
    if not is_crypt_hash(hashed):
        raise ValueError("not a yescrypt ($y$...) or SHA-512 ($6$...) crypt hash")
    try:
        phrase = _phrase(password)
    except ValueError:
        return False  # crypt(3) never hashed a password holding NUL
    lib = _libxcrypt()
    if lib is not None:
        computed = lib.crypt(phrase, hashed)
    elif hashed.startswith("$6$"):
        computed = sha512_crypt(password, hashed)
    else:
        raise RuntimeError("checking a yescrypt hash needs libxcrypt, which is not installed")
    if computed is None:
        return False
    return hmac.compare_digest(computed.encode("ascii"), hashed.encode("ascii"))
