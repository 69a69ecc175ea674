"""Done: what is now set up (mesh addresses, the Yggdrasil address), what is not and how to try
again, and whether a restart is needed."""

from __future__ import annotations

import html

from veilor_installer.core.firstboot import choices as firstboot
from veilor_installer.core.helper.steps import Message
from veilor_installer.core.i18n import N_
from veilor_installer.gui.firstboot import texts
from veilor_installer.gui.firstboot.base import FirstbootPage
from veilor_installer.gui.firstboot.state import FirstbootState, Outcome, Run
from veilor_installer.gui.firstboot.texts import summary_line
from veilor_installer.gui.i18n import Text, live, tr


class DonePage(FirstbootPage):
    FORM = "firstboot_done.ui"
    TITLE = N_("Done")

    def __init__(self, state: FirstbootState) -> None:
        super().__init__(state)
        live(self.setSubTitle, Text("What is set up now."))
        self.setFinalPage(True)

    def initializePage(self) -> None:
        state = self.state
        try:
            plan = firstboot.tasks(state.choices)
        except Exception:  # the Apply page said so already
            plan = []
        outcomes = [state.outcomes[t.id] for t in plan if t.id in state.outcomes]
        failed = [o for o in outcomes if o.status is Run.FAILED]
        live(self.ui.resultTitle.setText, Text("Some steps did not work.") if failed else
             Text("veilor-os is set up."))
        live(self.ui.resultText.setText, lambda: self._results(outcomes))
        note = texts.restart_note(outcomes)
        self.ui.restartText.setVisible(note is not None)
        if note is not None:
            live(self.ui.restartText.setText, note)

    def _results(self, outcomes: list[Outcome]) -> str:
        """A line for each step, in the language in use."""
        rows = []
        for outcome in outcomes:
            data = outcome.result.data if outcome.result is not None else {}
            line: Message = summary_line(outcome)
            if outcome.status.passed and outcome.task_id == firstboot.MESH and data.get("ips"):
                line = Text("in the mesh at {server}, as {addresses}",
                            server=data.get("server", ""),
                            addresses=", ".join(map(str, data["ips"])))
            elif outcome.status.passed and outcome.task_id == firstboot.YGGDRASIL:
                line = Text("this computer's Yggdrasil address is {address}",
                            address=data.get("address", "?"))
            mark = "✖" if outcome.status is Run.FAILED else (
                "⚠" if outcome.status is Run.WARNING else "✔")
            rows.append(f"{mark}&nbsp; <b>{html.escape(str(texts.title(outcome.task_id)))}"
                        f"</b>: {html.escape(str(line))}")
        if self.state.choices.skip_mesh:
            rows.append("–&nbsp; <b>" + html.escape(str(texts.title(firstboot.MESH))) + "</b>: "
                        + html.escape(tr("skipped. Join later from the menu, or with "
                                         "veilor-installer mesh join.")))
        return "<br/>".join(rows) if rows else html.escape(tr("Nothing was changed."))
