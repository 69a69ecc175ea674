"""Shipped locale data and the checks built on it (core/localedata.py, tools/gen-locale-data)."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from helpers import paths
from hypothesis import given
from hypothesis import strategies as st

from veilor_installer.core.datapaths import data_dir
from veilor_installer.core.install import localedata
from veilor_installer.core.install.localedata import Keyboard, parse_keyboard

REPO = paths.REPO
DATA = data_dir("resources") / "data"
KS_LAYOUT = re.compile(r"[a-z][a-z0-9_]*(?: \([A-Za-z0-9_-]+\))?")
KS_LANG = re.compile(r"[a-z]{2,3}(?:_[A-Z]{2})?\.UTF-8(?:@[a-z]+)?")


def _generator() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader(
        "gen_locale_data", str(REPO / "tools/gen-locale-data")
    )
    spec = importlib.util.spec_from_loader(loader.name, loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.fixture
def fresh_tables() -> Iterator[None]:
    """Forget the cached tables so a test can point VEILOR_DATA_DIR elsewhere."""
    localedata._keymap_table.cache_clear()
    localedata._locale_set.cache_clear()
    yield
    localedata._keymap_table.cache_clear()
    localedata._locale_set.cache_clear()


# --- the shipped files ------------------------------------------------------------------------


def test_keymaps_file_is_a_sorted_table_with_a_header() -> None:
    lines = (DATA / "keymaps.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "keymap\txlayouts\txvariants\tsource"
    names = [line.split("\t")[0] for line in lines[1:]]
    assert names == sorted(set(names))
    for line in lines[1:]:
        keymap, layouts, variants, source = line.split("\t")
        assert len(layouts.split(",")) == len(variants.split(",")), line
        assert source in {"kbd-model-map", "xkb", "console-data"}, line
        assert re.fullmatch(r"[A-Za-z0-9_.-]+", keymap), line


def test_keymaps_hold_fedoras_names_and_only_those() -> None:
    names = set(localedata.keymaps())
    # legacy kbd names, xkb-converted names, and console-data names kept with a mapping
    assert {"us", "de", "de-latin1", "sg", "uk", "ru", "fr-latin9", "cz-qwerty"} <= names
    assert {"de-nodeadkeys", "us-intl", "gb", "ch-fr", "ge-ergonomic"} <= names
    assert {"ua", "bg", "mk"} <= names
    # a layout without ASCII is not converted (ara), custom has no keymap, kg is not in kbd,
    # ro-cedilla's X variant no longer exists
    assert not {"ara", "custom", "kg", "ro-cedilla"} & names
    # Fedora deletes the converted plain Georgian; "ge" is the legacy keymap with a Latin layout
    assert localedata.x_layouts_of("ge") == ("ge", "us")
    assert len(names) > 300


def test_every_keymap_maps_to_kickstart_x_layouts() -> None:
    for name in localedata.keymaps():
        layouts = localedata.x_layouts_of(name)
        assert layouts, name
        assert all(KS_LAYOUT.fullmatch(layout) for layout in layouts), (name, layouts)


def test_locales_file_is_sorted_kickstart_lang_values() -> None:
    lines = (DATA / "locales.txt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(set(lines))
    assert all(KS_LANG.fullmatch(line) for line in lines), [
        x for x in lines if not KS_LANG.fullmatch(x)
    ]
    assert {"en_US.UTF-8", "de_DE.UTF-8", "sr_RS.UTF-8@latin", "eo.UTF-8"} <= set(lines)
    assert "C.UTF-8" not in lines


@pytest.mark.skipif(
    not Path("/usr/share/systemd/kbd-model-map").is_file()
    or not Path("/etc/debian_version").exists(),
    reason="the shipped table is generated from Debian 12's systemd map; other systems differ",
)
def test_shipped_table_agrees_with_this_systems_kbd_model_map() -> None:
    gen = _generator()
    shipped = {
        line.split("\t")[0]: line.split("\t")
        for line in (DATA / "keymaps.tsv").read_text().splitlines()[1:]
    }
    seen = set()
    for keymap, mapping in gen.read_kbd_model_map(Path("/usr/share/systemd/kbd-model-map")):
        if keymap in seen or keymap not in shipped:
            continue
        seen.add(keymap)
        mapping = gen.MAP_FIXES.get(keymap, mapping)
        row = shipped[keymap]
        assert row[3] == "kbd-model-map", keymap
        assert row[1].split(",") == [lay for lay, _ in mapping], keymap
        assert row[2].split(",") == [var for _, var in mapping], keymap
    assert len(seen) > 60


def test_generator_normalises_supported_lines(tmp_path: Path) -> None:
    gen = _generator()
    supported = tmp_path / "SUPPORTED"
    supported.write_text(
        "aa_DJ.UTF-8 UTF-8\naa_DJ ISO-8859-1\naa_ER@saaho UTF-8\nbe_BY@latin UTF-8\n"
        "de_DE@euro ISO-8859-15\neo UTF-8\nC.UTF-8 UTF-8\nen_US UTF-8\nen_US.UTF-8 UTF-8\n"
    )
    assert gen.build_locales(supported) == [
        "aa_DJ.UTF-8", "aa_ER.UTF-8@saaho", "be_BY.UTF-8@latin", "en_US.UTF-8", "eo.UTF-8",
    ]  # fmt: skip


def test_generator_reads_multi_layout_map_rows(tmp_path: Path) -> None:
    gen = _generator()
    path = tmp_path / "kbd-model-map"
    path.write_text(
        "# consolelayout\txlayout\txmodel\txvariant\txoptions\n"
        "cz-qwerty\tcz,us\tpc105\tqwerty,\tterminate:ctrl_alt_bksp\n"
        "ru\tru,us\tpc105\t-\tgrp:shifts_toggle\n"
        "de\tde\tpc105\t-\tterminate:ctrl_alt_bksp\n"
    )
    assert gen.read_kbd_model_map(path) == [
        ("cz-qwerty", (("cz", "qwerty"), ("us", ""))),
        ("ru", (("ru", ""), ("us", ""))),
        ("de", (("de", ""),)),
    ]


# --- keyboards --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("us", Keyboard("us", ("us",))),
        ("de", Keyboard("de", ("de",))),
        ("fr-latin9", Keyboard("fr-latin9", ("fr (latin9)",))),
        ("de-nodeadkeys", Keyboard("de-nodeadkeys", ("de (nodeadkeys)",))),
        ("sg", Keyboard("sg", ("ch (de_nodeadkeys)",))),
        ("us,ru", Keyboard("us", ("us", "ru"))),
        ("ru", Keyboard("ru", ("ru", "us"))),
        ("cz-qwerty,ru", Keyboard("cz-qwerty", ("cz (qwerty)", "us", "ru"))),
        ("us,us", Keyboard("us", ("us",))),
    ],
)
def test_parse_keyboard(value: str, expected: Keyboard) -> None:
    assert parse_keyboard(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("xx", "unknown keyboard layout 'xx'; see `localectl list-keymaps`"),
        ("DE", "(did you mean 'de'?)"),
        ("fr-latin", "(did you mean 'fr-latin9'?)"),
        ("us,qq", "unknown keyboard layout 'qq'"),
        ("us,,ru", "empty keyboard layout in 'us,,ru'"),
        ("", "no keyboard layout given"),
        ("us,de,fr,ru,gr", "5 keyboard layouts given; at most 4"),
        (" de , us ", "contains spaces"),
    ],
)
def test_parse_keyboard_refuses_with_a_reason(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_keyboard(value)


@given(st.lists(st.sampled_from(sorted(localedata.keymaps())), min_size=1, max_size=4))
def test_parse_keyboard_property(items: list[str]) -> None:
    keyboard = parse_keyboard(",".join(items))
    assert keyboard.vc_keymap == items[0]
    assert len(set(keyboard.x_layouts)) == len(keyboard.x_layouts)
    expected: list[str] = []
    for item in items:
        expected += [lay for lay in localedata.x_layouts_of(item) if lay not in expected]
    assert list(keyboard.x_layouts) == expected


def test_broken_shipped_table_names_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_tables: None
) -> None:
    (tmp_path / "resources" / "data").mkdir(parents=True)
    (tmp_path / "resources" / "data" / "keymaps.tsv").write_text(
        "keymap\txlayouts\txvariants\tsource\nus\tus\t\txkb\nbad\tcz,us\tqwerty\txkb\n"
    )
    monkeypatch.setenv("VEILOR_DATA_DIR", str(tmp_path))
    with pytest.raises(ValueError, match=r"keymaps\.tsv:3: malformed line"):
        localedata.is_keymap("us")


# --- locales and time zones ------------------------------------------------------------------


def test_is_locale() -> None:
    assert localedata.is_locale("en_US.UTF-8")
    assert localedata.is_locale("ca_ES.UTF-8@valencia")
    for wrong in ("en_US", "en_US.utf8", "en_us.UTF-8", "de_DE@euro", "xx_XX.UTF-8", ""):
        assert not localedata.is_locale(wrong), wrong
    assert localedata.locales() == tuple(sorted(localedata.locales()))


def test_is_timezone() -> None:
    for good in ("Europe/Berlin", "America/Argentina/Buenos_Aires", "UTC", "Etc/GMT+5"):
        assert localedata.is_timezone(good), good
    for bad in ("localtime", "Factory", "posix/Europe/Berlin", "right/UTC", "Mars/Olympus", ""):
        assert not localedata.is_timezone(bad), bad
    zones = localedata.timezones()
    assert zones == tuple(sorted(zones))
    assert not [z for z in zones if z.startswith(("posix/", "right/"))]


@pytest.mark.parametrize(
    ("locale", "zone"),
    [
        ("de_DE.UTF-8", "Europe/Berlin"),
        ("en_US.UTF-8", "America/New_York"),
        ("en_AU.UTF-8", "Australia/Sydney"),
        ("ru_RU.UTF-8", "Europe/Moscow"),
        ("pt_BR.UTF-8", "America/Sao_Paulo"),
        ("uk_UA.UTF-8", "Europe/Kyiv"),
        ("sr_RS.UTF-8@latin", "Europe/Belgrade"),
        ("eo.UTF-8", None),
        ("garbage", None),
    ],
)
def test_default_timezone(locale: str, zone: str | None) -> None:
    assert localedata.default_timezone(locale) == zone


@pytest.mark.parametrize(
    ("locale", "keymap"),
    [
        ("de_DE.UTF-8", "de"),
        ("de_AT.UTF-8", "at"),
        ("de_CH.UTF-8", "ch"),
        ("fr_CH.UTF-8", "ch-fr"),
        ("en_US.UTF-8", "us"),
        ("en_GB.UTF-8", "gb"),
        ("en_CA.UTF-8", "us"),
        ("fr_CA.UTF-8", "ca"),
        ("es_ES.UTF-8", "es"),
        ("es_MX.UTF-8", "latam"),
        ("ru_RU.UTF-8", "ru"),
        ("ka_GE.UTF-8", "ge"),
        ("ar_EG.UTF-8", "us"),
        ("eo.UTF-8", "us"),
        ("garbage", "us"),
    ],
)
def test_default_keymap(locale: str, keymap: str) -> None:
    assert localedata.default_keymap(locale) == keymap


def test_every_locale_gets_a_usable_default() -> None:
    for locale in localedata.locales():
        assert localedata.is_keymap(localedata.default_keymap(locale)), locale
        zone = localedata.default_timezone(locale)
        assert zone is None or localedata.is_timezone(zone), locale
    with_zone = [loc for loc in localedata.locales() if localedata.default_timezone(loc)]
    assert len(with_zone) > 0.95 * len(localedata.locales())


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "de_DE.UTF-8"}, "de_DE.UTF-8"),
    ({"LANG": "ru_RU.utf8"}, "ru_RU.UTF-8"),
    ({"LANG": "de_DE.UTF-8", "LC_ALL": "ru_UA.UTF-8"}, "ru_UA.UTF-8"),
    ({"LANG": "sr_RS.UTF-8@latin"}, "sr_RS.UTF-8@latin"),
    ({"LANG": "C.UTF-8"}, "en_US.UTF-8"),
    ({"LANG": "xx_YY.UTF-8"}, "en_US.UTF-8"),
    ({}, "en_US.UTF-8"),
])
def test_the_wizard_starts_in_the_sessions_locale(environ: dict[str, str], expected: str) -> None:
    assert localedata.environment_locale(environ) == expected
