"""The veilor look: one QSS template, two palettes (light and dark), chosen from the desktop's
colour scheme (``VEILOR_THEME=light|dark`` overrides it, for screenshots and tests)."""

from __future__ import annotations

import string

from PyQt6.QtCore import Qt
from PyQt6.QtGui import QColor, QGuiApplication, QPalette
from PyQt6.QtWidgets import QApplication

from veilor_installer.core import settings
from veilor_installer.core.datapaths import resource_path

LIGHT = {
    "window": "#f5f5f8", "surface": "#ffffff", "text": "#1c1b22", "muted": "#5c5a6a",
    "border": "#d4d2de", "accent": "#5632c8", "accent_text": "#ffffff",
    "accent_soft": "#ebe5ff", "error": "#b3261e", "warning": "#7a5200", "ok": "#1d6b3a",
    "banner": "#fff1c9", "banner_text": "#4d3600", "danger": "#b3261e", "danger_text": "#ffffff",
}
DARK = {
    "window": "#16151b", "surface": "#211f29", "text": "#ecebf2", "muted": "#a9a6b8",
    "border": "#3a3746", "accent": "#a893ff", "accent_text": "#150d33",
    "accent_soft": "#2d2550", "error": "#ff8f85", "warning": "#ffcc66", "ok": "#7fd99a",
    "banner": "#3d3112", "banner_text": "#ffe4a0", "danger": "#ff8f85", "danger_text": "#2a0703",
}


def scheme() -> str:
    """'dark' or 'light': the override, else the desktop's colour scheme."""
    forced = (settings.theme() or "").lower()
    if forced in ("light", "dark"):
        return forced
    hints = QGuiApplication.styleHints()
    if hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark:
        return "dark"
    return "light"


def colors(name: str) -> dict[str, str]:
    return DARK if name == "dark" else LIGHT


def _palette(c: dict[str, str]) -> QPalette:
    pal = QPalette()
    role = QPalette.ColorRole
    for r, key in ((role.Window, "window"), (role.Base, "surface"), (role.AlternateBase, "window"),
                   (role.WindowText, "text"), (role.Text, "text"), (role.ButtonText, "text"),
                   (role.Button, "surface"), (role.Highlight, "accent"),
                   (role.HighlightedText, "accent_text"), (role.ToolTipBase, "surface"),
                   (role.ToolTipText, "text"), (role.PlaceholderText, "muted"),
                   (role.Link, "accent")):
        pal.setColor(r, QColor(c[key]))
    # Fusion draws check boxes, frames and separators from these.
    for r, key in ((role.Light, "surface"), (role.Midlight, "border"), (role.Mid, "muted"),
                   (role.Dark, "muted"), (role.Shadow, "border")):
        pal.setColor(r, QColor(c[key]))
    pal.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor(c["muted"]))
    pal.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor(c["muted"]))
    pal.setColor(QPalette.ColorGroup.Disabled, role.WindowText, QColor(c["muted"]))
    return pal


def apply(app: QApplication, name: str | None = None) -> str:
    """Style the whole application; returns the scheme used."""
    name = name or scheme()
    c = colors(name)
    if not app.property("veilorStyled"):
        # Once only, before any stylesheet: replacing the style under a live stylesheet
        # crashes Qt (and app.style() then answers with the stylesheet's proxy style).
        app.setStyle("Fusion")
        app.setProperty("veilorStyled", True)
    app.setPalette(_palette(c))
    template = string.Template(resource_path("theme/veilor.qss").read_text(encoding="utf-8"))
    app.setStyleSheet(template.substitute(c))
    app.setProperty("veilorScheme", name)
    return name
