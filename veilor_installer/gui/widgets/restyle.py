"""Re-applying the stylesheet after a property it matches on changed (Qt does not do it on its
own): the one way every page and widget changes a label's role or a field's ``invalid`` mark."""

from __future__ import annotations

from PyQt6.QtWidgets import QWidget


def restyle(widget: QWidget, **properties: object) -> None:
    """Set the stylesheet properties and restyle the widget."""
    for name, value in properties.items():
        widget.setProperty(name, value)
    style = widget.style()
    if style is not None:
        style.unpolish(widget)
        style.polish(widget)


def set_role(widget: QWidget, role: str) -> None:
    """Change the stylesheet role of a label (its colour)."""
    restyle(widget, role=role)
