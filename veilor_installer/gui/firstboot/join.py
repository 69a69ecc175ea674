"""Join the Veilor mesh: scan the signup page's QR code, or paste the key; or skip, told what
is lost.

Both ways end in the same check (core.enrolment.check, DESIGN §6): a code refused here — for
another server, expired, badly signed — never reaches the Confirm page. A code read by the
camera that passes goes straight on to Confirm; the scanner ignores QR codes that are not
Veilor codes at all (a poster behind the person), so it keeps looking for the right one.
Nothing runs here: the join happens at Apply.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PyQt6.QtGui import QShowEvent
from PyQt6.QtWidgets import QLineEdit

from veilor_installer.core import settings
from veilor_installer.core.firstboot import enrolment
from veilor_installer.core.helper.steps import Message, message_of
from veilor_installer.core.i18n import N_
from veilor_installer.core.secret import Secret
from veilor_installer.gui.firstboot.base import FirstbootPage
from veilor_installer.gui.firstboot.state import FirstbootState
from veilor_installer.gui.i18n import Text, live, on_language, tr
from veilor_installer.gui.widgets.strength_meter import replace_secret
from veilor_installer.gui.workers import load_in_worker, run_task

if TYPE_CHECKING:
    from veilor_installer.core.firstboot.qr import CameraInfo
    from veilor_installer.gui.widgets.qrscanner import QrScanner

SCAN, PASTE = 0, 1


def looks_like_veilor(text: str) -> bool:
    """A QR code worth checking: a veilor: code or a bare key. Runs on the decode thread."""
    text = text.strip()
    return text[:7].lower() == "veilor:" or enrolment.key_format(text) is not None


def _warm_up() -> None:
    """Import what checking a signed code needs, off the GUI thread (first use costs ~0.1 s)."""
    from cryptography.exceptions import InvalidSignature  # noqa: F401
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey  # noqa: F401
    from cryptography.hazmat.primitives.serialization import load_pem_public_key  # noqa: F401


def describe(found: enrolment.Enrolment) -> Text:
    """One line for a code that passed: for which server, by whom."""
    if found.signed:
        return Text("A code for {server}, signed by {signer}, for {label} ({tier}).",
                    server=found.server, signer=found.signer, label=found.label,
                    tier=found.tier)
    return Text("A key for {server}, the default server.", server=found.server)


def sentence(message: Message) -> str:
    """A refusal's reason (a clause: "this code expired …") as a sentence, rendered now."""
    text = str(Text("{reason}.", reason=message))
    return text[:1].upper() + text[1:]


class JoinPage(FirstbootPage):
    FORM = "firstboot_join.ui"
    TITLE = N_("Join the mesh")

    def __init__(self, state: FirstbootState) -> None:
        super().__init__(state)
        live(self.setSubTitle,
             Text("Scan the QR code or paste the key from your Veilor signup page."))
        ui = self.ui
        self.scanner: QrScanner | None = None
        self.sources: list[str | None] = []
        self.cameras_loaded = False
        self._scan_text: Secret | None = None
        self._scan_found: enrolment.Enrolment | None = None
        self._scan_refusal: Message = ""
        self._paste_found: enrolment.Enrolment | None = None
        self._paste_refusal: Message = ""
        self._paste_refused = False  # the refusal is the reason of EnrolmentRefused
        self._pasted = Secret("", register=False)
        self._camera_labels: list[Message] = [Text("Looking for cameras…")]
        ui.cameraChoice.addItem(str(self._camera_labels[0]))
        on_language(self, "cameras", self._label_cameras, now=False)
        ui.cameraChoice.setEnabled(False)
        ui.cameraChoice.currentIndexChanged.connect(self._camera_chosen)
        ui.methodTabs.currentChanged.connect(self._tab_changed)
        ui.payloadEdit.textChanged.connect(self._pasted_changed)
        ui.showPayload.toggled.connect(lambda shown: ui.payloadEdit.setEchoMode(
            QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password))
        ui.scanAgain.clicked.connect(self.scan_again)
        ui.skipCheck.toggled.connect(self._skip_toggled)
        live(ui.skipNote.setText, Text(
            "Without the mesh, this computer cannot reach Veilor's services or your other "
            "Veilor computers, and they cannot reach it; the Yggdrasil fallback, if on, stays "
            "its only link to Veilor. You can join later: open “veilor-os setup” from the menu, "
            "or run veilor-installer mesh join in a terminal."))
        ui.skipCheck.setChecked(state.choices.skip_mesh)
        self._looked_for_cameras = False

    # --- the wizard around it ---

    def initializePage(self) -> None:
        if not self._looked_for_cameras:
            self._looked_for_cameras = True
            run_task(_warm_up, lambda _none: None, lambda _exc: None)
            self._find_cameras()
        self._sync()

    def showEvent(self, event: QShowEvent | None) -> None:
        super().showEvent(event)
        self._start_scanning()

    def problems(self) -> dict[str, str]:
        if self.state.choices.skip_mesh:
            return {}
        if self.ui.methodTabs.currentIndex() == SCAN:
            if self._scan_refusal:
                return {"scan": str(self._scan_refusal)}
            if self._scan_found is None:
                return {"join": tr("Scan the QR code, paste the key, or skip the mesh.")}
            return {}
        if self._paste_refusal:
            return {"payload": sentence(self._paste_refusal) if self._paste_refused
                    else str(self._paste_refusal)}
        if self._paste_found is None:
            return {"join": tr("Paste the key or code, scan it, or skip the mesh.")}
        return {}

    # --- cameras ---

    def _find_cameras(self) -> None:
        """The source given (the demo video, a test's), else ``VEILOR_CAMERA``, else the
        cameras found, in a worker."""
        given = self.state.camera_source

        def find() -> list[tuple[str, str]]:
            if given:
                return [(given, "")]
            from veilor_installer.core.firstboot.qr import default_source

            found: list[CameraInfo] = self.state.cameras()
            override = default_source() if settings.camera() else None
            listed = [(c.path, c.name) for c in found]
            if override and override not in (p for p, _ in listed):
                listed.insert(0, (override, ""))
            return listed

        load_in_worker(self, find, self._cameras_found, lambda exc: self._cameras_found([]))

    def _cameras_found(self, cameras: list[tuple[str, str]]) -> None:
        choice = self.ui.cameraChoice
        choice.blockSignals(True)
        choice.clear()
        self.sources = []
        self._camera_labels = []
        for path, name in cameras:
            label: Message
            if os.path.isfile(path):
                label = Text("Video file {name}", name=os.path.basename(path))
            else:
                label = f"{name} ({path})" if name else path  # names
            self._camera_labels.append(label)
            choice.addItem(str(label))
            self.sources.append(path)
        if not cameras:
            self._camera_labels.append(Text("No camera found"))
            choice.addItem(str(self._camera_labels[-1]))
        choice.setEnabled(len(cameras) > 1)
        choice.blockSignals(False)
        self.cameras_loaded = True
        self._make_scanner(self.sources[0] if self.sources else None)
        if not cameras:
            self._fall_back_to_paste(Text("No camera was found, so paste the key instead. (To "
                                          "scan after all, connect a camera, then choose Scan "
                                          "QR code and Try again.)"))
        self._start_scanning()

    def _label_cameras(self) -> None:
        choice = self.ui.cameraChoice
        for index, label in enumerate(self._camera_labels[:choice.count()]):
            choice.setItemText(index, str(label))

    def _camera_chosen(self, index: int) -> None:
        if 0 <= index < len(self.sources):
            self._make_scanner(self.sources[index])
            self._start_scanning()

    def _make_scanner(self, source: str | None) -> None:
        from veilor_installer.gui.widgets.qrscanner import QrScanner

        if self.scanner is not None:
            self.scanner.stop()
            self.ui.scannerLayout.removeWidget(self.scanner)
            self.scanner.deleteLater()
        scanner = QrScanner(self.ui.scanTab, source=source, accept=looks_like_veilor,
                            loop=self.state.camera_loop)
        scanner.setObjectName("qrScanner")
        scanner.decoded.connect(self._scanned)
        scanner.pasteRequested.connect(lambda: self.ui.methodTabs.setCurrentIndex(PASTE))
        scanner.stateChanged.connect(self._scanner_state)
        self.ui.scannerLayout.addWidget(scanner)
        scanner.show()  # now, not when the layout next runs: scanning starts only if visible
        self.scanner = scanner

    def _start_scanning(self) -> None:
        """Scan while the Scan tab of this page is on screen (the widget releases the camera
        itself when hidden)."""
        scanner = self.scanner
        if (scanner is not None and self.isVisible() and scanner.isVisible()
                and not self.state.choices.skip_mesh and self._scan_found is None
                and not self._scan_refusal):
            scanner.start()

    def _scanner_state(self, state: str) -> None:
        if state == "no-camera":
            self._fall_back_to_paste(Text("No camera was found, so paste the key instead."))

    def _fall_back_to_paste(self, why: Text) -> None:
        live(self.ui.noCameraNote.setText, why)
        self.ui.noCameraNote.show()
        self.ui.methodTabs.setCurrentIndex(PASTE)

    def _tab_changed(self, index: int) -> None:
        if index == SCAN:
            self._start_scanning()
        self._sync()

    # --- a code read by the camera ---

    def _scanned(self, text: str) -> None:
        self._scan_text = Secret(text.strip())
        try:
            found = enrolment.check(text)
        except enrolment.EnrolmentRefused as refused:
            self._scan_found = None
            self._scan_refusal = Text("This code cannot be used: {reason}",
                                      reason=refused.reason)
        except Exception as exc:  # the trust configuration itself cannot be read
            self._scan_found = None
            self._scan_refusal = Text("The code cannot be checked: {why}", why=message_of(exc))
        else:
            self._scan_found = found
            self._scan_refusal = ""
        self.ui.scanAgain.show()
        self._sync()
        wizard = self.wizard()
        if self._scan_found is not None and wizard is not None and wizard.currentPage() is self:
            wizard.next()  # straight to Confirm: nothing runs there either

    def scan_again(self) -> None:
        self._scan_text = None
        self._scan_found = None
        self._scan_refusal = ""
        self.ui.scanAgain.hide()
        self._sync()
        if self.scanner is not None:
            self.scanner.rescan()

    # --- a pasted key ---

    def _pasted_changed(self, text: str) -> None:
        self._pasted = replace_secret(self._pasted, text, self.state.choices.payload)
        text = text.strip()
        self._paste_found = None
        self._paste_refusal = ""
        self._paste_refused = False
        if text:
            try:
                self._paste_found = enrolment.check(text)
            except enrolment.EnrolmentRefused as refused:
                self._paste_refusal, self._paste_refused = refused.reason, True
            except Exception as exc:
                self._paste_refusal = Text("The code cannot be checked: {why}",
                                           why=message_of(exc))
        self._sync()

    # --- what is chosen ---

    def _skip_toggled(self, skip: bool) -> None:
        self.state.choices.skip_mesh = skip
        self.ui.skipNote.setVisible(skip)
        self.ui.methodTabs.setEnabled(not skip)
        if skip and self.scanner is not None:
            self.scanner.stop()
        elif not skip:
            self._start_scanning()
        self._sync()

    def _sync(self) -> None:
        """The current tab's code becomes the choice; the labels say what it is."""
        choices = self.state.choices
        scanning = self.ui.methodTabs.currentIndex() == SCAN
        if scanning:
            found, text = self._scan_found, self._scan_text
        else:
            found, text = self._paste_found, self._pasted
        choices.enrolment = found
        choices.payload = text if found is not None and text is not None else Secret(
            "", register=False)
        ok = self._scan_found is not None
        self.ui.scanResult.setVisible(ok)
        if ok and self._scan_found is not None:
            live(self.ui.scanResult.setText, describe(self._scan_found))
        self.ui.payloadOk.setVisible(self._paste_found is not None)
        if self._paste_found is not None:
            live(self.ui.payloadOk.setText, describe(self._paste_found))
        self.revalidate()
