"""Progress of a dry run: write the kickstart that Anaconda would be given, and say where it
went and what a live install would do with it. Live installs have the Install and Finish pages
instead (install.py, finish.py)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from veilor_installer.core.i18n import N_
from veilor_installer.gui.i18n import Text, live, tr
from veilor_installer.gui.install.base import InstallWizardPage
from veilor_installer.gui.install.state import InstallState
from veilor_installer.gui.workers import run_task

if TYPE_CHECKING:
    from veilor_installer.core.install import kickstart

WOULD_DO = (
    N_("partition and format the disks named on the Summary page (LUKS2, btrfs)"),
    N_("pull and verify the signed image"),
    N_("create your account and lock root"),
    N_("install the boot loader and point updates at the signed image"),
)


class ProgressPage(InstallWizardPage):
    FORM = "progress.ui"
    TITLE = N_("Install")

    def __init__(self, state: InstallState) -> None:
        if not state.dry_run:
            raise ValueError("the Progress page is for dry runs; live runs use InstallPage")
        super().__init__(state)
        live(self.setSubTitle, Text("Dry run: writing the kickstart."))
        self.setFinalPage(True)
        self.ui.retryButton.clicked.connect(self.write)
        self.written: kickstart.WrittenKickstart | None = None
        self.error: Text | None = None
        self.busy = False

    def initializePage(self) -> None:
        self.write()

    def write(self) -> None:
        built = self.state.kickstart
        if built is None or self.busy:
            return
        self.busy = True
        self.error = None
        self.written = None
        self.ui.retryButton.hide()
        live(self.ui.status.setText, Text("Writing the kickstart…"))
        self.ui.progressBar.setRange(0, 0)
        self.revalidate()
        output = self.state.output_dir
        def write() -> kickstart.WrittenKickstart:
            from veilor_installer.core.install.kickstart import write as write_files

            return write_files(built, output)

        run_task(write, self._done, self._failed)

    def _done(self, written: kickstart.WrittenKickstart) -> None:
        self.busy = False
        self.written = written
        self.state.ks_path = str(written.ks_path)
        self.ui.progressBar.setRange(0, 1)
        self.ui.progressBar.setValue(1)
        live(self.ui.status.setText, Text("Dry run finished. No disk was touched."))

        def result() -> str:
            would = "".join(f"<li>{html.escape(tr(step))}</li>" for step in WOULD_DO)
            return tr("The kickstart is in <b>{ks}</b>.<br/>The passphrase is in <b>{secrets}</b> "
                      "(readable only by you): delete it when you are done.").format(
                ks=html.escape(str(written.ks_path)),
                secrets=html.escape(str(written.secrets_path))) + "<br/><br/>" + tr(
                "A live install would now have Anaconda:") + f"<ul>{would}</ul>"

        live(self.ui.resultText.setText, result)
        self.revalidate()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.ui.progressBar.setRange(0, 1)
        self.ui.progressBar.setValue(0)
        self.error = Text("The kickstart could not be written: {why}", why=exc)
        live(self.ui.status.setText, Text("Nothing was written."))
        self.ui.retryButton.show()
        self.revalidate()

    def problems(self) -> dict[str, str]:
        if self.busy:
            return {"busy": tr("Writing…")}
        if self.error is not None:
            return {"write": str(self.error)}
        return {}
