"""Machines and disk scans for the Disks page's tests (its unit tests and the hot-plug test)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from veilor_installer.core.install.machine import GIB, Disk, Machine
from veilor_installer.gui.install.state import InstallState


def disk(name: str, gib: int, **extra: Any) -> Disk:
    fields: dict[str, Any] = {
        "path": f"/dev/{name}", "size_bytes": gib * GIB, "model": f"Test {name}",
        "serial": f"SN-{name}", "transport": "sata", "by_id": f"ata-Test_{name}_SN-{name}"}
    fields.update(extra)
    return Disk(name=name, **fields)


def machine(*disks: Disk) -> Machine:
    return Machine(firmware="uefi", ram_bytes=16 * GIB, disks=disks)


class Reader:
    """A read_machine that answers each call with the next machine (the last one repeats)
    and records the thread it ran on."""

    def __init__(self, *answers: Machine | Exception) -> None:
        self.answers = list(answers)
        self.threads: list[threading.Thread] = []

    @property
    def calls(self) -> int:
        return len(self.threads)

    def __call__(self) -> Machine:
        self.threads.append(threading.current_thread())
        answer = self.answers[min(len(self.threads), len(self.answers)) - 1]
        if isinstance(answer, Exception):
            raise answer
        return answer


def state_for(tmp_path: Path, read_machine: Any) -> InstallState:
    return InstallState(read_machine=read_machine, dry_run=True,
                        output_dir=str(tmp_path / "veilor-install"))
