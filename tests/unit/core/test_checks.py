"""The input checks (core/checks.py, core/install/checks.py): every code, at its boundaries.

Plain functions, plain pytest: no Qt, no answers file. The wording is tested where it is
made (test_answers.py, test_gui_account.py, test_gui_encryption.py).
"""

from __future__ import annotations

import pytest

from veilor_installer.core.checks import Code, Problem, check_confirmation, check_invisible
from veilor_installer.core.install import checks, strength
from veilor_installer.core.install.checks import (
    HOSTNAME,
    PASSPHRASE,
    PASSWORD,
    USERNAME,
    attacker_words,
    check_full_name,
    check_hostname,
    check_secret,
    check_username,
    rate_and_check_secret,
)
from veilor_installer.core.install.strength import Strength

STRONG = "correct horse battery staple on the moon"


def codes(problems: list[Problem]) -> list[Code]:
    return [p.code for p in problems]


# --- invisible characters and the confirmation (shared with first boot) -----------------------


@pytest.mark.parametrize(("value", "name"), [
    ("a\nb", "U+000A"),  # Cc has no Unicode name
    ("a\u202eb", "RIGHT-TO-LEFT OVERRIDE"),  # Cf
    ("a\u2028b", "LINE SEPARATOR"),  # Zl
    ("a\u2029b", "PARAGRAPH SEPARATOR"),  # Zp
    ("a\ue000b", "U+E000"),  # Co
    ("a\U000e0080b", "U+E0080"),  # Cn
    ("a\ud800b", "U+D800"),  # Cs
])
def test_invisible_characters_are_named(value: str, name: str) -> None:
    assert check_invisible(value, field="f") == [
        Problem(Code.INVISIBLE_CHARACTER, "f", character=name)]


def test_only_the_joiners_pass_where_allowed() -> None:
    for joiner in ("\u200c", "\u200d"):
        assert codes(check_invisible(f"a{joiner}b", field="f")) == [Code.INVISIBLE_CHARACTER]
        assert check_invisible(f"a{joiner}b", field="f", allow_joiners=True) == []
    assert codes(check_invisible("a\u200bb", field="f", allow_joiners=True)) == [
        Code.INVISIBLE_CHARACTER]  # ZERO WIDTH SPACE is no joiner
    assert check_invisible("Zoë Müller 李", field="f") == []


@pytest.mark.parametrize(("value", "confirm", "expected"), [
    ("", "", []),
    ("secret", "secret", []),
    ("secret", "", [Code.EMPTY]),
    ("secret", "secre", [Code.MISMATCH]),
    ("", "secret", [Code.MISMATCH]),
])
def test_confirmation(value: str, confirm: str, expected: list[Code]) -> None:
    found = check_confirmation(value, confirm, field="again")
    assert codes(found) == expected
    assert all(p.field == "again" for p in found)


# --- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    ("alice", []),
    ("_svc", []),
    ("a" * 32, []),
    ("a-b_c9", []),
    ("", [Problem(Code.EMPTY, USERNAME)]),
    ("a" * 33, [Problem(Code.TOO_LONG, USERNAME, limit=32, size=33)]),
    ("Alice", [Problem(Code.INVALID_CHARACTERS, USERNAME)]),
    ("9lives", [Problem(Code.INVALID_CHARACTERS, USERNAME)]),
    ("-alice", [Problem(Code.INVALID_CHARACTERS, USERNAME)]),
    ("al ice", [Problem(Code.INVALID_CHARACTERS, USERNAME)]),
    ("root", [Problem(Code.RESERVED, USERNAME, name="root")]),
    ("veilor", [Problem(Code.RESERVED, USERNAME, name="veilor")]),
    ("systemd-alice", [Problem(Code.RESERVED, USERNAME, name="systemd-alice")]),
    ("al\tice", [Problem(Code.INVISIBLE_CHARACTER, USERNAME, character="U+0009")]),
])
def test_username(value: str, expected: list[Problem]) -> None:
    assert check_username(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("veilor", []),
    ("alice-laptop.example.org", []),
    ("a" * 63, []),
    (".".join(["a" * 31, "b" * 32]), []),  # 64 characters
    ("", [Problem(Code.EMPTY, HOSTNAME)]),
    ("a" * 64 + "x", [Problem(Code.TOO_LONG, HOSTNAME, limit=64, size=65)]),
    ("a" * 64, [Problem(Code.INVALID_CHARACTERS, HOSTNAME)]),  # one label of 64 > 63
    ("-bad", [Problem(Code.INVALID_CHARACTERS, HOSTNAME)]),
    ("bad-", [Problem(Code.INVALID_CHARACTERS, HOSTNAME)]),
    ("my_host", [Problem(Code.INVALID_CHARACTERS, HOSTNAME)]),
    ("a..b", [Problem(Code.INVALID_CHARACTERS, HOSTNAME)]),
    ("veilor.123", [Problem(Code.NUMERIC_ENDING, HOSTNAME)]),
    ("123.veilor", []),
    ("a\nb", [Problem(Code.INVISIBLE_CHARACTER, HOSTNAME, character="U+000A")]),
])
def test_hostname(value: str, expected: list[Problem]) -> None:
    assert check_hostname(value) == expected


def test_full_name() -> None:
    assert check_full_name("") == []
    assert check_full_name("x" * 256) == []
    assert check_full_name("x" * 257) == [
        Problem(Code.TOO_LONG, checks.FULL_NAME, limit=256, size=257)]
    assert codes(check_full_name("Alice: Admin")) == [Code.CONTAINS_COLON]
    assert check_full_name("می\u200cخواهم") == []  # ZWNJ, as Persian writes it
    assert codes(check_full_name("Alice\u202eevil")) == [Code.INVISIBLE_CHARACTER]


# --- secrets --------------------------------------------------------------------------------


def rating(verdict: strength.Verdict, label: str = "weak",
           problems: tuple[str, ...] = ()) -> Strength:
    return Strength(score=1, label=label, verdict=verdict, problems=problems, non_ascii=False,
                    crack_time="", scored_length=8)


@pytest.mark.parametrize("field", [PASSWORD, PASSPHRASE])
def test_secret_rules_of_the_text(field: str) -> None:
    def check(value: str) -> list[Problem]:
        return check_secret(value, field=field, rating=None, accept_weak=False)

    assert check("") == [Problem(Code.EMPTY, field)]
    assert check("a" * 256) == []
    assert check("a" * 257) == [Problem(Code.TOO_LONG_BYTES, field, limit=256, size=257)]
    assert check("é" * 128) == []  # 256 bytes
    assert check("é" * 129) == [Problem(Code.TOO_LONG_BYTES, field, limit=256, size=258)]
    assert check("a\ud800") == [Problem(Code.INVISIBLE_CHARACTER, field, character="U+D800")]
    assert check(STRONG + "\x00") == [
        Problem(Code.INVISIBLE_CHARACTER, field, character="U+0000")]


def test_the_rating_decides_only_for_a_text_that_passes() -> None:
    refused = rating("refused", "very weak", ("This is a top-10 common password.",))
    assert check_secret("password", field=PASSWORD, rating=refused, accept_weak=True) == [
        Problem(Code.TOO_WEAK, PASSWORD, label="very weak",
                reasons=("This is a top-10 common password.",))]
    fair = rating("needs-confirmation", "fair")
    assert check_secret("fairfair", field=PASSPHRASE, rating=fair, accept_weak=False) == [
        Problem(Code.NEEDS_CONSENT, PASSPHRASE, label="fair")]
    assert check_secret("fairfair", field=PASSPHRASE, rating=fair, accept_weak=True) == []
    assert check_secret(STRONG, field=PASSPHRASE, rating=rating("ok"), accept_weak=False) == []
    # A text the rules refuse is refused for that, whatever its rating.
    assert codes(check_secret("", field=PASSWORD, rating=refused, accept_weak=False)) == [
        Code.EMPTY]


def test_rate_and_check_secret_rates_against_the_words() -> None:
    words = attacker_words("rumpelstilz", "Otto Example", "veilor")
    assert rate_and_check_secret(STRONG, field=PASSPHRASE, accept_weak=False,
                                 words=words) == []
    [problem] = rate_and_check_secret("rumpelstilz88", field=PASSWORD, accept_weak=False,
                                      words=words)
    assert problem.code is Code.TOO_WEAK
    assert rate_and_check_secret("rumpelstilz88", field=PASSWORD, accept_weak=False,
                                 words=attacker_words("otto", "Otto Example", "veilor")) == []
    [short] = rate_and_check_secret("Zq9!", field=PASSWORD, accept_weak=True, words=words)
    assert short.code is Code.TOO_WEAK
    assert str(short.reasons[0]) == (
        f"Shorter than {strength.MIN_LENGTH} characters; use at least 8.")


def test_rate_and_check_secret_does_not_rate_a_refused_text(
        monkeypatch: pytest.MonkeyPatch) -> None:
    rated: list[str] = []
    monkeypatch.setattr(strength, "assess", lambda text, words=(): rated.append(text))
    assert codes(rate_and_check_secret("a\n" * 5, field=PASSWORD, accept_weak=False,
                                       words=[])) == [Code.INVISIBLE_CHARACTER]
    assert rated == []


def test_attacker_words_name_the_account_the_computer_and_the_product() -> None:
    assert attacker_words("alice", "Alice Example", "alice-laptop") == [
        "alice", "Alice Example", "alice-laptop", "veilor"]
