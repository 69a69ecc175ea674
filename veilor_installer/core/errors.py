"""The kinds of failure every command reports and the one set of exit codes (DESIGN §3) they
map to: the command line, the privileged helper and its client all use these, without
importing the heavy modules that raise them."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1  # the operation was attempted and failed
EXIT_INVALID = 2  # invalid input: one line on stderr naming the field
EXIT_REJECTED = 3  # the mesh server refused the key
EXIT_UNREACHABLE = 4  # the mesh server could not be reached
EXIT_INTERRUPTED = 130  # Ctrl-C


class InvalidInput(ValueError):
    """Input that cannot be used (answers, machine profile, payload): exit code 2."""


class OperationFailed(RuntimeError):
    """The operation was attempted and failed: exit code 1."""


class MeshRejected(OperationFailed):
    """The mesh server answered and refused the key (expired, already used, unknown): exit
    code 3. A new key is the fix, so the wizard and scripts must tell this apart."""

    exit_code = EXIT_REJECTED


class MeshUnreachable(OperationFailed):
    """The mesh server could not be reached, or did not answer in time: exit code 4. Trying
    again later (or another network) is the fix; the key may still be good."""

    exit_code = EXIT_UNREACHABLE


def exit_code_for(exc: BaseException) -> int:
    """The exit code a failure ends a command or a helper action with."""
    if isinstance(exc, InvalidInput):
        return EXIT_INVALID
    if isinstance(exc, MeshRejected | MeshUnreachable):
        return exc.exit_code
    return EXIT_FAILED
