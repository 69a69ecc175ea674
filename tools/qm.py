"""Qt's .qm translation files from .ts files, with the standard library only: the compiler the
wheel build (setup.py) runs, so that neither PyQt6 nor Qt's lrelease is needed to build.
tools/translations.py (extract, check, release) uses it too.

The format is Qt's, written as lrelease writes it in its default mode (qttools,
src/linguist/shared/qm.cpp: Releaser::save, Releaser::squeeze, writeMessage) and read by
QTranslator (qtbase, src/corelib/kernel/qtranslator.cpp: QTranslatorPrivate::do_load,
getMessage, elfHash).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

Key = tuple[str, str, str]
"""A message: (context, source text, disambiguation)."""


class TranslationError(Exception):
    """A .ts file that cannot be read or compiled; the message names the file."""


def read_ts(ts: Path) -> ElementTree.Element:
    try:
        return ElementTree.parse(ts).getroot()  # noqa: S314 (our own files)
    except ElementTree.ParseError as exc:
        raise TranslationError(f"{ts}: not a valid .ts file: {exc}") from exc


def messages(root: ElementTree.Element) -> Iterator[tuple[Key, ElementTree.Element]]:
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield (name, message.findtext("source") or "",
                   message.findtext("comment") or ""), message


def _translation(message: ElementTree.Element) -> ElementTree.Element:
    translation = message.find("translation")
    if translation is None:
        translation = ElementTree.SubElement(message, "translation")
    return translation


QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
# Blocks of the file, then the tags of a message's fields (qtranslator.cpp).
QM_HASHES, QM_MESSAGES, QM_LANGUAGE = 0x42, 0x69, 0xA7
TAG_END, TAG_TRANSLATION, TAG_SOURCE_TEXT, TAG_CONTEXT, TAG_COMMENT = 1, 3, 6, 7, 8


def elf_hash(data: bytes) -> int:
    """QTranslator's hash of source text + disambiguation (UTF-8), never 0."""
    h = 0
    for byte in data:
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h or 1


def _sized(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def qm_bytes(ts: Path) -> bytes:
    """The .qm of a .ts, as lrelease writes it by default: every translation that is done or
    unfinished but non-empty, with its context, source and disambiguation in full."""
    root = read_ts(ts)
    table: dict[Key, str] = {}
    for key, message in messages(root):
        translation = _translation(message)
        if translation.get("type") in ("vanished", "obsolete") or not translation.text:
            continue  # no entry: QTranslator gives back the English source
        if message.get("numerus") == "yes":
            raise TranslationError(f"{ts}: plural forms ({key[1]!r}) need Qt's plural rules; "
                                "compile with `tools/translations.py release --lrelease`")
        table[key] = translation.text
    records = bytearray()
    hashes = []
    for (context, source, comment), text in sorted(table.items()):
        hashes.append((elf_hash((source + comment).encode()), len(records)))
        records += (bytes([TAG_TRANSLATION]) + _sized(text.encode("utf-16-be"))
                    + bytes([TAG_COMMENT]) + _sized(comment.encode())
                    + bytes([TAG_SOURCE_TEXT]) + _sized(source.encode())
                    + bytes([TAG_CONTEXT]) + _sized(context.encode())
                    + bytes([TAG_END]))
    out = bytearray(QM_MAGIC)
    if root.get("language"):
        out += bytes([QM_LANGUAGE]) + _sized(root.get("language", "").encode())
    if records:  # QTranslator stops at an empty block
        out += bytes([QM_HASHES]) + _sized(b"".join(struct.pack(">II", h, offset)
                                                   for h, offset in sorted(hashes)))
        out += bytes([QM_MESSAGES]) + _sized(bytes(records))
    return bytes(out)


def compile_folder(folder: Path, target: Path | None = None) -> list[Path]:
    """Every ``*.ts`` in ``folder`` compiled to a ``.qm`` of the same name in ``target``
    (default: beside it); the .qm files written."""
    written = []
    for ts in sorted(folder.glob("*.ts")):
        qm = (target or folder) / ts.with_suffix(".qm").name
        qm.write_bytes(qm_bytes(ts))
        written.append(qm)
    return written
