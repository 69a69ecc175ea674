"""Summary: in plain words, what is erased, what is created, which image. The plan and the
kickstart are built in a worker through the same core as `veilor-installer kickstart`
(core.install.job)."""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PyQt6.QtGui import QFontDatabase

from veilor_installer.core.i18n import N_
from veilor_installer.core.install.answers import AnswersError, build_plan
from veilor_installer.core.install.plan import (
    InstallPlan,
)
from veilor_installer.core.log import MASK, redact
from veilor_installer.core.secret import Secret
from veilor_installer.gui.i18n import Text, live, tr
from veilor_installer.gui.install.base import InstallWizardPage
from veilor_installer.gui.install.state import InstallState
from veilor_installer.gui.install.wording import contents, created
from veilor_installer.gui.workers import run_task

if TYPE_CHECKING:  # pykickstart is imported by the worker that builds, not at start-up
    from veilor_installer.core.install import kickstart

FIELD_PAGES = {
    "locale": N_("Language & keyboard"), "storage.disks": N_("Disks"),
    "storage.layout": N_("Disks"), "storage.passphrase": N_("Encryption"),
    "account": N_("Your account"), "image": N_("Welcome"),
}


@dataclass(frozen=True)
class Built:
    plan: InstallPlan
    kickstart: kickstart.Kickstart


def build(state: InstallState) -> Built:
    """Answers → plan → kickstart: exactly what the `kickstart` command does. Worker only."""
    from veilor_installer.core.install.job import build_kickstart

    if state.machine is None:
        raise AnswersError("storage.disks", Text("the disks have not been read yet"))
    plan = build_plan(state.to_answers(), state.machine)
    # A live run writes both files to the runtime folder (None), where Anaconda reads them.
    return Built(plan, build_kickstart(plan, output_dir=state.output_dir if state.dry_run
                                       else None))


def masked_kickstart(built: kickstart.Kickstart, passphrase: Secret) -> str:
    """Both files as Anaconda reads them, with the passphrase and the password hash masked."""
    from veilor_installer.core.install.kickstart import dquote

    secrets_name = os.path.basename(built.secrets_path)
    quoted = f'"{dquote(passphrase.reveal())}"'
    secrets = built.secrets.reveal().replace(quoted, f'"{MASK}"')
    return (f"# ks.cfg\n{redact(built.main)}\n# {secrets_name} (included above)\n"
            f"{redact(secrets)}")


class SummaryPage(InstallWizardPage):
    FORM = "summary.ui"
    TITLE = N_("Summary")

    def __init__(self, state: InstallState) -> None:
        super().__init__(state)
        live(self.setSubTitle, Text("Read this before you go on: nothing is written to a disk "
                                    "until you confirm on the next page."))
        self.ui.kickstartView.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.ui.showKickstart.toggled.connect(self.ui.kickstartView.setVisible)
        self.built: Built | None = None
        self.error: BaseException | None = None
        self.error_page: str | None = None
        self.busy = False
        self._generation = 0

    def initializePage(self) -> None:
        """Rebuilt every time: any earlier page may have changed."""
        self._generation += 1
        generation = self._generation
        self.built = None
        self.state.plan = None
        self.state.kickstart = None
        self.error = None
        self.error_page = None
        self.busy = True
        live(self.ui.status.setText, Text("Preparing the summary…"))
        self.ui.status.show()
        live(self.ui.eraseText.setText, "")
        live(self.ui.createText.setText, "")
        self.ui.kickstartView.clear()
        self.revalidate()

        def done(result: Built) -> None:
            if generation == self._generation:
                self._show(result)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._fail(exc)

        state = self.state
        run_task(lambda: build(state), done, failed)

    def _show(self, built: Built) -> None:
        self.busy = False
        self.built = built
        self.state.plan = built.plan
        self.state.kickstart = built.kickstart
        plan = built.plan
        self.ui.status.hide()  # the subtitle says what happens next; a small screen needs the row

        def erase() -> str:
            lines = [tr("These disks will be erased completely:")]
            lines += [tr("• {disk}: {contents}").format(disk=html.escape(disk.description),
                                                        contents=html.escape(contents(disk)))
                      for disk in plan.disks]
            if any(d.os for d in plan.disks):
                lines.append(tr("Everything on them, every system and file listed above, is "
                                "lost."))
            return "<br/>".join(lines)

        live(self.ui.eraseText.setText, erase)
        live(self.ui.createText.setText,
             lambda: "<br/>".join(html.escape(line) for line in created(plan)))
        self.ui.kickstartView.setPlainText(masked_kickstart(built.kickstart, plan.passphrase))
        self.revalidate()

    def _fail(self, exc: BaseException) -> None:
        self.busy = False
        field = getattr(exc, "field", "")
        page = next((name for prefix, name in FIELD_PAGES.items() if field.startswith(prefix)),
                    None)
        self.error, self.error_page = exc, page
        live(self.ui.status.setText, Text("The plan cannot be made."))
        self.ui.status.show()
        self.revalidate()

    def problems(self) -> dict[str, str]:
        if self.busy:
            return {"busy": tr("Preparing…")}
        if self.error is not None:
            if self.error_page:
                return {"plan": tr("{why} Go back to “{page}” to change it.").format(
                    why=self.error, page=tr(self.error_page))}
            return {"plan": str(self.error)}
        return {}
