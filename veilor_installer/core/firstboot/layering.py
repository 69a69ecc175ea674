"""Layering packages with rpm-ostree, and running the shipped ujust recipes.

On an atomic system, installing software builds a new deployment that is used after the next
restart. At first boot rpm-ostree is often busy with an automatic update; yafti's layering
then "almost always failed without any indication" (secureblue#196, research/mesh.md §6.2),
so every layering step here first waits for the running transaction, reporting it, and gives
up with a message after a limit. A package already requested is not requested again.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from veilor_installer.core import commands
from veilor_installer.core.errors import OperationFailed
from veilor_installer.core.firstboot import hostfiles
from veilor_installer.core.helper.steps import Message, Step
from veilor_installer.core.i18n import Text

STATUS_TIMEOUT_S = 60.0
INSTALL_TIMEOUT_S = 45 * 60.0
RECIPE_TIMEOUT_S = 45 * 60.0
BUSY_WAIT_S = 20 * 60.0
BUSY_POLL_S = 5.0

_PACKAGE = re.compile(r"[a-z0-9][a-z0-9+._-]{0,99}")


@dataclass(frozen=True)
class OstreeStatus:
    transaction: tuple[str, ...] | None  # (method, sender, object path) while one runs
    requested: frozenset[str]  # packages requested in the deployment that boots next
    booted_requested: frozenset[str]

    @classmethod
    def parse(cls, text: str) -> OstreeStatus:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise OperationFailed(Text("rpm-ostree status printed something that is not JSON: "
                                       "{error}", error=exc.msg)) from None
        deployments = data.get("deployments") if isinstance(data, dict) else None
        if not isinstance(deployments, list) or not deployments:
            raise OperationFailed(Text("rpm-ostree status lists no deployment"))
        txn = data.get("transaction")

        def requested(deployment: Any) -> frozenset[str]:
            if not isinstance(deployment, dict):
                return frozenset()
            names = deployment.get("requested-packages", [])
            return frozenset(str(n) for n in names) if isinstance(names, list) else frozenset()

        booted = next((d for d in deployments if isinstance(d, dict) and d.get("booted")),
                      deployments[0])
        return cls(
            transaction=tuple(str(t) for t in txn) if isinstance(txn, list) and txn else None,
            requested=requested(deployments[0]),  # the first one is the default next boot
            booted_requested=requested(booted),
        )


def ostree_status() -> OstreeStatus:
    done = commands.run(["rpm-ostree", "status", "--json"], timeout=STATUS_TIMEOUT_S)
    if not done.ok:
        lines = done.stderr.strip().splitlines()
        raise OperationFailed(Text("rpm-ostree status failed: {said}", said=lines[-1]) if lines
                              else Text("rpm-ostree status failed: no message"))
    return OstreeStatus.parse(done.stdout)


def wait_for_idle(step: Step, *, limit_s: float = BUSY_WAIT_S, poll_s: float = BUSY_POLL_S,
                  clock: Callable[[], float] = time.monotonic,
                  pause: Callable[[float], None] = time.sleep) -> OstreeStatus:
    """Wait while rpm-ostree runs a transaction (an update, usually), saying so."""
    deadline = clock() + limit_s
    status = ostree_status()
    while status.transaction is not None:
        what: Message = (status.transaction[0] if status.transaction else
                         Text("a transaction"))
        if clock() >= deadline:
            minutes = round(limit_s / 60)
            raise OperationFailed(Text.plural(
                "rpm-ostree is still busy ({what}) after {n} minute; nothing was installed. "
                "Try again when it is done ('rpm-ostree status' shows it).",
                "rpm-ostree is still busy ({what}) after {n} minutes; nothing was installed. "
                "Try again when it is done ('rpm-ostree status' shows it).", minutes, what=what))
        step.progress(Text("Waiting for rpm-ostree to finish \"{what}\" (a system update)…",
                           what=what))
        pause(poll_s)
        status = ostree_status()
    return status


def enable_repo(root: Path, repo_file: str, section: str) -> bool:
    """Set ``enabled=1`` in one section of a shipped, disabled .repo file; False when it
    already was. Refuses a repository without signature checks."""
    path = hostfiles.host_path(root, repo_file)
    text = hostfiles.read_text(path)
    if text is None:
        raise OperationFailed(Text("{file} is missing: this image does not ship the "
                                   "repository", file=repo_file))
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.strip() == f"[{section}]"), None)
    if start is None:
        raise OperationFailed(Text("{file} has no [{section}] section", file=repo_file,
                                   section=section))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("[")),
               len(lines))
    body = {k.strip(): v.strip() for k, _, v in (ln.partition("=") for ln in lines[start:end])
            if _}
    if body.get("gpgcheck", "1") not in ("1", "true", "yes", "True"):
        raise OperationFailed(Text("{file} [{section}] does not check package signatures "
                                   "(gpgcheck); not enabling it", file=repo_file,
                                   section=section))
    if body.get("enabled") == "1":
        return False
    index = next((i for i in range(start + 1, end) if lines[i].split("=", 1)[0].strip()
                  == "enabled"), None)
    if index is None:
        lines.insert(start + 1, "enabled=1\n")
    else:
        lines[index] = "enabled=1\n"
    info = path.stat()
    hostfiles.write_file(path, "".join(lines), info.st_mode & 0o777)
    return True


def _last_error(done: commands.Completed) -> Message:
    """The line that says what went wrong: rpm-ostree's and just's start with ``error:``;
    otherwise the last line on stderr, then on stdout."""
    for text in (done.stderr, done.stdout):
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        errors = [ln for ln in lines if ln.startswith("error:")]
        if errors or lines:
            return (errors or lines)[-1]
    return Text("exit code {code}", code=done.returncode)


def layer(step: Step, package: str, *, wait_s: float = BUSY_WAIT_S,
          poll_s: float = BUSY_POLL_S) -> bool:
    """``rpm-ostree install`` one package; False when it is already requested. True means a
    new deployment waits for the next restart."""
    if not _PACKAGE.fullmatch(package):
        raise ValueError(f"not a package name: {package!r}")
    status = wait_for_idle(step, limit_s=wait_s, poll_s=poll_s)
    if package in status.requested:
        return False
    step.progress(Text("Installing {package} (downloads the package, then builds the next "
                       "system version; this can take several minutes)…", package=package))
    done = commands.run(["rpm-ostree", "install", "--idempotent", "--allow-inactive", package],
                        timeout=INSTALL_TIMEOUT_S)
    if not done.ok:
        text = done.stderr + "\n" + done.stdout
        last = _last_error(done)
        if isinstance(last, str):
            last = last.strip()
        if "Transaction in progress" in text:
            raise OperationFailed(Text("rpm-ostree started another transaction meanwhile; try "
                                       "again in a few minutes"))
        if "Packages not found" in text:
            raise OperationFailed(Text("{package} was not found in the enabled repositories: "
                                       "{said}", package=package, said=last))
        raise OperationFailed(Text("rpm-ostree install {package} failed: {said}",
                                   package=package, said=last))
    return True


def run_recipe(step: Step, recipe: str, *args: str) -> commands.Completed:
    """``ujust <recipe> [name=value …]`` (the shipped, non-interactive recipes). Its last
    line says what it did; a recipe that changed nothing prints ``unchanged:`` first."""
    step.progress(Text("Running ujust {recipe}…", recipe=recipe))
    done = commands.run(["ujust", recipe, *args], timeout=RECIPE_TIMEOUT_S)
    if not done.ok:
        raise OperationFailed(Text("ujust {recipe} failed: {said}", recipe=recipe,
                                   said=_last_error(done)))
    return done


def recipe_outcome(done: commands.Completed) -> tuple[bool, str]:
    """(changed, last line) from a recipe's output: the recipe's own words, in English (a
    step words the result itself and keeps these as its detail)."""
    lines = [ln.strip() for ln in done.stdout.splitlines() if ln.strip()]
    last = lines[-1] if lines else "done"
    if last.startswith("unchanged:"):
        return False, last.removeprefix("unchanged:").strip()
    return True, last
