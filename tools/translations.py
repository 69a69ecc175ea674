#!/usr/bin/env python3
"""The installer's catalogue (gettext): extract, add a language, check. How to translate:
docs/TRANSLATING.md.

  update       write veilor_installer/data/po/veilor-installer.pot from the sources, and bring
               every <lang>.po beside it up to date: new messages empty, changed or gone ones
               kept as obsolete (#~) for the translator to reuse.
  add LANG     start LANG.po from the template, with the language's plural forms.
  check        exit 1, listing each problem with its file and line, when the template is out of
               date with the sources, a call cannot be extracted, or a shipped catalogue misses a
               translation, leaves one fuzzy, or drops or adds a {placeholder}, a tag or the &
               of a shortcut, or has the wrong number of plural forms. make test runs it.

What is extracted, from every module of veilor_installer and every form in data/ui:

- ``_("…")``, ``N_("…")``, ``tr("…")`` (the GUI's name for ``_``), ``Text("…", …)``;
- ``ngettext("…", "…", n)``, ``trn("…", "…", n)``, ``Text.plural("…", "…", n, …)``;
- every ``<string>`` of a .ui form, except ``notr="true"`` and dynamic properties
  (``stdset="0"``, such as the stylesheet's ``role``), which are names for code;
- a ``#: comment`` on the line before a call, shown to translators.

The extractor and the .po reader are standard library only (``veilor_installer.core.i18n``
reads the .po files at run time), so no gettext or Qt tools are needed.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from string import Formatter
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from veilor_installer.core.i18n import Entry, header_field, parse_po  # noqa: E402

PO_DIR = ROOT / "veilor_installer" / "data" / "po"
TEMPLATE = PO_DIR / "veilor-installer.pot"
PY_SOURCES = ROOT / "veilor_installer"
UI_SOURCES = ROOT / "veilor_installer" / "data" / "ui"

SINGLE = {"_", "N_", "tr", "Text"}
PLURAL = {"ngettext", "trn"}
# The number of plural forms, and the rule, as gettext's Plural-Forms header writes them.
PLURAL_FORMS = {
    "de": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "pt_BR": "nplurals=2; plural=(n > 1);",
    "ja": "nplurals=1; plural=0;",
    "zh_CN": "nplurals=1; plural=0;",
    "ru": ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
           "(n%100<10 || n%100>=20) ? 1 : 2);"),
    "uk": ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
           "(n%100<10 || n%100>=20) ? 1 : 2);"),
    "pl": ("nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) "
           "? 1 : 2);"),
}


def shown(path: Path) -> str:
    path = path.resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


# --- extraction --------------------------------------------------------------------------------


@dataclass
class Found:
    msgid: str
    plural: str | None = None
    references: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


def _call_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and func.attr == "plural" and isinstance(
            func.value, ast.Name) and func.value.id == "Text":
        return "Text.plural"
    return None


def _literal(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def python_messages(path: Path, problems: list[str]) -> Iterable[tuple[Found, int]]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source, filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        if name is None or name not in SINGLE | PLURAL | {"Text.plural"}:
            continue
        where = f"{shown(path)}:{node.lineno}"
        first = node.args[0] if node.args else None
        if name in ("tr", "_", "Text") and not _literal(first):
            # tr(variable), Text(variable): a text marked N_() where it is written.
            if isinstance(first, ast.Name | ast.Attribute | ast.Subscript | ast.Call):
                continue
            problems.append(f"{where}: {name}({ast.unparse(first) if first else ''}) cannot be "
                            "extracted: pass the literal text, then fill it in with .format()")
            continue
        if name == "N_" and not _literal(first):
            problems.append(f"{where}: N_() takes a literal text")
            continue
        comment = []
        above = lines[node.lineno - 2].strip() if node.lineno >= 2 else ""
        if above.startswith("#:"):
            comment.append(above[2:].strip())
        if name in PLURAL or name == "Text.plural":
            second = node.args[1] if len(node.args) > 1 else None
            if not (_literal(first) and _literal(second)):
                problems.append(f"{where}: {name}() takes two literal texts (one, many)")
                continue
            yield Found(_literal(first) or "", _literal(second), comments=comment), node.lineno
        else:
            yield Found(_literal(first) or "", comments=comment), node.lineno


def form_messages(path: Path) -> Iterable[tuple[Found, int]]:
    root = ElementTree.parse(path).getroot()  # noqa: S314  (our own forms)
    dynamic = {id(string) for prop in root.iter("property")
               if prop.get("stdset") == "0" for string in prop.iter("string")}
    for string in root.iter("string"):
        if id(string) in dynamic or string.get("notr") == "true" or not string.text:
            continue
        comment = [string.get("extracomment")] if string.get("extracomment") else []
        yield Found(string.text, comments=comment), 0


def source_files() -> list[Path]:
    """In a fixed order, so that the template does not change with the file system's."""
    machinery = {PY_SOURCES / "core" / "i18n.py", PY_SOURCES / "gui" / "i18n.py"}
    return sorted(p for p in PY_SOURCES.rglob("*.py") if p not in machinery) + sorted(
        UI_SOURCES.glob("*.ui"))


def extract(problems: list[str]) -> dict[tuple[str, str | None], Found]:
    found: dict[tuple[str, str | None], Found] = {}
    for path in source_files():
        messages = (sorted(python_messages(path, problems), key=lambda found: found[1])
                    if path.suffix == ".py" else form_messages(path))
        for message, line in messages:
            key = (message.msgid, message.plural)
            known = found.setdefault(key, Found(message.msgid, message.plural))
            known.references.append(f"{shown(path)}:{line}" if line else shown(path))
            known.comments += [c for c in message.comments if c not in known.comments]
    # A text used alone and as the "one" form of a plural is two messages in gettext: fine.
    return found


# --- writing .po files -------------------------------------------------------------------------


def _quote(text: str) -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\t", "\\t").replace("\r", "\\r"))
    return f'"{escaped}"'


def _field(keyword: str, text: str, prefix: str = "") -> list[str]:
    if "\n" in text.rstrip("\n") or len(text) > 70:
        parts = re.findall(r"[^\n]*\n|[^\n]+$", text) if "\n" in text else [text]
        chunks: list[str] = []
        for part in parts:
            while len(part) > 70:
                cut = part.rfind(" ", 0, 70)
                cut = 70 if cut <= 0 else cut + 1
                chunks.append(part[:cut])
                part = part[cut:]
            if part:
                chunks.append(part)
        return [f'{prefix}{keyword} ""'] + [f"{prefix}{_quote(c)}" for c in chunks]
    return [f"{prefix}{keyword} {_quote(text)}"]


def format_entry(entry: Entry) -> str:
    lines = [f"# {c}".rstrip() for c in entry.translator_comments]
    lines += [f"#. {c}" for c in entry.comments]
    if entry.references and not entry.obsolete:
        lines.append("#: " + " ".join(entry.references))
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    prefix = "#~ " if entry.obsolete else ""
    if entry.msgctxt is not None:
        lines += _field("msgctxt", entry.msgctxt, prefix)
    lines += _field("msgid", entry.msgid, prefix)
    if entry.msgid_plural is not None:
        lines += _field("msgid_plural", entry.msgid_plural, prefix)
        for i, text in enumerate(entry.msgstr):
            lines += _field(f"msgstr[{i}]", text, prefix)
    else:
        lines += _field("msgstr", entry.msgstr[0] if entry.msgstr else "", prefix)
    return "\n".join(lines)


def write_po(path: Path, entries: list[Entry]) -> None:
    path.write_text("\n\n".join(format_entry(e) for e in entries) + "\n", encoding="utf-8",
                    newline="\n")


def _header(language: str | None) -> Entry:
    fields = ["Project-Id-Version: veilor-installer",
              "Report-Msgid-Bugs-To: https://github.com/veilor/veilor-installer/issues",
              f"Language: {language or ''}",
              "MIME-Version: 1.0",
              "Content-Type: text/plain; charset=UTF-8",
              "Content-Transfer-Encoding: 8bit",
              f"Plural-Forms: {PLURAL_FORMS.get(language or 'en', PLURAL_FORMS['en'])}"]
    return Entry("", msgstr=["".join(f + "\n" for f in fields)])


def template_entries(found: dict[tuple[str, str | None], Found]) -> list[Entry]:
    entries = [_header(None)]
    for (msgid, plural), message in found.items():
        entries.append(Entry(msgid, plural, ["", ""] if plural else [""],
                             comments=message.comments, references=message.references))
    return entries


def nplurals(entries: Iterable[Entry]) -> int:
    forms = header_field(entries, "Plural-Forms") or ""
    match = re.search(r"nplurals\s*=\s*(\d+)", forms)
    return int(match.group(1)) if match else 2


def merge(template: list[Entry], po: list[Entry]) -> list[Entry]:
    """``po`` brought up to the template: its translations kept, new messages empty, messages
    no longer in the template kept as obsolete."""
    header = next((e for e in po if e.msgid == "" and not e.obsolete), template[0])
    count = nplurals([header])
    known: dict[tuple[str, str | None], Entry] = {}
    for e in po:  # a live entry wins over an obsolete one of the same message
        if e.msgid and (not e.obsolete or (e.msgid, e.msgid_plural) not in known):
            known[(e.msgid, e.msgid_plural)] = e
    merged = [header]
    for entry in template[1:]:
        old = known.pop((entry.msgid, entry.msgid_plural), None)
        wanted = count if entry.msgid_plural else 1
        forms = list(old.msgstr) if old is not None else [""] * wanted
        flags = [f for f in old.flags] if old is not None else []
        if old is not None and old.obsolete and any(forms):
            flags.append("fuzzy")  # a message back: its old translation, to be checked
        if len(forms) != wanted:  # the language's number of plural forms changed
            forms = (forms + [""] * wanted)[:wanted]
            flags.append("fuzzy")
        merged.append(Entry(entry.msgid, entry.msgid_plural, forms, comments=entry.comments,
                            references=entry.references, flags=sorted(set(flags)),
                            translator_comments=old.translator_comments if old else []))
    for old in known.values():
        if any(old.msgstr):
            merged.append(Entry(old.msgid, old.msgid_plural, old.msgstr, flags=old.flags,
                                obsolete=True, translator_comments=old.translator_comments))
    return merged


def catalogues() -> list[Path]:
    return sorted(PO_DIR.glob("*.po"))


def update() -> int:
    problems: list[str] = []
    template = template_entries(extract(problems))
    if problems:
        return report(problems)
    PO_DIR.mkdir(parents=True, exist_ok=True)
    write_po(TEMPLATE, template)
    print(f"translations: wrote {shown(TEMPLATE)} ({len(template) - 1} messages)")
    for po in catalogues():
        write_po(po, merge(template, parse_po(po.read_text(encoding="utf-8"), str(po))))
        print(f"translations: updated {shown(po)}")
    return 0


def add(language: str) -> int:
    path = PO_DIR / f"{language}.po"
    if path.exists():
        print(f"translations: {shown(path)} exists", file=sys.stderr)
        return 2
    template = parse_po(TEMPLATE.read_text(encoding="utf-8"), str(TEMPLATE))
    write_po(path, merge(template, [_header(language)]))
    print(f"translations: wrote {shown(path)}")
    return 0


# --- checking ----------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[rsd]|%[rsd]")  # ours; argparse's
_TAG = re.compile(r"<\s*(/?\s*[a-zA-Z][a-zA-Z0-9]*)[^<>]*>")
_SHORTCUT = re.compile(r"&(?!&|[a-zA-Z]+;)(?=\w)")


def kept_parts(text: str) -> tuple[list[str], list[str], int]:
    return (sorted(_PLACEHOLDER.findall(text)),
            sorted(t.replace(" ", "").lower() for t in _TAG.findall(text)),
            len(_SHORTCUT.findall(text.replace("&&", ""))))


def check_catalogue(path: Path, template: list[Entry]) -> list[str]:
    entries = parse_po(path.read_text(encoding="utf-8"), str(path))
    problems = []
    name = shown(path)
    count = nplurals(entries)
    if header_field(entries, "Plural-Forms") is None:
        problems.append(f"{name}: the header has no Plural-Forms")
    live = [(e.msgid, e.msgid_plural) for e in entries if e.msgid and not e.obsolete]
    for key in sorted({k for k in live if live.count(k) > 1}, key=str):
        problems.append(f"{name}: {key[0]!r} is there more than once")
    language = (header_field(entries, "Language") or path.stem).strip()
    expected = PLURAL_FORMS.get(language)
    if expected is not None and nplurals([_header(language)]) != count:
        problems.append(f"{name}: Plural-Forms says nplurals={count}; {language} has "
                        f"{nplurals([_header(language)])} ({expected})")
    have = {(e.msgid, e.msgid_plural): e for e in entries if e.msgid and not e.obsolete}
    for wanted in template[1:]:
        key = (wanted.msgid, wanted.msgid_plural)
        entry = have.get(key)
        label = f"{wanted.msgid!r}"
        if entry is None:
            problems.append(f"{name}: missing {label} (run `make translations`)")
            continue
        if entry.fuzzy:
            problems.append(f"{name}: fuzzy, to be checked: {label}")
        if not all(entry.msgstr):
            problems.append(f"{name}: not translated: {label}")
            continue
        if wanted.msgid_plural is not None and len(entry.msgstr) != count:
            problems.append(f"{name}: {label} has {len(entry.msgstr)} plural forms, the "
                            f"language {count}")
        sources = [wanted.msgid] if wanted.msgid_plural is None else [
            wanted.msgid_plural]
        source_parts = kept_parts(sources[0])
        without_n = 0
        for form in entry.msgstr:
            try:
                list(Formatter().parse(form))
            except ValueError as exc:
                problems.append(f"{name}: {label}: {form!r} cannot be filled in ({exc}); "
                                "a brace of the text itself is written {{ or }}")
                continue
            placeholders, tags, shortcuts = kept_parts(form)
            wanted_placeholders = source_parts[0]
            if wanted.msgid_plural is not None:  # a language may drop {n} in one form
                if "{n}" in wanted_placeholders and "{n}" not in placeholders:
                    without_n += 1
                placeholders = sorted(set(placeholders) | ({"{n}"} & set(wanted_placeholders)))
                wanted_placeholders = sorted(set(wanted_placeholders))
            if placeholders != wanted_placeholders:
                problems.append(f"{name}: {label}: placeholders {wanted_placeholders} in the "
                                f"source, {placeholders} in {form!r}")
            if tags != source_parts[1]:
                problems.append(f"{name}: {label}: tags {source_parts[1]} in the source, "
                                f"{tags} in {form!r}")
            if shortcuts != source_parts[2]:
                problems.append(f"{name}: {label}: the source has {source_parts[2]} shortcut "
                                f"&, the translation {shortcuts}: {form!r}")
        if without_n > 1:
            problems.append(f"{name}: {label}: {without_n} plural forms leave out {{n}}; at "
                            "most one may (the form for exactly one)")
    return problems


def check() -> int:
    problems: list[str] = []
    template = template_entries(extract(problems))
    if not TEMPLATE.exists():
        problems.append(f"{shown(TEMPLATE)} does not exist (run `make translations`)")
        return report(problems)
    written = {(e.msgid, e.msgid_plural) for e in
               parse_po(TEMPLATE.read_text(encoding="utf-8"), str(TEMPLATE)) if e.msgid}
    wanted = {(e.msgid, e.msgid_plural) for e in template if e.msgid}
    for msgid, _plural in sorted(wanted - written, key=str):
        problems.append(f"{shown(TEMPLATE)}: missing {msgid!r} (run `make translations`)")
    for msgid, _plural in sorted(written - wanted, key=str):
        problems.append(f"{shown(TEMPLATE)}: no longer in the sources: {msgid!r} "
                        "(run `make translations`)")
    for po in catalogues():
        problems += check_catalogue(po, template)
    if problems:
        return report(problems)
    print(f"translations: {len(wanted)} messages; complete in "
          f"{', '.join(p.stem for p in catalogues()) or 'no language'}")
    return 0


def report(problems: list[str]) -> int:
    print(f"translations: {len(problems)} problems", file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    global PO_DIR, TEMPLATE
    parser = argparse.ArgumentParser(prog="tools/translations.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--po-dir", type=Path, help="the catalogues' folder (tests)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("update", help="refresh the template and every catalogue")
    adding = commands.add_parser("add", help="start a catalogue for a language")
    adding.add_argument("language", help="de, pt_BR, …")
    commands.add_parser("check", help="fail when a catalogue is out of date or incomplete")
    args = parser.parse_args(argv)
    if args.po_dir:
        PO_DIR = args.po_dir
        TEMPLATE = PO_DIR / TEMPLATE.name
    try:
        if args.command == "update":
            return update()
        if args.command == "add":
            return add(args.language)
        return check()
    except (ValueError, SyntaxError, ElementTree.ParseError) as exc:
        print(f"translations: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
