"""The Welcome page offers the offline install when the ISO carries the image (core.medium):
it names the image and digest, fills the state the kickstart and pre-flight are built from, and
the online pull stays available (then the network is required again)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers.gui import CONTROLS

from veilor_installer.core.install import requirements
from veilor_installer.core.install.storage.profile import demo_machine

DIGEST = "sha256:" + "ab" * 32
SIGNED = "ghcr.io/veilor/veilor-os:43"


def _page(qtbot: Any, demo_state: Any) -> Any:
    from veilor_installer.gui.install.welcome import WelcomePage

    page = WelcomePage(demo_state)
    qtbot.addWidget(page)
    return page


def _record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    path = tmp_path / "iso-image.json"
    path.write_text(text)
    monkeypatch.setenv("VEILOR_ISO_IMAGE_RECORD", str(path))


def test_no_record_no_choice(qtbot: Any, demo_state: Any, tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEILOR_ISO_IMAGE_RECORD", str(tmp_path / "absent.json"))
    page = _page(qtbot, demo_state)
    assert page.offline is None and page.needs_network
    assert demo_state.transport == "registry" and demo_state.image_digest is None


def test_offline_offered_by_default_with_image_and_digest(
    qtbot: Any, demo_state: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    _record(tmp_path, monkeypatch, json.dumps({
        "transport": "containers-storage", "ref": SIGNED, "digest": DIGEST,
        "update_ref": SIGNED}))
    page = _page(qtbot, demo_state)
    assert page.offline is not None and page.online is not None
    assert page.offline.isChecked() and not page.needs_network
    assert SIGNED in page.offline.text() and DIGEST[:19] in page.offline.text()
    assert DIGEST in page.offline.accessibleName()
    for button in (page.offline, page.online):
        assert isinstance(button, CONTROLS) and button.accessibleName()
    assert (demo_state.image_ref, demo_state.transport, demo_state.update_ref,
            demo_state.image_digest) == (SIGNED, "containers-storage", SIGNED, DIGEST)

    # a failed network check does not stop an offline install
    page.hardware = []
    page.network = [requirements.Check("network", "Network", False, "no route", "")]
    page.state.machine = demo_machine()
    assert "requirements" not in page.problems()
    page.online.setChecked(True)
    assert page.needs_network and "requirements" in page.problems()
    assert (demo_state.image_ref, demo_state.transport, demo_state.update_ref,
            demo_state.image_digest) == (SIGNED, "registry", None, None)


def test_a_bad_record_falls_back_to_online_and_says_so(
    qtbot: Any, demo_state: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    _record(tmp_path, monkeypatch, '{"transport": "registry"}')
    page = _page(qtbot, demo_state)
    assert page.offline is None and page.needs_network
    assert demo_state.transport == "registry"
    from PyQt6.QtWidgets import QLabel

    [note] = [label for label in page.findChildren(QLabel) if "cannot be used" in label.text()]
    assert "transport" in note.text() and "downloaded instead" in note.text()
