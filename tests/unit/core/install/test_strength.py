"""The passphrase and password policy of DESIGN §8 (core/strength.py)."""

from __future__ import annotations

import concurrent.futures
import pathlib
import sys
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veilor_installer.core.install import strength
from veilor_installer.core.install.strength import assess, caps_lock_suspect


def test_password_is_refused() -> None:
    result = assess("password")
    assert result.verdict == "refused"
    assert result.score == 0
    assert result.label == "very weak"
    assert "This is a top-10 common password." in [str(p) for p in result.problems]


def test_short_secrets_are_refused_whatever_zxcvbn_says() -> None:
    result = assess("x7#Qp9!")  # random-looking, 7 characters
    assert result.verdict == "refused"
    assert result.score <= 1
    assert str(result.problems[0]) == "Shorter than 8 characters; use at least 8."


@pytest.mark.parametrize(
    ("secret", "verdict", "label"),
    [
        ("qwerty123456", "refused", "weak"),
        ("P@ssw0rd1", "refused", "weak"),
        ("kitten2024", "needs-confirmation", "fair"),
        ("blue-guitar", "needs-confirmation", "fair"),
        ("purple monkey", "ok", "strong"),
        ("correct horse battery staple", "ok", "very strong"),
    ],
)
def test_policy(secret: str, verdict: str, label: str) -> None:
    result = assess(secret)
    assert (result.verdict, result.label) == (verdict, label)
    assert result.label == strength.LABELS[result.score]
    assert result.crack_time
    assert bool(result.problems) == (verdict != "ok")


def test_user_inputs_count_against_the_secret() -> None:
    alone = assess("alice-laptop1")
    with_inputs = assess("alice-laptop1", ["alice", "Alice Example", "alice-laptop"])
    assert with_inputs.score < alone.score
    assert with_inputs.verdict == "refused"


def test_a_rating_does_not_depend_on_earlier_ratings() -> None:
    """No state shared between ratings: Debian's zxcvbn kept the last call's user inputs for
    a later call without any, so the same secret rated weaker the second time."""
    first = assess("alice-laptop1")
    assess("alice-laptop1", ["alice", "Alice Example", "alice-laptop"])
    assert assess("alice-laptop1") == first
    assess("correct horse battery staple", ["horse"])
    assert assess("alice-laptop1") == first


def test_non_ascii_is_flagged_not_refused() -> None:
    result = assess("grüne Äpfel über Brücken")
    assert result.non_ascii
    assert result.verdict == "ok"
    assert not assess("correct horse battery staple").non_ascii


@settings(max_examples=30)
@given(st.text(min_size=0, max_size=40))
def test_problems_never_quote_the_secret(text: str) -> None:
    # The marker is outside ASCII, and zxcvbn's messages are ASCII: finding the secret in a
    # message means the message quotes it.
    secret = f"{text}\u00a7{text}"
    for problem in assess(secret).problems:
        assert secret not in str(problem)


def test_long_inputs_are_rated_on_a_bounded_prefix() -> None:
    passphrase = "correct horse battery staple " * 8
    result = assess(passphrase)
    assert result.scored_length == strength.MAX_SCORED
    assert result.verdict == "ok"
    # every l33t character at once: zxcvbn would try hundreds of substitution tables
    l33t = ("4@8({[<3e1!|i0$5+7%2z" * 4)[:64]
    assert strength.MIN_LENGTH <= strength.scored_length(l33t) < 32
    assert assess(l33t) == assess(l33t)
    assert strength.scored_length("abc") == 3


def test_ordinary_passphrases_are_rated_whole() -> None:
    for secret in ("correct horse battery staple", "Mein Hund heisst Bello und frisst 2 Kilo"):
        assert strength.scored_length(secret) == len(secret)


def test_concurrent_assessments_do_not_mix_user_inputs() -> None:
    """zxcvbn keeps the user inputs in a module global while it rates. Switching threads every
    microsecond makes the mix-up show every time without the lock (checked by removing it)."""
    cases = [("alice-laptop1", ["alice", "alice-laptop"]), ("alice-laptop1", [])] * 10
    expected = [assess(secret, inputs).score for secret, inputs in cases]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            got = list(pool.map(lambda case: assess(*case).score, cases))
    finally:
        sys.setswitchinterval(interval)
    assert got == expected


def test_zxcvbn_compiles_without_warnings() -> None:
    """pytest runs with -W error and Python 3.12+ warns about invalid escapes at compile time."""
    import zxcvbn

    for path in sorted(pathlib.Path(zxcvbn.__file__).parent.glob("*.py")):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            compile(path.read_text(encoding="utf-8"), str(path), "exec")


@pytest.mark.parametrize(
    ("text", "suspect"),
    [
        ("hELLO wORLD", True),
        ("CORRECT HORSE BATTERY", True),
        ("PASSWORD123", True),
        ("Hello World", False),
        ("correct horse", False),
        ("AB", False),
        ("12345678!", False),
        ("", False),
        ("ÜBER ALLES", True),
        ("NASA rocket", False),
    ],
)
def test_caps_lock_suspect(text: str, suspect: bool) -> None:
    assert caps_lock_suspect(text) is suspect


def test_every_zxcvbn_advice_has_our_words() -> None:
    """Each warning and suggestion in the installed zxcvbn's feedback.py maps to a text of
    ours (translated with our catalogue), not to the generic fallback."""
    import ast
    import importlib.util

    spec = importlib.util.find_spec("zxcvbn.feedback")
    assert spec is not None and spec.origin is not None
    from pathlib import Path

    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    found = {node.args[0].value for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
             and node.func.id == "_" and node.args and isinstance(node.args[0], ast.Constant)}
    assert len(found) >= 20
    fallback = strength.advice("something zxcvbn never said")
    for text in found:
        assert strength.advice(text) != fallback, text
        assert str(strength.advice(text)) == text


def test_advice_and_time_follow_the_language() -> None:
    from veilor_installer.core import i18n

    result = assess("password")
    try:
        i18n.use(i18n.LONG_PSEUDO)
        assert all(str(p).startswith("[") for p in result.problems)
        assert result.crack_time is not None and str(result.crack_time).startswith("[")
    finally:
        i18n.use("en")
    assert str(strength.time_to_guess(7200)) == "2 hours"
    assert str(strength.time_to_guess(1e12)) == "centuries"
