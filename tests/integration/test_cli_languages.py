"""The command line in German and Russian, as a person runs it (``LANG`` set, a new process):
refusals are translated, still one line naming the field, still exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers.answers import TEST_MACHINE, base_answers, write_answers
from helpers.languages import GERMAN, RUSSIAN, english_messages_of, says_in

LOCALES = {"en": "C.UTF-8", GERMAN: "de_DE.UTF-8", RUSSIAN: "ru_RU.UTF-8"}


def run(argv: list[str], language: str, tmp_path: Path) -> tuple[int, str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = LOCALES[language]
    env["HOME"] = str(tmp_path)
    done = subprocess.run([sys.executable, "-m", "veilor_installer", *argv], env=env,
                          capture_output=True, text=True, timeout=60, check=False,
                          cwd=tmp_path)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("language", [GERMAN, RUSSIAN])
@pytest.mark.parametrize(("command", "section", "key", "value", "field"), [
    ("kickstart", "account", "username", "root", "account.username"),
    ("kickstart", "storage", "passphrase", "short", "storage.passphrase"),
    ("install", "locale", "keyboard", "us ru", "locale.keyboard"),
    ("install", "storage", "disks", ["nvme0n1", "nvme0n1"], "storage.disks[1]"),
])
def test_a_refused_answer_is_said_in_the_language_of_lang(
        tmp_path: Path, language: str, command: str, section: str, key: str, value: Any,
        field: str) -> None:
    answers = base_answers()
    answers[section][key] = value
    path = write_answers(tmp_path / "answers.toml", answers)
    machine = tmp_path / "machine.json"
    machine.write_text(json.dumps(TEST_MACHINE))
    argv = [command, "--answers", str(path), "--machine", str(machine), "--output",
            str(tmp_path / "out")] + (["--no-gui"] if command == "install" else [])

    code, _, english = run(argv, "en", tmp_path)
    assert code == 2 and english.count("\n") == 1 and field in english
    messages = english_messages_of(english)
    assert messages, f"no message of the catalogue in {english!r}"

    code, _, said = run(argv, language, tmp_path)
    assert code == 2, said
    assert said.count("\n") == 1 and said.startswith("veilor-installer: "), said
    assert field in said, said
    assert "Traceback" not in said
    assert says_in(said, messages, language), f"{said!r} does not say {messages} in {language}"
    assert english.strip() != said.strip()
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("language", [GERMAN, RUSSIAN])
def test_a_usage_error_and_a_missing_file_are_said_in_the_language_of_lang(
        tmp_path: Path, language: str) -> None:
    for argv in (["install", "--no-gui"],
                 ["kickstart", "--answers", str(tmp_path / "absent.toml"), "--demo",
                  "--output", str(tmp_path / "out")]):
        code, _, english = run(argv, "en", tmp_path)
        messages = english_messages_of(english)
        code, _, said = run(argv, language, tmp_path)
        assert code == 2 and said.count("\n") == 1, said
        assert messages and says_in(said, messages, language), (argv, said, messages)


@pytest.mark.parametrize("language", [GERMAN, RUSSIAN])
def test_argparse_speaks_the_language_of_lang_too(tmp_path: Path, language: str) -> None:
    from veilor_installer.core import i18n

    code, _, said = run(["kickstart", "--demo", "--answers", "a.toml"], language, tmp_path)
    catalogue = i18n.catalogue(language)
    assert code == 2
    assert said.startswith(catalogue.gettext("usage: ")), said
    required = catalogue.gettext("the following arguments are required: %s") % "--output"
    assert said.rstrip().endswith(f"veilor-installer kickstart: {required}"), said
