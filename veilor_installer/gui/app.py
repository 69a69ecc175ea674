"""Start the wizard: the application object, theme, translations, and the --smoke check."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PyQt6.QtCore import QLibraryInfo, QLocale, QObject, Qt, QTranslator, pyqtSignal
from PyQt6.QtGui import QIcon
from PyQt6.QtWidgets import QApplication, QWidget

from veilor_installer.core import i18n
from veilor_installer.core.datapaths import resource_path
from veilor_installer.core.install.machine import Machine
from veilor_installer.gui import theme
from veilor_installer.gui.i18n import retranslate
from veilor_installer.gui.install.state import InstallState

if TYPE_CHECKING:  # the install wizard's start-up does not load first boot's modules
    from veilor_installer.gui.firstboot.state import DemoSetup

_qt_translator: list[QTranslator] = []


class _LanguageRelay(QObject):
    switched = pyqtSignal(str)


def install_translations(app: QApplication, language: str | None = None) -> str:
    """Use ``language`` (else the environment's: ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``,
    ``LANG``) and follow every later switch (``core.i18n.use``, the Language page): Qt's own
    texts, the layout's direction, and every window's texts. Returns the language in use."""
    if not getattr(app, "_veilor_follows_language", False):
        app._veilor_follows_language = True  # type: ignore[attr-defined]
        # A switch from another thread reaches the windows on the GUI thread (queued); one on
        # the GUI thread, at once.
        relay = _LanguageRelay(app)
        relay.switched.connect(lambda code: _show_language(app, code))
        i18n.on_change(relay.switched.emit)
    before = i18n.language()
    chosen = i18n.use(language) if language else i18n.use_environment()
    if chosen == before:  # no switch, so the relay was not told: show it here, once
        _show_language(app, chosen)
    return chosen


def _show_language(app: QApplication, code: str) -> None:
    """Qt's own translations (``qtbase_<lang>.qm``, shipped with Qt) for the dialogs and menus
    Qt draws, the direction of the layout, then every window retranslated."""
    for old in _qt_translator:
        app.removeTranslator(old)
    _qt_translator.clear()
    if code not in i18n.PSEUDO_LANGUAGES and code != i18n.SOURCE_LANGUAGE:
        qt = QTranslator(app)
        if qt.load(QLocale(code), "qtbase", "_",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _qt_translator.append(qt)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if i18n.right_to_left(code)
                           else Qt.LayoutDirection.LeftToRight)
    for window in app.topLevelWidgets():
        retranslate(window)


def application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("veilor-installer")
    app.setApplicationDisplayName("veilor-os installer")
    app.setDesktopFileName("veilor-installer")
    app.setWindowIcon(QIcon(str(resource_path("branding/veilor-logo.svg"))))
    install_translations(app)
    theme.apply(app)
    hints = app.styleHints()
    if hints is not None:  # the desktop switched between light and dark while we run
        hints.colorSchemeChanged.connect(lambda _scheme: theme.apply(app))
    return app


def run_install(read_machine: Callable[[], Machine], *, dry_run: bool, output_dir: str,
                smoke: bool = False, anaconda: str | None = None, skip_preflight: bool = False,
                sysfs_root: str | None = None) -> int:
    """The install wizard. Live runs (``dry_run=False``) take the Anaconda program, whether
    to skip the pre-flight checks, and ``/sys`` when the machine is this one."""
    from veilor_installer.core.private import no_core_dumps

    no_core_dumps()  # the wizard will hold the passphrase and the password
    app = application()
    from veilor_installer.gui.install.wizard import InstallWizard

    state = InstallState(read_machine=read_machine, dry_run=dry_run,
                         output_dir=os.path.abspath(output_dir), anaconda=anaconda,
                         skip_preflight=skip_preflight, sysfs_root=sysfs_root)
    wizard = InstallWizard(state)
    wizard.show()
    if smoke:
        return _smoke(app, wizard)
    code = app.exec()
    _finish_background_work(app)
    return code


def run_firstboot(*, demo: DemoSetup | None = None, smoke: bool = False) -> int:
    """The first-boot wizard. ``demo``: the demo the command line set up (the fakes on the
    path, a video as the camera: nothing on this computer changes). When the wizard closes,
    first boot is marked done (not in a demo or a smoke run), so the autostart entry does not
    start it again."""
    from veilor_installer.core.firstboot import choices as firstboot
    from veilor_installer.core.private import no_core_dumps

    no_core_dumps()  # the wizard will hold a pre-auth key and disk passphrases
    app = application()
    # The window belongs to the menu entry veilor-firstboot.desktop (its icon, its name).
    app.setDesktopFileName("veilor-firstboot")
    from veilor_installer.gui.firstboot.state import FirstbootState
    from veilor_installer.gui.firstboot.wizard import FirstbootWizard

    state = FirstbootState(demo=demo)
    if demo is not None:
        state.camera_source = str(demo.video)
        state.camera_loop = True
        state.use_pkexec = False  # the helper runs as the user, on the fakes
    wizard = FirstbootWizard(state)
    wizard.show()
    if smoke:
        return _smoke(app, wizard)
    app.exec()
    _finish_background_work(app)
    if demo is None:
        firstboot.mark_done()
    return 0


def _smoke(app: QApplication, wizard: QWidget) -> int:
    """``--smoke``: the first page shown, events processed until it is exposed, then close."""
    from PyQt6.QtTest import QTest

    handle = wizard.windowHandle()
    # PyQt6's stubs miss @staticmethod on QTest's functions (``self: QTest`` comes first).
    exposed = handle is not None and QTest.qWaitForWindowExposed(handle, 5000)  # type: ignore[call-overload]
    app.processEvents()
    wizard.close()
    _finish_background_work(app)
    return 0 if exposed else 1


def _finish_background_work(app: QApplication) -> None:
    """Let running workers (a network probe, a disk scan) end and deliver their results while
    the widgets still exist, so nothing reaches a deleted page at exit."""
    from veilor_installer.gui.workers import wait_for_all

    wait_for_all(15_000)
    app.processEvents()
