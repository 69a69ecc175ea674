"""The product as its users get it: a wheel built from what a fresh clone holds, installed into a
venv of its own and run from another folder; the lowest versions of the requirements; the
message a missing data file gives.

The venvs are built once and kept outside the clone (``$XDG_CACHE_HOME/veilor-installer/venvs``,
one per Python and set of requirements); each run installs the freshly built wheel into them.
Building them the first time needs PyPI.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.paths import REPO

from veilor_installer import cli
from veilor_installer.core.datapaths import PACKAGE_DATA
from veilor_installer.core.errors import EXIT_FAILED
from veilor_installer.demo.programs import FAKES_DIR

PY = f"{sys.version_info.major}.{sys.version_info.minor}"
PIP = ("-m", "pip", "--disable-pip-version-check", "--no-input")
IGNORED = (".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
           ".mypy_cache", ".ruff_cache", ".hypothesis", "veilor-install", "results")
# What tests the lowest versions: the kickstart, and the start-up of both wizards.
MINIMA_TESTS = ("tests/unit/core/install/test_kickstart.py",
                "tests/e2e/test_gui_flow.py::test_install_demo_smoke_exits_0",
                "tests/unit/core/firstboot/test_firstboot_core.py::test_firstboot_demo_smoke")
# The tests' tools, and what firstboot --demo needs beyond the requirements: the fake ujust
# runs the recipes with just, the fake yggdrasil reads HJSON.
# Compiled: from wheels only. Where PyPI has no wheel of a lowest version for this Python
# (zxing-cpp 2.2.0 has none for 3.14), the test says so and skips; on 3.11 every one exists.
BINARY_ONLY = "zxing-cpp,PyQt6,PyQt6-Qt6,PyQt6-sip,cryptography,opencv-python-headless,numpy,pillow"
TEST_TOOLS = ("pytest>=8", "pytest-qt>=4.4", "hypothesis>=6.100", "rust-just>=1.36", "hjson>=3.1")


def _project() -> dict[str, object]:
    with open(REPO / "pyproject.toml", "rb") as file:
        project: dict[str, object] = tomllib.load(file)["project"]
    return project


def _run(argv: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, check=False,  # type: ignore[call-overload, no-any-return]
                          **kwargs)


def _cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base.startswith("/") else Path.home() / ".cache"
    return root / "veilor-installer" / "venvs"


def _fresh_clone(target: Path) -> Path:
    """What a fresh clone holds (tracked files and new ones not ignored), in ``target``."""
    git = shutil.which("git")
    if git and (REPO / ".git").exists():
        listed = _run([git, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                      cwd=REPO)
        assert listed.returncode == 0, listed.stderr
        for name in filter(None, listed.stdout.split("\0")):
            source = REPO / name
            if source.is_file():  # a file deleted but not yet committed is listed too
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)
    else:  # no git (a target root): the tree without what .gitignore names
        shutil.copytree(REPO, target, ignore=shutil.ignore_patterns(*IGNORED),
                        dirs_exist_ok=True)
    return target


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel `pip install .` builds from a fresh clone (build isolation: setuptools from
    PyPI, as any user gets it)."""
    if not (REPO / "veilor_installer").is_dir():  # the target lane's copy of the tree
        pytest.skip("builds the wheel from the source checkout; this tree has no "
                    "veilor_installer/ sources (the target lane tests the installed wheel)")
    source = _fresh_clone(tmp_path_factory.mktemp("clone"))
    out = tmp_path_factory.mktemp("wheel")
    built = _run([sys.executable, *PIP, "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
                 timeout=600)
    assert built.returncode == 0, built.stderr[-3000:]
    [found] = out.glob("veilor_installer-*.whl")
    return found


def _venv(name: str, requirements: list[str], constraints: list[str] | None = None) -> Path:
    # (constraints: also only wheels for the compiled packages, BINARY_ONLY)
    """A venv with ``requirements`` installed, built once per Python and requirement set (the
    package's own; each test then installs this build of the package with --no-deps, and
    ``pip check`` proves what is there satisfies it)."""
    key = hashlib.sha256(json.dumps([sys.version, requirements, constraints]).encode())
    venv = _cache() / f"{name}-py{PY}-{key.hexdigest()[:12]}"
    stamp = venv / ".complete"
    if stamp.exists():
        return venv
    for old in _cache().glob(f"{name}-py{PY}-*"):  # earlier requirements' venvs
        shutil.rmtree(old, ignore_errors=True)
    made = _run([sys.executable, "-m", "venv", str(venv)], timeout=300)
    assert made.returncode == 0, made.stderr
    argv = [str(venv / "bin/python"), *PIP, "install", "-q", "--prefer-binary", *requirements]
    if constraints is not None:
        (venv / "constraints.txt").write_text("\n".join(constraints) + "\n")
        argv += ["--constraint", str(venv / "constraints.txt"), "--only-binary", BINARY_ONLY]
    installed = _run(argv, timeout=1200)
    if installed.returncode != 0:
        shutil.rmtree(venv, ignore_errors=True)
        missing = re.search(r"No matching distribution found for (\S+)", installed.stderr)
        if missing and PY != "3.11":
            pytest.skip(f"PyPI has no wheel of {missing.group(1)} for Python {PY}; the lowest "
                        "versions are tested on Python 3.11, where every one has a wheel")
        said = "\n".join(line for line in (installed.stdout + installed.stderr).splitlines()
                         if not line.startswith("WARNING: Location"))
        pytest.fail(f"pip could not install {requirements} {constraints or ''}:\n{said[-3000:]}")
    stamp.touch()
    return venv


def _install_wheel(venv: Path, wheel: Path) -> None:
    """This build of the package, its requirements already there (checked, not fetched)."""
    done = _run([str(venv / "bin/python"), *PIP, "install", "-q", "--no-deps",
                 "--force-reinstall", str(wheel)], timeout=300)
    assert done.returncode == 0, done.stderr
    check = _run([str(venv / "bin/python"), *PIP, "check"], timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr


def _requirements() -> list[str]:
    project = _project()
    return [str(r) for r in project["dependencies"]]  # type: ignore[attr-defined]


def _extra(name: str) -> list[str]:
    extras: dict[str, list[str]] = _project()["optional-dependencies"]  # type: ignore[assignment]
    return extras[name]


def _lowest_released(name: str, minimum: str) -> str:
    """The lowest version of ``name`` on the index, for this Python, not below ``minimum``
    (``qrcode>=7.4``: there is no 7.4, the lowest is 7.4.1)."""
    from packaging.version import Version

    listed = _run([sys.executable, *PIP, "index", "versions", name], timeout=120)
    found = re.search(r"^Available versions: (.*)$", listed.stdout, re.MULTILINE)
    assert found, f"pip index versions {name}: {listed.stdout}{listed.stderr[-1000:]}"
    versions = [Version(v) for v in found.group(1).split(", ")]
    return str(min(v for v in versions if v >= Version(minimum)))


def _minima() -> list[str]:
    """``name==lowest`` for every requirement and the ``pypi`` extra (upper bounds dropped);
    looked up once per set of requirements and Python, then kept beside the venvs."""
    wanted = [*_requirements(), *_extra("pypi")]
    key = hashlib.sha256(json.dumps([PY, wanted]).encode()).hexdigest()[:12]
    kept = _cache() / f"minima-py{PY}-{key}.json"
    if kept.exists():
        return list(json.loads(kept.read_text()))
    pins = {}
    for requirement in wanted:
        found = re.fullmatch(r"([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?\s*(.*)", requirement)
        assert found, requirement
        lowest = re.search(r">=\s*([0-9][^,;\s]*)", found.group(2))
        if lowest:
            name = found.group(1)
            pins[name.lower()] = f"{name}=={_lowest_released(name, lowest.group(1))}"
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_text(json.dumps(sorted(pins.values())))
    return sorted(pins.values())


def _modes(venv: Path, folder: Path, *, demo: bool
           ) -> Iterator[tuple[str, subprocess.CompletedProcess[str]]]:
    """Every mode of the installed program, run from ``folder`` (not a checkout); ``demo``:
    firstboot --demo too (it needs OpenCV, just and hjson, which the requirements are not)."""
    program = str(venv / "bin/veilor-installer")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(folder),
           "XDG_CACHE_HOME": str(folder / "cache"), "XDG_STATE_HOME": str(folder / "state"),
           "XDG_CONFIG_HOME": str(folder / "config"), "VEILOR_REGISTRY_URL": "http://127.0.0.1:9"}
    env.pop("VEILOR_DATA_DIR", None)
    env.pop("PYTHONPATH", None)
    where = _run([str(venv / "bin/python"), "-c",
                  "from veilor_installer.core.datapaths import resource_path as r;"
                  "import veilor_installer as v; print(v.__file__);"
                  "print(r('examples/answers-demo.toml'))"], cwd=folder, env=env, timeout=60)
    assert where.returncode == 0, where.stderr
    package, shipped = where.stdout.split()
    assert Path(package).is_relative_to(venv), f"not the installed package: {package}"
    answers = folder / "answers.toml"
    shutil.copyfile(shipped, answers)
    answers.chmod(0o600)
    # --smoke builds only the first page (the others are built on their first visit): every
    # page of both wizards, their forms loaded from the installed package, here.
    pages = _run([str(venv / "bin/python"), "-c", EVERY_PAGE], cwd=folder,
                 env={**env, "QT_QPA_PLATFORM": "offscreen"}, timeout=180)
    yield "every page", pages
    for mode in (["--help"], ["disks", "--json"],
                 ["kickstart", "--demo", "--answers", str(answers), "--output", "ks"],
                 ["install", "--demo", "--smoke"], ["firstboot", "--smoke"],
                 *([["firstboot", "--demo", "--smoke"]] if demo else [])):
        yield " ".join(mode), _run([program, *mode], cwd=folder, env=env, timeout=180)


EVERY_PAGE = """
from PyQt6.QtWidgets import QApplication
from veilor_installer.core.install.storage.profile import demo_machine
from veilor_installer.gui.firstboot.state import FirstbootState
from veilor_installer.gui.firstboot.wizard import FirstbootWizard
from veilor_installer.gui.install.state import InstallState
from veilor_installer.gui.install.wizard import InstallWizard
app = QApplication([])
wizards = [InstallWizard(InstallState(read_machine=demo_machine)),
           InstallWizard(InstallState(read_machine=demo_machine, dry_run=False)),
           FirstbootWizard(FirstbootState(cameras=list))]
print(sum(len(wizard.pages) for wizard in wizards))
"""


def _assert_modes(venv: Path, folder: Path, *, demo: bool) -> None:
    for mode, done in _modes(venv, folder, demo=demo):
        assert done.returncode == 0, f"veilor-installer {mode}: {done.stderr[-2000:]}"
        if mode == "every page":
            assert done.stdout.split() == ["29"], done.stdout  # 9 + 10 + 10
        if mode == "disks --json":
            assert "disks" in json.loads(done.stdout)
    assert (folder / "ks" / "ks.cfg").is_file()
    assert not (folder / "state" / "veilor").exists(), "a smoke run marked first boot as done"


# --- the wheel -------------------------------------------------------------------------------


def test_the_wheel_carries_the_data_the_licence_and_the_translations(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        [metadata] = [n for n in names if n.endswith(".dist-info/METADATA")]
        text = archive.read(metadata).decode()
        [license_file] = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
        assert archive.read(license_file) == (REPO / "LICENSE").read_bytes()
    shipped = {p.relative_to(REPO).as_posix() for p in PACKAGE_DATA.rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert {f for f in ("ui", "resources", "kickstart-templates")
            if any(s.startswith(f"veilor_installer/data/{f}/") for s in shipped)} == {
        "ui", "resources", "kickstart-templates"}
    fakes = {p.relative_to(REPO).as_posix() for p in FAKES_DIR.glob("fake_*.py")}
    assert len(fakes) >= 13 and fakes <= names, f"the demo's fakes: {sorted(fakes - names)}"
    assert shipped <= names, f"missing from the wheel: {sorted(shipped - names)}"
    catalogues = {p for p in shipped if p.startswith("veilor_installer/data/po/")}
    assert {"veilor_installer/data/po/de.po", "veilor_installer/data/po/ru.po"} <= catalogues
    assert "License-Expression: GPL-3.0-or-later" in text
    assert "License-File: LICENSE" in text
    assert "GNU GENERAL PUBLIC LICENSE" in (REPO / "LICENSE").read_text()
    required = re.findall(r"^Requires-Dist: ([A-Za-z0-9_.-]+)(.*)$", text, re.MULTILINE)
    plain = {name.lower() for name, rest in required if "extra ==" not in rest}
    # Fedora provides these as python3-opencv, the system tzdata; pyzbar it lacks entirely.
    assert not plain & {"opencv-python-headless", "pyzbar", "tzdata"}


def test_requirements_are_satisfiable_by_fedora_43() -> None:
    """Fedora 43's versions (research/iso.md §1): no minimum above them, no upper bound."""
    fedora = {"pyqt6": "6.10.1", "pykickstart": "3.66", "zxcvbn": "4.5.0",
              "cryptography": "45.0.4", "zxing-cpp": "2.2.1", "qrcode": "8.0"}
    found = {}
    for requirement in _requirements():
        name, spec = re.fullmatch(r"([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?\s*(.*)", requirement).groups()  # type: ignore[union-attr]
        assert "<" not in spec, f"{requirement}: an upper bound Fedora's updates would break"
        lowest = re.fullmatch(r">=([0-9.]+)", spec)
        assert lowest, f"{requirement}: a plain minimum expected"
        found[name.lower()] = tuple(int(x) for x in lowest.group(1).split("."))
    assert set(found) == set(fedora)
    for name, version in fedora.items():
        assert found[name] <= tuple(int(x) for x in version.split(".")), name


# --- installed, from another folder -------------------------------------------------------------


def test_pip_install_from_a_fresh_clone_every_mode_works(wheel: Path, tmp_path: Path) -> None:
    venv = _venv("wheel", _requirements())
    _install_wheel(venv, wheel)
    _assert_modes(venv, tmp_path, demo=False)


def test_lowest_versions_allowed_run_the_kickstart_and_start_up_tests(
        wheel: Path, tmp_path: Path) -> None:
    minima = _minima()
    assert "PyQt6==6.10.0" in minima and "pykickstart==3.66" in minima, minima
    venv = _venv("minima", [*_requirements(), *_extra("pypi"), *TEST_TOOLS], constraints=minima)
    _install_wheel(venv, wheel)
    versions = _run([str(venv / "bin/python"), *PIP, "list", "--format=json"], timeout=120)
    have = {p["name"].lower(): p["version"] for p in json.loads(versions.stdout)}
    for pin in minima:
        name, version = pin.split("==")
        assert have[name.lower()] == version, f"{name} {have[name.lower()]}, not the lowest"
    _assert_modes(venv, tmp_path, demo=True)
    # The suite's own tests against the installed package: -P keeps the checkout off sys.path.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VEILOR_DATA_DIR")}
    tests = _run([str(venv / "bin/python"), "-P", "-m", "pytest", "-q", "-p", "no:cacheprovider",
                  *MINIMA_TESTS], cwd=REPO, env=env, timeout=900)
    assert tests.returncode == 0, tests.stdout[-4000:] + tests.stderr[-2000:]


def test_the_demos_run_from_the_installed_wheel(wheel: Path, tmp_path: Path) -> None:
    """``install --demo`` and ``firstboot --demo`` from a venv holding the wheel, run from a
    folder outside the checkout: the fake programs came with the package (demo/fakes), not
    from a checkout's tests. The venv has what the demo needs beyond the requirements (OpenCV
    from the ``pypi`` extra, just and hjson for the fakes)."""
    venv = _venv("demo", [*_requirements(), *_extra("pypi"), "rust-just>=1.36", "hjson>=3.1"])
    _install_wheel(venv, wheel)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_STATE_HOME": str(tmp_path / "state"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "VEILOR_REGISTRY_URL": "http://127.0.0.1:9"}
    for name in ("VEILOR_DATA_DIR", "PYTHONPATH", "VEILOR_BIN_DIR", "VEILOR_FAKE_DIR"):
        env.pop(name, None)
    where = _run([str(venv / "bin/python"), "-c",
                  "from veilor_installer.demo.programs import FAKES_DIR; print(FAKES_DIR)"],
                 cwd=tmp_path, env=env, timeout=60)
    assert where.returncode == 0, where.stderr
    installed = Path(where.stdout.strip())
    assert installed.is_relative_to(venv), f"not the installed package's fakes: {installed}"
    assert sorted(p.name for p in installed.glob("fake_*.py")) == sorted(
        p.name for p in FAKES_DIR.glob("fake_*.py"))
    for mode in (["install", "--demo", "--smoke"], ["firstboot", "--demo", "--smoke"]):
        done = _run([str(venv / "bin/veilor-installer"), *mode], cwd=tmp_path, env=env,
                    timeout=180)
        assert done.returncode == 0, f"veilor-installer {' '.join(mode)}: {done.stderr[-2000:]}"
    assert (tmp_path / "cache/veilor-installer/firstboot-demo/join-demo.avi").is_file()
    assert not (tmp_path / "state" / "veilor").exists(), "a demo marked first boot as done"


# --- a missing file names itself ----------------------------------------------------------------


def test_a_missing_data_folder_prints_the_reason(tmp_path: Path) -> None:
    """A message-only OSError (the wizard's forms missing) is printed as its message, not as
    ``: None`` (its empty filename and strerror)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "VEILOR_DATA_DIR": str(tmp_path),
           "VEILOR_REGISTRY_URL": "http://127.0.0.1:9"}
    done = _run([sys.executable, "-m", "veilor_installer", "install", "--demo", "--smoke"],
                cwd=tmp_path, env=env, timeout=120)
    assert done.returncode == EXIT_FAILED, done.stderr
    assert done.stderr.startswith("veilor-installer: veilor-installer data folder '"), done.stderr
    assert f"not found: {tmp_path}/" in done.stderr
    assert "None" not in done.stderr and "Traceback" not in done.stderr


def test_os_error_text() -> None:
    assert cli.os_error_text(FileNotFoundError("template x not found")) == "template x not found"
    assert cli.os_error_text(PermissionError(13, "Permission denied", "/x")) == \
        "/x: Permission denied"
    assert cli.os_error_text(OSError(18, "Invalid cross-device link", "/a", None, "/b")) == \
        "/a: /b: Invalid cross-device link"
    assert cli.os_error_text(OSError()) == "OSError"
