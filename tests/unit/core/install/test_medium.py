"""The image on the medium (DESIGN §11, docs/ISO.md): the ISO's record is read strictly, an
offline install writes the kickstart with the local transport and the %post switching to the
signed registry reference (read back through pykickstart), and pre-flight refuses a local image
whose digest is not the one the ISO recorded."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers.answers import TEST_MACHINE, base_answers
from helpers.system import install_fakes

from veilor_installer.core.errors import InvalidInput
from veilor_installer.core.install import kickstart, medium, preflight
from veilor_installer.core.install.answers import answers_from_mapping, build_plan
from veilor_installer.core.install.machine import machine_from_json
from veilor_installer.core.install.plan import InstallPlan

DIGEST = "sha256:" + "ab" * 32
OTHER = "sha256:" + "cd" * 32
SIGNED = "ghcr.io/veilor/veilor-os:43"
RECORDS = {
    "containers-storage": {"transport": "containers-storage", "ref": SIGNED,
                           "digest": DIGEST, "update_ref": SIGNED},
    "oci-archive": {"transport": "oci-archive",
                    "ref": "/run/initramfs/live/veilor-os.ociarchive",
                    "digest": DIGEST, "update_ref": SIGNED},
}
MEMINFO = ("MemTotal:       16384000 kB\nMemFree:          100000 kB\n"
           "MemAvailable:    8388608 kB\n")


def _machine() -> Any:
    return machine_from_json(copy.deepcopy(TEST_MACHINE))


def _offline_plan(record: dict[str, str]) -> InstallPlan:
    image = medium.parse(json.dumps(record))
    answers = copy.deepcopy(base_answers())
    answers["image"] = {"ref": image.ref, "transport": image.transport,
                        "update_ref": image.update_ref, "digest": image.digest}
    return build_plan(answers_from_mapping(answers), _machine())


def _record_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, record: dict[str, str]) -> Path:
    path = tmp_path / "iso-image.json"
    path.write_text(json.dumps(record))
    monkeypatch.setenv("VEILOR_ISO_IMAGE_RECORD", str(path))
    return path


# --- the record -------------------------------------------------------------------------------


def test_no_record_means_no_offline_install(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VEILOR_ISO_IMAGE_RECORD", str(tmp_path / "absent.json"))
    assert medium.load() is None


@pytest.mark.parametrize("kind", list(RECORDS))
def test_record_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    _record_file(tmp_path, monkeypatch, RECORDS[kind])
    image = medium.load()
    assert image is not None and image.transport == kind and image.digest == DIGEST
    source = image.source()
    assert (source.ref, source.transport, source.update_ref, source.digest) == (
        RECORDS[kind]["ref"], kind, SIGNED, DIGEST)


@pytest.mark.parametrize(("change", "field"), [
    ({"transport": "registry"}, "transport"),
    ({"digest": "sha256:ABC"}, "digest"),
    ({"digest": None}, "digest"),
    ({"update_ref": SIGNED + "@" + DIGEST}, "update_ref"),
    ({"update_ref": "not a ref"}, "update_ref"),
    ({"ref": "relative/path.ociarchive", "transport": "oci-archive"}, "ref"),
    ({"extra": "x"}, "'extra'"),
])
def test_a_bad_record_names_its_field(change: dict[str, Any], field: str) -> None:
    record = {**RECORDS["containers-storage"], **change}
    record = {k: v for k, v in record.items() if v is not None}
    with pytest.raises(InvalidInput, match=re.escape(f"iso-image.json: {field}")):
        medium.parse(json.dumps(record))


def test_not_json_or_too_large(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text("{nope")
    with pytest.raises(InvalidInput, match="not JSON"):
        medium.load(str(path))
    path.write_text(" " * (medium.MAX_RECORD_BYTES + 1))
    with pytest.raises(InvalidInput, match="too large"):
        medium.load(str(path))


# --- the kickstart ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(RECORDS))
def test_offline_kickstart_uses_the_local_transport_and_switches_to_the_signed_ref(
    tmp_path: Path, kind: str,
) -> None:
    plan = _offline_plan(RECORDS[kind])
    built = kickstart.build(plan, secrets_path=str(tmp_path / "secrets.ks"),
                            runtime_dir=str(tmp_path))
    written = kickstart.write(built, str(tmp_path))
    handler = kickstart.parse_file(str(written.ks_path))
    assert handler.ostreecontainer.transport == kind
    assert handler.ostreecontainer.url == RECORDS[kind]["ref"]
    posts = [s.script for s in handler.scripts if s.type == 1]  # KS_SCRIPT_POST
    switch = [line for body in posts for line in body.splitlines()
              if line.startswith("bootc switch")]
    assert switch == ["bootc switch --mutate-in-place --enforce-container-sigpolicy "
                      f"--transport registry {SIGNED}"]
    assert "Image:     " + RECORDS[kind]["ref"] in plan.describe() and DIGEST in plan.describe()


# --- pre-flight -------------------------------------------------------------------------------


def _preflight(tmp_path: Path, plan: InstallPlan) -> preflight.Preflight:
    meminfo = tmp_path / "meminfo"
    meminfo.write_text(MEMINFO)
    return preflight.run_preflight(plan, reread_machine=_machine, sysfs_root=None,
                                   meminfo=str(meminfo))


@pytest.mark.parametrize("kind", list(RECORDS))
def test_preflight_accepts_the_recorded_digest_offline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str,
) -> None:
    fakes = install_fakes(tmp_path, monkeypatch)
    monkeypatch.setenv("VEILOR_FAKE_SKOPEO_DIGEST", DIGEST)
    report = _preflight(tmp_path, _offline_plan(RECORDS[kind]))
    keys = {c.key: c for c in report.checks}
    assert "network" not in keys and "registry" not in keys, "offline: no registry asked"
    assert keys["image-digest"].passed and keys["image"].passed
    assert report.passed, [str(c.detail) for c in report.failures]
    assert report.plan.image.ref == RECORDS[kind]["ref"], "a local image is not re-pinned"
    [call] = fakes.calls("skopeo")
    store = "[/var/lib/containers/storage]" if kind == "containers-storage" else ""
    assert call["argv"][1:] == ["inspect", f"{kind}:{store}{RECORDS[kind]['ref']}"]


@pytest.mark.parametrize("kind", list(RECORDS))
def test_preflight_refuses_a_local_image_with_another_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str,
) -> None:
    install_fakes(tmp_path, monkeypatch)
    monkeypatch.setenv("VEILOR_FAKE_SKOPEO_DIGEST", OTHER)
    report = _preflight(tmp_path, _offline_plan(RECORDS[kind]))
    assert not report.passed
    [failed] = [c for c in report.failures if c.key == "image-digest"]
    assert OTHER[:19] in str(failed.detail) and DIGEST[:19] in str(failed.detail)
    assert "not the image the ISO was built with" in str(failed.detail) and failed.fix


ROOT_STORE = "/var/lib/containers/storage"
USER_STORE = "/home/liveuser/.local/share/containers/storage"


@pytest.mark.parametrize("through_helper", [True, False], ids=["live-user", "root"])
def test_the_offline_check_reads_roots_image_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, through_helper: bool,
) -> None:
    """The ISO's image is in root's store, where Anaconda (root) reads it: the check names that
    store, and the live user (not root) reads it through the helper."""
    fakes = install_fakes(tmp_path, monkeypatch)
    monkeypatch.setenv("VEILOR_FAKE_SKOPEO_STORES", json.dumps({ROOT_STORE: DIGEST,
                                                                 USER_STORE: OTHER}))
    plan = _offline_plan(RECORDS["containers-storage"])
    check, facts = preflight.inspect_image(plan, through_helper=through_helper)
    assert check.passed, check.detail
    assert facts is not None and facts.digest == DIGEST and facts.pinned_ref == SIGNED
    recorded = preflight.check_recorded_digest(plan, facts)
    assert recorded is not None and recorded.passed and recorded.key == "image-digest"
    assert (str(recorded.title), str(recorded.detail)) == (
        "Image on this medium", f"{SIGNED}: {DIGEST[:19]}…, the image this ISO was built with")
    [call] = fakes.calls("skopeo")
    assert call["argv"][1:] == ["inspect", f"containers-storage:[{ROOT_STORE}]{SIGNED}"]


@pytest.mark.parametrize("through_helper", [True, False], ids=["live-user", "root"])
def test_an_image_in_the_users_store_is_not_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, through_helper: bool,
) -> None:
    """A user-pulled image with the recorded name and digest does not stand in for root's."""
    install_fakes(tmp_path, monkeypatch)
    plan = _offline_plan(RECORDS["containers-storage"])
    monkeypatch.setenv("VEILOR_FAKE_SKOPEO_STORES", json.dumps({USER_STORE: DIGEST,
                                                                 ROOT_STORE: OTHER}))
    check, facts = preflight.inspect_image(plan, through_helper=through_helper)
    digest_check = preflight.check_recorded_digest(plan, facts)
    assert check.passed and digest_check is not None and not digest_check.passed
    assert OTHER[:19] in str(digest_check.detail)
    # Only the user has it: root's store does not, and the check says so.
    monkeypatch.setenv("VEILOR_FAKE_SKOPEO_STORES", json.dumps({USER_STORE: DIGEST}))
    check, facts = preflight.inspect_image(plan, through_helper=through_helper)
    assert not check.passed and facts is None
    assert str(check.detail) == f"{SIGNED} is not in root's image store ({ROOT_STORE})"
    assert str(check.fix).startswith("Install online")


def test_the_helper_reads_only_an_image_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The store is the helper's to name: a reference that names another store, an option or
    a path is refused before skopeo runs."""
    from veilor_installer import helper
    from veilor_installer.core.errors import EXIT_INVALID

    fakes = install_fakes(tmp_path, monkeypatch)
    for bad in (f"[{USER_STORE}]{SIGNED}", "--help", "/etc/shadow", f"{SIGNED}\nx", ""):
        answer = helper.handle({"action": "inspect-local-image", "ref": bad})
        assert answer.exit_code == EXIT_INVALID and str(answer.reason).startswith("ref: "), bad
    assert helper.handle({"action": "inspect-local-image"}).exit_code == EXIT_INVALID
    assert fakes.calls("skopeo") == []
    monkeypatch.setenv("VEILOR_FAKE_SKOPEO_STORES", json.dumps({ROOT_STORE: DIGEST}))
    answer = helper.handle({"action": "inspect-local-image", "ref": SIGNED})
    assert answer.ok and answer.data["digest"] == DIGEST and answer.data["layers"] == 4


def test_online_install_is_unchanged_by_a_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The online pull stays available: without a digest no recorded-digest check runs."""
    install_fakes(tmp_path, monkeypatch)
    _record_file(tmp_path, monkeypatch, RECORDS["containers-storage"])
    plan = build_plan(answers_from_mapping(base_answers()), _machine())
    assert plan.image.transport == "registry" and plan.image.digest is None
    check, facts = preflight.inspect_image(plan)
    assert check.passed and preflight.check_recorded_digest(plan, facts) is None


def test_answers_digest_is_checked() -> None:
    answers = copy.deepcopy(base_answers())
    answers["image"] = {"ref": SIGNED, "transport": "containers-storage", "digest": "md5:1"}
    from veilor_installer.core.install.answers import AnswersError

    with pytest.raises(AnswersError, match=r"image\.digest"):
        build_plan(answers_from_mapping(answers), _machine())
