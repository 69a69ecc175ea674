"""Where things are, for the tests."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
REPO = TESTS.parent
HELPERS = TESTS / "helpers"
