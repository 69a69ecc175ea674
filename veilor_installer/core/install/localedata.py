"""Languages, console keymaps and time zones the installed system will accept.

The installer runs on a bootstrap ISO, in a container or in CI, none of which is the Fedora 43
target, so it cannot ask ``localectl`` what the target has. The lists ship with the package in
``resources/data/`` (written by ``tools/gen-locale-data`` from the same upstream data Fedora
builds from) and are read once. A value missing from them is refused rather than passed to
Anaconda: a console keymap the target lacks would leave the LUKS passphrase prompt in US layout.

Time zones come from :mod:`zoneinfo`, which reads the tzdata this process runs with.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import threading
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from veilor_installer.core.datapaths import resource_path
from veilor_installer.core.i18n import Text
from veilor_installer.core.log import get_logger

MAX_LAYOUTS = 4
_KEYMAP_COLUMNS = ["keymap", "xlayouts", "xvariants", "source"]

log = get_logger("localedata")


@dataclass(frozen=True)
class Keyboard:
    """The keyboard of the installed system, as kickstart's ``keyboard`` command takes it.

    ``vc_keymap`` is the console keymap (also the one the LUKS passphrase is typed in at boot);
    ``x_layouts`` are the desktop's layouts in kickstart form, ``"us"`` or ``"cz (qwerty)"``.
    """

    vc_keymap: str
    x_layouts: tuple[str, ...]


def _x_layout(layout: str, variant: str) -> str:
    return f"{layout} ({variant})" if variant else layout


@functools.cache
def _keymap_table() -> dict[str, tuple[str, ...]]:
    path = resource_path("data/keymaps.tsv")
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t") != _KEYMAP_COLUMNS:
        raise ValueError(f"{path}: the first line must name the columns {_KEYMAP_COLUMNS}")
    table: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        layouts = fields[1].split(",") if len(fields) == len(_KEYMAP_COLUMNS) else []
        variants = fields[2].split(",") if layouts else []
        if not fields[0] or not layouts or len(layouts) != len(variants) or not all(layouts):
            raise ValueError(f"{path}:{number}: malformed line {line!r}")
        table[fields[0]] = tuple(
            _x_layout(lay, var) for lay, var in zip(layouts, variants, strict=True)
        )
    return table


def keymaps() -> tuple[str, ...]:
    """Every console keymap name the target has (``localectl list-keymaps``), sorted."""
    return tuple(sorted(_keymap_table()))


def is_keymap(name: str) -> bool:
    return name in _keymap_table()


def x_layouts_of(keymap: str) -> tuple[str, ...]:
    """The X layouts (kickstart form) that go with one console keymap."""
    try:
        return _keymap_table()[keymap]
    except KeyError:
        raise ValueError(_unknown_keymap(keymap)) from None


def _unknown_keymap(name: str) -> Text:
    table, lowered = _keymap_table(), name.lower()
    close = [lowered] if lowered in table else difflib.get_close_matches(lowered, table, n=1)
    if close:
        return Text("unknown keyboard layout {name}; see `localectl list-keymaps` (did you mean "
                    "{suggestion}?)", name=repr(name), suggestion=repr(close[0]))
    return Text("unknown keyboard layout {name}; see `localectl list-keymaps`", name=repr(name))


def parse_keyboard(value: str) -> Keyboard:
    """Parse the ``keyboard`` setting: one console keymap, or up to four separated by commas.

    The first is the console keymap, in which the passphrase is typed at boot; the desktop gets
    the X layouts of all of them, in order, each once (``"us,ru"`` -> ``us``, ``ru``).
    Raises ``ValueError`` with a message naming what to change.
    """
    if not value.strip():
        raise ValueError(Text("no keyboard layout given; name a console keymap such as 'us' or "
                              "'de'"))
    if value != value.strip() or any(ch.isspace() for ch in value):
        # Refused, not trimmed: answers are never fixed up silently.
        raise ValueError(Text("{value} contains spaces; write the layouts as 'us' or 'us,ru'",
                              value=repr(value)))
    items = value.split(",")
    if any(not item for item in items):
        raise ValueError(Text("empty keyboard layout in {value}; separate layouts with one "
                              "comma", value=repr(value)))
    if len(items) > MAX_LAYOUTS:
        raise ValueError(Text("{count} keyboard layouts given; at most {limit} are allowed",
                              count=len(items), limit=MAX_LAYOUTS))
    layouts: list[str] = []
    for item in items:
        for layout in x_layouts_of(item):
            if layout not in layouts:
                layouts.append(layout)
    return Keyboard(vc_keymap=items[0], x_layouts=tuple(layouts))


@functools.cache
def _locale_set() -> frozenset[str]:
    path = resource_path("data/locales.txt")
    return frozenset(line for line in path.read_text(encoding="utf-8").split() if line)


def environment_locale(environ: Mapping[str, str] | None = None) -> str:
    """The session's locale as kickstart's ``lang`` names it (``de_DE.UTF-8``): the ISO booted
    with ``LANG=de_DE.UTF-8`` starts the wizard there. ``en_US.UTF-8`` for one we do not know
    (``C``, ``POSIX``, unset)."""
    env = os.environ if environ is None else environ
    value = next((env[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(name)), "")
    base, _, modifier = value.partition("@")
    candidate = base.split(".", 1)[0] + ".UTF-8" + (f"@{modifier}" if modifier else "")
    return candidate if is_locale(candidate) else "en_US.UTF-8"


def locales() -> tuple[str, ...]:
    """Every UTF-8 locale in kickstart ``lang`` form (``de_DE.UTF-8``), sorted."""
    return tuple(sorted(_locale_set()))


def is_locale(name: str) -> bool:
    return name in _locale_set()


def _is_real_zone(name: str) -> bool:
    # posix/ and right/ are duplicate trees (right/ counts leap seconds, which breaks NTP);
    # localtime is a link to this machine's setting and Factory means "not set".
    return not (name in {"localtime", "Factory"} or name.startswith(("posix/", "right/")))


_zones_lock = threading.Lock()


@functools.cache
def _timezone_set() -> frozenset[str]:
    # zoneinfo imports importlib.resources lazily; two threads doing that at once (the GUI
    # and a worker) fail with "partially initialized module". One at a time.
    with _zones_lock:
        return frozenset(filter(_is_real_zone, zoneinfo.available_timezones()))


def timezones() -> tuple[str, ...]:
    """Every time zone name kickstart's ``timezone`` accepts (``Europe/Berlin``), sorted."""
    return tuple(sorted(_timezone_set()))


def is_timezone(name: str) -> bool:
    return name in _timezone_set()


_LOCALE = re.compile(
    r"^(?P<lang>[a-z]{2,3})(?:_(?P<territory>[A-Z]{2}))?(?:\.[^@]*)?(?:@(?P<mod>.+))?$"
)

# Countries whose first zone in zone.tab (ordered west to east) is not where most people live.
_MAIN_ZONE = {
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "RU": "Europe/Moscow",
    "UA": "Europe/Kyiv",
    "UZ": "Asia/Tashkent",
}


def _zone_tab_text() -> str | None:
    import importlib.resources  # ~10 ms of start-up, needed only here

    try:
        return (importlib.resources.files("tzdata") / "zoneinfo" / "zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        pass
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / "zone.tab"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return None


@functools.cache
def _zones_by_territory() -> dict[str, tuple[str, ...]]:
    """Territory code -> its zones in zone.tab order (the tzdata package's, else the system's)."""
    zones: dict[str, list[str]] = {}
    for line in (_zone_tab_text() or "").splitlines():
        fields = line.split("\t")
        if line.startswith("#") or len(fields) < 3:
            continue
        zones.setdefault(fields[0], []).append(fields[2])
    return {territory: tuple(names) for territory, names in zones.items()}


def default_timezone(locale: str) -> str | None:
    """A sensible first choice of time zone for a locale's territory, or None without one.

    The territory's first zone in tzdata's ``zone.tab``, except for a few large countries
    (``_MAIN_ZONE``) where that is an edge of the country rather than its capital.
    """
    match = _LOCALE.match(locale)
    territory = match["territory"] if match else None
    if territory is None:
        return None
    candidates = _zones_by_territory().get(territory, ())
    if _MAIN_ZONE.get(territory) in candidates:
        candidates = (_MAIN_ZONE[territory], *candidates)
    return next((zone for zone in candidates if is_timezone(zone)), None)


# Where the keymap named like the territory (or the language) is the wrong guess.
_KEYMAP_EXCEPTIONS = {
    "en_CA": "us",  # "ca" is the French-Canadian layout
    "fr_CH": "ch-fr",  # "ch" is Swiss German
    "kk_KZ": "kazakh",
    "sr_RS": "sr-cy",
    "sr_RS@latin": "rs-latin",
}


def default_keymap(locale: str) -> str:
    """A sensible first choice of console keymap for a locale (the GUI preselects it).

    The keymap named like the territory (``de_AT`` -> ``at``), else like the language
    (``ru`` -> ``ru``), else ``us``; Spanish outside Spain gets ``latam``, and
    ``_KEYMAP_EXCEPTIONS`` lists the few locales where the names mislead.
    """
    match = _LOCALE.match(locale)
    if match is None:
        return "us"
    lang, territory, modifier = match["lang"], match["territory"], match["mod"]
    key = f"{lang}_{territory}" + (f"@{modifier}" if modifier else "")
    candidates = [_KEYMAP_EXCEPTIONS.get(key), _KEYMAP_EXCEPTIONS.get(f"{lang}_{territory}")]
    if lang == "es" and territory not in (None, "ES"):
        candidates.append("latam")
    candidates += [territory.lower() if territory else None, lang, "us"]
    return next(name for name in candidates if name is not None and is_keymap(name))


@functools.cache
def keymap_names() -> dict[str, str]:
    """Console keymap → xkb's English name of its layouts (``resources/data/keymap-names.tsv``,
    written by ``tools/gen-keymap-names``)."""
    try:
        text = resource_path("data/keymap-names.tsv").read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        log.warning("keyboard layouts are shown by their codes only: %s", exc)
        return {}
    names = {}
    for line in text.splitlines()[1:]:
        keymap, _, name = line.partition("\t")
        if keymap and name:
            names[keymap] = name
    return names


def keymap_name(keymap: str) -> str:
    """"German (no dead keys)" for ``de-nodeadkeys``; the X layouts when the table lacks it."""
    return keymap_names().get(keymap) or ", ".join(x_layouts_of(keymap))
