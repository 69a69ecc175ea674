"""FOR `make rpm` ON THIS (DEBIAN) MACHINE ONLY: the stand-in for Fedora's %pyproject_save_files
(packaging/macros.build-here). Lists the installed package and its .dist-info in the file list
%files -f reads: a %dir line for each folder, every file, the licence files as %license;
``-l`` fails when there is no licence, as Fedora's does."""

from __future__ import annotations

import sys
from pathlib import Path


def main(buildroot: str, sitelib: str, output: str, *args: str) -> int:
    root = Path(buildroot)
    site = root / sitelib.lstrip("/")
    names = [a for a in args if not a.startswith("-")]
    lines: list[str] = []
    licences = 0
    for name in names:
        tops = [site / name, *site.glob(f"{name}-*.dist-info")]
        if not tops[0].is_dir():
            print(f"pyproject_save_files: {name} not in {sitelib}", file=sys.stderr)
            return 1
        for top in tops:
            for path in sorted([top, *top.rglob("*")]):
                shown = "/" + str(path.relative_to(root))
                if path.is_dir():
                    lines.append(f"%dir {shown}")
                elif path.parent.name == "licenses" and path.parent.parent.suffix == ".dist-info":
                    lines.append(f"%license {shown}")
                    licences += 1
                else:
                    lines.append(shown)
    if "-l" in args and not licences:
        print("pyproject_save_files: -l given, but no licence file in the metadata",
              file=sys.stderr)
        return 1
    Path(output).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
