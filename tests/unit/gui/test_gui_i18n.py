"""Texts that follow a language switch (gui/i18n.py): set again in the new language, a binding
made stale by a plain setText dropped, one replaced during a switch kept, a failing one skipped."""

from __future__ import annotations

from typing import Any

import pytest
from PyQt6.QtWidgets import QLabel, QWidget

from veilor_installer.core import i18n
from veilor_installer.gui.i18n import Text, bound, live, on_language, retranslate


@pytest.fixture
def window(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_a_live_text_is_set_again_in_the_new_language(qapp: Any, window: QWidget) -> None:
    label = QLabel(window)
    live(label.setText, Text("Disks"))
    assert label.text() == "Disks"
    i18n.use(i18n.LONG_PSEUDO)  # the application retranslates every window
    assert label.text().startswith("[Đîšķš")
    assert bound(label.setText) == Text("Disks")


def test_a_text_set_directly_afterwards_is_not_overwritten(qapp: Any, window: QWidget) -> None:
    label = QLabel(window)
    live(label.setText, Text("Disks"))
    label.setText("set by hand")
    i18n.use(i18n.LONG_PSEUDO)
    assert label.text() == "set by hand"
    assert bound(label.setText) is None  # the stale binding is gone


def test_a_binding_replaced_during_a_switch_is_kept(qapp: Any, window: QWidget) -> None:
    label = QLabel(window)
    live(label.setText, Text("Disks"))
    on_language(label, "again", lambda: live(label.setText, Text("Time zone")), now=False)
    retranslate(window)
    assert label.text() == "Time zone"
    i18n.use(i18n.LONG_PSEUDO)
    assert label.text().startswith("[Ţîɱé žöñé")


@pytest.mark.warning_log("a binding that fails is logged and skipped")
def test_a_failing_binding_does_not_stop_the_others(qapp: Any, window: QWidget) -> None:
    first, second = QLabel(window), QLabel(window)

    def broken() -> None:
        raise RuntimeError("wrapped C/C++ object has been deleted")

    on_language(first, "broken", broken, now=False)
    live(second.setText, Text("Disks"))
    i18n.use(i18n.LONG_PSEUDO)
    assert second.text().startswith("[Đîšķš")


def test_only_text_setters_are_taken(qapp: Any, window: QWidget) -> None:
    with pytest.raises(TypeError, match="on_language"):
        live(window.setObjectName, Text("Disks"))


def test_the_language_checks_find_english_left_behind(qapp: Any, window: QWidget) -> None:
    """The detectors the language walks rely on (tests/helpers/languages.py) do see English."""
    from helpers.languages import not_pseudo, untranslated

    done, path, named = QLabel(window), QLabel(window), QLabel(window)
    done.setText("Done.")
    path.setText("/etc/reticulum/config on vm.mesh.veilor.net")
    named.setText("Tailscale")
    window.show()
    i18n.use(i18n.LONG_PSEUDO)
    problems = not_pseudo(window)  # a path, a host name and a name are not English text
    assert len(problems) == 1 and "'Done.' has ['Done']" in problems[0], problems
    i18n.use("de")
    done.setText("Language & keyboard")
    assert any("is the English 'Language & keyboard'" in p for p in untranslated(window, "de"))
