#!/usr/bin/env python3
"""A fake of pkexec(1): records its argv and environment keys, then becomes the program, as the
real one does (it execs, it does not fork). ``VEILOR_FAKE_PKEXEC=deny`` answers as a refused
authorisation does (exit 127). Unlike the real one it keeps the environment (the fakes it starts
need their settings); it sets ``PKEXEC_UID`` like the real one."""

from __future__ import annotations

import os
import sys

from veilor_installer.demo import calls


def record(**fields: object) -> None:
    calls.record("pkexec", **fields)


def main() -> int:
    argv = sys.argv[1:]
    record(argv=sys.argv, env=sorted(os.environ))
    if os.environ.get("VEILOR_FAKE_PKEXEC") == "deny":
        sys.stderr.write("Error executing command as another user: Not authorized\n\n"
                         "This incident has been reported.\n")
        return 127
    if not argv:
        sys.stderr.write("pkexec --version |\n       --help |\n       [--user username] "
                         "PROGRAM [ARGUMENTS...]\n")
        return 127
    os.environ["PKEXEC_UID"] = str(os.getuid())
    os.execv(argv[0], argv)  # noqa: S606 (pkexec becomes the program, no shell)
    return 127  # not reached


if __name__ == "__main__":
    sys.exit(main())
