"""``veilor-installer-helper``: the privileged side (DESIGN §7).

Started through pkexec (polkit action ``org.veilor.installer.helper``,
veilor_installer/data/resources/polkit), or directly by root. Reads one JSON request on stdin
and treats it as hostile (core.helper.protocol says what a request may hold and checks it),
runs the action's core implementation, which runs fixed argument lists only (core.commands),
and answers JSON lines on stdout: progress events while it works, then one answer with every
step's result; its exit code is the answer's (DESIGN §3). When elevated
(``PKEXEC_UID`` set) every development override is ignored and the environment is reduced to a
fixed PATH before anything runs.

Actions: version, mesh-join, mesh-status, yggdrasil, mullvad-browser, thorium, reticulum,
rnode, unlock-list, unlock-enrol, unlock-remove, stop-anaconda, restart (a live-session install's
end, DESIGN §11), prepare-live and undo-live (what Fedora's liveinst does before Anaconda, and
its undoing: core.livesession), inspect-local-image (read-only: the digest of an image in
root's containers-storage, which pre-flight of an offline install needs and the live user cannot
read: core.preflight).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from typing import Any

from veilor_installer import __version__
from veilor_installer.core import settings
from veilor_installer.core.errors import EXIT_INVALID, InvalidInput
from veilor_installer.core.helper import protocol
from veilor_installer.core.helper.steps import ActionResult, Progress, message_of
from veilor_installer.core.i18n import Text

SAFE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def _runtime_dir() -> str:
    from veilor_installer.core.private import runtime_dir

    return runtime_dir()  # the helper is root: /run/veilor


def _mesh_join(fields: dict[str, Any], progress: Progress) -> ActionResult:
    from veilor_installer.core.firstboot import enrolment, mesh

    enrol = enrolment.check(fields["payload"])
    target = mesh.JoinTarget(server=enrol.server, key=enrol.key, tier=enrol.tier,
                             label=enrol.label)
    hostname = fields.get("hostname") or mesh.default_hostname()
    return mesh.join(target, hostname=hostname, runtime_dir=_runtime_dir(), progress=progress)


def _rnode(fields: dict[str, Any], progress: Progress) -> ActionResult:
    from veilor_installer.core.firstboot import optins, reticulum

    rnode = reticulum.RNodeSettings.make(fields["port"], fields["region"],
                                         fields.get("txpower"))
    return optins.reticulum_setup(rnode=rnode, progress=progress)


def _unlock_enrol(fields: dict[str, Any], progress: Progress) -> ActionResult:
    from veilor_installer.core.firstboot import unlock
    from veilor_installer.core.secret import Secret

    pin = Secret(fields["pin"]) if "pin" in fields else None
    return unlock.enrol(method=fields["method"], passphrase=Secret(fields["passphrase"]),
                        pin=pin, device=fields.get("device"),
                        replace=fields.get("replace", False), progress=progress)


def _stop_anaconda(fields: dict[str, Any], progress: Progress) -> ActionResult:
    from veilor_installer.core.install.anaconda import stop as anaconda_stop

    return anaconda_stop.stop(fields["pid"], progress=progress)


def _restart(progress: Progress) -> ActionResult:
    from veilor_installer.core.install import power

    return power.reboot(progress)


def _live_session(what: str, progress: Progress) -> ActionResult:
    from veilor_installer.core.install import livesession

    return livesession.prepare(progress) if what == "prepare" else livesession.undo(progress)


def _inspect_local_image(fields: dict[str, Any]) -> ActionResult:
    from veilor_installer.core.install import preflight

    return preflight.inspect_local_image(fields["ref"])


def _dispatch(action: str, fields: dict[str, Any], progress: Progress) -> ActionResult:
    from veilor_installer.core.firstboot import mesh, optins, unlock, yggdrasil

    handlers: dict[str, Callable[[], ActionResult]] = {
        "version": lambda: ActionResult("version", data={"version": __version__}),
        "mesh-join": lambda: _mesh_join(fields, progress),
        "mesh-status": lambda: mesh.status(progress),
        "yggdrasil": lambda: yggdrasil.setup(progress=progress),
        "mullvad-browser": lambda: optins.mullvad_browser(progress=progress),
        "thorium": lambda: optins.thorium(warning_shown=fields["warning_shown"],
                                          progress=progress),
        "reticulum": lambda: optins.reticulum_setup(progress=progress),
        "rnode": lambda: _rnode(fields, progress),
        "unlock-list": lambda: unlock.list_enrolled(device=fields.get("device"),
                                                    progress=progress),
        "unlock-enrol": lambda: _unlock_enrol(fields, progress),
        "stop-anaconda": lambda: _stop_anaconda(fields, progress),
        "restart": lambda: _restart(progress),
        "prepare-live": lambda: _live_session("prepare", progress),
        "undo-live": lambda: _live_session("undo", progress),
        "inspect-local-image": lambda: _inspect_local_image(fields),
        "unlock-remove": lambda: unlock.remove(kind=fields.get("kind"), slot=fields.get("slot"),
                                               device=fields.get("device"), progress=progress),
    }
    return handlers[action]()


def handle(request: Any, progress: Progress | None = None) -> ActionResult:
    """Validate and run one request; every failure is an answer, never an exception."""
    from veilor_installer.core.errors import EXIT_FAILED, OperationFailed, exit_code_for
    from veilor_installer.core.log import get_logger, redact, register_secret

    log = get_logger("helper")

    name = request.get("action") if isinstance(request, dict) else None
    action = name if isinstance(name, str) and name in protocol.FIELDS else "invalid"
    if isinstance(request, dict):
        for key in protocol.SECRET_FIELDS:
            if isinstance(request.get(key), str):
                # Held for this one run: a short PIN or an old short passphrase is masked too.
                register_secret(request[key], short=True)
    try:
        action, fields = protocol.validate(request)
        return _dispatch(action, fields, progress or (lambda step, message: None))
    except (InvalidInput, OperationFailed) as exc:
        return ActionResult(action, exit_code=exit_code_for(exc), reason=message_of(exc))
    except Exception as exc:  # a bug: still an answer, so the GUI can show it
        log.exception("%s failed unexpectedly", action)
        return ActionResult(action, exit_code=EXIT_FAILED,
                            reason=Text("internal error in the helper: {error}",
                                        error=redact(repr(exc))))


def _scrub_environment() -> None:
    """Elevated: keep nothing the caller could have set but who they are."""
    keep = {k: os.environ[k] for k in ("PKEXEC_UID",) if k in os.environ}
    os.environ.clear()
    os.environ.update(keep, PATH=SAFE_PATH, LC_ALL="C.UTF-8", HOME="/root")


def _emit(message: dict[str, Any]) -> None:
    """One JSON line on stdout, every text in it redacted (the secrets of this run too)."""
    sys.stdout.write(protocol.encode_message(_redacted(message)))
    sys.stdout.flush()


def _redacted(value: Any) -> Any:
    from veilor_installer.core.log import redact

    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: _redacted(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_redacted(v) for v in value]
    return value


def _answer(request: Any) -> ActionResult:
    if isinstance(request, InvalidInput):
        return ActionResult("invalid", exit_code=EXIT_INVALID, reason=message_of(request))
    return handle(request, lambda step, message: _emit(protocol.progress_message(step, message)))


def main() -> int:
    os.umask(0o022)  # pkexec passes the caller's umask on: every file root creates is ours
    from veilor_installer.core.private import no_core_dumps

    no_core_dumps()  # the request may hold a pre-auth key or a passphrase
    try:
        if settings.elevated():
            _scrub_environment()
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("helper: %(levelname)s %(name)s: %(message)s"))
        logging.getLogger("veilor").addHandler(handler)
        logging.getLogger("veilor").setLevel(logging.INFO)

        raw = sys.stdin.buffer.read(protocol.MAX_REQUEST_BYTES + 1)
        try:
            request: Any = protocol.parse(raw)
        except InvalidInput as exc:
            request = exc
        result = _answer(request)
    except Exception as exc:  # a bug: still one answer, never a traceback
        from veilor_installer.core.errors import EXIT_FAILED

        result = ActionResult("invalid", exit_code=EXIT_FAILED,
                              reason=Text("internal error in the helper: {error}",
                                           error=type(exc).__name__))
    _emit(protocol.answer_message(result))
    return result.exit_code


if __name__ == "__main__":
    raise SystemExit(main())
