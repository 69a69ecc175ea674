"""One catalogue for every text a person reads: the core's refusals and results, the CLI, the
wizard's pages and forms. It is gettext's: ``data/po/veilor-installer.pot`` holds the English
messages, ``data/po/<lang>.po`` their translations with the language's plural forms
(docs/TRANSLATING.md). ``tools/translations.py`` extracts the messages from the calls below and
checks that every shipped catalogue is complete.

- ``_("…")`` translates now, into the language in use.
- ``N_("…")`` only marks a text, written in a table and translated where it is shown.
- ``ngettext("{n} disk", "{n} disks", n)`` picks the language's plural form.
- ``Text("Disk {disk} is too small", disk=name)`` is a message the core returns: it is rendered
  (translated, then filled in) each time it is shown, with ``str()``, so a wizard that switches
  language shows it anew in the new one. ``Text.plural(…)`` is its plural form.

The language is the environment's (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, as
gettext reads them) until ``use()`` sets another; the wizard calls it when a language is chosen.
Two pseudo-languages test layouts without a translator: ``en_XA`` makes every text about 40 %
longer and accented inside brackets, ``ar_XB`` writes every text right to left.
"""

from __future__ import annotations

import gettext as _gettext
import io
import math
import os
import re
import struct
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

DOMAIN = "veilor-installer"
SOURCE_LANGUAGE = "en"
LONG_PSEUDO = "en_XA"
RTL_PSEUDO = "ar_XB"
PSEUDO_LANGUAGES = (LONG_PSEUDO, RTL_PSEUDO)
_RTL = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", RTL_PSEUDO})

_lock = threading.Lock()
_catalogues: dict[str, _gettext.NullTranslations] = {}
# The catalogue and the language in use, swapped together (one tuple: never seen half-set).
_in_use: tuple[_gettext.NullTranslations, str] = (_gettext.NullTranslations(), SOURCE_LANGUAGE)
_switching = threading.RLock()  # one switch, and its listeners, at a time
_generation = 0
_listeners: list[Callable[[str], None]] = []
_here = threading.local()  # in_language(): this thread renders in another language for a moment


def _catalogue_now() -> _gettext.NullTranslations:
    override: _gettext.NullTranslations | None = getattr(_here, "catalogue", None)
    return override if override is not None else _in_use[0]


# --- marking and translating ------------------------------------------------------------------


def _(message: str) -> str:
    """``message`` in the language in use (the empty text is itself: gettext would give the
    catalogue's header)."""
    return _catalogue_now().gettext(message) if message else message


def N_(message: str) -> str:
    """Marks ``message`` for translation where it is written; ``_()`` translates it when shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of the message for ``n`` in the language in use (Russian has three)."""
    return _catalogue_now().ngettext(singular, plural, n)


class Text:
    """A message marked for translation, with what fills its ``{names}``: what the core returns
    where a person will read it. ``str()`` renders it in the language in use; arguments that are
    ``Text`` themselves are rendered too."""

    __slots__ = ("args", "n", "plural_source", "source")

    def __init__(self, source: str, /, **args: object) -> None:
        self.source = source
        self.args: dict[str, object] = args
        self.plural_source: str | None = None
        self.n: int | None = None

    @classmethod
    def plural(cls, singular: str, plural: str, n: int, /, **args: object) -> Text:
        """``{n}`` is filled in with ``n`` unless ``args`` says otherwise."""
        text = cls(singular, **{"n": n, **args})
        text.plural_source, text.n = plural, n
        return text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.source, self.plural_source, self.n,
                                            self.args) == (other.source, other.plural_source,
                                                           other.n, other.args)

    def __hash__(self) -> int:
        return hash((self.source, self.plural_source, self.n))

    def __repr__(self) -> str:
        return f"Text({self.source!r}, **{self.args!r})"

    def __str__(self) -> str:
        if self.plural_source is not None and self.n is not None:
            template = ngettext(self.source, self.plural_source, self.n)
        else:
            template = _(self.source)
        if not self.args:
            return template
        return template.format(**{k: str(v) for k, v in self.args.items()})

    def english(self) -> str:
        """The text in English, whatever the language in use (for the log)."""
        with in_language(SOURCE_LANGUAGE):
            return str(self)


def render(message: str | Text) -> str:
    """A message as a person reads it now (a plain ``str`` is a name or already rendered)."""
    return str(message)


# --- the catalogues ---------------------------------------------------------------------------


def catalogue_dir() -> Path:
    from veilor_installer.core.datapaths import data_dir

    return data_dir("po")


def shipped() -> list[str]:
    """The languages with a catalogue, English (the source) first."""
    try:
        found = sorted(path.stem for path in catalogue_dir().glob("*.po"))
    except FileNotFoundError:
        found = []
    return [SOURCE_LANGUAGE, *found]


@dataclass
class Entry:
    """One message of a .po or .pot file."""

    msgid: str
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=lambda: [""])
    msgctxt: str | None = None
    comments: list[str] = field(default_factory=list)  # "#." for translators
    translator_comments: list[str] = field(default_factory=list)  # "# ", the translator's
    references: list[str] = field(default_factory=list)  # "#:"
    flags: list[str] = field(default_factory=list)  # "#,"
    obsolete: bool = False

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        return not self.fuzzy and all(self.msgstr) and bool(self.msgstr)


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


def _unquote(text: str, where: str) -> str:
    text = text.strip()
    if len(text) < 2 or not text.startswith('"') or not text.endswith('"'):
        raise ValueError(f"{where}: expected a quoted string, found {text!r}")
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text[1:-1])


def parse_po(text: str, name: str = "<po>") -> list[Entry]:
    """The entries of a .po/.pot file, the header (msgid "") first when there is one."""
    entries: list[Entry] = []
    entry = Entry("")
    started = False
    key: str | None = None
    index = 0

    def finish() -> None:
        nonlocal entry, started, key
        if started:
            entries.append(entry)
        entry, started, key = Entry(""), False, None

    for lineno, raw in enumerate(text.split("\n"), 1):  # not splitlines: \u2028 is text
        where = f"{name}:{lineno}"
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            finish()
            continue
        if line.startswith("#"):
            if key is not None and key.startswith("msgstr"):
                finish()
            if line.startswith("#."):
                entry.comments.append(line[2:].strip())
            elif line.startswith("#:"):
                entry.references.extend(line[2:].split())
            elif line.startswith("#,"):
                entry.flags.extend(f.strip() for f in line[2:].split(",") if f.strip())
            elif line == "#" or line.startswith("# "):
                entry.translator_comments.append(line[2:])
            continue
        match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(.*)$", line)
        if match:
            word, number, rest = match.groups()
            if word in ("msgctxt", "msgid") and key is not None and key.startswith("msgstr"):
                finish()
            started = True
            entry.obsolete = entry.obsolete or obsolete
            value = _unquote(rest, where)
            key = word if number is None else "msgstr"
            if word == "msgctxt":
                entry.msgctxt = value
            elif word == "msgid":
                entry.msgid = value
            elif word == "msgid_plural":
                entry.msgid_plural = value
            else:
                index = int(number) if number is not None else 0
                while len(entry.msgstr) <= index:
                    entry.msgstr.append("")
                entry.msgstr[index] = value
            continue
        if line.startswith('"') and key is not None:
            value = _unquote(line, where)
            if key == "msgctxt":
                entry.msgctxt = (entry.msgctxt or "") + value
            elif key == "msgid":
                entry.msgid += value
            elif key == "msgid_plural":
                entry.msgid_plural = (entry.msgid_plural or "") + value
            else:
                entry.msgstr[index] += value
            continue
        raise ValueError(f"{where}: cannot read {raw!r}")
    finish()
    return entries


def header_field(entries: Iterable[Entry], name: str) -> str | None:
    for entry in entries:
        if entry.msgid == "" and entry.msgctxt is None:
            for line in entry.msgstr[0].splitlines():
                key, _sep, value = line.partition(":")
                if key.strip().lower() == name.lower():
                    return value.strip()
    return None


def mo_bytes(entries: Iterable[Entry]) -> bytes:
    """The .mo file of ``entries`` (translated ones and the header), as msgfmt writes it."""
    pairs: dict[bytes, bytes] = {}
    for entry in entries:
        if entry.obsolete or (entry.msgid and not entry.translated):
            continue
        key = entry.msgid if entry.msgid_plural is None else (
            entry.msgid + "\0" + entry.msgid_plural)
        if entry.msgctxt is not None:
            key = entry.msgctxt + "\x04" + key
        pairs[key.encode()] = "\0".join(entry.msgstr).encode()
    keys = sorted(pairs)
    ids = b"".join(k + b"\0" for k in keys)
    strs = b"".join(pairs[k] + b"\0" for k in keys)
    start = 7 * 4 + 16 * len(keys)
    offsets: list[int] = []
    pos = 0
    for k in keys:
        offsets += [len(k), start + pos]
        pos += len(k) + 1
    pos = 0
    value_offsets: list[int] = []
    for k in keys:
        value_offsets += [len(pairs[k]), start + len(ids) + pos]
        pos += len(pairs[k]) + 1
    head = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + len(keys) * 8, 0, 0)
    return (head + struct.pack(f"{len(offsets)}i", *offsets)
            + struct.pack(f"{len(value_offsets)}i", *value_offsets) + ids + strs)


def _load(language: str) -> _gettext.NullTranslations:
    if language == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    if language in PSEUDO_LANGUAGES:
        return _pseudo_catalogue(language)
    path = catalogue_dir() / f"{language}.po"
    entries = parse_po(path.read_text(encoding="utf-8"), str(path))
    return _gettext.GNUTranslations(io.BytesIO(mo_bytes(entries)))


def catalogue(language: str) -> _gettext.NullTranslations:
    with _lock:
        found = _catalogues.get(language)
        if found is None:
            found = _catalogues[language] = _load(language)
        return found


# --- the language in use ----------------------------------------------------------------------


def normalise(code: str) -> str:
    """``de_DE.UTF-8`` → ``de_DE``; ``C``/``POSIX`` → English."""
    code = code.split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    return SOURCE_LANGUAGE if code in ("", "C", "POSIX") else code


def best(wanted: Iterable[str], have: Iterable[str] | None = None) -> str:
    """The first of ``wanted`` (locale codes, in order) that has a catalogue: the code itself
    (``pt_BR``) or its language (``de`` for ``de_AT``); English when none has."""
    available = set(have if have is not None else [*shipped(), *PSEUDO_LANGUAGES])
    for code in wanted:
        code = normalise(code)
        if code in available:
            return code
        language = code.split("_", 1)[0]
        if language in available:
            return language
        if language == SOURCE_LANGUAGE:
            return SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The session's language: the first of ``LANGUAGE`` (a list, tried in order) that has a
    catalogue, else that of the first set of ``LC_ALL``, ``LC_MESSAGES``, ``LANG``. Unlike GNU
    gettext, ``LANGUAGE`` counts under ``LC_ALL=C`` too, as Python's gettext has it."""
    env = os.environ if environ is None else environ
    locale = next((env[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(name)), "")
    wanted = env.get("LANGUAGE", "").split(":") if env.get("LANGUAGE") else []
    return best([*wanted, locale] if locale else wanted)


def language() -> str:
    """The language in use (a code from ``shipped()`` or a pseudo-language)."""
    return _in_use[1]


def use(code: str) -> str:
    """Use the best catalogue for ``code`` from now on, tell the listeners, and return the
    language chosen. Switches happen one at a time; a listener that switches again (or a
    failing listener) leaves the others told of the language finally in use, once."""
    global _in_use, _generation
    chosen = best([code])
    loaded = catalogue(chosen)
    with _switching:
        if chosen == _in_use[1]:
            return chosen
        _in_use = (loaded, chosen)
        _generation += 1
        mine = _generation
        with _lock:
            listeners = list(_listeners)
        failures: list[BaseException] = []
        for listener in listeners:
            if _generation != mine:
                break  # a listener switched again: that switch told everyone
            try:
                listener(chosen)
            except Exception as exc:  # the others must still hear of it
                failures.append(exc)
        if failures:
            raise failures[0]
    return chosen


def use_environment(environ: Mapping[str, str] | None = None) -> str:
    return use(from_environment(environ))


class in_language:
    """Render in ``code`` for a moment, in this thread only (the log's English), without
    changing the language in use or telling the listeners."""

    def __init__(self, code: str) -> None:
        self._code = code

    def __enter__(self) -> None:
        self._saved = getattr(_here, "catalogue", None)
        _here.catalogue = catalogue(best([self._code]))

    def __exit__(self, *exc: object) -> None:
        _here.catalogue = self._saved


def english(message: str | Text | BaseException) -> str:
    """A message (or an exception carrying one) in English, for a log."""
    with in_language(SOURCE_LANGUAGE):
        return str(message)


def on_change(listener: Callable[[str], None]) -> Callable[[], None]:
    """Call ``listener(code)`` when ``use()`` changes the language; returns the undo."""
    with _lock:
        _listeners.append(listener)

    def remove() -> None:
        with _lock:
            if listener in _listeners:
                _listeners.remove(listener)

    return remove


def right_to_left(code: str | None = None) -> bool:
    code = normalise(code or _in_use[1])
    return code in _RTL or code.split("_", 1)[0] in _RTL


# --- pseudo-languages -------------------------------------------------------------------------

_ACCENTED = dict(zip(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ", strict=True))
# What a translation keeps as it is: {placeholders}, <tags>, &entities; and the & of a shortcut.
_KEEP = re.compile(r"\{[^{}]*\}|<[^<>]*>|&[a-zA-Z]+;|&&|&(?=\w)")


def _segments(text: str) -> Iterator[tuple[bool, str]]:
    """(kept, piece) for the pieces of ``text``: kept ones are placeholders, tags, shortcuts."""
    pos = 0
    for match in _KEEP.finditer(text):
        if match.start() > pos:
            yield False, text[pos:match.start()]
        yield True, match.group(0)
        pos = match.end()
    if pos < len(text):
        yield False, text[pos:]


def pseudo_long(text: str) -> str:
    """``Welcome`` → ``[Ŵéļçöɱé ···]``: accented, about 40 % longer, in brackets, with
    placeholders, tags and the shortcut's & kept."""
    body = "".join(piece if kept else "".join(_ACCENTED.get(c, c) for c in piece)
                   for kept, piece in _segments(text))
    visible = sum(len(piece) for kept, piece in _segments(text) if not kept)
    extra = max(1, math.ceil(visible * 0.4) - 1)  # the brackets count too
    return f"[{body} {'·' * (extra - 1)}]" if extra > 1 else f"[{body} ]"


_RLO, _PDF = "\u202e", "\u202c"


def pseudo_rtl(text: str) -> str:
    """Every run of words overridden right to left (Android's ar-XB), the rest kept."""
    return "".join(piece if kept or not piece.strip() else f"{_RLO}{piece}{_PDF}"
                   for kept, piece in _segments(text))


class _Pseudo(_gettext.NullTranslations):
    def __init__(self, change: Callable[[str], str]) -> None:
        super().__init__()
        self._change = change

    def gettext(self, message: str) -> str:
        return self._change(message) if message else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self._change(msgid1 if n == 1 else msgid2)


def _pseudo_catalogue(code: str) -> _gettext.NullTranslations:
    return _Pseudo(pseudo_long if code == LONG_PSEUDO else pseudo_rtl)


def pseudo(code: str, text: str) -> str:
    return pseudo_long(text) if code == LONG_PSEUDO else pseudo_rtl(text)
