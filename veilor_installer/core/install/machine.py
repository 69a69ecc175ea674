"""The machine profile: firmware, RAM and disks, as ``disks --json`` prints it (DESIGN §4).

Typed data crossing from storage discovery to the plan, the kickstart and the GUI.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from veilor_installer.core.errors import InvalidInput
from veilor_installer.core.i18n import N_, Text, _

Firmware = Literal["uefi", "bios"]

GIB = 1024**3
MIN_DISK_BYTES = 32 * GIB

# Block device kinds that are never an install target.
NOT_TARGET_TYPES = {"loop", "zram", "ram", "rom", "md", "dm", "crypt", "lvm"}


class ProfileError(InvalidInput):
    """A machine profile that cannot be used; the message names the field."""


@dataclass(frozen=True)
class Partition:
    name: str
    size_bytes: int
    fstype: str | None = None
    label: str | None = None
    # Extra keys, beyond those DESIGN §4 requires.
    number: int | None = None
    parttype: str | None = None
    partlabel: str | None = None
    mountpoints: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "size_bytes": self.size_bytes,
            "fstype": self.fstype,
            "label": self.label,
            "number": self.number,
            "parttype": self.parttype,
            "partlabel": self.partlabel,
            "mountpoints": list(self.mountpoints),
        }


@dataclass(frozen=True)
class Disk:
    name: str
    path: str
    size_bytes: int
    model: str | None = None
    serial: str | None = None
    transport: str | None = None
    removable: bool = False
    rotational: bool = False
    readonly: bool = False
    fstype: str | None = None
    partitions: tuple[Partition, ...] = ()
    os: tuple[str, ...] = ()
    # Extra keys.
    type: str = "disk"
    pttype: str | None = None
    label: str | None = None
    by_id: str | None = None
    boot_medium: bool = False
    mountpoints: tuple[str, ...] = ()

    @property
    def description(self) -> str:
        """How a person recognises the disk: "Samsung SSD 980 PRO 1TB (nvme0n1, 1.0 TB)"."""
        if self.model:
            return f"{self.model} ({self.name}, {human_size(self.size_bytes)})"
        return _("Unnamed disk ({name}, {size})").format(name=self.name,
                                                          size=human_size(self.size_bytes))

    @property
    def in_use(self) -> bool:
        return bool(self.mountpoints) or any(p.mountpoints for p in self.partitions)

    def unsuitable_reason(self) -> Text | None:
        """Why this disk cannot be an install target, or None when it can."""
        if self.type in NOT_TARGET_TYPES:
            return Text("it is a {type} device, not a disk", type=self.type)
        if self.boot_medium:
            return Text("it is the medium this system was started from")
        if self.readonly:
            return Text("it is read-only")
        if self.size_bytes < MIN_DISK_BYTES:
            return Text("it holds {size} ({gib} GiB); veilor-os needs at least {least} GiB",
                        size=human_size(self.size_bytes), gib=f"{self.size_bytes / GIB:.1f}",
                        least=MIN_DISK_BYTES // GIB)
        return None

    @property
    def install_target(self) -> bool:
        return self.unsuitable_reason() is None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "path": self.path,
            "size_bytes": self.size_bytes,
            "model": self.model,
            "serial": self.serial,
            "transport": self.transport,
            "removable": self.removable,
            "rotational": self.rotational,
            "readonly": self.readonly,
            "fstype": self.fstype,
            "partitions": [p.to_json() for p in self.partitions],
            "os": list(self.os),
            "type": self.type,
            "pttype": self.pttype,
            "label": self.label,
            "by_id": self.by_id,
            "boot_medium": self.boot_medium,
            "mountpoints": list(self.mountpoints),
            "install_target": self.install_target,
            "unsuitable_reason": _str_or_none(self.unsuitable_reason()),
        }


@dataclass(frozen=True)
class Machine:
    firmware: Firmware
    ram_bytes: int
    disks: tuple[Disk, ...] = field(default_factory=tuple)

    def disk(self, name: str) -> Disk | None:
        for disk in self.disks:
            if disk.name == name:
                return disk
        return None

    def targets(self) -> Machine:
        """The same machine with only the disks one may install to."""
        return replace(self, disks=tuple(d for d in self.disks if d.install_target))

    def to_json(self) -> dict[str, Any]:
        return {
            "firmware": self.firmware,
            "ram_bytes": self.ram_bytes,
            "disks": [d.to_json() for d in self.disks],
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n"


def human_size(size: int) -> str:
    """Decimal units, as disks are sold: 1000204886016 → "1.0 TB"."""
    value = float(size)
    for unit in ("B", "kB", "MB", "GB", "TB", "PB"):
        if value < 1000 or unit == "PB":
            if unit == "B":
                return f"{int(value)} B"
            return f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")


# --- reading a profile ------------------------------------------------------------------------


def _get(obj: dict[str, Any], key: str, kinds: type | tuple[type, ...], where: str) -> Any:
    if key not in obj:
        raise ProfileError(Text("{field}: missing", field=f"{where}.{key}"))
    value = obj[key]
    if isinstance(value, bool) and kinds in (int, (int, type(None))):
        raise ProfileError(Text("{field}: expected a number, not {value}", field=f"{where}.{key}",
                                value=repr(value)))
    if not isinstance(value, kinds):
        raise ProfileError(Text("{field}: expected {kind}, not {value}", field=f"{where}.{key}",
                                kind=_kind_name(kinds), value=repr(value)))
    return value


def _opt(obj: dict[str, Any], key: str, kinds: type | tuple[type, ...], where: str) -> Any:
    if obj.get(key) is None:
        return None
    return _get(obj, key, kinds, where)


def _kind_name(kinds: type | tuple[type, ...]) -> str:
    """What a JSON value of ``kinds`` is called, in the language in use."""
    names = {str: N_("text"), int: N_("a number"), bool: N_("true or false"), list: N_("a list"),
             dict: N_("a table"), type(None): N_("null")}
    if isinstance(kinds, tuple):
        words = [_(names.get(k, "null")) for k in kinds]
        return functools.reduce(lambda first, second: _("{first} or {second}").format(
            first=first, second=second), words)
    return _(names[kinds]) if kinds in names else kinds.__name__


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProfileError(Text("{field}: expected a list of text", field=where))
    return tuple(value)


def _partition(obj: Any, where: str) -> Partition:
    if not isinstance(obj, dict):
        raise ProfileError(Text("{field}: expected an object", field=where))
    size = _get(obj, "size_bytes", int, where)
    if size < 0:
        raise ProfileError(Text("{field}: must not be negative", field=f"{where}.size_bytes"))
    return Partition(
        name=_get(obj, "name", str, where),
        size_bytes=size,
        fstype=_opt(obj, "fstype", str, where),
        label=_opt(obj, "label", str, where),
        number=_opt(obj, "number", int, where),
        parttype=_opt(obj, "parttype", str, where),
        partlabel=_opt(obj, "partlabel", str, where),
        mountpoints=_strings(obj.get("mountpoints"), f"{where}.mountpoints"),
    )


def _disk(obj: Any, where: str) -> Disk:
    if not isinstance(obj, dict):
        raise ProfileError(Text("{field}: expected an object", field=where))
    name = _get(obj, "name", str, where)
    if not name or "/" in name or any(not c.isprintable() for c in name):
        raise ProfileError(Text("{field}: {name} is not a kernel device name",
                                field=f"{where}.name", name=repr(name)))
    size = _get(obj, "size_bytes", int, where)
    if size < 0:
        raise ProfileError(Text("{field}: must not be negative", field=f"{where}.size_bytes"))
    parts = obj.get("partitions", [])
    if not isinstance(parts, list):
        raise ProfileError(Text("{field}: expected a list", field=f"{where}.partitions"))
    return Disk(
        name=name,
        path=_opt(obj, "path", str, where) or f"/dev/{name}",
        size_bytes=size,
        model=_opt(obj, "model", str, where),
        serial=_opt(obj, "serial", str, where),
        transport=_opt(obj, "transport", str, where),
        removable=bool(_opt(obj, "removable", bool, where)),
        rotational=bool(_opt(obj, "rotational", bool, where)),
        readonly=bool(_opt(obj, "readonly", bool, where)),
        fstype=_opt(obj, "fstype", str, where),
        partitions=tuple(
            _partition(p, f"{where}.partitions[{i}]") for i, p in enumerate(parts)
        ),
        os=_strings(obj.get("os"), f"{where}.os"),
        type=_opt(obj, "type", str, where) or "disk",
        pttype=_opt(obj, "pttype", str, where),
        label=_opt(obj, "label", str, where),
        by_id=_opt(obj, "by_id", str, where),
        boot_medium=bool(_opt(obj, "boot_medium", bool, where)),
        mountpoints=_strings(obj.get("mountpoints"), f"{where}.mountpoints"),
    )


def machine_from_json(data: Any) -> Machine:
    """Build a Machine from parsed JSON, refusing anything malformed with the field named."""
    if not isinstance(data, dict):
        raise ProfileError(Text("machine profile: expected a JSON object"))
    firmware = _get(data, "firmware", str, "machine")
    if firmware not in ("uefi", "bios"):
        raise ProfileError(Text("{field}: must be 'uefi' or 'bios', not {value}",
                                field="machine.firmware", value=repr(firmware)))
    ram = _get(data, "ram_bytes", int, "machine")
    if ram <= 0:
        raise ProfileError(Text("{field}: must be a positive number", field="machine.ram_bytes"))
    disks = data.get("disks")
    if not isinstance(disks, list):
        raise ProfileError(Text("{field}: expected a list", field="machine.disks"))
    parsed = tuple(_disk(d, f"machine.disks[{i}]") for i, d in enumerate(disks))
    names = [d.name for d in parsed]
    for name in names:
        if names.count(name) > 1:
            raise ProfileError(Text("{field}: the disk {name} is listed twice",
                                    field="machine.disks", name=repr(name)))
    return Machine(firmware=firmware, ram_bytes=ram, disks=parsed)


def load_machine(path: str) -> Machine:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as exc:
        raise ProfileError(Text("--machine: cannot read {path}: {why}", path=path,
                                why=exc.strerror)) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(Text("--machine: {path} is not valid JSON ({why})", path=path,
                                why=exc)) from None
    return machine_from_json(data)


def with_disks(machine: Machine, disks: Iterable[Disk]) -> Machine:
    return replace(machine, disks=tuple(disks))


def _str_or_none(text: Text | None) -> str | None:
    return None if text is None else str(text)
