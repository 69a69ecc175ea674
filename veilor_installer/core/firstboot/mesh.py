"""Joining the Veilor mesh: Tailscale against the pinned Headscale server (DESIGN §7).

Runs as root (in the helper). The steps, each safe to run again:

1. tailscaled unmasked, enabled and started (only what is not so yet);
2. ``tailscale status --json``: a computer already in the mesh is not joined again. This
   matters: most keys work once, and a second ``tailscale up`` with a used key would fail
   with "authkey already used" on a computer that is in fact fine;
3. the key written to a 0600 file on tmpfs, ``tailscale up --reset
   --login-server=https://<host> --auth-key=file:<path> --hostname=<name> --accept-dns=false
   --timeout=60s``, the file deleted whatever happened. Never ``--advertise-tags`` (Headscale
   0.28+ refuses it with a pre-auth key; tags come from the key), never the key in an
   argument (``/proc/<pid>/cmdline`` is world-readable) or a log. ``--accept-dns=false``
   keeps secureblue's Unbound/DNSSEC resolver instead of tailscale rewriting resolv.conf;
4. ``tailscale status --json`` again: ``BackendState`` Running with addresses; a warning
   when ``Self.Tags`` lacks the tier the code promised.

tailscale's failures (research/mesh.md §1.3, §2.1) become exit codes: the server refused the
key → ``MeshRejected`` (3); no answer before ``--timeout`` → ``MeshUnreachable`` (4).
"""

from __future__ import annotations

import json
import re
import secrets
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from veilor_installer.core import commands, private
from veilor_installer.core.errors import (
    InvalidInput,
    MeshRejected,
    MeshUnreachable,
    OperationFailed,
)
from veilor_installer.core.firstboot import services
from veilor_installer.core.helper.steps import (
    ActionResult,
    Message,
    Progress,
    Step,
    Steps,
    run_action,
)
from veilor_installer.core.i18n import Text
from veilor_installer.core.log import get_logger
from veilor_installer.core.secret import Secret

log = get_logger("mesh")

UNIT = "tailscaled"
UP_TIMEOUT = "60s"
KEY_FOLDER = "enrol"  # in the runtime folder: the pre-auth key file, while tailscale up runs
#: Our own limit on ``tailscale up``: its --timeout, plus time to start and to print.
UP_WAIT_S = 90.0
STATUS_TIMEOUT_S = 20.0
TIERS = ("guest", "infra", "admin")

_HOST = re.compile(r"(?=.{1,253}\Z)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
                   r"(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*")
# tailscale's dnsname.ValidHostname: one DNS label.
_HOSTNAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_BACKEND_ERROR = re.compile(r"backend error: (.+)")

# What Headscale answers (as ``backend error: <text>``), and what a person should do.
_UNKNOWN_KEY = Text("The server does not know this key: it was mistyped, deleted, or made "
                    "for another server.")
_REFUSALS = (
    ("authkey expired", Text("The key has expired. Ask for a new code or key.")),
    ("authkey already used", Text("This key was already used, and it works only once. Ask for a "
                                "new code or key.")),
    ("authkey revoked", Text("This key was revoked on the server. Ask for a new code or key.")),
    ("invalid pre auth key", _UNKNOWN_KEY),
    ("auth-key not found", _UNKNOWN_KEY),
    ("authkey not found", _UNKNOWN_KEY),
    ("invalid authkey", Text("The server does not accept this key. Ask for a new code or key.")),
    ("failed to parse auth-key", Text("The server could not read this key: check that it was "
                                    "copied whole.")),
    ("invalid auth key", Text("The server does not accept this key: check that it was copied "
                            "whole, or ask for a new one.")),
)


@dataclass(frozen=True)
class JoinTarget:
    """A validated join: an allowlisted host (never a URL from the payload), the key, and
    what the signed code promised (tier, label); bare keys promise nothing."""

    server: str
    key: Secret
    tier: str | None = None
    label: str | None = None

    def __post_init__(self) -> None:
        if not _HOST.fullmatch(self.server):
            raise InvalidInput(Text("server: {value} is not a host name",
                                    value=repr(self.server[:60])))
        if self.tier is not None and self.tier not in TIERS:
            raise InvalidInput(Text("tier: {value} is not one of {choices}",
                                    value=repr(self.tier[:20]), choices=", ".join(TIERS)))

    @property
    def login_url(self) -> str:
        return f"https://{self.server}"


@dataclass(frozen=True)
class TailnetStatus:
    """The parts of ``tailscale status --json`` (ipnstate.Status) a join looks at."""

    backend_state: str
    ips: tuple[str, ...]
    tags: tuple[str, ...]
    hostname: str
    dns_name: str
    tailnet: str
    health: tuple[str, ...]

    @property
    def joined(self) -> bool:
        return self.backend_state == "Running" and bool(self.ips)

    @classmethod
    def parse(cls, text: str) -> TailnetStatus:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise OperationFailed(Text("tailscale status printed something that is not JSON: "
                                       "{error}", error=exc.msg)) from None
        if not isinstance(data, dict):
            raise OperationFailed(Text("tailscale status printed JSON that is not an object"))
        me: dict[str, Any] = data["Self"] if isinstance(data.get("Self"), dict) else {}
        tailnet: dict[str, Any] = (data["CurrentTailnet"]
                                   if isinstance(data.get("CurrentTailnet"), dict) else {})

        def strings(value: Any) -> tuple[str, ...]:
            return tuple(str(v) for v in value) if isinstance(value, list) else ()

        return cls(
            backend_state=str(data.get("BackendState", "")),
            ips=strings(me.get("TailscaleIPs")),
            tags=strings(me.get("Tags")),
            hostname=str(me.get("HostName", "")),
            dns_name=str(me.get("DNSName", "")),
            tailnet=str(tailnet.get("Name", "")),
            health=strings(data.get("Health")),
        )

    def as_json(self) -> dict[str, Any]:
        return {"backend_state": self.backend_state, "ips": list(self.ips),
                "tags": list(self.tags), "hostname": self.hostname, "dns_name": self.dns_name,
                "tailnet": self.tailnet, "health": list(self.health)}


def valid_hostname(name: str) -> str:
    """The name ``tailscale up --hostname`` will accept (one DNS label), or InvalidInput."""
    if not _HOSTNAME.fullmatch(name):
        raise InvalidInput(Text("hostname: {value} is not a valid host name (letters, digits "
                                "and inner hyphens, at most 63)", value=repr(name[:70])))
    return name


def default_hostname() -> str:
    """This computer's name, reduced to its first label (tailscale wants one label)."""
    return socket.gethostname().split(".", 1)[0] or "veilor"


def _daemon_down(text: str) -> bool:
    return "failed to connect to local tailscaled" in text


def read_status() -> TailnetStatus:
    """``tailscale status --json --peers=false``; exits 0 whatever the state, as long as
    tailscaled answers (research/mesh.md §2.1)."""
    done = commands.run(["tailscale", "status", "--json", "--peers=false"],
                        timeout=STATUS_TIMEOUT_S)
    if not done.ok:
        text = (done.stderr + done.stdout).strip()
        if _daemon_down(text):
            raise OperationFailed(Text("the Tailscale service (tailscaled) is not running, "
                                       "although it was started: see 'journalctl -u "
                                       "tailscaled'"))
        if text:
            raise OperationFailed(Text("tailscale status failed: {said}",
                                       said=text.splitlines()[-1]))
        raise OperationFailed(Text("tailscale status failed: exit {code}", code=done.returncode))
    return TailnetStatus.parse(done.stdout)


def _check_tags(step: Step, status: TailnetStatus, target: JoinTarget, message: Message, *,
                changed: bool) -> None:
    """End ``step`` (done, or unchanged on a re-run), or warn when the tier the code promised
    is not among the tags the server gave (the code said guest, the key made an infra node:
    someone should look)."""
    if target.tier is None or f"tag:{target.tier}" in status.tags:
        (step.done if changed else step.unchanged)(message)
        return
    if status.tags:
        step.warn(Text("{message}; but the server gave this computer {given}, not tag:{tier} "
                       "as the code said. Ask whoever issued the code.", message=message,
                       given=", ".join(status.tags), tier=target.tier))
    else:
        step.warn(Text("{message}; but the server gave this computer no tags, not tag:{tier} "
                       "as the code said. Ask whoever issued the code.", message=message,
                       tier=target.tier))


def _write_key(folder: private.Folder, key: Secret) -> str:
    """The key in a new 0600 file of the open 0700 key folder (on tmpfs: /run); its path."""
    return folder.write(f"authkey-{secrets.token_hex(8)}", key.reveal())


def _tailscale_up(target: JoinTarget, hostname: str, key_file: str,
                  up_wait_s: float) -> commands.Completed:
    argv = ["tailscale", "up", "--reset", f"--login-server={target.login_url}",
            f"--auth-key=file:{key_file}", f"--hostname={hostname}", "--accept-dns=false",
            f"--timeout={UP_TIMEOUT}"]
    try:
        return commands.run(argv, timeout=up_wait_s, secrets=[target.key.reveal()])
    except commands.CommandTimeout:
        raise MeshUnreachable(Text(
            "{server} did not answer and tailscale did not give up within {seconds} s: check "
            "the network connection and try again later", server=target.server,
            seconds=f"{up_wait_s:g}")) from None


def _up_failure(text: str, target: JoinTarget) -> OperationFailed:
    """The exception for a failed ``tailscale up``, from what it printed."""
    match = _BACKEND_ERROR.search(text)
    if match:
        said = match.group(1).strip()
        for needle, advice in _REFUSALS:
            if needle in said.lower():
                return MeshRejected(Text("{server} refused the key ({said}). {advice}",
                                         server=target.server, said=said,
                                         advice=advice))
        return MeshRejected(Text("{server} refused to register this computer: {said}",
                                 server=target.server, said=said))
    if "timeout waiting for Tailscale service to enter a Running state" in text:
        return MeshUnreachable(Text(
            "{server} did not answer within {timeout}: check the network connection and try "
            "again later. (A server that silently refuses a key also ends this way.)",
            server=target.server, timeout=UP_TIMEOUT))
    if _daemon_down(text):
        return OperationFailed(Text("the Tailscale service (tailscaled) is not running: start "
                                    "it with 'systemctl start tailscaled' and try again"))
    if "can't change --login-server" in text:
        return OperationFailed(Text("this computer is already signed in to another tailnet; "
                                    "sign out of it first ('tailscale logout')"))
    if not text.strip():
        return OperationFailed(Text("tailscale up failed: no message"))
    return OperationFailed(Text("tailscale up failed: {said}",
                                said=text.strip().splitlines()[-1]))


def _not_joined(status: TailnetStatus, *, yet: bool) -> Text:
    """Not in the mesh, naming tailscale's state (a name: NeedsLogin, Stopped …)."""
    state = status.backend_state
    if yet:
        return (Text("not joined yet (tailscale is {state})", state=state) if state else
                Text("not joined yet (tailscale is stopped)"))
    return (Text("not joined (tailscale is {state})", state=state) if state else
            Text("not joined (tailscale is stopped)"))


def _not_connected(after: TailnetStatus) -> Text:
    """Why a join that tailscale accepted did not end connected."""
    state = after.backend_state
    health = "; ".join(after.health)
    if after.ips:
        found = (Text("tailscale reports {state} after joining ({health})", state=state,
                      health=health) if state and health else
                 Text("tailscale reports {state} after joining", state=state) if state else
                 Text("tailscale reports no state after joining ({health})", health=health)
                 if health else Text("tailscale reports no state after joining"))
    else:
        found = (Text("tailscale reports {state} and no mesh address after joining ({health})",
                      state=state, health=health) if state and health else
                 Text("tailscale reports {state} and no mesh address after joining",
                      state=state) if state else
                 Text("tailscale reports no state and no mesh address after joining "
                      "({health})", health=health) if health else
                 Text("tailscale reports no state and no mesh address after joining"))
    return found


def join(target: JoinTarget, *, hostname: str, runtime_dir: str | Path,
         progress: Progress | None = None, up_wait_s: float = UP_WAIT_S) -> ActionResult:
    """Join the mesh (or say it is already joined). Never raises for the expected failures:
    the result carries the steps and the exit code (DESIGN §3)."""

    def body(steps: Steps) -> None:
        valid_hostname(hostname)
        data = steps.result.data
        data.update({"server": target.server, "tier": target.tier, "already": False})
        with steps.step("service", Text("Start the Tailscale service")) as step:
            changes = services.ensure_running(UNIT, "Tailscale")
            (step.done if changes else step.unchanged)(services.describe_changes(changes, UNIT))

        with steps.step("status", Text("Check whether this computer is in the mesh")) as step:
            before = read_status()
            if before.joined:
                data.update(before.as_json(), already=True)
                _check_tags(step, before, target, Text(
                    "already joined, as {name} ({addresses}): nothing was changed",
                    name=before.dns_name or before.hostname, addresses=", ".join(before.ips)),
                    changed=False)
                return
            step.unchanged(_not_joined(before, yet=True))

        with steps.step("join", Text("Join the mesh at {server}",
                                     server=target.server)) as step:
            step.progress(Text("Signing in to {server}; this can take up to a minute…",
                               server=target.server))
            # The key folder is opened once; the key is written, overwritten and removed
            # through it, never through a path someone could swap for a link meanwhile.
            with private.runtime_folder(runtime_dir) as run, run.subfolder(KEY_FOLDER) as keys:
                try:
                    done = _tailscale_up(target, hostname, _write_key(keys, target.key),
                                         up_wait_s)
                finally:
                    for name in keys.names():
                        keys.shred(name)
                    run.remove_folder(KEY_FOLDER)
            if not done.ok:
                raise _up_failure(done.stderr + "\n" + done.stdout, target)
            step.done(Text("signed in to {server} as {hostname}", server=target.server,
                           hostname=hostname))

        with steps.step("verify", Text("Confirm the connection")) as step:
            after = read_status()
            data.update(after.as_json())
            if after.backend_state == "NeedsMachineAuth":
                raise OperationFailed(Text("{server} registered this computer, but an "
                                           "administrator must approve it before it can "
                                           "connect", server=target.server))
            if not after.joined:
                raise OperationFailed(_not_connected(after))
            _check_tags(step, after, target, Text("connected as {name} ({addresses})",
                                                  name=after.dns_name or after.hostname,
                                                  addresses=", ".join(after.ips)),
                        changed=True)

    return run_action("mesh-join", body, progress)


def status(progress: Progress | None = None) -> ActionResult:
    """Read-only: where this computer stands in the mesh."""

    def body(steps: Steps) -> None:
        with steps.step("status", Text("Read the mesh status")) as step:
            current = read_status()
            steps.result.data.update(current.as_json())
            step.unchanged(Text("joined, {addresses}", addresses=", ".join(current.ips))
                           if current.joined else
                           _not_joined(current, yet=False))

    return run_action("mesh-status", body, progress)
