"""The wheel build's one addition to pyproject.toml: compile the translations.

The .ts files (veilor_installer/data/resources/translations) become the .qm files QTranslator
loads, written into the build folder (never the checkout) by tools/qm.py, a compiler with the
standard library only: a build needs neither PyQt6 nor Qt's lrelease, on PyPI, Debian or in
Fedora's RPM build root alike. Everything else is declared in pyproject.toml.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
TRANSLATIONS = Path("veilor_installer", "data", "resources", "translations")


def _qm_compiler():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("veilor_qm", HERE / "tools" / "qm.py")
    if spec is None or spec.loader is None:
        raise RuntimeError("tools/qm.py (the translation compiler) is missing from the source")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildPyWithTranslations(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # the checkout itself: `make translations` writes its .qm files
            return
        target = Path(self.build_lib) / TRANSLATIONS
        target.mkdir(parents=True, exist_ok=True)
        for qm in _qm_compiler().compile_folder(HERE / TRANSLATIONS, target):
            print(f"compiled translation {qm.name}")

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:  # noqa: FBT001, FBT002
        outputs = list(super().get_outputs(include_bytecode))
        if not self.editable_mode:
            outputs += [str(Path(self.build_lib) / TRANSLATIONS / ts.with_suffix(".qm").name)
                        for ts in sorted((HERE / TRANSLATIONS).glob("*.ts"))]
        return outputs


setup(cmdclass={"build_py": BuildPyWithTranslations})
