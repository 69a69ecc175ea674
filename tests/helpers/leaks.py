"""Checks that no secret of the tests' answers reached a log bundle or an argument list."""

from __future__ import annotations

from pathlib import Path

from helpers.answers import STRONG_PASSPHRASE, STRONG_PASSWORD
from veilor_installer.demo.system import Fakes

SECRET_WORDS = (STRONG_PASSPHRASE, STRONG_PASSWORD)


def assert_no_secret(text: str, *extra: str) -> None:
    for word in (*SECRET_WORDS, *extra):
        assert word not in text, "a secret leaked"


def assert_bundle_clean(log_dir: str | None, *extra: str) -> list[str]:
    """The bundle exists, is private, and no file in it holds a secret. Returns file names."""
    assert log_dir is not None
    folder = Path(log_dir)
    assert folder.is_dir() and (folder.stat().st_mode & 0o777) == 0o700
    names = []
    for path in sorted(folder.iterdir()):
        assert (path.stat().st_mode & 0o777) == 0o600, path
        assert_no_secret(path.read_text(encoding="utf-8"), *extra)
        names.append(path.name)
    return names


def assert_no_secret_in_argv(fakes: Fakes, *extra: str) -> None:
    argvs = fakes.argvs()
    assert argvs, "no fake recorded anything"
    for argv in argvs:
        assert_no_secret(" ".join(argv), *extra)
        assert not any("passphrase" in arg or "password" in arg for arg in argv)
