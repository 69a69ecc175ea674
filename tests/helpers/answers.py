"""The test machine, strong secrets and answers files the tests build on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

STRONG_PASSPHRASE = "correct horse battery staple veilor"
STRONG_PASSWORD = "Tr0ub4dor&3-alice-laptop"


def _disk(name: str, size_gib: int, **extra: Any) -> dict[str, Any]:
    disk = {
        "name": name, "path": f"/dev/{name}", "size_bytes": size_gib * 1024**3,
        "model": f"Test Disk {name}", "serial": f"SN-{name}", "transport": "sata",
        "removable": False, "rotational": False, "readonly": False, "fstype": None,
        "partitions": [], "os": [],
    }
    disk.update(extra)
    return disk


TEST_MACHINE: dict[str, Any] = {
    "firmware": "uefi",
    "ram_bytes": 16 * 1024**3,
    "disks": [
        _disk("nvme0n1", 512, transport="nvme", model="Samsung SSD 980 PRO 1TB"),
        _disk("nvme1n1", 512, transport="nvme"),
        _disk("sda", 256),
        _disk("sdb", 16),
        _disk("sdc", 64, transport="usb", removable=True, boot_medium=True, fstype="iso9660"),
        _disk("sdd", 128, readonly=True),
        _disk("loop0", 40, type="loop", transport=None),
    ],
}


def base_answers() -> dict[str, Any]:
    return {
        "image": {"ref": "ghcr.io/veilor/veilor-os:43", "transport": "registry"},
        "locale": {"language": "de_DE.UTF-8", "keyboard": "de", "timezone": "Europe/Berlin"},
        "storage": {"disks": ["nvme0n1"], "layout": "single", "passphrase": STRONG_PASSPHRASE},
        "account": {"username": "alice", "full_name": "Alice Example",
                    "password": STRONG_PASSWORD, "hostname": "alice-laptop"},
    }


def toml_value(value: Any) -> str:
    """A TOML literal for the answers files the tests write (tomllib has no writer)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, str):
        out = []
        for ch in value:
            if ch == "\\":
                out.append("\\\\")
            elif ch == '"':
                out.append('\\"')
            elif ord(ch) < 0x20 or ord(ch) == 0x7F:
                out.append(f"\\u{ord(ch):04X}")
            else:
                out.append(ch)
        return '"' + "".join(out) + '"'
    raise TypeError(type(value))


def write_answers(path: Path, answers: dict[str, Any]) -> Path:
    lines = []
    for section, body in answers.items():
        lines.append(f"[{section}]")
        lines.extend(f"{key} = {toml_value(value)}" for key, value in body.items())
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    path.chmod(0o600)
    return path
