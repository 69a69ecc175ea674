"""What languages cost: reading a catalogue, and a live switch of the whole install wizard.

- Reading ``de.po``/``ru.po`` (parsed as it is, compiled to a gettext catalogue in memory) is
  paid once per language, at start-up or on the first switch to it.
- A switch (``core.i18n.use``, what choosing a language on the Language page does) re-sets every
  text of every page built, the step list and the buttons, on the GUI thread: the stall a person
  sees when clicking a language. Measured with every page of the wizard built (the worst case:
  a person who went to the end and came back).

``python bench/languages.py [--runs N]``; offscreen platform.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    from veilor_installer.core import i18n

    for language in ("de", "ru"):
        times = []
        for _ in range(args.runs):
            i18n._catalogues.pop(language, None)
            start = time.perf_counter()
            i18n.catalogue(language)
            times.append((time.perf_counter() - start) * 1000)
        print(f"read {language}.po: median {statistics.median(times):.1f} ms, "
              f"max {max(times):.1f} ms ({args.runs} runs)")

    from PyQt6.QtWidgets import QApplication

    from veilor_installer.core.install.storage.profile import demo_machine
    from veilor_installer.gui.app import application
    from veilor_installer.gui.i18n import retranslate
    from veilor_installer.gui.install.state import InstallState
    from veilor_installer.gui.install.wizard import InstallWizard

    os.environ["VEILOR_REGISTRY_URL"] = "http://127.0.0.1:9"
    app = application(["bench"])
    with tempfile.TemporaryDirectory(prefix="veilor-bench-") as work:
        wizard = InstallWizard(InstallState(read_machine=demo_machine, dry_run=True,
                                            output_dir=os.path.join(work, "out")))
        wizard.show()
        pages = wizard.pages  # every page built
        QApplication.processEvents()
        times, bindings = [], 0
        for run in range(args.runs):
            start = time.perf_counter()
            i18n.use("ru" if run % 2 == 0 else "de")
            QApplication.processEvents()
            times.append((time.perf_counter() - start) * 1000)
        bindings = retranslate(wizard)
        print(f"switch the install wizard ({len(pages)} pages, {bindings} texts): median "
              f"{statistics.median(times):.1f} ms, max {max(times):.1f} ms ({args.runs} runs)")
        wizard.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
