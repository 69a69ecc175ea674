"""The RPM (packaging/veilor-installer.spec), built here as `make rpm` builds it: it builds, its
%check validates the desktop files and the AppStream metainfo, rpmlint finds no error, and
every file the wheel and the spec install is in a package's %files."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from helpers.paths import REPO

SPEC = REPO / "packaging" / "veilor-installer.spec"


def _rpm_ql(rpm: Path) -> set[str]:
    done = subprocess.run(["rpm", "-qlp", str(rpm)], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    missing = [t for t in ("rpmbuild", "rpmlint", "appstreamcli", "desktop-file-validate", "git")
               if shutil.which(t) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (tools/bootstrap installs them as root)")
    if not (REPO / ".venv" / "bin" / "python").exists() or not (REPO / ".git").exists():
        pytest.skip("make rpm builds from a development checkout (.git, .venv)")
    top = tmp_path_factory.mktemp("rpm")
    done = subprocess.run(["make", "--no-print-directory", "-s", "rpm", f"RPM_TOP={top}"],
                          cwd=REPO, capture_output=True, text=True, timeout=900, check=False,
                          env={**os.environ, "MAKEFLAGS": ""})
    said = "\n".join(line for line in (done.stdout + done.stderr).splitlines()
                     if not line.startswith("WARNING: Location"))
    assert done.returncode == 0, said[-5000:]
    assert re.search(r"\b0 errors\b", said), said[-3000:]  # rpmlint's summary
    # the build ran with the development venv's Python: its own install of the package stays
    still = subprocess.run([str(REPO / ".venv/bin/python"), "-c",
                            "import veilor_installer; print(veilor_installer.__file__)"],
                           cwd=top, capture_output=True, text=True, check=False)
    assert still.stdout.strip() == str(REPO / "veilor_installer" / "__init__.py"), still.stderr
    return top


def test_rpm_builds_and_rpmlint_finds_no_error(built: Path) -> None:
    names = sorted(p.name for p in (built / "RPMS" / "noarch").glob("*.rpm"))
    assert [re.sub(r"-0\..*", "", n) for n in names] == ["veilor-installer",
                                                         "veilor-installer-live"]


def test_every_installed_file_is_packaged(built: Path) -> None:
    packaged: set[str] = set()
    for rpm in (built / "RPMS" / "noarch").glob("*.rpm"):
        packaged |= _rpm_ql(rpm)
    # the wheel: every file of its RECORD, where %pyproject_install put it
    [wheel] = (built / "BUILD" / "pyproject-wheeldir").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        record = next(n for n in archive.namelist() if n.endswith(".dist-info/RECORD"))
        files = [row.split(",")[0] for row in archive.read(record).decode().splitlines()]
    [sitelib] = {p.rsplit("/veilor_installer/", 1)[0] for p in packaged
                 if p.endswith("/veilor_installer/__init__.py")}
    missing = [f for f in files if f"{sitelib}/{f}" not in packaged]
    assert not missing, f"in the wheel, not in %files: {missing}"
    assert any(f.endswith("/data/po/de.po") for f in files), "the catalogues in the RPM's wheel"
    # the spec's own installs: every `install -D… SOURCE %{buildroot}TARGET`
    spec = SPEC.read_text()
    section = spec[spec.index("\n%install\n"):spec.index("\n%check\n")].replace("\\\n", " ")
    targets = re.findall(r"^install -D\S*(?: [0-7]{4})? +\S+\s+%\{buildroot\}(\S+)", section,
                         re.MULTILINE)
    assert len(targets) >= 8, targets
    macros = {"%{_datadir}": "/usr/share", "%{_sysconfdir}": "/etc",
              "%{_metainfodir}": "/usr/share/metainfo", "%{_bindir}": "/usr/bin"}
    for target in targets:
        for macro, value in macros.items():
            target = target.replace(macro, value)
        assert target in packaged, f"{target}: installed by the spec, not in %files"
    # and nothing installed stays unpackaged: rpmbuild stops on that (the default, not unset)
    assert "_unpackaged_files_terminate_build" not in spec


def test_the_packages_hold_what_fedora_and_the_medium_need(built: Path) -> None:
    main, live = (sorted((built / "RPMS" / "noarch").glob("*.rpm")))
    files = _rpm_ql(main)
    for path in ("/usr/bin/veilor-installer", "/usr/bin/veilor-installer-helper",
                 "/usr/share/applications/veilor-firstboot.desktop",
                 "/etc/xdg/autostart/veilor-firstboot.desktop",
                 "/usr/share/polkit-1/actions/org.veilor.installer.policy",
                 "/usr/share/icons/hicolor/scalable/apps/veilor-installer.svg",
                 "/usr/share/veilor/just/veilor.just",
                 "/usr/share/metainfo/org.veilor.installer.metainfo.xml"):
        assert path in files, path
    assert any(p.endswith("/licenses/LICENSE") for p in files)
    assert "/usr/share/applications/veilor-installer-live.desktop" in _rpm_ql(live)
    requires = subprocess.run(["rpm", "-qp", "--requires", str(main), str(live)],
                              capture_output=True, text=True, check=True).stdout
    for name in ("python3-pyqt6 >= 6.10", "python3-kickstart >= 3.66", "python3-opencv",
                 "python3-zxing-cpp", "python3-zxcvbn", "python3-cryptography",
                 "python3-qrcode", "qt6-qtsvg", "polkit", "python3-blivet"):
        assert name in requires, name
    contents = subprocess.run(["rpm2cpio", str(main)], capture_output=True, check=True).stdout
    assert b"#!/usr/bin/python3 -sP" in contents
    assert str(REPO / ".venv").encode() not in contents
