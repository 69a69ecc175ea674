"""Done: what is now set up (mesh addresses, the Yggdrasil address), what is not and how to try
again, and whether a restart is needed."""

from __future__ import annotations

import html

from veilor_installer.core.firstboot import choices as firstboot
from veilor_installer.core.i18n import N_
from veilor_installer.gui.firstboot import texts
from veilor_installer.gui.firstboot.base import FirstbootPage
from veilor_installer.gui.firstboot.state import FirstbootState, Run
from veilor_installer.gui.firstboot.texts import summary_line
from veilor_installer.gui.i18n import tr


class DonePage(FirstbootPage):
    FORM = "firstboot_done.ui"
    TITLE = N_("Done")

    def __init__(self, state: FirstbootState) -> None:
        super().__init__(state)
        self.setSubTitle(tr("What is set up now."))
        self.setFinalPage(True)

    def initializePage(self) -> None:
        state = self.state
        try:
            plan = firstboot.tasks(state.choices)
        except Exception:  # the Apply page said so already
            plan = []
        outcomes = [state.outcomes[t.id] for t in plan if t.id in state.outcomes]
        failed = [o for o in outcomes if o.status is Run.FAILED]
        self.ui.resultTitle.setText(
            tr("Some steps did not work.") if failed else tr("veilor-os is set up."))
        rows = []
        for outcome in outcomes:
            data = outcome.result.data if outcome.result is not None else {}
            line = summary_line(outcome)
            if outcome.status.passed and outcome.task_id == firstboot.MESH and data.get("ips"):
                line = tr("in the mesh at {server}, as {addresses}").format(
                    server=data.get("server", ""), addresses=", ".join(map(str, data["ips"])))
            elif outcome.status.passed and outcome.task_id == firstboot.YGGDRASIL:
                line = tr("this computer's Yggdrasil address is {address}").format(
                    address=data.get("address", "?"))
            mark = "✖" if outcome.status is Run.FAILED else (
                "⚠" if outcome.status is Run.WARNING else "✔")
            rows.append(f"{mark}&nbsp; <b>{html.escape(texts.title(outcome.task_id))}</b>: "
                        f"{html.escape(line)}")
        if state.choices.skip_mesh:
            rows.append("–&nbsp; <b>" + html.escape(texts.title(firstboot.MESH)) + "</b>: "
                        + html.escape(tr("skipped. Join later from the menu, or with "
                                         "veilor-installer mesh join.")))
        self.ui.resultText.setText("<br/>".join(rows) if rows else
                                   html.escape(tr("Nothing was changed.")))
        restart = [texts.title(o.task_id) for o in outcomes
                   if o.result is not None and o.result.restart_needed]
        self.ui.restartText.setVisible(bool(restart))
        if restart:
            self.ui.restartText.setText(tr("Restart the computer to use: {what}.").format(
                what=", ".join(restart)))
