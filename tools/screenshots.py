"""`make screenshots`: every page of the install wizard, light and dark, rendered offscreen on
the demo machine into docs/screenshots/<scheme>/NN-<page>.png.

Each scheme runs in its own process (the theme is chosen when the application starts). The
pages are reached the way a person reaches them (veilor_installer.gui.walkthrough), so what
is pictured is what the wizard really shows, the dry-run banner included.
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


def shoot(scheme: str, out: Path) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["VEILOR_THEME"] = scheme
    from PyQt6.QtWidgets import QWizardPage

    from veilor_installer.core.storage.profile import demo_machine
    from veilor_installer.gui.app import application
    from veilor_installer.gui.state import InstallState
    from veilor_installer.gui.walkthrough import wait_until, walk
    from veilor_installer.gui.wizard import InstallWizard
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
            print(path.relative_to(REPO))

        def on_page(page: QWizardPage) -> None:
            name = re.sub(r"(?<!^)(?=[A-Z])", "-", type(page).__name__.removesuffix("Page"))
            grab(name.lower())
            if type(page).__name__ == "SummaryPage":
                page.ui.showKickstart.setChecked(True)
                grab("summary-kickstart")
                page.ui.showKickstart.setChecked(False)

        walk(wizard, on_page=on_page)
        wait_until(lambda: wait_for_all(10), what="background work")
        wizard.close()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scheme", choices=("light", "dark"))
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    if args.scheme:
        return shoot(args.scheme, out)
    for scheme in ("light", "dark"):
        subprocess.run([sys.executable, __file__, "--scheme", scheme, "--out", str(out)],
                       check=True, timeout=300)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
