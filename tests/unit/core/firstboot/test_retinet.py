"""Reticulum from the RetiNet AGPL fork, never upstream rns (research/mesh.md §5.4): the
image's source is read strictly, a restricted-licence rns is refused whatever the wheel claims
to be, the shipped recipes install no rns from PyPI, and without a source the opt-in says
plainly that Reticulum is not available in this image."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from helpers.system import install

from veilor_installer.core.datapaths import resource_path
from veilor_installer.core.errors import InvalidInput
from veilor_installer.core.firstboot import optins, retinet
from veilor_installer.demo.system import RETINET_SOURCE, Firstboot

JUSTFILE = resource_path("ujust/veilor.just")
JUST = str(Path(sys.executable).parent / "just")
SHA = "ab" * 32

RETINET = "veilor_installer.core.firstboot.retinet"


@pytest.fixture
def fb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Firstboot:
    return install(tmp_path, monkeypatch)


# --- the image's source -----------------------------------------------------------------------


def test_source_is_read_from_the_image_configuration(fb: Firstboot) -> None:
    source = retinet.configured_source()
    assert source == retinet.Source("https://retinet.example/retinet-0.9.4-py3-none-any.whl",
                                    "0" * 64)


def test_no_source_named(fb: Firstboot) -> None:
    fb.write_config('[reticulum]\npeers = ["rns.s8n.ru:4242"]\n')
    assert retinet.configured_source() is None


@pytest.mark.parametrize(("lines", "field"), [
    (f'retinet_url = "http://x.example/r.whl"\nretinet_sha256 = "{SHA}"', "retinet_url"),
    (f'retinet_url = "https://x.example/r.tar.gz"\nretinet_sha256 = "{SHA}"', "retinet_url"),
    (f'retinet_url = "https://x.example/a/../r.whl"\nretinet_sha256 = "{SHA}"', "retinet_url"),
    (f'retinet_sha256 = "{SHA}"', "retinet_url"),
    ('retinet_url = "https://x.example/r.whl"', "retinet_sha256"),
    ('retinet_url = "https://x.example/r.whl"\nretinet_sha256 = "ABC"', "retinet_sha256"),
])
def test_a_bad_source_names_its_field(fb: Firstboot, lines: str, field: str) -> None:
    fb.write_config(f"[reticulum]\n{lines}\n")
    with pytest.raises(InvalidInput, match=f"\\[reticulum\\] {field}:"):
        retinet.configured_source()


# --- the licence ------------------------------------------------------------------------------


def _dist(tmp_path: Path, name: str, version: str, *lines: str) -> metadata.Distribution:
    folder = tmp_path / f"{name}-{version}.dist-info"
    folder.mkdir()
    (folder / "METADATA").write_text("\n".join(
        ["Metadata-Version: 2.2", f"Name: {name}", f"Version: {version}", *lines]) + "\n")
    return metadata.PathDistribution(folder)


MIT = "Classifier: License :: OSI Approved :: MIT License"


@pytest.mark.parametrize(("name", "version", "lines", "refused"), [
    ("rns", "0.9.4", [MIT], None),  # the last MIT release: the stand-in
    ("retinet", "1.0.0", ["License-Expression: AGPL-3.0-or-later"], None),
    ("retinet", "1.0.0", ["Classifier: License :: OSI Approved :: GNU Affero General Public "
                          "License v3 or later (AGPLv3+)"], None),
    ("rns", "1.5.7", ["License: Reticulum License"], "restricted licence"),
    ("rns", "0.9.5", [MIT], "after 0.9.4"),  # upstream relicensed in 0.9.5, whatever it says
    ("retinet", "1.0.0", ["Classifier: License :: Other/Proprietary License"],
     "restricted licence"),
    ("retinet", "1.0.0", [], "does not say"),
])
def test_licence_verdicts(tmp_path: Path, name: str, version: str, lines: list[str],
                          refused: str | None) -> None:
    problem = retinet.licence_problem(_dist(tmp_path, name, version, *lines))
    if refused is None:
        assert problem is None
    else:
        assert problem is not None and refused in str(problem)


def test_the_installed_rns_is_judged_by_its_version() -> None:
    """The dev venv's rns (the stand-in, pinned to 0.9.4) is accepted; a later one is not."""
    dist = retinet.installed()
    assert dist.metadata["Name"].lower() == "rns"
    problem = retinet.licence_problem(dist)
    later = retinet._version(dist.metadata["Version"]) > retinet.LAST_MIT_RNS
    assert (problem is not None) == later
    done = subprocess.run([sys.executable, "-m", RETINET,
                           "check-licence"], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == (1 if later else 0), done.stderr
    assert ("refusing Reticulum" in done.stderr) == later


def test_source_command_for_the_recipe(fb: Firstboot) -> None:
    done = subprocess.run([sys.executable, "-m", RETINET, "source"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0 and done.stdout.split() == [
        "https://retinet.example/retinet-0.9.4-py3-none-any.whl", "0" * 64]
    fb.write_config("[reticulum]\n")
    done = subprocess.run([sys.executable, "-m", RETINET, "source"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.strip() == str(retinet.UNAVAILABLE)


# --- the recipes and the opt-in ---------------------------------------------------------------


def _script(recipe: str) -> str:
    done = subprocess.run([JUST, "--justfile", str(JUSTFILE), "--dry-run", "--no-deps", recipe],
                          capture_output=True, text=True, check=True, timeout=30)
    return done.stderr


def test_shipped_recipes_install_no_upstream_rns() -> None:
    text = JUSTFILE.read_text()
    assert not re.search(r"\brns\s*(==|>=|~=|<|>|@)", text), "an rns requirement from PyPI"
    assert not re.search(r"pip\S*\s+install[^\n]*\brns\b", text)
    script = _script("install-reticulum")
    assert "python3 -m veilor_installer.core.firstboot.retinet source" in script
    assert '"$url --hash=sha256:$want"' in script and "--require-hashes" in script
    check = script.index("retinet check-licence")
    unit = script.index('install -m 0644 /dev/stdin "$unit"')
    assert script.index("pip\" install") < check < unit
    assert 'rm -rf "$prefix"' in script[check:check + 200], "a refused install is removed"


@pytest.mark.warning_log("the failure under test is logged as a warning")
def test_without_a_source_the_opt_in_says_reticulum_is_not_available(fb: Firstboot) -> None:
    fb.write_config('[reticulum]\npeers = ["rns.s8n.ru:4242"]\n')
    result = optins.reticulum_setup()
    assert not result.ok and result.reason == retinet.UNAVAILABLE
    assert fb.argvs("ujust") == [], "nothing was installed"
    assert not (fb.sysroot / "etc/reticulum/config").exists()


def test_with_a_source_the_recipe_runs(fb: Firstboot) -> None:
    assert "retinet_url" in RETINET_SOURCE
    result = optins.reticulum_setup()
    assert result.ok and fb.argvs("ujust") == [["install-reticulum"]]


@pytest.mark.parametrize("named", [True, False], ids=["source", "no-source"])
def test_first_boot_page_offers_reticulum_only_with_a_source(qtbot: object, qapp: object,
                                                            fb: Firstboot, named: bool) -> None:
    from veilor_installer.gui.firstboot.reticulum import ReticulumPage
    from veilor_installer.gui.firstboot.state import FirstbootState

    if not named:
        fb.write_config('[reticulum]\npeers = ["rns.s8n.ru:4242"]\n')
    state = FirstbootState(cameras=lambda: [], use_pkexec=False)
    state.choices.reticulum = True
    page = ReticulumPage(state)
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    assert page.ui.reticulumCheck.isEnabled() == named
    assert state.choices.reticulum == named
    if named:
        assert page.unavailable is None
    else:
        assert page.unavailable is not None
        assert page.unavailable.text().startswith("Reticulum isn't available in this image")
