"""The CLI and the privileged helper run in this process, their standard streams captured."""

from __future__ import annotations

import contextlib
import io
import logging
import sys

import pytest

from veilor_installer import cli, helper
from veilor_installer.core.log import forget_all_secrets


def cli_run(argv: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    """``veilor-installer ARGV`` in this process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    try:
        if stdin is not None:
            sys.stdin = io.StringIO(stdin)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(argv)
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.stdin = old_stdin
    return code, out.getvalue(), err.getvalue()


def run_helper_main(raw: bytes, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """``helper.main`` in this process, ``raw`` on its stdin."""
    stdin = io.TextIOWrapper(io.BytesIO(raw))
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdin", stdin)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    veilor = logging.getLogger("veilor")
    handlers, level = list(veilor.handlers), veilor.level
    try:
        code = helper.main()
    finally:
        veilor.handlers[:] = handlers
        veilor.setLevel(level)
        forget_all_secrets()
        monkeypatch.undo()
    return code, out.getvalue(), err.getvalue()
