"""Translation for the GUI, in one place.

- ``tr("…")``/``trn("…", "…", n)`` are the core catalogue's ``_``/``ngettext``
  (``core/i18n.py``): one catalogue for the core, the CLI and the GUI. They translate *now*.
- ``live(widget.setText, Text("…", name=value))`` sets a text and sets it again, in the new
  language, each time the user switches language; ``make`` may also be a function returning a
  ``str`` or a ``Text``. Every text a page sets that stays on screen goes through ``live()``.
  A later ``live()`` on the same setter replaces the earlier one; a plain ``setText()`` after it
  makes the binding stale, and a stale binding is dropped at the next switch, never re-applied.
- ``on_language(owner, key, apply)`` runs ``apply()`` now and after each switch, for what is not
  one setter (a model's rows, a list's items).
- Bindings live on the Python object of the widget. A widget Qt made itself (a line edit's clear
  button, found with ``findChildren``) gets a new Python object each time it is looked up, and
  its binding is lost with the old one: bind such texts with ``on_language`` on a widget we made.
- ``retranslate(widget)`` re-applies every binding under ``widget``; ``switch()`` (``gui/app.py``)
  calls it for each window.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from PyQt6 import sip
from PyQt6.QtCore import QObject
from PyQt6.QtWidgets import QTabWidget, QWidget

from veilor_installer.core.i18n import Text
from veilor_installer.core.i18n import _ as tr
from veilor_installer.core.i18n import ngettext as trn
from veilor_installer.core.log import get_logger

__all__ = ["Text", "bind_form", "bound", "live", "on_language", "retranslate", "tr", "trn"]

log = get_logger("gui.i18n")

_ATTRIBUTE = "_veilor_live"
# The getter of each setter live() accepts: how a stale binding is told from a live one.
_GETTERS = {
    "setText": "text",
    "setTitle": "title",
    "setSubTitle": "subTitle",
    "setToolTip": "toolTip",
    "setStatusTip": "statusTip",
    "setWhatsThis": "whatsThis",
    "setPlaceholderText": "placeholderText",
    "setAccessibleName": "accessibleName",
    "setAccessibleDescription": "accessibleDescription",
    "setWindowTitle": "windowTitle",
    "setPlainText": "toPlainText",
    "setFormat": "format",
    "setSpecialValueText": "specialValueText",
    "setSuffix": "suffix",
    "setPrefix": "prefix",
}

Make = Callable[[], "str | Text"] | Text | str


def _render(make: Make) -> str:
    return make if isinstance(make, str) else str(make if isinstance(make, Text) else make())


class _Binding:
    __slots__ = ("last", "make", "setter")

    def __init__(self, setter: str, make: Make, last: str) -> None:
        self.setter, self.make, self.last = setter, make, last


def _bindings(owner: QObject) -> dict[str, Any]:
    found: dict[str, Any] | None = owner.__dict__.get(_ATTRIBUTE)
    if found is None:
        found = owner.__dict__[_ATTRIBUTE] = {}
    return found


def live(setter: Callable[[str], object], make: Make) -> str:
    """``setter(text)`` now and after each switch of language; returns the text set."""
    owner = getattr(setter, "__self__", None)
    name = getattr(setter, "__name__", "")
    if not isinstance(owner, QObject) or name not in _GETTERS:
        raise TypeError(f"live() takes a QObject's text setter ({', '.join(_GETTERS)}), "
                        f"not {setter!r}; use on_language() for anything else")
    text = _render(make)
    setter(text)
    _bindings(owner)[name] = _Binding(name, make, _current(owner, name, text))
    return text


def on_language(owner: QObject, key: str, apply: Callable[[], object], *,
                now: bool = True) -> None:
    """``apply()`` now (unless not ``now``) and after each switch of language, while ``owner``
    lives."""
    if now:
        apply()
    _bindings(owner)["on:" + key] = apply


def _current(owner: QObject, setter: str, fallback: str) -> str:
    getter = getattr(owner, _GETTERS[setter], None)
    value = getter() if callable(getter) else fallback
    return value if isinstance(value, str) else fallback


def bound(setter: Callable[[str], object]) -> Make | None:
    """What ``live()`` bound to this setter, if it is bound."""
    owner = getattr(setter, "__self__", None)
    if not isinstance(owner, QObject):
        return None
    found: dict[str, Any] | None = owner.__dict__.get(_ATTRIBUTE)
    binding = (found or {}).get(getattr(setter, "__name__", ""))
    return binding.make if isinstance(binding, _Binding) else None


def retranslate(root: QObject) -> int:
    """Re-apply every binding of ``root`` and the objects under it; returns how many ran. One
    that fails (a widget gone under a closure, a translation that cannot be filled in) is
    logged and skipped: the rest of the window still follows the switch."""
    ran = 0
    for owner in [root, *root.findChildren(QObject)]:
        bindings: dict[str, Any] | None = owner.__dict__.get(_ATTRIBUTE)
        if not bindings or sip.isdeleted(owner):
            continue
        for key, binding in list(bindings.items()):
            if id(bindings.get(key)) != id(binding):
                continue  # replaced by an earlier binding's run: the new one is in place
            try:
                if not isinstance(binding, _Binding):
                    binding()
                    ran += 1
                    continue
                if _current(owner, binding.setter, binding.last) != binding.last:
                    del bindings[key]  # set directly since: stale
                    continue
                text = _render(binding.make)
                getattr(owner, binding.setter)(text)
                binding.last = _current(owner, binding.setter, text)
                ran += 1
            except (RuntimeError, ValueError, KeyError, IndexError) as exc:
                log.warning("a text of %s was not set in the new language: %s",
                            type(owner).__name__, exc)
    return ran


@cache
def _form_texts(path: Path) -> tuple[tuple[str, str, str], ...]:
    """(widget name, property, English text) for each translatable text of a .ui form; a
    ``title`` *attribute* is the tab's text in its QTabWidget (property ``tab``)."""
    found = []
    for widget in ElementTree.parse(path).getroot().iter("widget"):  # noqa: S314  (our forms)
        name = widget.get("name", "")
        for child in widget:
            if child.tag not in ("property", "attribute") or child.get("stdset") == "0":
                continue
            string = child.find("string")
            if string is None or not string.text or string.get("notr") == "true":
                continue
            prop = child.get("name", "")
            if child.tag == "attribute":
                if prop != "title":
                    continue
                prop = "tab"
            found.append((name, prop, string.text))
    return tuple(found)


def bind_form(root: QWidget, path: Path) -> None:
    """Keep the texts of the form ``path``, loaded into ``root``, in the language in use."""
    for name, prop, source in _form_texts(path):
        widget = root if root.objectName() == name else root.findChild(QObject, name)
        if widget is None:
            continue
        if prop == "tab":
            if not isinstance(widget, QWidget):
                continue
            tabs = widget.parentWidget()
            tabs = tabs.parentWidget() if tabs is not None else None  # the stack's owner
            if isinstance(tabs, QTabWidget):
                page = widget

                def retitle(tabs: QTabWidget = tabs, page: QWidget = page,
                            source: str = source) -> None:
                    tabs.setTabText(tabs.indexOf(page), tr(source))

                on_language(page, "tab", retitle)
            continue
        setter = getattr(widget, "set" + prop[:1].upper() + prop[1:], None)
        if setter is not None:
            live(setter, Text(source))
