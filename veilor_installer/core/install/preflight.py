"""Pre-flight: what is checked before Anaconda may erase a disk (DESIGN §3; research/anaconda.md
§0.5, §2.4, §3.5).

Anaconda partitions and formats the disks *before* it pulls the image, so an unreachable
registry, an image the ISO's signature policy refuses, a kickstart it cannot read or a disk
still in use leaves the disks erased and the machine unbootable. Every check here returns a
``Check`` (the Welcome page's type) saying what was found and what a person can do about it;
nothing is erased until every required check passed.

The image check also resolves the tag to a digest, and the plan is pinned to it
(``ref@sha256:…``) so that Anaconda installs exactly the image that was checked; the
kickstart's ``%post`` keeps following the tag (``ImageSource.update_ref``) for updates.
"""

from __future__ import annotations

import json
import os
import re
import stat
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from veilor_installer.core import commands, settings
from veilor_installer.core.commands import CommandError, CommandNotFound, CommandTimeout
from veilor_installer.core.errors import EXIT_FAILED, InvalidInput
from veilor_installer.core.helper import protocol
from veilor_installer.core.helper.steps import ActionResult
from veilor_installer.core.i18n import N_, Text
from veilor_installer.core.install.answers import check_image_ref
from veilor_installer.core.install.kickstart import WrittenKickstart, differences, dquote, intent
from veilor_installer.core.install.machine import GIB, Disk, Machine, human_size
from veilor_installer.core.install.plan import InstallPlan
from veilor_installer.core.install.requirements import Check, network_checks
from veilor_installer.core.install.storage.hostfacts import SWAP
from veilor_installer.core.log import get_logger, redact

log = get_logger("preflight")

POLICY_PATH = "/etc/containers/policy.json"
# containers-policy.json(5): root's own file, when present, wins over the system one.
USER_POLICY_PATH = "/root/.config/containers/policy.json"
# Anaconda, its D-Bus modules and the image pull need this much beside the LUKS key
# derivation, which holds its argon2id memory for a few seconds per encrypted member.
HEADROOM_BYTES = 1 * GIB
SKOPEO_TIMEOUT_S = 120.0
# Where root's containers-storage keeps images (containers-storage.conf(5), graphroot): the ISO's
# image is pulled there, and Anaconda reads it there.
ROOT_IMAGE_STORE = "/var/lib/containers/storage"
LOCAL_IMAGE_ACTION = "inspect-local-image"
HELPER_EXTRA_S = 300.0  # pkexec's password dialog, outside the live session
_DIGEST = re.compile(r"sha256:[0-9a-f]{64}")
_SKOPEO_TRANSPORTS = {
    "registry": "docker://",
    "oci": "oci:",
    "oci-archive": "oci-archive:",
    "containers-storage": "containers-storage:",
}
_VERIFYING = ("signedBy", "sigstoreSigned")
_KEY_FIELDS = ("keyPath", "keyPaths", "keyData", "keyDatas", "fulcio", "pki")


@dataclass(frozen=True)
class ImageFacts:
    """What ``skopeo inspect`` said about the image."""

    digest: str
    size_bytes: int
    """Sum of the (compressed) layer sizes: what the pull downloads."""
    layers: int
    pinned_ref: str


@dataclass(frozen=True)
class Preflight:
    checks: tuple[Check, ...]
    plan: InstallPlan
    """The plan to install: pinned to the inspected digest when the image was inspected."""
    image: ImageFacts | None

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks if c.required)

    @property
    def failures(self) -> list[Check]:
        return [c for c in self.checks if c.required and not c.passed]


# --- image references -------------------------------------------------------------------------


def repository(ref: str) -> str:
    """``ghcr.io/veilor/veilor-os:43`` → ``ghcr.io/veilor/veilor-os`` (tag and digest dropped)."""
    name = ref.split("@", 1)[0]
    if name.rfind(":") > name.rfind("/"):
        name = name[: name.rfind(":")]
    return name


def normalized_repository(ref: str) -> str:
    """The repository as containers/image names it: Docker Hub short names get their host."""
    repo = repository(ref)
    first, _, rest = repo.partition("/")
    if not rest or ("." not in first and ":" not in first and first != "localhost"):
        repo = f"docker.io/{repo}" if rest else f"docker.io/library/{repo}"
    return repo


def registry_host(ref: str) -> str:
    return normalized_repository(ref).split("/", 1)[0]


def registry_api_url(ref: str) -> str:
    """Where the registry answers; ``VEILOR_REGISTRY_URL`` points tests at a local server."""
    override = settings.registry_url()
    if override:
        return override
    host = registry_host(ref)
    return "https://registry-1.docker.io" if host == "docker.io" else f"https://{host}"


def pin(plan: InstallPlan, digest: str) -> InstallPlan:
    """The plan with Anaconda's ``--url`` pinned to ``digest``; updates follow the tag."""
    if not _DIGEST.fullmatch(digest):
        raise ValueError("not a sha256 digest")
    pinned = f"{repository(plan.image.ref)}@{digest}"
    return replace(plan, image=replace(plan.image, ref=pinned))


# --- network ----------------------------------------------------------------------------------


def check_network(plan: InstallPlan, *, timeout: float = 5.0) -> list[Check]:
    """The registry's host answers (only for images pulled from a registry)."""
    if plan.image.transport != "registry":
        return []
    return network_checks(registry_api_url(plan.image.ref), timeout=timeout)


# --- the image --------------------------------------------------------------------------------


def _skopeo_failure(stderr: str, ref: str) -> tuple[Text, Text]:
    """skopeo's last error line, turned into (what happened, what to do)."""
    text = stderr.lower()
    last: str | Text = (redact(stderr.strip().splitlines()[-1]) if stderr.strip()
                        else Text("no error message"))
    host = registry_host(ref)
    if any(word in text for word in ("no such host", "dial tcp", "pinging container registry",
                                     "i/o timeout", "connection refused", "network is unreachable",
                                     "tls handshake timeout")):
        return (Text("{host} cannot be reached ({why})", host=host, why=last),
                Text("Connect to a network (cable or Wi-Fi), then check again."))
    if "manifest unknown" in text or "not found" in text:
        return (Text("{ref} does not exist on {host}", ref=ref, host=host),
                Text("Check image.ref in the answers file (the tag, like :43, must exist)."))
    if any(word in text for word in ("unauthorized", "authentication required", "denied")):
        return (Text("{host} refused access to {repository}", host=host,
                     repository=repository(ref)),
                Text("The image is private: put the registry credentials in "
                     "/run/ostree/auth.json (mode 0600) before installing."))
    return (Text("skopeo could not read {ref}: {why}", ref=ref, why=last),
            Text("Check the network and image.ref, then check again."))


class _Unreadable(Exception):
    """The image could not be inspected: what happened, and what a person can do."""

    def __init__(self, what: str | Text, fix: str | Text) -> None:
        super().__init__(what)
        self.what = what
        self.fix = fix


def skopeo_name(transport: str, ref: str) -> str:
    """The image name skopeo is given. A containers-storage image is read from root's store,
    named explicitly: the ISO's image was pulled there and Anaconda, as root, reads it there.
    Left unnamed, the store is the caller's own (a live user's is in their home), which may
    lack the image or hold another with the same name."""
    if transport == "containers-storage":
        return f"containers-storage:[{ROOT_IMAGE_STORE}]{ref}"
    return _SKOPEO_TRANSPORTS[transport] + ref


def _skopeo_facts(transport: str, ref: str, timeout: float) -> ImageFacts:
    """``skopeo inspect`` run by this process; _Unreadable says why it could not be."""
    argv = ["skopeo", "inspect"]
    if transport == "registry":
        argv.append("--no-tags")  # listing every tag is slow on busy repositories
    argv.append(skopeo_name(transport, ref))
    try:
        result = commands.run(argv, timeout=timeout)
    except CommandNotFound:
        raise _Unreadable(Text("skopeo is not installed, so the image cannot be checked"),
                          Text("Install skopeo (the bootstrap ISO has it), or run with "
                               "--skip-preflight if you know the image is reachable.")) from None
    except CommandTimeout:
        raise _Unreadable(Text("skopeo got no answer about {ref} within {seconds} s", ref=ref,
                               seconds=f"{timeout:g}"),
                          Text("The network or the registry is very slow; try again "
                               "later.")) from None
    except CommandError as exc:
        raise _Unreadable(str(exc), Text("Check that skopeo works.")) from None
    if not result.ok:
        if transport == "containers-storage" and "not an image" in result.stderr.lower():
            raise _Unreadable(Text("{ref} is not in root's image store ({store})", ref=ref,
                                   store=ROOT_IMAGE_STORE),
                              Text("Install online (the image is downloaded and its signature "
                                   "checked), or use an ISO built with the image on it."))
        raise _Unreadable(*_skopeo_failure(result.stderr, ref))
    try:
        data = json.loads(result.stdout)
        digest = data["Digest"]
        if not isinstance(digest, str) or not _DIGEST.fullmatch(digest):
            raise ValueError("no sha256 Digest")
        layers_data = data.get("LayersData") or []
        size = sum(int(layer.get("Size") or 0) for layer in layers_data)
        layers = len(layers_data) or len(data.get("Layers") or [])
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise _Unreadable(Text("skopeo printed something unexpected for {ref} ({error})",
                               ref=ref, error=type(exc).__name__),
                          Text("Update skopeo, then check again.")) from None
    pinned = f"{repository(ref)}@{digest}" if transport == "registry" else ref
    return ImageFacts(digest, size, layers, pinned)


def inspect_local_image(ref: str, *, timeout: float = SKOPEO_TIMEOUT_S) -> ActionResult:
    """The helper's ``inspect-local-image``: the image ``ref`` in root's containers-storage,
    as root reads it (read-only: ``skopeo inspect``). ``data`` holds its digest, size and
    number of layers; a failure's ``data["fix"]`` says what a person can do."""
    if (bad := check_image_ref(ref, "containers-storage")) is not None:
        raise InvalidInput(Text("{field}: {message}", field="ref", message=bad))
    try:
        facts = _skopeo_facts("containers-storage", ref, timeout)
    except _Unreadable as exc:
        # Its words cross the helper untranslated; the wizard renders them in its language.
        return ActionResult(LOCAL_IMAGE_ACTION, exit_code=EXIT_FAILED, reason=exc.what,
                            data={"fix": protocol.message_to_json(exc.fix)})
    return ActionResult(LOCAL_IMAGE_ACTION, data={
        "digest": facts.digest, "size_bytes": facts.size_bytes, "layers": facts.layers})


def _facts_through_helper(ref: str, timeout: float) -> ImageFacts:
    """Root's store read by the privileged helper: an unprivileged user cannot read it."""
    from veilor_installer.core.helper import client as privileged

    # pkexec may ask for a password first (not in the live session, where the rule allows it).
    result = privileged.call(protocol.request(LOCAL_IMAGE_ACTION, ref=ref),
                             timeout=timeout + HELPER_EXTRA_S)
    if not result.ok:
        try:
            fix: str | Text | None = protocol.message_from_json(result.data.get("fix"))
        except ValueError:
            fix = None
        raise _Unreadable(result.reason or Text("the privileged helper could not read {ref}",
                                                ref=ref),
                          fix or Text("Check again; reading the ISO's image needs the "
                                      "administrator's permission."))
    digest, size, layers = (result.data.get(k) for k in ("digest", "size_bytes", "layers"))
    if (not isinstance(digest, str) or not _DIGEST.fullmatch(digest)
            or type(size) is not int or type(layers) is not int):
        raise _Unreadable(Text("the privileged helper's answer about {ref} cannot be read",
                               ref=ref),
                          Text("Update veilor-installer, then check again."))
    return ImageFacts(digest, size, layers, ref)


def inspect_image(plan: InstallPlan, *, timeout: float = SKOPEO_TIMEOUT_S,
                  through_helper: bool | None = None) -> tuple[Check, ImageFacts | None]:
    """``skopeo inspect`` the image: it exists and is readable; its digest and size.

    A containers-storage image is read from root's store, through the privileged helper
    unless this process is root (``through_helper``: None decides by the effective uid)."""
    title = Text("Image")
    ref = plan.image.ref
    transport = plan.image.transport
    if through_helper is None:
        through_helper = os.geteuid() != 0
    try:
        if transport == "containers-storage" and through_helper:
            facts = _facts_through_helper(ref, timeout)
        else:
            facts = _skopeo_facts(transport, ref, timeout)
    except _Unreadable as exc:
        return Check("image", title, False, exc.what, exc.fix), None
    digest = facts.digest[:19] + "…"
    found = (Text.plural("{ref}: {n} layer, {size} to download; installing exactly {digest}",
                         "{ref}: {n} layers, {size} to download; installing exactly {digest}",
                         facts.layers, ref=ref, size=human_size(facts.size_bytes), digest=digest)
             if facts.size_bytes else
             Text.plural("{ref}: {n} layer; installing exactly {digest}",
                         "{ref}: {n} layers; installing exactly {digest}",
                         facts.layers, ref=ref, digest=digest))
    return Check("image", title, True, found), facts


def check_recorded_digest(plan: InstallPlan, facts: ImageFacts | None) -> Check | None:
    """An image whose digest was recorded (an offline install: the ISO's record,
    core.medium) must have exactly that digest; None when nothing was recorded or the image
    could not be inspected (the image check says why)."""
    want = plan.image.digest
    if want is None or facts is None:
        return None
    title = Text("Image on this medium")
    if facts.digest == want:
        return Check("image-digest", title, True, Text(
            "{ref}: {digest}, the image this ISO was built with", ref=plan.image.ref,
            digest=want[:19] + "…"))
    return Check("image-digest", title, False, Text(
        "{ref} is {digest}, but this ISO recorded {recorded}: it is not the image the ISO was "
        "built with", ref=plan.image.ref, digest=facts.digest[:19] + "…",
        recorded=want[:19] + "…"), Text(
        "Install online (the image is downloaded and its signature checked), or write the ISO "
        "to the USB stick again."))


# --- the signature policy ---------------------------------------------------------------------


def policy_path() -> str:
    """The policy Anaconda's image pull will obey (it runs as root): root's own file when there
    is one, else the system's. ``VEILOR_CONTAINERS_POLICY`` overrides both for tests."""
    override = settings.containers_policy()
    if override:
        return override
    if os.path.isfile(USER_POLICY_PATH):
        return USER_POLICY_PATH
    return POLICY_PATH


def docker_scopes(ref: str) -> list[str]:
    """The ``docker`` transport scopes that can govern ``ref``, most specific first
    (containers-policy.json(5)): the full reference, the repository, each parent namespace,
    the host, then wildcard subdomain scopes."""
    repo = normalized_repository(ref)
    scopes = []
    rest = ref[len(repository(ref)):]
    if rest:
        scopes.append(repo + rest)
    parts = repo.split("/")
    for end in range(len(parts), 0, -1):
        scopes.append("/".join(parts[:end]))
    labels = parts[0].split(":")[0].split(".")
    for start in range(1, len(labels)):
        scopes.append("*." + ".".join(labels[start:]))
    return scopes


_DOCKER_DEFAULT = N_("the docker transport's default")
_GLOBAL_DEFAULT = N_("the global default")


def _requirements_for(policy: Mapping[str, Any], ref: str) -> tuple[str, list[Any]]:
    """(the scope that applies, its requirements), as containers/image picks them."""
    docker = (policy.get("transports") or {}).get("docker") or {}
    if not isinstance(docker, dict):
        raise ValueError("transports.docker is not an object")
    for scope in docker_scopes(ref):
        if scope in docker:
            return scope, list(docker[scope])
    if "" in docker:
        return _DOCKER_DEFAULT, list(docker[""])
    return _GLOBAL_DEFAULT, list(policy.get("default") or [])


def check_signature_policy(plan: InstallPlan, *, path: str | None = None) -> Check:
    """The installer environment's policy.json is what verifies the image at install time
    (research/anaconda.md §2.4): it must require a signature for this repository."""
    key, title = "signature-policy", Text("Signature policy")
    if plan.image.transport != "registry":
        return Check(key, title, False, Text(
            "not checked: a {transport} image is installed without a registry signature check",
            transport=plan.image.transport), "", required=False)
    path = path or policy_path()
    fix_iso = Text("Start from a veilor-os installer ISO: it ships a policy that requires the "
                   "image's signature (in /etc/containers/policy.json, a sigstoreSigned "
                   "entry for ghcr.io/veilor/veilor-os).")
    try:
        with open(path, encoding="utf-8") as fh:
            policy = json.load(fh)
        if not isinstance(policy, dict):
            raise ValueError("not a JSON object")
        scope, reqs = _requirements_for(policy, plan.image.ref)
    except FileNotFoundError:
        return Check(key, title, False, Text(
            "there is no signature policy at {path}: the image would be installed without "
            "checking its signature", path=path), fix_iso)
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        return Check(key, title, False, Text(
            "{path} cannot be read ({error}): the image pull would fail", path=path,
            error=type(exc).__name__), fix_iso)
    repo = repository(plan.image.ref)
    where = Text(scope) if scope in (_DOCKER_DEFAULT, _GLOBAL_DEFAULT) else scope
    add_entry = Text("Add a sigstoreSigned entry for {repository} to {path}. {fix}",
                     repository=repo, path=path, fix=fix_iso)
    types = [r.get("type") for r in reqs if isinstance(r, dict)]
    if not reqs or "reject" in types:
        return Check(key, title, False, Text(
            "{path} refuses {repository} ({scope}: reject): the image pull would fail after "
            "the disks were erased", path=path, repository=repo, scope=where), add_entry)
    verifying = [r for r in reqs if isinstance(r, dict) and r.get("type") in _VERIFYING]
    if not verifying:
        return Check(key, title, False, Text(
            "{path} accepts {repository} without a signature ({scope}: {types})", path=path,
            repository=repo, scope=where, types=", ".join(str(t) for t in types)), add_entry)
    for req in verifying:
        if not any(req.get(field) for field in _KEY_FIELDS):
            return Check(key, title, False, Text(
                "{path} requires a signature for {repository} but names no key to check it "
                "with", path=path, repository=repo), fix_iso)
        paths = [req["keyPath"]] if isinstance(req.get("keyPath"), str) else []
        paths += [p for p in req.get("keyPaths") or [] if isinstance(p, str)]
        missing = [p for p in paths if not os.path.isfile(p)]
        if missing:
            return Check(key, title, False, Text(
                "the key {key} named by {path} is missing: the image pull would fail",
                key=missing[0], path=path), fix_iso)
    kinds = sorted({str(r["type"]) for r in verifying})
    return Check(key, title, True, Text(
        "{path} requires a {kind} signature for {repository} ({scope})", path=path,
        kind=kinds[0], repository=repo, scope=where) if len(kinds) == 1 else Text(
        "{path} requires a {kinds} and {kind} signature for {repository} ({scope})", path=path,
        kinds=", ".join(kinds[:-1]), kind=kinds[-1], repository=repo, scope=where))


# --- memory -----------------------------------------------------------------------------------


def read_available_bytes(meminfo: str = "/proc/meminfo") -> int:
    """MemAvailable (what can be used without swapping), in bytes."""
    values: dict[str, int] = {}
    with open(meminfo, encoding="ascii", errors="replace") as fh:
        for line in fh:
            name, _, rest = line.partition(":")
            fields = rest.split()
            if fields and fields[0].isdigit():
                values[name] = int(fields[0]) * (1024 if len(fields) > 1 else 1)
    if "MemAvailable" in values:
        return values["MemAvailable"]
    if "MemFree" in values:
        return values["MemFree"] + values.get("Buffers", 0) + values.get("Cached", 0)
    raise ValueError(f"{meminfo} has neither MemAvailable nor MemFree")


def check_memory(plan: InstallPlan, *, meminfo: str = "/proc/meminfo") -> Check:
    """Enough free memory for the argon2id key derivation chosen, plus the installer."""
    luks = plan.pbkdf_memory_kib * 1024
    need = luks + HEADROOM_BYTES
    try:
        available = read_available_bytes(meminfo)
    except (OSError, ValueError) as exc:
        return Check("memory", Text("Memory"), False, Text(
            "free memory cannot be read ({why})", why=exc), Text("Check that /proc is mounted."))
    found = Text("{free} GiB free; the disk encryption (argon2id, {luks} MiB) and the "
                 "installer need {need} GiB", free=f"{available / GIB:.1f}",
                 luks=luks // 1024**2, need=f"{need / GIB:.1f}")
    if available >= need:
        return Check("memory", Text("Memory"), True, found)
    return Check("memory", Text("Memory"), False, found, Text(
        "Close other programs (a web browser on the live session uses a lot), then check "
        "again; or install on a computer with more memory."))


# --- the disks --------------------------------------------------------------------------------


def _sysfs_children(sysfs_root: str, name: str) -> list[str]:
    """The partitions of ``name`` in sysfs (sub-folders holding a ``partition`` file)."""
    base = os.path.join(sysfs_root, "class", "block", name)
    try:
        entries = sorted(os.listdir(base))
    except OSError:
        return []
    return [e for e in entries if os.path.exists(os.path.join(base, e, "partition"))]


def _holder_label(sysfs_root: str, holder: str) -> str:
    """``dm-0`` → ``dm-0 (luks-…)``: device-mapper names say LVM or LUKS; md is RAID."""
    try:
        with open(os.path.join(sysfs_root, "class", "block", holder, "dm", "name"),
                  encoding="utf-8") as fh:
            return f"{holder} ({fh.read().strip()})"
    except OSError:
        return f"{holder} (RAID)" if holder.startswith("md") else holder


def holders(sysfs_root: str, name: str) -> list[str]:
    """Devices built on ``name`` or its partitions (LVM, RAID, open LUKS), from sysfs."""
    found: list[str] = []
    disk = os.path.join(sysfs_root, "class", "block", name)
    for device, folder in ((name, disk), *((part, os.path.join(disk, part))
                                           for part in _sysfs_children(sysfs_root, name))):
        try:
            entries = sorted(os.listdir(os.path.join(folder, "holders")))
        except OSError:
            continue
        found.extend(f"{device} → {_holder_label(sysfs_root, h)}" for h in entries)
    return found


def _disk_check(planned: Disk, current: Disk | None, sysfs_root: str | None) -> Check:
    key, title = f"disk:{planned.name}", Text("Disk {name}", name=planned.name)
    if current is None:
        return Check(key, title, False, Text("{disk} is no longer there",
                                             disk=planned.description),
                     Text("Plug it back in (or choose the disks again), then check again."))
    if (current.serial, current.size_bytes) != (planned.serial, planned.size_bytes):
        return Check(key, title, False, Text(
            "{name} is now {disk}, not the disk that was chosen ({chosen})", name=planned.name,
            disk=current.description, chosen=planned.description),
                     Text("Choose the disks again: the devices changed."))
    if current.boot_medium:
        return Check(key, title, False, Text(
            "{disk} holds the system this computer was started from",
            disk=current.description), Text("Choose another disk."))
    mounted: list[tuple[str, str]] = []
    swap: list[str] = []
    for device, points in ((current.name, current.mountpoints),
                           *((p.name, p.mountpoints) for p in current.partitions)):
        for point in points:
            if point == SWAP:
                swap.append(f"/dev/{device}")
            else:
                mounted.append((f"/dev/{device}", point))
    if swap:
        return Check(key, title, False, Text("{disk} is in use as swap ({devices})",
                                             disk=current.description, devices=", ".join(swap)),
                     Text("Run: swapoff {devices} — then check again.", devices=" ".join(swap)))
    if mounted:
        return Check(key, title, False, Text(
            "{disk} is mounted ({mounts})", disk=current.description,
            mounts=_Mounts(mounted)), Text(
            "Close any window showing it and unmount it (the eject button in the file manager, "
            "or: udisksctl unmount -b {device}), then check again.", device=mounted[0][0]))
    used_by = holders(sysfs_root, current.name) if sysfs_root else []
    if used_by:
        return Check(key, title, False, Text(
            "{disk} is in use by {holders} (LVM, RAID or an open encrypted volume)",
            disk=current.description, holders=", ".join(used_by)), Text(
            "Deactivate it (vgchange -an VG / mdadm --stop /dev/mdN / cryptsetup close NAME), "
            "or choose another disk, then check again."))
    return Check(key, title, True, Text("{disk}: not mounted, not in use",
                                        disk=current.description))


class _Mounts:
    """"/dev/sda1 on /mnt, /dev/sda2 on /home", worded when shown."""

    def __init__(self, mounts: list[tuple[str, str]]) -> None:
        self.mounts = mounts

    def __str__(self) -> str:
        return ", ".join(str(Text("{device} on {mountpoint}", device=device, mountpoint=point))
                         for device, point in self.mounts)


def check_disks(plan: InstallPlan, machine: Machine, *, sysfs_root: str | None = "/sys"
                ) -> list[Check]:
    """Each target disk, as the machine is *now*: still there, not the boot medium, not
    mounted, not swap, not held by LVM/RAID/LUKS. ``sysfs_root=None`` skips the holders
    (a machine profile has none)."""
    return [_disk_check(d, machine.disk(d.name), sysfs_root) for d in plan.disks]


# --- the written kickstart --------------------------------------------------------------------


def check_kickstart(written: WrittenKickstart, plan: InstallPlan, *, runtime_dir: str) -> Check:
    """Parse the written files as Anaconda will (pykickstart F43, following the real
    ``%include``) and compare with the plan; both files private; no secret in ks.cfg."""
    from pykickstart.errors import KickstartError, KickstartWarning

    from veilor_installer.core.install.kickstart import describe, parse_file

    key, title = "kickstart", Text("Kickstart")
    fix = Text("This is a bug in veilor-installer; please report it (without the secrets "
               "file).")
    for path in (written.ks_path, written.secrets_path):
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            return Check(key, title, False, Text("{path} cannot be read: {why}", path=path,
                                                 why=exc.strerror), fix)
        if stat.S_IMODE(mode) & 0o077:
            return Check(key, title, False, Text(
                "{path} can be read by other users (mode {mode})", path=path,
                mode=f"{stat.S_IMODE(mode):04o}"), Text("Run: chmod 600 {path}", path=path))
    secret = plan.passphrase.reveal()
    main_text = written.ks_path.read_text(encoding="utf-8")
    if secret and (secret in main_text or dquote(secret) in main_text):
        return Check(key, title, False, Text("{path} holds the passphrase",
                                             path=written.ks_path), fix)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", KickstartWarning)
            handler = parse_file(str(written.ks_path))
    except (KickstartError, KickstartWarning, ValueError, OSError) as exc:
        return Check(key, title, False, Text("pykickstart cannot read {path} ({error})",
                                             path=written.ks_path, error=type(exc).__name__),
                     fix)
    diff = differences(intent(plan, runtime_dir=runtime_dir), describe(handler))
    if diff:
        return Check(key, title, False, Text("{path} differs from the plan in: {fields}",
                                             path=written.ks_path, fields=", ".join(diff)), fix)
    return Check(key, title, True, Text("{path} parses (F43) and matches the plan",
                                        path=written.ks_path))


# --- all of it --------------------------------------------------------------------------------


def run_preflight(
    plan: InstallPlan,
    *,
    reread_machine: Callable[[], Machine],
    sysfs_root: str | None = "/sys",
    meminfo: str = "/proc/meminfo",
    policy: str | None = None,
    network_timeout: float = 5.0,
    on_check: Callable[[Check], None] | None = None,
) -> Preflight:
    """Every check before the kickstart is written; a person sees every problem at once.

    ``reread_machine`` reads the machine again (disks may have been mounted since the plan
    was made). The returned plan is pinned to the inspected digest when there is one.
    """
    checks: list[Check] = []

    def add(found: Iterable[Check]) -> None:
        for check in found:
            detail = check.detail.english() if isinstance(check.detail, Text) else check.detail
            log.info("pre-flight %s: %s — %s", check.key, "passed" if check.passed else
                     ("FAILED" if check.required else "warning"), detail)
            checks.append(check)
            if on_check is not None:
                on_check(check)

    add(check_network(plan, timeout=network_timeout))
    facts: ImageFacts | None = None
    if any(c.key in ("network", "registry") and not c.passed for c in checks):
        add([Check("image", Text("Image"), False,
                   Text("not checked without a connection to the registry"),
                   Text("Connect to a network, then check again."))])
    else:
        image_check, facts = inspect_image(plan)
        add([image_check])
        if (recorded := check_recorded_digest(plan, facts)) is not None:
            add([recorded])
    add([check_signature_policy(plan, path=policy)])
    add([check_memory(plan, meminfo=meminfo)])
    try:
        machine = reread_machine()
    except (CommandError, OSError, ValueError) as exc:
        add([Check("disks", Text("Disks"), False,
                   Text("the disks cannot be read again: {why}", why=exc),
                   Text("Check again; if it keeps failing, restart the computer."))])
    else:
        add(check_disks(plan, machine, sysfs_root=sysfs_root))
    pinned = plan
    if facts is not None and plan.image.transport == "registry":
        pinned = pin(plan, facts.digest)
    return Preflight(tuple(checks), pinned, facts)
