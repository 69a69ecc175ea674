"""Property tests over every text field of the answers and the helper's stdin (hypothesis).

For any value, `kickstart` either refuses with exit 2 and writes nothing, or writes a
kickstart whose re-parsed commands and values are exactly those intended: no extra command,
section or script, ever. For any bytes on its stdin, the privileged helper gives exactly one
JSON answer line, an exit code of DESIGN §3 and no traceback. `make test` runs a few dozen
examples per property; `make bench`'s fuzz target sets VEILOR_FUZZ_EXAMPLES=2000.
"""

from __future__ import annotations

import copy
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from helpers.answers import STRONG_PASSPHRASE, TEST_MACHINE, base_answers, write_answers
from helpers.inprocess import run_helper_main
from helpers.system import install
from hypothesis import event, example, given
from hypothesis import strategies as st
from pykickstart.constants import KS_SCRIPT_ONERROR, KS_SCRIPT_POST

from veilor_installer.cli import main
from veilor_installer.core.helper import protocol
from veilor_installer.core.install import kickstart, localedata, passwords
from veilor_installer.demo.system import Firstboot

# A fixed hash keeps the fuzzing of other fields fast (hashing is deliberately slow).
FIXED_HASH = "$6$veilorsalt$" + "a" * 85 + "."
EXPECTED_COMMANDS = sorted(kickstart.COMMANDS)

# Arbitrary text, including everything that breaks shell-style parsing.
nasty = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list("\"'\\#%$`\n\r\t ;&|<>(){}[]=,:.-_/@\x00\x1b\x85\u2028\u202e")),
    ),
    max_size=40,
)


def near(valid: str) -> st.SearchStrategy[str]:
    """Valid values with arbitrary text spliced in, so both branches are exercised."""
    return st.one_of(
        st.just(valid),
        nasty,
        st.builds(lambda a, b: a + valid + b, nasty, nasty),
        st.builds(lambda a: valid + a, nasty),
    )


def _run(answers: dict[str, Any], machine: Path) -> tuple[int, Path, Path]:
    work = Path(tempfile.mkdtemp(prefix="veilor-prop-"))
    path = write_answers(work / "answers.toml", answers)
    out = work / "out"
    code = main(["kickstart", "--answers", str(path), "--machine", str(machine),
                 "--output", str(out)])
    return code, out, work


@pytest.fixture(scope="module")
def machine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import json

    path = tmp_path_factory.mktemp("machine") / "machine.json"
    path.write_text(json.dumps(TEST_MACHINE))
    return path


def _check(answers: dict[str, Any], machine: Path) -> dict[str, Any] | None:
    """Run `kickstart`; on success return the re-parsed kickstart's values."""
    code, out, work = _run(answers, machine)
    try:
        assert code in (0, 2)
        if code == 2:
            event("refused")
            assert not out.exists(), "a refusal wrote files"
            return None
        event("accepted")
        assert sorted(p.name for p in out.iterdir()) == ["ks.cfg", "secrets.ks"]
        main_text = (out / "ks.cfg").read_text(encoding="utf-8")
        assert answers["storage"]["passphrase"] not in main_text
        h = kickstart.parse_file(str(out / "ks.cfg"))
        got = kickstart.describe(h)
        assert got["commands"] == EXPECTED_COMMANDS, "an extra or missing command"
        assert not got["packages"]
        assert len(h.scripts) == 2
        assert [s.type for s in h.scripts] == [KS_SCRIPT_POST, KS_SCRIPT_ONERROR]
        assert "bootc switch" in h.scripts[0].script
        assert h.scripts[1].script.strip().splitlines()[-1].startswith("touch ")
        return got
    finally:
        shutil.rmtree(work)


def _with(field: str, value: Any) -> dict[str, Any]:
    answers = copy.deepcopy(base_answers())
    answers["account"].pop("password", None)
    answers["account"]["password_hash"] = FIXED_HASH
    section, key = field.split(".")
    answers[section][key] = value
    return answers


@given(near("alice-laptop"))
def test_hostname(machine: Path, value: str) -> None:
    got = _check(_with("account.hostname", value), machine)
    if got is not None:
        assert got["network"] == [{"hostname": value, "device": "", "bootProto": "dhcp"}]


@given(near("alice"))
def test_username(machine: Path, value: str) -> None:
    got = _check(_with("account.username", value), machine)
    if got is not None:
        assert [u["name"] for u in got["users"]] == [value]


@given(near("Alice Example"))
def test_full_name(machine: Path, value: str) -> None:
    got = _check(_with("account.full_name", value), machine)
    if got is not None:
        assert [u["gecos"] for u in got["users"]] == [value]
        assert [u["name"] for u in got["users"]] == ["alice"]


@given(near(STRONG_PASSPHRASE))
def test_passphrase(machine: Path, value: str) -> None:
    answers = _with("storage.passphrase", value)
    answers["storage"]["accept_weak_passphrase"] = True
    got = _check(answers, machine)
    if got is not None:
        encrypted = [p for p in got["partitions"] if p["encrypted"]]
        assert encrypted
        assert all(p["passphrase"] == value for p in encrypted)


@given(near("Tr0ub4dor&3-alice-laptop"))
def test_password(machine: Path, value: str) -> None:
    answers = copy.deepcopy(base_answers())
    answers["account"]["password"] = value
    answers["account"]["accept_weak_password"] = True
    got = _check(answers, machine)
    if got is not None:
        (user,) = got["users"]
        assert passwords.verify_password(value, user["password"])


@given(st.one_of(near("$6$veilorsalt$" + "b" * 85 + "0"),
                 st.from_regex(r"\$6\$[./0-9A-Za-z]{1,16}\$[./0-9A-Za-z]{85}[./01]",
                               fullmatch=True)))
def test_password_hash(machine: Path, value: str) -> None:
    got = _check(_with("account.password_hash", value), machine)
    if got is not None:
        assert [u["password"] for u in got["users"]] == [value]


@given(st.one_of(near("de_DE.UTF-8"), st.sampled_from(localedata.locales())))
def test_language(machine: Path, value: str) -> None:
    got = _check(_with("locale.language", value), machine)
    if got is not None:
        assert got["lang"] == value


@given(st.one_of(near("de-nodeadkeys"), near("us,ru"),
                 st.lists(st.sampled_from(localedata.keymaps()), min_size=1, max_size=5)
                 .map(",".join)))
def test_keyboard(machine: Path, value: str) -> None:
    got = _check(_with("locale.keyboard", value), machine)
    if got is not None:
        assert got["keyboard"]["vc_keymap"] == value.split(",")[0]
        assert len(got["keyboard"]["x_layouts"]) >= 1


@given(st.one_of(near("Europe/Berlin"), st.sampled_from(localedata.timezones())))
def test_timezone(machine: Path, value: str) -> None:
    got = _check(_with("locale.timezone", value), machine)
    if got is not None:
        assert got["timezone"] == {"timezone": value, "isUtc": True, "nontp": False}


@given(st.one_of(
    st.lists(st.one_of(near("nvme0n1"),
                       st.sampled_from([d["name"] for d in TEST_MACHINE["disks"]])),
             min_size=0, max_size=4),
    st.permutations(["nvme0n1", "nvme1n1", "sda"]).flatmap(
        lambda names: st.integers(1, 3).map(lambda n: names[:n]))),
       st.sampled_from(["single", "mirror", "span", "os-plus-data"]))
def test_disks_and_layout(machine: Path, disks: list[str], layout: str) -> None:
    answers = _with("storage.disks", disks)
    answers["storage"]["layout"] = layout
    got = _check(answers, machine)
    if got is not None:
        assert got["ignoredisk"] == disks
        assert got["clearpart"]["drives"] == disks
        assert got["bootloader"]["bootDrive"] == disks[0]


@given(near("ghcr.io/veilor/veilor-os:43"),
       st.sampled_from(["registry", "oci", "oci-archive", "containers-storage", "x"]))
def test_image(machine: Path, ref: str, transport: str) -> None:
    answers = _with("image.ref", ref)
    answers["image"]["transport"] = transport
    got = _check(answers, machine)
    if got is not None:
        assert got["ostreecontainer"]["url"] == ref
        assert got["ostreecontainer"]["transport"] == transport


# --- the privileged helper: any bytes on its stdin -------------------------------------------


@pytest.fixture
def fb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Firstboot:
    return install(tmp_path, monkeypatch)


_JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                               max_size=4),
    max_leaves=12,
)
_REQUEST = st.fixed_dictionaries(
    {"action": st.sampled_from([*protocol.ACTIONS, "nope"])},
    optional={name: _JSON_VALUE for name in ("payload", "pid", "device", "method", "pin",
                                             "slot", "kind", "port", "region", "txpower",
                                             "warning_shown", "hostname", "extra")},
)
_BYTES = st.one_of(
    st.binary(max_size=200),
    _REQUEST.map(lambda r: json.dumps(r).encode()),
    st.builds(lambda r, cut: json.dumps(r).encode()[:cut], _REQUEST, st.integers(0, 80)),
    st.builds(lambda a, b: a + b, st.sampled_from([b"[" * 60_000, b'{"a":' * 10_000,
                                                   b'{"pid": ' + b"9" * 5_000 + b"}"]),
              st.binary(max_size=20)),
)


@pytest.mark.warning_log("a drawn request can be a valid action that fails and logs it")
@given(raw=_BYTES)
@example(raw=b"[" * 60_000)
@example(raw=b'{"action": "stop-anaconda", "pid": ' + b"9" * 5_000 + b"}")
@example(raw=b'{"action": "version", "action": "mesh-status"}')
@example(raw=b'{"action": "version"}')
def test_any_bytes_get_exactly_one_answer_line(fb: Firstboot, raw: bytes) -> None:
    """Whatever arrives on stdin: exactly one answer line (progress lines aside), an exit
    code of DESIGN §3, no traceback. Actions really run, on the fakes."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        code, out, err = run_helper_main(raw, monkeypatch)
    messages = [json.loads(line) for line in out.splitlines()]
    answers = [m for m in messages if m.get("type") == "answer"]
    assert len(answers) == 1 and messages[-1] is answers[0], out
    assert all(m.get("type") == "progress" for m in messages[:-1])
    assert code in (0, 1, 2, 3, 4) and answers[0]["exit_code"] == code
    assert "Traceback" not in out + err
