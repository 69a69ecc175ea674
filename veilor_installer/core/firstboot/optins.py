"""The first-boot opt-ins: Mullvad Browser, Thorium, Reticulum and the RNode bundle.

Each is one action of a few steps with a result. Layered packages need a restart; the result
says so (``restart_needed``), since a user who does not know looks for a browser that is not
there yet (bazzite#74: users were not told to reboot).

- Mullvad Browser: secureblue ships ``/etc/yum.repos.d/mullvad.repo`` disabled; enable it and
  layer ``mullvad-browser`` (the Flathub one is an unofficial repackaging).
- Thorium: only on explicit request, after the warning was shown: it ships Chromium's
  security fixes weeks to months late (M130 arrived 118 days after Chromium's;
  Alex313031/Thorium-Win#365). The ``install-thorium`` recipe does the layering.
- Reticulum: ``install-reticulum`` installs the RetiNet wheel the image names (never
  upstream rns: core.retinet); without one the opt-in says Reticulum isn't available in this
  image. The config is written here, rnsd is not started. The RNode bundle adds a LoRa
  radio interface (``install-reticulum-rnode`` also gives the serial port to the radio).
"""

from __future__ import annotations

from pathlib import Path

from veilor_installer.core.errors import InvalidInput, OperationFailed
from veilor_installer.core.firstboot import hostfiles, layering, reticulum, retinet
from veilor_installer.core.helper.steps import ActionResult, Progress, Steps, run_action
from veilor_installer.core.i18n import Text

MULLVAD_REPO = "/etc/yum.repos.d/mullvad.repo"
MULLVAD_SECTION = "mullvad-stable"
MULLVAD_PACKAGE = "mullvad-browser"

THORIUM_WARNING = Text(
    "Thorium is maintained by one person and ships Chromium's security fixes late: weeks to "
    "months after Chromium (version 130 arrived 118 days later). Websites can attack known, "
    "already-fixed holes during that time. Use Trivalent or Mullvad Browser unless you need "
    "Thorium.")


def mullvad_browser(*, root: Path | None = None, progress: Progress | None = None,
                    wait_s: float = layering.BUSY_WAIT_S,
                    poll_s: float = layering.BUSY_POLL_S) -> ActionResult:
    root = hostfiles.sysroot() if root is None else root

    def body(steps: Steps) -> None:
        with steps.step("repository", Text("Enable the Mullvad repository")) as step:
            if layering.enable_repo(root, MULLVAD_REPO, MULLVAD_SECTION):
                step.done(Text("{file} enabled", file=MULLVAD_REPO))
            else:
                step.unchanged(Text("{file} was already enabled", file=MULLVAD_REPO))
        with steps.step("install", Text("Install Mullvad Browser")) as step:
            if layering.layer(step, MULLVAD_PACKAGE, wait_s=wait_s, poll_s=poll_s):
                steps.result.restart_needed = True
                step.done(Text("installed; restart the computer to use it"))
            else:
                step.unchanged(Text("already installed (or waiting for the next restart)"))

    return run_action("mullvad-browser", body, progress)


def thorium(*, warning_shown: bool, progress: Progress | None = None,
            wait_s: float = layering.BUSY_WAIT_S,
            poll_s: float = layering.BUSY_POLL_S) -> ActionResult:
    def body(steps: Steps) -> None:
        if not warning_shown:
            raise InvalidInput(Text("warning_shown: Thorium is installed only after its "
                                    "security warning was shown and accepted"))
        with steps.step("install", Text("Install Thorium")) as step:
            layering.wait_for_idle(step, limit_s=wait_s, poll_s=poll_s)
            changed, said = layering.recipe_outcome(layering.run_recipe(step, "install-thorium"))
            if changed:
                steps.result.restart_needed = True
                step.done(Text("installed; restart the computer to use it"), said)
            else:
                step.unchanged(Text("already installed (or waiting for the next restart)"), said)

    return run_action("thorium", body, progress)


def reticulum_setup(*, rnode: reticulum.RNodeSettings | None = None, root: Path | None = None,
                    progress: Progress | None = None) -> ActionResult:
    root = hostfiles.sysroot() if root is None else root
    recipe = "install-reticulum-rnode" if rnode else "install-reticulum"

    def body(steps: Steps) -> None:
        with steps.step("install", Text("Install Reticulum")) as step:
            if retinet.configured_source() is None:
                raise OperationFailed(retinet.UNAVAILABLE)
            changed, said = layering.recipe_outcome(layering.run_recipe(step, recipe))
            # The recipe's last line (English, the image's) is kept as the detail.
            if changed:
                step.done(Text("installed, with RNode support (rnsd may use serial ports)")
                          if rnode else Text("installed (RetiNet)"), said)
            else:
                step.unchanged(Text("is already installed, with RNode support") if rnode
                               else Text("is already installed (RetiNet)"), said)
        with steps.step("config", Text("Write the Reticulum configuration")) as step:
            peers = len(reticulum.configured_peers())
            changed = reticulum.write_config(root, rnode=rnode)
            what = (Text.plural("AutoInterface, {n} backbone peer, RNode on {port} ({region})",
                                "AutoInterface, {n} backbone peers, RNode on {port} ({region})",
                                peers, port=rnode.port, region=rnode.region.name) if rnode else
                    Text.plural("AutoInterface, {n} backbone peer",
                                "AutoInterface, {n} backbone peers", peers))
            if changed:
                step.done(Text("{file}: {what}; start it with 'systemctl start rnsd' when you "
                               "want it", file=reticulum.CONFIG, what=what))
            else:
                step.unchanged(Text("{file}: {what} (already so); start it with 'systemctl "
                                    "start rnsd' when you want it", file=reticulum.CONFIG,
                                    what=what))

    return run_action("rnode" if rnode else "reticulum", body, progress)
