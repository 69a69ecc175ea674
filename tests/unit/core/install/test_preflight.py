"""Pre-flight checks: each one fails with a message a person can act on, against fakes and
fake /proc and /sys trees; the image is pinned to the digest skopeo reported."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from helpers.answers import TEST_MACHINE, base_answers
from helpers.system import install_fakes, local_registry, write_policy

from veilor_installer.core.install import kickstart, preflight
from veilor_installer.core.install.answers import answers_from_mapping, build_plan
from veilor_installer.core.install.machine import Machine, machine_from_json
from veilor_installer.core.install.plan import InstallPlan

LAYERS_TOTAL = 73_400_320 + 512_000_000 + 1_048_576_000 + 9_437_184


def _machine(**disk_changes: Any) -> Machine:
    data = copy.deepcopy(TEST_MACHINE)
    data["disks"][0].update(disk_changes)
    return machine_from_json(data)


@pytest.fixture
def plan() -> InstallPlan:
    return build_plan(answers_from_mapping(base_answers()), _machine())


@pytest.fixture
def fakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    return install_fakes(tmp_path, monkeypatch)


def _meminfo(tmp_path: Path, available_kib: int) -> str:
    path = tmp_path / "meminfo"
    path.write_text(f"MemTotal:       16384000 kB\nMemFree:          100000 kB\n"
                    f"MemAvailable:   {available_kib:>9} kB\nBuffers:            2000 kB\n")
    return str(path)


# --- the image ----------------------------------------------------------------------------------


def test_inspect_pins_the_digest_and_the_post_script_follows_the_tag(
    fakes: Any, plan: InstallPlan,
) -> None:
    check, facts = preflight.inspect_image(plan)
    assert check.passed and facts is not None
    assert facts.size_bytes == LAYERS_TOTAL and facts.layers == 4
    assert facts.pinned_ref == f"ghcr.io/veilor/veilor-os@{facts.digest}"
    assert fakes.calls("skopeo")[0]["argv"][1:] == [
        "inspect", "--no-tags", "docker://ghcr.io/veilor/veilor-os:43"]
    pinned = preflight.pin(plan, facts.digest)
    built = kickstart.build(pinned, secrets_path="/run/veilor/secrets.ks",
                            runtime_dir="/run/veilor")
    assert (f'ostreecontainer --transport="registry" '
            f'--url="ghcr.io/veilor/veilor-os@{facts.digest}"') in built.main
    assert ("bootc switch --mutate-in-place --enforce-container-sigpolicy --transport registry "
            "ghcr.io/veilor/veilor-os:43") in built.main


@pytest.mark.parametrize(("mode", "words", "fix"), [
    ("unreachable", "ghcr.io cannot be reached", "Connect to a network"),
    ("unknown-tag", "does not exist on ghcr.io", "image.ref"),
    ("unauthorized", "refused access", "/run/ostree/auth.json"),
])
def test_inspect_failures_say_what_to_do(
    fakes: Any, plan: InstallPlan, monkeypatch: pytest.MonkeyPatch, mode: str, words: str,
    fix: str,
) -> None:
    monkeypatch.setenv("VEILOR_FAKE_SKOPEO", mode)
    check, facts = preflight.inspect_image(plan)
    assert not check.passed and facts is None
    assert words in str(check.detail) and fix in str(check.fix)


def test_reference_helpers() -> None:
    assert preflight.repository("ghcr.io/veilor/veilor-os:43") == "ghcr.io/veilor/veilor-os"
    assert preflight.repository("localhost:5000/os@sha256:" + "a" * 64) == "localhost:5000/os"
    assert preflight.normalized_repository("fedora") == "docker.io/library/fedora"
    assert preflight.registry_api_url("quay.io/a/b:1") == "https://quay.io"
    assert preflight.docker_scopes("ghcr.io/veilor/veilor-os:43") == [
        "ghcr.io/veilor/veilor-os:43", "ghcr.io/veilor/veilor-os", "ghcr.io/veilor", "ghcr.io",
        "*.io"]
    with pytest.raises(ValueError, match="digest"):
        preflight.pin(build_plan(answers_from_mapping(base_answers()), _machine()), "sha256:x")


# --- network ------------------------------------------------------------------------------------


def test_network_reaches_the_registry(monkeypatch: pytest.MonkeyPatch, plan: InstallPlan) -> None:
    with local_registry(monkeypatch):
        checks = preflight.check_network(plan)
    assert [c.key for c in checks] == ["network", "registry"] and all(c.passed for c in checks)


def test_network_down(monkeypatch: pytest.MonkeyPatch, plan: InstallPlan) -> None:
    monkeypatch.setenv("VEILOR_REGISTRY_URL", "http://127.0.0.1:9")
    checks = preflight.check_network(plan, timeout=2)
    assert not checks[0].passed and "Connect to a network" in str(checks[0].fix)


# --- the signature policy -----------------------------------------------------------------------


def test_policy_requiring_the_signature_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    write_policy(tmp_path, monkeypatch)
    check = preflight.check_signature_policy(plan)
    assert check.passed and "sigstoreSigned" in str(check.detail)


@pytest.mark.parametrize(("kind", "words"), [
    ("insecure", "without a signature"),
    ("missing-key", "is missing"),
])
def test_policy_that_does_not_verify_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan, kind: str, words: str,
) -> None:
    write_policy(tmp_path, monkeypatch, kind=kind)
    check = preflight.check_signature_policy(plan)
    assert not check.passed and words in str(check.detail) and "installer ISO" in str(check.fix)


def test_policy_missing_or_only_a_permissive_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: InstallPlan,
) -> None:
    monkeypatch.setenv("VEILOR_CONTAINERS_POLICY", str(tmp_path / "nowhere.json"))
    check = preflight.check_signature_policy(plan)
    assert not check.passed and "no signature policy" in str(check.detail)
    path = tmp_path / "default.json"
    path.write_text(json.dumps({"default": [{"type": "insecureAcceptAnything"}]}))
    check = preflight.check_signature_policy(plan, path=str(path))
    assert not check.passed and "the global default" in str(check.detail)


def test_policy_scope_precedence(tmp_path: Path, plan: InstallPlan) -> None:
    key = tmp_path / "k.pub"
    key.write_text("key")
    signed = [{"type": "sigstoreSigned", "keyPath": str(key)}]
    path = tmp_path / "p.json"
    # a signature for the whole namespace covers the repository ...
    path.write_text(json.dumps({"default": [{"type": "reject"}],
                                "transports": {"docker": {"ghcr.io/veilor": signed}}}))
    assert preflight.check_signature_policy(plan, path=str(path)).passed
    # ... but a more specific permissive entry wins over it
    path.write_text(json.dumps({"default": [{"type": "reject"}], "transports": {"docker": {
        "ghcr.io/veilor": signed,
        "ghcr.io/veilor/veilor-os": [{"type": "insecureAcceptAnything"}]}}}))
    assert not preflight.check_signature_policy(plan, path=str(path)).passed
    # and a reject is a failure too: the pull would fail after the disks were erased
    path.write_text(json.dumps({"default": [{"type": "reject"}]}))
    check = preflight.check_signature_policy(plan, path=str(path))
    assert not check.passed and "refuses" in str(check.detail)


# --- memory ---------------------------------------------------------------------------------------


def test_memory_for_argon2id(tmp_path: Path, plan: InstallPlan) -> None:
    assert plan.pbkdf_memory_kib == 1048576  # 16 GiB machine: 1 GiB for argon2id
    assert preflight.check_memory(plan, meminfo=_meminfo(tmp_path, 3 * 1024**2)).passed
    low = preflight.check_memory(plan, meminfo=_meminfo(tmp_path, 1536 * 1024))
    assert not low.passed and "1024 MiB" in str(low.detail)
    assert "Close other programs" in str(low.fix)


# --- the disks ------------------------------------------------------------------------------------


def _disk_check(plan: InstallPlan, machine: Machine, sysfs: str | None = None) -> Any:
    return preflight.check_disks(plan, machine, sysfs_root=sysfs)[0]


def test_disk_free_to_use_passes(plan: InstallPlan) -> None:
    assert _disk_check(plan, _machine()).passed


@pytest.mark.parametrize(("changes", "words", "fix"), [
    ({"partitions": [{"name": "nvme0n1p1", "size_bytes": 10**9, "fstype": "ext4",
                      "label": None, "mountpoints": ["/run/media/liveuser/data"]}]},
     "/dev/nvme0n1p1 on /run/media/liveuser/data", "udisksctl unmount -b /dev/nvme0n1p1"),
    ({"partitions": [{"name": "nvme0n1p2", "size_bytes": 10**9, "fstype": "swap",
                      "label": None, "mountpoints": ["[SWAP]"]}]},
     "in use as swap", "swapoff /dev/nvme0n1p2"),
    ({"boot_medium": True}, "started from", "another disk"),
    ({"serial": "OTHER"}, "not the disk that was chosen", "Choose the disks again"),
])
def test_disk_in_use_fails(plan: InstallPlan, changes: dict[str, Any], words: str,
                           fix: str) -> None:
    check = _disk_check(plan, _machine(**changes))
    assert not check.passed and words in str(check.detail) and fix in str(check.fix)


def test_disk_gone(plan: InstallPlan) -> None:
    data = copy.deepcopy(TEST_MACHINE)
    data["disks"] = data["disks"][1:]
    check = _disk_check(plan, machine_from_json(data))
    assert not check.passed and "no longer there" in str(check.detail)


def test_disk_held_by_lvm_or_raid(tmp_path: Path, plan: InstallPlan) -> None:
    sysfs = tmp_path / "sys"
    block = sysfs / "class" / "block"
    (block / "nvme0n1" / "nvme0n1p3").mkdir(parents=True)
    (block / "nvme0n1" / "nvme0n1p3" / "partition").write_text("3\n")
    (block / "nvme0n1" / "holders").mkdir()
    assert _disk_check(plan, _machine(), str(sysfs)).passed
    (block / "nvme0n1" / "nvme0n1p3" / "holders" / "dm-0").mkdir(parents=True)
    (block / "dm-0" / "dm").mkdir(parents=True)
    (block / "dm-0" / "dm" / "name").write_text("fedora-root\n")
    check = _disk_check(plan, _machine(), str(sysfs))
    assert not check.passed and "nvme0n1p3 → dm-0 (fedora-root)" in str(check.detail)
    assert "vgchange -an" in str(check.fix)


# --- the written kickstart ------------------------------------------------------------------------


def test_written_kickstart_is_checked_again(tmp_path: Path, plan: InstallPlan) -> None:
    out = tmp_path / "ks"
    built = kickstart.build(plan, secrets_path=kickstart.secrets_path_for(str(out)),
                            runtime_dir="/run/veilor")
    written = kickstart.write(built, str(out))
    assert preflight.check_kickstart(written, plan, runtime_dir="/run/veilor").passed
    with written.ks_path.open("a") as fh:
        fh.write("reboot\n")
    check = preflight.check_kickstart(written, plan, runtime_dir="/run/veilor")
    assert not check.passed and "commands" in str(check.detail)
    written.secrets_path.chmod(0o644)
    check = preflight.check_kickstart(written, plan, runtime_dir="/run/veilor")
    assert not check.passed and "chmod 600" in str(check.fix)


# --- all of it ------------------------------------------------------------------------------------


def test_run_preflight_passes_and_pins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fakes: Any, plan: InstallPlan,
) -> None:
    write_policy(tmp_path, monkeypatch)
    seen: list[str] = []
    with local_registry(monkeypatch):
        report = preflight.run_preflight(plan, reread_machine=_machine, sysfs_root=None,
                                         meminfo=_meminfo(tmp_path, 8 * 1024**2),
                                         on_check=lambda c: seen.append(c.key))
    assert report.passed and not report.failures
    assert seen == ["network", "registry", "image", "signature-policy", "memory",
                    "disk:nvme0n1"]
    assert report.image is not None and report.image.size_bytes == LAYERS_TOTAL
    assert report.plan.image.ref == report.image.pinned_ref
    assert report.plan.image.update_ref == "ghcr.io/veilor/veilor-os:43"


def test_run_preflight_offline_reports_every_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fakes: Any, plan: InstallPlan,
) -> None:
    monkeypatch.setenv("VEILOR_REGISTRY_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("VEILOR_CONTAINERS_POLICY", str(tmp_path / "none.json"))
    report = preflight.run_preflight(
        plan, reread_machine=lambda: _machine(mountpoints=["/mnt"]), sysfs_root=None,
        meminfo=_meminfo(tmp_path, 8 * 1024**2), network_timeout=2)
    assert not report.passed
    assert {c.key for c in report.failures} == {"network", "registry", "image",
                                                 "signature-policy", "disk:nvme0n1"}
    assert fakes.calls("skopeo") == []  # no point asking without a network
    assert report.plan is plan and report.image is None
