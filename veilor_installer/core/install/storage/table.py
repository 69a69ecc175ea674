"""The human table ``veilor-installer disks`` prints: one line a disk, what it holds, and
whether veilor-os can go there (and if not, why)."""

from __future__ import annotations

from veilor_installer.core.i18n import N_, Text, _
from veilor_installer.core.install.machine import Disk, Machine, human_size

GIB = 1024**3
COLUMNS = (N_("NAME"), N_("SIZE"), N_("TYPE"), N_("TRANSPORT"), N_("MODEL"), N_("CONTAINS"),
           N_("TARGET"))


def contains(disk: Disk) -> str:
    """Operating systems if any are recognised, else the filesystems, else "empty".

    A disk with partitions but no filesystem type known (blkid could not read it, not root)
    says how many partitions it has rather than calling it empty.
    """
    if disk.os:
        return ", ".join(disk.os)
    fstypes: list[str] = []
    for fstype in (disk.fstype, *(p.fstype for p in disk.partitions)):
        if fstype and fstype not in fstypes:
            fstypes.append(fstype)
    if fstypes:
        return ", ".join(fstypes)
    if disk.partitions:
        return str(Text.plural("{n} partition", "{n} partitions", len(disk.partitions)))
    return _("empty")


def _row(disk: Disk) -> tuple[str, ...]:
    reason = disk.unsuitable_reason()
    return (
        disk.name,
        human_size(disk.size_bytes),
        disk.type,
        disk.transport or "-",
        disk.model or "-",
        contains(disk),
        _("yes") if reason is None else _("no: {reason}").format(reason=reason),
    )


def format_table(machine: Machine) -> str:
    """Firmware and RAM on the first line, then the aligned table; ends with a newline.

    RAM is given in GiB, the unit memory is sold in, unlike disks.
    """
    lines = [_("Firmware: {firmware}, RAM: {ram} GiB").format(
        firmware=machine.firmware.upper(), ram=f"{machine.ram_bytes / GIB:.1f}")]
    if not machine.disks:
        lines.append(_("No disk to list. `veilor-installer disks --all` shows every block device "
                       "and why it cannot take veilor-os."))
        return "\n".join(lines) + "\n"
    rows = [tuple(_(name) for name in COLUMNS), *(_row(disk) for disk in machine.disks)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines) + "\n"
