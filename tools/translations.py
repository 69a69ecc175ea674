#!/usr/bin/env python3
"""The installer's Qt translations: extract, compile, check. How to translate: docs/TRANSLATING.md.

  update    refresh veilor_installer/data/resources/translations/veilor_installer_en.ts from
            the sources (the tr("…") calls in veilor_installer/gui and the data/ui/*.ui forms),
            and every other veilor_installer_<lang>.ts there, keeping its translations. English
            is the source language and its file is complete: every translation equals its
            source text.
  release   compile each .ts into the .qm beside it, the file QTranslator loads.
  check     exit 1, listing them, when the sources hold strings that the English .ts lacks or
            the .ts holds strings that the sources no longer use, or a tr() call cannot be
            extracted. CI runs it (tests/integration/test_translations.py).

Extraction is pylupdate6's (PyQt6.lupdate), with two project rules:

- ``tr("…")`` (veilor_installer.gui.i18n.tr, a function) and ``QT_TR_NOOP("…")`` belong to
  the context "veilor" wherever they are written, since that is what i18n.tr looks up. Stock
  pylupdate6 treats a bare tr() like QObject.tr(): it files it under the enclosing class, and
  skips it outside a class, so running pylupdate6 by hand gives a file the app cannot use.
- Dynamic properties in forms (``<property stdset="0">``, such as the ``role`` the stylesheet
  matches on) are not offered for translation: they are names for code, not text for people.

The .qm writer is ours (tools/qm.py, which the wheel build runs too), so that no Qt developer
tools (Debian's qt6-l10n-tools pulls in ~100 MB of clang and LLVM for lupdate) are needed;
``release --lrelease`` uses Qt's lrelease instead when it is installed. The tests load what it
writes with QTranslator and compare it with lrelease's output when lrelease is there.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.etree import ElementTree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from qm import (
    Key,
    TranslationError,
    _translation,
    messages,
    qm_bytes,
    read_ts,
)

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "veilor_installer" / "data" / "resources" / "translations"
BASENAME = "veilor_installer"
SOURCE_LANGUAGE = "en"
CONTEXT = "veilor"  # what veilor_installer.gui.i18n.tr passes to QCoreApplication.translate
PY_SOURCES = ROOT / "veilor_installer" / "gui"
UI_SOURCES = ROOT / "veilor_installer" / "data" / "ui"

try:
    from PyQt6.lupdate import python_source
    from PyQt6.lupdate.source_file import SourceFile
    from PyQt6.lupdate.translation_file import TranslationFile
    from PyQt6.lupdate.translations import Context, Message
    from PyQt6.lupdate.user import User, UserException
    from PyQt6.uic import UIFile
except ImportError:  # run as tools/translations.py from outside the venv
    if Path(sys.prefix) != ROOT / ".venv" and (ROOT / ".venv" / "bin" / "python").exists():
        venv_python = str(ROOT / ".venv" / "bin" / "python")
        os.execv(venv_python, [venv_python, __file__, *sys.argv[1:]])  # noqa: S606
    raise

def ts_path(language: str) -> Path:
    return TS_DIR / f"{BASENAME}_{language}.ts"


def shown(path: Path) -> str:
    """A path as the messages show it: from the checkout when it is in it."""
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def language_of(ts: Path) -> str:
    return ts.stem.removeprefix(BASENAME + "_")


# --- extraction (pylupdate6 with the project's rules) ----------------------------------------


class _Visitor(python_source.Visitor):
    """pylupdate6's visitor, with tr() and QT_TR_NOOP() in the context "veilor"."""

    def _parse_tr(self, node: ast.Call) -> object:
        if isinstance(node.func, ast.Attribute):  # self.tr(): QObject.tr, the class's context
            return super()._parse_tr(node)
        return self._in_our_context(self._parse_without_context(node.args, node.keywords))

    def _parse_QT_TR_NOOP(self, node: ast.Call) -> object:
        return self._in_our_context(self._parse_noop_without_context(node.args, node.keywords))

    def _in_our_context(self, call_args: object) -> object:
        if call_args is not None:
            call_args.context = self._get_or_create_context(CONTEXT)
        return call_args


for _hook in ("_parse_tr", "_parse_QT_TR_NOOP", "_parse_without_context",
              "_parse_noop_without_context", "_get_or_create_context"):
    if not hasattr(python_source.Visitor, _hook):  # a PyQt6 release changed pylupdate6
        raise SystemExit(f"translations: PyQt6.lupdate has no Visitor.{_hook}; update "
                         "tools/translations.py for this PyQt6")


@contextmanager
def _our_visitor() -> Iterator[None]:
    stock = python_source.Visitor
    python_source.Visitor = _Visitor
    try:
        yield
    finally:
        python_source.Visitor = stock


class _FormSource(SourceFile, User):
    """A .ui form, as pylupdate6's DesignerSource reads it, without dynamic properties."""

    def __init__(self, filename: str) -> None:
        super().__init__(filename=filename, verbose=False)
        try:
            form = UIFile(filename)
        except Exception as exc:
            raise UserException(str(exc)) from exc
        if form.widget is None:
            return
        dynamic = {id(string) for prop in form.widget.iter("property")
                   if prop.get("stdset") == "0" for string in prop.iter("string")}
        context = Context(form.class_name)
        for string in form.widget.iter("string"):
            if id(string) in dynamic or string.get("notr") == "true" or not string.text:
                continue
            message = Message(filename, 0, string.text, string.get("comment", ""), False)
            if string.get("extracomment"):
                message.embedded_comments.extra_comments.append(string.get("extracomment"))
            context.messages.append(message)
        if context.messages:
            self.contexts.append(context)


def source_files() -> list[Path]:
    """In a fixed order, so that the .ts does not change with the file system's."""
    return sorted(PY_SOURCES.rglob("*.py")) + sorted(UI_SOURCES.glob("*.ui"))


def read_sources() -> list[object]:
    sources: list[object] = []
    with _our_visitor():
        for path in source_files():
            if path.suffix == ".py":
                sources.append(python_source.PythonSource(filename=str(path), verbose=False))
            else:
                sources.append(_FormSource(str(path)))
    return sources


def extract(ts: Path, sources: list[object], *, keep_obsolete: bool, summary: bool) -> None:
    """pylupdate6's merge: new messages added unfinished, known ones keep their translation,
    ones gone from the sources dropped (or, with keep_obsolete, kept as "vanished")."""
    translation = TranslationFile(str(ts), no_obsolete=not keep_obsolete,
                                  no_summary=not summary, verbose=False)
    for source in sources:
        translation.update(source)
    translation.write()


# --- .ts files ---------------------------------------------------------------------------------


def write_ts(root: ElementTree.Element, ts: Path) -> None:
    """As Qt Linguist lays it out: <context> at the margin, four spaces per level."""
    root.text = "\n"
    for context in root:
        ElementTree.indent(context, space="    ")
        context.tail = "\n"
    with open(ts, "w", encoding="utf-8", newline="\n") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        ElementTree.ElementTree(root).write(out, encoding="unicode")
        out.write("\n")


def finish(ts: Path) -> None:
    """Set the languages; make English complete; clear a fresh copy of the English file."""
    root = read_ts(ts)
    language = language_of(ts)
    fresh_copy = language != SOURCE_LANGUAGE and root.get("language") in (None, SOURCE_LANGUAGE)
    root.set("language", language)
    root.set("sourcelanguage", SOURCE_LANGUAGE)
    for (_, source, _), message in messages(root):
        translation = _translation(message)
        numerus = message.get("numerus") == "yes"
        if language == SOURCE_LANGUAGE:
            translation.attrib.pop("type", None)
            if numerus:  # English has two forms, both written as the source ("%n disk(s)")
                forms = translation.findall("numerusform")
                for _ in range(2 - len(forms)):
                    forms.append(ElementTree.SubElement(translation, "numerusform"))
                for form in forms:
                    form.text = source
            else:
                translation.text = source
        elif fresh_copy and translation.get("type") not in ("vanished", "obsolete"):
            # Copied from the English file: a "translation" that is still the source is to do;
            # one that differs was written by the translator and stays.
            forms = translation.findall("numerusform")
            texts = [form.text for form in forms] if numerus else [translation.text]
            if all(text in (None, "", source) for text in texts):
                translation.set("type", "unfinished")
                translation.text = None
                for form in forms:
                    form.text = None
    write_ts(root, ts)


# --- commands ----------------------------------------------------------------------------------


def update() -> int:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    sources = read_sources()
    english = ts_path(SOURCE_LANGUAGE)
    extract(english, sources, keep_obsolete=False, summary=True)
    finish(english)
    for ts in sorted(TS_DIR.glob(f"{BASENAME}_*.ts")):
        if ts != english:
            extract(ts, sources, keep_obsolete=True, summary=True)
            finish(ts)
    return 0


def computed_tr_calls() -> list[str]:
    """tr() calls that pylupdate6 cannot extract: a text built at run time (an f-string, ``+``,
    a ``.format()`` inside the call). A variable is allowed: its values must be marked with
    QT_TR_NOOP("…") where they are written."""
    found = []
    for path in source_files():
        if path.suffix != ".py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("tr", "QT_TR_NOOP")):
                continue
            first = node.args[0] if node.args else None
            literal = isinstance(first, ast.Constant) and isinstance(first.value, str)
            variable = isinstance(first, ast.Name | ast.Attribute | ast.Subscript)
            if literal or (variable and node.func.id == "tr"):
                continue
            where = f"{shown(path)}:{node.lineno}"
            found.append(f"{where}: {node.func.id}({ast.unparse(first) if first else ''}) "
                         "cannot be extracted: pass the literal template, then .format() it")
    return found


def check() -> int:
    english = ts_path(SOURCE_LANGUAGE)
    problems = computed_tr_calls()
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / english.name
        extract(fresh, read_sources(), keep_obsolete=False, summary=False)
        wanted = {key for key, _ in messages(read_ts(fresh))}
    have: dict[Key, ElementTree.Element] = {}
    if english.exists():
        have = dict(messages(read_ts(english)))
    else:
        problems.append(f"{shown(english)} does not exist")
    rel = shown(english)

    def show(key: Key) -> str:
        context, source, comment = key
        return f"[{context}] {source!r}" + (f" ({comment})" if comment else "")

    for key in sorted(wanted - have.keys()):
        problems.append(f"missing from {rel}: {show(key)}")
    for key, message in sorted(have.items()):
        translation = _translation(message)
        if key not in wanted or translation.get("type") in ("vanished", "obsolete"):
            problems.append(f"obsolete in {rel}: {show(key)}")
        elif translation.get("type") == "unfinished" or (
                message.get("numerus") != "yes" and translation.text != key[1]):
            problems.append(f"not complete in {rel} (its translation must be the source): "
                            f"{show(key)}")
    if problems:
        print("translations: the English .ts is out of date with the sources; run "
              "`make translations`", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"translations: {rel} is up to date ({len(wanted)} messages)")
    return 0


# --- .qm ---------------------------------------------------------------------------------------

def find_lrelease() -> str | None:
    """Debian: qt6-l10n-tools; Fedora: qt6-linguist."""
    for name in ("lrelease-qt6", "lrelease6", "lrelease"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in ("/usr/lib/qt6/bin/lrelease", "/usr/lib64/qt6/bin/lrelease",
                      "/usr/lib/x86_64-linux-gnu/qt6/bin/lrelease"):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def release(paths: Iterable[Path], *, use_lrelease: bool = False) -> int:
    lrelease = find_lrelease() if use_lrelease else None
    if use_lrelease and lrelease is None:
        print("translations: lrelease not found (Debian: apt install qt6-l10n-tools; Fedora: "
              "dnf install qt6-linguist)", file=sys.stderr)
        return 2
    for ts in paths:
        qm = ts.with_suffix(".qm")
        if lrelease:
            subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)
        else:
            qm.write_bytes(qm_bytes(ts))
        print(f"translations: wrote {shown(qm)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/translations.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("update", help="refresh the .ts files from the sources")
    rel = commands.add_parser("release", help="compile .ts files into .qm files")
    rel.add_argument("ts", nargs="*", type=Path,
                     help="the .ts files (default: every one in TS_DIR)")
    rel.add_argument("--lrelease", action="store_true", help="compile with Qt's lrelease")
    commands.add_parser("check", help="fail when the English .ts is out of date")
    args = parser.parse_args(argv)
    try:
        if args.command == "update":
            return update()
        if args.command == "release":
            return release(args.ts or sorted(TS_DIR.glob(f"{BASENAME}_*.ts")),
                           use_lrelease=args.lrelease)
        return check()
    except (UserException, TranslationError) as exc:
        print(f"translations: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
