#!/usr/bin/env python3
"""A fake of ujust (``just --justfile /usr/share/ublue-os/justfile``) over the recipes
veilor-installer ships (``$VEILOR_FAKE_JUSTFILE``).

The real ``just`` (``$VEILOR_FAKE_JUST``, from PyPI rust-just) reads the shipped file, so an
unknown recipe or argument fails as ujust would (``error: Justfile does not contain recipe``,
exit 1); the recipe's own script, as ``just --dry-run`` prints it, gives the lines the fake
prints: its final ``echo`` the first time, its ``echo "unchanged: …"`` after that.
Dependencies run first, as in just. Nothing on this machine is changed.
``VEILOR_FAKE_UJUST=fail`` makes a recipe fail the way just reports it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from veilor_installer.demo import calls

FAKE_DIR = os.environ["VEILOR_FAKE_DIR"]
STATE = os.path.join(FAKE_DIR, "ujust.json")
JUSTFILE = os.environ["VEILOR_FAKE_JUSTFILE"]
JUST = os.environ["VEILOR_FAKE_JUST"]
_ECHO = re.compile(r'^\s*echo "(.*)"\s*$', re.M)


def record(**fields: object) -> None:
    calls.record("ujust", **fields)


def just(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([JUST, "--justfile", JUSTFILE, *args], capture_output=True,
                          text=True, check=False)


def messages(recipe: str, variables: dict[str, str]) -> tuple[str, str]:
    """(what the recipe says when it did its work, when it had nothing to do)."""
    script = just("--dry-run", "--no-deps", recipe).stderr
    echoes = _ECHO.findall(script)
    done = echoes[-1] if echoes else "done"
    unchanged = next((e for e in echoes if e.startswith("unchanged:")), f"unchanged: {recipe}")
    for name, value in variables.items():
        done, unchanged = done.replace(f"${name}", value), unchanged.replace(f"${name}", value)
    return done, unchanged


def main() -> int:
    argv = sys.argv[1:]
    record(argv=sys.argv)
    dump = json.loads(just("--dump", "--dump-format", "json").stdout)
    recipes = dump["recipes"]
    if not argv:
        print("Available recipes:\n" + "\n".join(f"    {name}" for name in recipes))
        return 0
    for name in argv:
        if name not in recipes:
            sys.stderr.write(f"error: Justfile does not contain recipe `{name}`.\n")
            return 1
    variables = {name: str(a["value"]) for name, a in dump["assignments"].items()}
    variables.update(prefix=variables.get("reticulum_prefix", ""),
                     want=variables.get("reticulum_version", ""))
    try:
        with open(STATE, encoding="utf-8") as fh:
            state = dict(json.load(fh))
    except FileNotFoundError:
        state = {}
    for name in argv:
        order = [d["recipe"] for d in recipes[name]["dependencies"]] + [name]
        for recipe in order:
            if os.environ.get("VEILOR_FAKE_UJUST") == "fail":
                sys.stderr.write(f"error: Recipe `{recipe}` failed with exit code 1\n")
                return 1
            done, unchanged = messages(recipe, variables)
            print(unchanged if state.get(recipe) else done)
            state[recipe] = int(state.get(recipe, 0)) + 1
    with open(STATE, "w", encoding="utf-8") as fh:
        json.dump(state, fh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
