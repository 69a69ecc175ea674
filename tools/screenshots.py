"""`make screenshots`: every page of the install wizard, light and dark, rendered offscreen on
the demo machine into docs/screenshots/<scheme>/NN-<page>.png.

Each scheme runs in its own process (the theme is chosen when the application starts). The
pages are reached the way a person reaches them (veilor_installer.demo.install_walkthrough), so what
is pictured is what the wizard really shows, the dry-run banner included.

Then the live pages (``install --live``), driven by the fake anaconda
(veilor_installer/demo/fakes) against a registry on loopback: the pre-flight checks failing,
the install running with its log, a failed install, and the Finish page.

Then every page of the first-boot wizard, into docs/screenshots/<scheme>/firstboot/, as
``firstboot --demo`` shows them (the fakes of veilor_installer/demo/fakes, a video as the
camera): the Join page after the camera read the code and with the Paste tab, the Thorium
warning, Apply with two failed steps and their output, then after Retry.

Each language shipped (``--language``; default English, German and Russian) is shot started in
it, as the ISO booted with ``LANG`` set: English into docs/screenshots/<scheme>/, another
language into docs/screenshots/<lang>/<scheme>/.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SIZE = (900, 680)
LANGUAGES = {"en": "en_US", "de": "de_DE", "ru": "ru_RU"}


def shown(path: Path) -> str:
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def shoot(scheme: str, out: Path) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["VEILOR_THEME"] = scheme
    from PyQt6.QtWidgets import QWizardPage

    from veilor_installer.core import i18n
    from veilor_installer.core.install.storage.profile import demo_machine
    from veilor_installer.demo.install_walkthrough import answers_for, wait_until, walk
    from veilor_installer.gui.app import application
    from veilor_installer.gui.install.state import InstallState
    from veilor_installer.gui.install.wizard import InstallWizard
    from veilor_installer.gui.workers import wait_for_all

    app = application(["screenshots"])
    folder = out / scheme
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="veilor-shots-") as work:
        state = InstallState(read_machine=demo_machine, dry_run=True,
                             output_dir=os.path.join(work, "veilor-install"))
        wizard = InstallWizard(state)
        wizard.resize(*SIZE)
        wizard.show()
        count = [0]

        def grab(name: str) -> None:
            app.processEvents()
            count[0] += 1
            path = folder / f"{count[0]:02d}-{name}.png"
            if not wizard.grab().save(str(path)):
                raise SystemExit(f"could not save {path}")
            print(shown(path))

        def on_page(page: QWizardPage) -> None:
            name = re.sub(r"(?<!^)(?=[A-Z])", "-", type(page).__name__.removesuffix("Page"))
            grab(name.lower())
            if type(page).__name__ == "SummaryPage":
                page.ui.showKickstart.setChecked(True)
                grab("summary-kickstart")
                page.ui.showKickstart.setChecked(False)

        walk(wizard, answers_for(i18n.language()), on_page=on_page)
        wait_until(lambda: wait_for_all(10), what="background work")
        wizard.close()
        shoot_live(folder, count, Path(work))
    return 0


def shoot_live(folder: Path, count: list[int], work: Path) -> None:
    """The live pages, each run in a fresh wizard with the fakes set up for its ending."""
    import pytest
    from PyQt6.QtCore import QTimer
    from PyQt6.QtWidgets import QApplication, QWizardPage

    from veilor_installer.core import i18n
    from veilor_installer.core.install.storage.profile import demo_machine
    from veilor_installer.demo.install_walkthrough import answers_for, wait_until, walk
    from veilor_installer.demo.system import install_system, local_registry, write_policy
    from veilor_installer.gui.install.install import Phase
    from veilor_installer.gui.install.state import InstallState
    from veilor_installer.gui.install.wizard import InstallWizard
    from veilor_installer.gui.workers import wait_for_all

    def run(name: str, mode: str, speed: float, env: dict[str, str],
            shots: dict[str, str]) -> None:
        """``shots``: page class name → picture name, taken when the walk settles there."""
        tmp = work / name
        tmp.mkdir()
        monkeypatch = pytest.MonkeyPatch()
        fakes = install_system(tmp, runtime_dir=tmp / "run", mode=mode, speed=speed)
        registry = local_registry()
        url = registry.__enter__()  # before the Welcome page probes the network
        settings = {**fakes.env, "VEILOR_CONTAINERS_POLICY": str(write_policy(tmp)),
                    "VEILOR_REGISTRY_URL": url, **env}
        for key, value in settings.items():
            if value is None:
                monkeypatch.delenv(key, raising=False)
            else:
                monkeypatch.setenv(key, value)
        state = InstallState(read_machine=demo_machine, dry_run=False,
                             output_dir=str(tmp / "out"))
        wizard = InstallWizard(state)
        wizard.resize(*SIZE)
        wizard.show()
        install = next(p for p in wizard.pages if type(p).__name__ == "InstallPage")
        running_shot = shots.pop("running", None)
        watch = QTimer()

        def while_running() -> None:
            if install.phase is Phase.RUNNING and install.ui.stepList.count() >= 6:
                if not install.ui.showLog.isChecked():
                    install.ui.showLog.setChecked(True)
                    return
                watch.stop()
                if running_shot:
                    grab_window(wizard, folder, count, running_shot)

        watch.timeout.connect(while_running)
        watch.start(100)

        def on_page(page: QWizardPage) -> None:
            shot = shots.get(type(page).__name__)
            if type(page).__name__ == "FinishPage":  # the focus settles on Restart
                wait_until(lambda: QApplication.focusWidget() is page.ui.restartButton,
                           what="the focus on Restart")
            if shot:
                grab_window(wizard, folder, count, shot)

        try:
            walk(wizard, answers_for(i18n.language()), on_page=on_page, live_timeout=120)
        finally:
            registry.__exit__(None, None, None)
        watch.stop()
        if state.runner is not None and state.runner.anaconda_running:
            state.runner.stop()
        wait_until(lambda: wait_for_all(10), what="background work")
        wizard.hide()
        wizard.deleteLater()
        QApplication.processEvents()
        monkeypatch.undo()
        del fakes

    run("checks", "success", 0.01, {"VEILOR_CONTAINERS_POLICY": str(work / "no-policy.json")},
        {"InstallPage": "live-install-checks-failed"})
    run("failed", "payload-fail", 1.0, {},
        {"running": "live-install-running", "InstallPage": "live-install-failed"})
    run("finish", "success", 0.01, {}, {"FinishPage": "live-finish"})


def shoot_firstboot(scheme: str, out: Path) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["VEILOR_THEME"] = scheme
    from PyQt6.QtWidgets import QWizardPage

    from veilor_installer.demo import firstboot as firstboot_demo
    from veilor_installer.demo.firstboot_walkthrough import walk
    from veilor_installer.demo.install_walkthrough import wait_until
    from veilor_installer.gui.app import application
    from veilor_installer.gui.firstboot.state import FirstbootState
    from veilor_installer.gui.firstboot.wizard import FirstbootWizard
    from veilor_installer.gui.workers import wait_for_all

    app = application(["screenshots"])
    folder = out / scheme / "firstboot"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    count = [0]
    with firstboot_demo.environment() as demo:
        state = FirstbootState(demo=demo, camera_source=str(demo.video), camera_loop=True,
                               use_pkexec=False)
        wizard = FirstbootWizard(state)
        wizard.resize(*SIZE)
        wizard.show()

        def on_page(page: QWizardPage, name: str) -> None:
            app.processEvents()
            grab_window(wizard, folder, count, name)

        def fail_once(failing: bool) -> None:
            if failing:  # the recipes fail: Thorium and Reticulum, once
                os.environ["VEILOR_FAKE_UJUST"] = "fail"
            else:
                os.environ.pop("VEILOR_FAKE_UJUST", None)

        walk(wizard, on_page, fail_once=fail_once)
        wait_until(lambda: wait_for_all(10), what="background work")
        wizard.close()
    return 0


def grab_window(wizard: object, folder: Path, count: list[int], name: str) -> None:
    from PyQt6.QtWidgets import QApplication, QWidget

    QApplication.processEvents()
    count[0] += 1
    path = folder / f"{count[0]:02d}-{name}.png"
    if not isinstance(wizard, QWidget) or not wizard.grab().save(str(path)):
        raise SystemExit(f"could not save {path}")
    print(shown(path))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scheme", choices=("light", "dark"))
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    parser.add_argument("--mode", choices=("install", "firstboot"),
                        help="one wizard only (default: both)")
    parser.add_argument("--language", action="append",
                        help="a language's code (en, de, ru, en_XA, ar_XB; again for more; "
                        "default: en, de, ru)")
    parser.add_argument("--size", default="900x680",
                        help="the window's size (default 900x680; the smallest supported is "
                        "800x600)")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    out = Path(args.out)
    global SIZE
    width, _, height = args.size.partition("x")
    SIZE = (int(width), int(height))
    if args.one:  # one process: one language, scheme and wizard (the theme is chosen at start)
        return (shoot if args.mode == "install" else shoot_firstboot)(args.scheme, out)
    for language in args.language or list(LANGUAGES):
        folder = out if language == "en" else out / language
        for scheme in [args.scheme] if args.scheme else ["light", "dark"]:
            for mode in [args.mode] if args.mode else ["install", "firstboot"]:
                env = {**os.environ, "LANG": f"{LANGUAGES.get(language, language)}.UTF-8"}
                for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
                    env.pop(name, None)
                subprocess.run([sys.executable, __file__, "--one", "--scheme", scheme,
                                "--mode", mode, "--out", str(folder), "--size", args.size],
                               check=True, timeout=300, env=env)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
