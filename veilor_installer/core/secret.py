"""A value that must never be printed: passphrases, passwords, pre-auth keys."""

from __future__ import annotations

import hmac

from veilor_installer.core.log import register_secret


class Secret:
    """Holds a secret string. ``str``/``repr``/format show a mask; ``reveal()`` gives the value."""

    __slots__ = ("_value",)

    def __init__(self, value: str, *, register: bool = True) -> None:
        """``register=False`` for texts that merely contain registered secrets (a whole
        secrets.ks), so the log filter keeps masking the secret, not the whole text."""
        self._value = value
        if register:
            register_secret(value)

    def reveal(self) -> str:
        return self._value

    def __len__(self) -> int:
        return len(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return repr(self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    def __hash__(self) -> int:
        return hash(("Secret", len(self._value)))

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("a Secret cannot be pickled")
