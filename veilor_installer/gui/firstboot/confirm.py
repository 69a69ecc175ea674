"""Confirm: what the code says, checked again (it may have expired since it was read) — the
pinned server, the signature and its signer, tier, label, expiry, the key masked. Nothing has
run before this page, and nothing runs on it."""

from __future__ import annotations

import time

from PyQt6.QtCore import QDateTime, QLocale
from PyQt6.QtWidgets import QWizard

from veilor_installer.core.firstboot import enrolment
from veilor_installer.core.helper.steps import Message, message_of
from veilor_installer.core.i18n import N_
from veilor_installer.gui.firstboot.base import FirstbootPage
from veilor_installer.gui.firstboot.state import FirstbootState
from veilor_installer.gui.i18n import Text, live, on_language, tr


def relative(expires: int, now: float) -> Text:
    """"in 3 hours", "in 1 day", "expired"."""
    left = expires - now
    if left <= 0:
        return Text("expired")
    if left < 60:
        return Text("in less than a minute")
    if left < 3600:
        return Text.plural("in {n} minute", "in {n} minutes", int(left // 60))
    if left < 2 * 86400:
        return Text.plural("in {n} hour", "in {n} hours", int(left // 3600))
    return Text.plural("in {n} day", "in {n} days", int(left // 86400))


def local_time(unix: int) -> str:
    moment = QDateTime.fromSecsSinceEpoch(unix)
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


class ConfirmPage(FirstbootPage):
    FORM = "firstboot_confirm.ui"
    TITLE = N_("Confirm")

    def __init__(self, state: FirstbootState) -> None:
        super().__init__(state)
        live(self.setSubTitle, Text("The mesh this computer will join."))
        on_language(self, "next", lambda: self.setButtonText(QWizard.WizardButton.NextButton,
                                                             tr("&Use this code")))
        self.found: enrolment.Enrolment | None = None
        self.refusal: Message = ""

    def initializePage(self) -> None:
        self.recheck()

    def validatePage(self) -> bool:
        self.recheck()  # minutes may have passed on this page
        return self.found is not None

    def recheck(self, now: float | None = None) -> None:
        choices = self.state.choices
        now = time.time() if now is None else now
        self.found, self.refusal = None, ""
        try:
            self.found = enrolment.check(choices.payload.reveal(), now=now)
        except enrolment.EnrolmentRefused as refused:
            self.refusal = Text("This code can no longer be used: {reason}. Go Back to scan or "
                                "paste a new one.", reason=refused.reason)
        except Exception as exc:  # the trust configuration cannot be read
            self.refusal = Text("The code cannot be checked: {why}", why=message_of(exc))
        choices.enrolment = self.found
        self._show(now)
        self.revalidate()

    def _show(self, now: float) -> None:
        ui, found = self.ui, self.found
        for row in ("tier", "label", "expires"):
            signed = found is not None and found.signed
            getattr(ui, f"{row}Label").setVisible(signed)
            getattr(ui, f"{row}Value").setVisible(signed)
        ui.demoKeyNote.hide()
        if found is None:
            for value in (ui.serverValue, ui.signatureValue, ui.keyValue):
                live(value.setText, "–")
            return
        live(ui.serverValue.setText, Text("{server} — signs in at {url}; a server this computer "
                                          "is pinned to", server=found.server,
                                          url=found.login_url))
        live(ui.keyValue.setText, found.key_masked)
        if not found.signed:
            live(ui.signatureValue.setText, Text("None: a bare key, which is only ever used "
                                                 "with the default server."))
            return
        live(ui.signatureValue.setText, Text("Verified: signed by {signer}, a signer this "
                                             "computer trusts", signer=found.signer))
        ui.tierValue.setText(found.tier or "")  # names: guest, infra, admin
        ui.labelValue.setText(found.label or "")
        if found.expires is not None:
            live(ui.expiresValue.setText, Text("{relative} ({time})",
                                               relative=relative(found.expires, now),
                                               time=local_time(found.expires)))
        demo = self.state.demo
        if demo is not None and found.signer == demo.kid:
            live(ui.demoKeyNote.setText, Text(
                "{signer} is a demo key, made for the demo and kept apart in {folder}. No real "
                "veilor-os computer trusts it.", signer=found.signer, folder=demo.keys_dir))
            ui.demoKeyNote.show()

    def problems(self) -> dict[str, str]:
        if self.found is None:
            return {"code": str(self.refusal) if self.refusal else
                    tr("There is no code to use. Go Back to scan or paste one.")}
        return {}
