"""Translation for the GUI, in one place: ``tr()`` is what every page and widget calls.

Every string goes to the context "veilor", wherever it is written (``tools/translations.py``
extracts it so), and is looked up in the translators the application loaded at start.
"""

from __future__ import annotations

from PyQt6.QtCore import QCoreApplication


def tr(text: str) -> str:
    return QCoreApplication.translate("veilor", text)
