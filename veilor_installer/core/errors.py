"""The two kinds of failure every command reports, so the command line can map them to exit
codes without importing the heavy modules that raise them."""

from __future__ import annotations


class InvalidInput(ValueError):
    """Input that cannot be used (answers, machine profile, payload): exit code 2."""


class OperationFailed(RuntimeError):
    """The operation was attempted and failed: exit code 1."""


class MeshRejected(OperationFailed):
    """The mesh server answered and refused the key (expired, already used, unknown): exit
    code 3. A new key is the fix, so the wizard and scripts must tell this apart."""

    exit_code = 3


class MeshUnreachable(OperationFailed):
    """The mesh server could not be reached, or did not answer in time: exit code 4. Trying
    again later (or another network) is the fix; the key may still be good."""

    exit_code = 4
