"""crypt(3) hashes for the kickstart user (core/passwords.py)."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veilor_installer.core import commands
from veilor_installer.core.install import passwords
from veilor_installer.core.install.passwords import (
    hash_password,
    is_crypt_hash,
    sha512_crypt,
    verify_password,
)
from veilor_installer.core.log import forget_secret

B64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

# The test vectors published with Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512".
SPEC_VECTORS = [
    (
        "$6$saltstring",
        "Hello world!",
        "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1",
    ),
    (
        "$6$rounds=10000$saltstringsaltstring",
        "Hello world!",
        "$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.",
    ),
    (
        "$6$rounds=5000$toolongsaltstring",
        "This is just a test",
        "$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6JMxxl8audkUEm0",
    ),
    (
        "$6$rounds=1400$anotherlongsaltstring",
        "a very much longer text to encrypt.  This one even stretches over morethan one line.",
        "$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1",
    ),
    (
        "$6$rounds=77777$short",
        "we have a short salt string but not a short password",
        "$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0",
    ),
    (
        "$6$rounds=123456$asaltof16chars..",
        "a short string",
        "$6$rounds=123456$asaltof16chars..$BtCwjqMJGx5hrJhZywWvt0RLE8uZ4oPwcelCjmw2kSYu.Ec6ycULevoBK25fs2xXgMNrCzIMVcgEJAstJeonj1",
    ),
    (
        "$6$rounds=10$roundstoolow",
        "the minimum number is still observed",
        "$6$rounds=1000$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPuWGsUSklZt58jaTfF4ZEQpyUNGc0dqbpBYYBaHHrsX.",
    ),
]

# "abc" hashed by libxcrypt 4.4.33 at its default cost (what mkpasswd -m yescrypt and passwd
# write) and at cost 7.
YESCRYPT_DEFAULT = "$y$j9T$PKoO9y0QwGbSZPDOJNp1Y/$sDttgQhugJjTgrmCnjAgtcupDeks1kSNmagThWUbNM7"
YESCRYPT_COST_7 = "$y$jBT$YZK/6IUB2gOs6Fa2Vv5BI0$fjb/2v4kjM04JB8XJuo6kZ9gROe4uGk0t/EJdg0P5a2"

needs_libxcrypt = pytest.mark.skipif(
    not passwords.yescrypt_available(), reason="libxcrypt is not installed"
)

# Passwords crypt(3) can take: anything but NUL (surrogates cannot be UTF-8 encoded).
passwords_st = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\0"), max_size=40
)
salts_st = st.text(st.sampled_from(B64), min_size=1, max_size=16)


@pytest.fixture
def no_libxcrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """A system without libxcrypt, as the pure-Python fallback will see it."""
    monkeypatch.setattr(passwords, "_libxcrypt", lambda: None)


@pytest.mark.parametrize(("setting", "password", "expected"), SPEC_VECTORS)
def test_sha512_crypt_matches_the_spec_vectors(setting: str, password: str, expected: str) -> None:
    assert sha512_crypt(password, setting) == expected
    # a stored hash is its own setting
    assert sha512_crypt(password, expected) == expected


@needs_libxcrypt
@settings(max_examples=25)
@given(password=passwords_st, salt=salts_st, rounds=st.none() | st.integers(1000, 3000))
def test_sha512_crypt_matches_libxcrypt(password: str, salt: str, rounds: int | None) -> None:
    setting = f"$6$rounds={rounds}${salt}" if rounds else f"$6${salt}"
    lib = passwords._libxcrypt()
    assert lib is not None
    assert sha512_crypt(password, setting) == lib.crypt(password.encode(), setting)


@settings(max_examples=10)
@given(
    password=st.text(
        st.characters(blacklist_categories=["Cs", "Cc", "Zl", "Zp"]), min_size=1, max_size=30
    ),
    salt=salts_st,
)
def test_sha512_crypt_matches_openssl(password: str, salt: str) -> None:
    # The password goes to openssl on stdin, never in argv, through the one door for programs.
    try:
        result = commands.run(
            ["openssl", "passwd", "-6", "-salt", salt, "-stdin"],
            stdin_text=password + "\n",
            secrets=[password],
            timeout=10,
            check=True,
        )
    except commands.CommandNotFound:
        pytest.skip("openssl is not installed")
    finally:
        forget_secret(password)  # the redaction list is process-wide: keep other tests' logs
    assert sha512_crypt(password, f"$6${salt}") == result.stdout.strip()


@needs_libxcrypt
def test_hash_password_uses_yescrypt_with_a_fresh_salt() -> None:
    first = hash_password("correct horse battery staple")
    second = hash_password("correct horse battery staple")
    assert first.startswith("$y$")
    assert is_crypt_hash(first)
    assert first != second
    assert verify_password("correct horse battery staple", first)
    assert not verify_password("correct horse battery stapler", first)
    # The salt is 16 random bytes, as libxcrypt and mkpasswd make it.
    assert len(first.split("$")[3]) == 22


@settings(max_examples=5)
@given(password=passwords_st)
def test_hash_and_verify_round_trip(password: str) -> None:
    for method in ("sha512", "yescrypt") if passwords.yescrypt_available() else ("sha512",):
        hashed = hash_password(password, method=method)
        assert is_crypt_hash(hashed)
        assert verify_password(password, hashed)
        assert not verify_password(password + "x", hashed)


def test_sha512_hash_has_16_character_salt_and_default_rounds() -> None:
    hashed = hash_password("Tr0ub4dor&3", method="sha512")
    _, method, salt, digest = hashed.split("$")
    assert (method, len(salt), len(digest)) == ("6", 16, 86)
    assert set(salt) <= set(B64)


def test_without_libxcrypt_sha512_is_used(no_libxcrypt: None) -> None:
    assert not passwords.yescrypt_available()
    hashed = hash_password("correct horse battery staple")
    assert hashed.startswith("$6$")
    assert verify_password("correct horse battery staple", hashed)
    assert verify_password(SPEC_VECTORS[0][1], SPEC_VECTORS[0][2])
    with pytest.raises(RuntimeError, match="libxcrypt"):
        hash_password("x", method="yescrypt")
    with pytest.raises(RuntimeError, match="libxcrypt"):
        verify_password("abc", YESCRYPT_DEFAULT)


@needs_libxcrypt
@pytest.mark.parametrize("known", [YESCRYPT_DEFAULT, YESCRYPT_COST_7])
def test_verify_known_yescrypt_hashes(known: str) -> None:
    assert verify_password("abc", known)
    assert not verify_password("abd", known)


@pytest.mark.parametrize(
    "text",
    [
        SPEC_VECTORS[0][2],
        SPEC_VECTORS[1][2],
        SPEC_VECTORS[6][2],
        YESCRYPT_DEFAULT,
        YESCRYPT_COST_7,
    ],
)
def test_is_crypt_hash_accepts(text: str) -> None:
    assert is_crypt_hash(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "password",
        "$6$saltstring$",
        "$6$saltstring$" + "a" * 85,  # too short
        "$6$saltstring$" + "a" * 87,  # too long
        "$6$saltstring$" + "a" * 86,  # the last character carries 2 bits: one of ./01
        "$6$$" + "a" * 85 + "1",  # empty salt
        "$6$salt_string$" + "a" * 85 + "1",  # '_' is not a crypt character
        "$6$saltstringsaltstr$" + "a" * 85 + "1",  # salt longer than 16
        "$6$rounds=999$salt$" + "a" * 85 + "1",  # below the minimum: libxcrypt refuses
        "$6$rounds=01000$salt$" + "a" * 85 + "1",  # leading zero
        "$6$rounds=1000000000$salt$" + "a" * 85 + "1",
        SPEC_VECTORS[0][2] + "\n",
        " " + SPEC_VECTORS[0][2],
        "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZF5z5QaTA",  # SHA-256
        "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",  # bcrypt
        "$y$j9T$salt$tooshort",
        "$y$$PKoO9y0QwGbSZPDOJNp1Y/$sDttgQhugJjTgrmCnjAgtcupDeks1kSNmagThWUbNM7",
        YESCRYPT_DEFAULT + "$",
    ],
)
def test_is_crypt_hash_refuses(text: str) -> None:
    assert not is_crypt_hash(text)


def test_no_password_in_errors_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    secret = "s3cret\0passphrase"
    with pytest.raises(ValueError, match="NUL character") as raised:
        hash_password(secret)
    assert "s3cret" not in str(raised.value)
    with pytest.raises(ValueError, match="crypt hash") as raised:
        verify_password("s3cret passphrase", "s3cret passphrase")
    assert "s3cret" not in str(raised.value)
    assert not verify_password(secret, SPEC_VECTORS[0][2])
    hash_password("s3cret passphrase")
    assert "s3cret" not in caplog.text
