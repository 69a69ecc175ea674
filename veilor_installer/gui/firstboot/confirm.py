"""Confirm: what the code says, checked again (it may have expired since it was read) — the
pinned server, the signature and its signer, tier, label, expiry, the key masked. Nothing has
run before this page, and nothing runs on it."""

from __future__ import annotations

import time

from PyQt6.QtCore import QDateTime, QLocale
from PyQt6.QtWidgets import QWizard

from veilor_installer.core.firstboot import enrolment
from veilor_installer.core.i18n import N_
from veilor_installer.gui.firstboot.base import FirstbootPage
from veilor_installer.gui.firstboot.state import FirstbootState
from veilor_installer.gui.i18n import tr


def relative(expires: int, now: float) -> str:
    """"in 3 hours", "in 1 day", "expired"."""
    left = expires - now
    if left <= 0:
        return tr("expired")
    if left < 60:
        return tr("in less than a minute")
    if left < 3600:
        n = int(left // 60)
        return tr("in 1 minute") if n == 1 else tr("in {n} minutes").format(n=n)
    if left < 2 * 86400:
        n = int(left // 3600)
        return tr("in 1 hour") if n == 1 else tr("in {n} hours").format(n=n)
    return tr("in {n} days").format(n=int(left // 86400))


def local_time(unix: int) -> str:
    moment = QDateTime.fromSecsSinceEpoch(unix)
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


class ConfirmPage(FirstbootPage):
    FORM = "firstboot_confirm.ui"
    TITLE = N_("Confirm")

    def __init__(self, state: FirstbootState) -> None:
        super().__init__(state)
        self.setSubTitle(tr("The mesh this computer will join."))
        self.setButtonText(QWizard.WizardButton.NextButton, tr("&Use this code"))
        self.found: enrolment.Enrolment | None = None
        self.refusal = ""

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
            self.refusal = tr("This code can no longer be used: {reason}. Go Back to scan or "
                              "paste a new one.").format(reason=refused.reason)
        except Exception as exc:  # the trust configuration cannot be read
            self.refusal = tr("The code cannot be checked: {why}").format(why=exc)
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
                value.setText("–")
            return
        ui.serverValue.setText(tr("{server} — signs in at {url}; a server this computer is "
                                  "pinned to").format(server=found.server, url=found.login_url))
        ui.keyValue.setText(found.key_masked)
        if not found.signed:
            ui.signatureValue.setText(tr("None: a bare key, which is only ever used with the "
                                         "default server."))
            return
        ui.signatureValue.setText(tr("Verified: signed by {signer}, a signer this computer "
                                     "trusts").format(signer=found.signer))
        ui.tierValue.setText(found.tier or "")
        ui.labelValue.setText(found.label or "")
        if found.expires is not None:
            ui.expiresValue.setText(tr("{relative} ({time})").format(
                relative=relative(found.expires, now), time=local_time(found.expires)))
        demo = self.state.demo
        if demo is not None and found.signer == demo.kid:
            ui.demoKeyNote.setText(tr(
                "{signer} is a demo key, made for the demo and kept apart in {folder}. No real "
                "veilor-os computer trusts it.").format(signer=found.signer,
                                                         folder=demo.keys_dir))
            ui.demoKeyNote.show()

    def problems(self) -> dict[str, str]:
        if self.found is None:
            return {"code": self.refusal or tr("There is no code to use. Go Back to scan or "
                                               "paste one.")}
        return {}
