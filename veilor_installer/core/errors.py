"""The two kinds of failure every command reports, so the command line can map them to exit
codes without importing the heavy modules that raise them."""

from __future__ import annotations


class InvalidInput(ValueError):
    """Input that cannot be used (answers, machine profile, payload): exit code 2."""


class OperationFailed(RuntimeError):
    """The operation was attempted and failed: exit code 1."""
