"""The docs and docstrings name the data files where they are: package data under
veilor_installer/data/ (core.datapaths), not the old top-level resources/ … folders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import paths

REPO = paths.REPO
DOCUMENTS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md")),
             REPO / "veilor_installer" / "helper.py", REPO / "veilor_installer" / "gui" / "app.py"]
# A data folder's name followed by a file or folder in it, not already part of a longer path.
BARE = re.compile(r"(?<![\w/.])(?:resources|kickstart-templates|ui|fakes)/[\w.-]")
NAMED = re.compile(r"veilor_installer/data/[\w./-]+")

pytestmark = pytest.mark.skipif(
    not (REPO / "docs").is_dir() or not (REPO / "veilor_installer").is_dir(),
    reason="needs the source checkout (docs/ and the package's sources; the target lane tests "
           "the installed wheel)")


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(REPO)))
def test_data_files_are_named_with_their_package_prefix(document: Path) -> None:
    text = document.read_text(encoding="utf-8")
    bare = [f"line {text.count(chr(10), 0, m.start()) + 1}: {text[m.start():m.start() + 40]!r}"
            for m in BARE.finditer(text)]
    assert bare == [], "name it veilor_installer/data/…"
    missing = []
    for m in NAMED.finditer(text):
        path = REPO / m.group(0).rstrip(".")
        if text[m.end():m.end() + 1] == "<":  # a pattern (…_<lang>.ts): its folder exists
            path = path.parent
        if not path.exists():
            missing.append(m.group(0))
    assert missing == []
