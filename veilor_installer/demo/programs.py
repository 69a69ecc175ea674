"""The fake programs (``demo/fakes``: anaconda, tailscale, systemctl, skopeo … each speaking
the real program's output, see its docstring) and how they are put first on the path.

They are scripts shipped beside this module. ``install_programs`` copies them into a bin folder
named by ``VEILOR_BIN_DIR``, each under the real program's name and with ``#!`` naming this
interpreter (``/usr/bin/env python3`` could be another Python, without this venv's packages).
What they did, they record in ``$VEILOR_FAKE_DIR/calls.jsonl``: ``recorded_calls`` reads it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import veilor_installer

FAKES_DIR = Path(__file__).resolve().parent / "fakes"
_FUTURE = "from __future__ import annotations\n"
"""The fake programs' scripts, package data beside this module wherever the package is."""


def install_programs(bin_dir: Path, scripts: Mapping[str, str]) -> None:
    """Copy each fake script ``scripts[name]`` (a file name in ``FAKES_DIR``) to
    ``bin_dir/name``, made to run with this interpreter (its ``#!`` line replaced)."""
    package_parent = Path(veilor_installer.__file__).resolve().parent.parent
    for name, script in scripts.items():
        text = (FAKES_DIR / script).read_text(encoding="utf-8").split("\n", 1)[1]
        # They record through veilor_installer.demo.calls: found wherever this package is.
        text = text.replace(_FUTURE, f"{_FUTURE}\nimport sys as _sys\n\n"
                            f"_sys.path.insert(0, {str(package_parent)!r})\n", 1)
        target = bin_dir / name
        target.write_text(f"#!{sys.executable}\n{text}", encoding="utf-8")
        target.chmod(0o755)


def install_helper(bin_dir: Path) -> None:
    """``bin_dir/veilor-installer-helper``: the privileged helper of the package this process
    runs (a checkout, a venv, ``/usr``), started as the user on the fakes."""
    package_parent = Path(veilor_installer.__file__).resolve().parent.parent
    helper = bin_dir / "veilor-installer-helper"
    helper.write_text(f"#!{sys.executable}\nimport sys\n"
                      f"sys.path.insert(0, {str(package_parent)!r})\n"
                      "from veilor_installer.helper import main\nsys.exit(main())\n")
    helper.chmod(0o755)


def recorded_calls(fake_dir: Path, prog: str | None = None) -> list[dict[str, Any]]:
    """What the fakes recorded in ``calls.jsonl``: one row per start, optionally one program's."""
    path = fake_dir / "calls.jsonl"
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text().splitlines() if line]
    return [r for r in rows if prog is None or r["prog"] == prog]
