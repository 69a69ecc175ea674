"""Anaconda, driven for a live install (DESIGN §3, §8; research/anaconda.md §3).

The package from the bottom up: ``patterns`` (the texts Anaconda prints and logs that are
recognised), ``events`` (what a run reports and its typed result), ``progress`` (how far it
got, and the pace of its events), ``logs`` (followed, bundled redacted, saved to a stick),
``wording`` (the result in words), ``stop`` (ending Anaconda without its restart, from the
runner and in the root helper), ``runner`` (one Anaconda run, on top). The names other
packages use are re-exported here.
"""

from veilor_installer.core.install.anaconda.events import (
    FAILURE_SLEEP_S,
    DiskState,
    Ended,
    Environment,
    Event,
    InstallResult,
    LogLines,
    Outcome,
    Progress,
    Step,
    detect_environment,
)
from veilor_installer.core.install.anaconda.logs import (
    collect_logs,
    default_log_dir,
    mask,
    removable_media_folder,
    save_logs,
)
from veilor_installer.core.install.anaconda.patterns import LOG_COMPLETE, step_title
from veilor_installer.core.install.anaconda.progress import Tracker
from veilor_installer.core.install.anaconda.runner import AnacondaRunner, describe_command

__all__ = [
    "FAILURE_SLEEP_S",
    "LOG_COMPLETE",
    "AnacondaRunner",
    "DiskState",
    "Ended",
    "Environment",
    "Event",
    "InstallResult",
    "LogLines",
    "Outcome",
    "Progress",
    "Step",
    "Tracker",
    "collect_logs",
    "default_log_dir",
    "describe_command",
    "detect_environment",
    "mask",
    "removable_media_folder",
    "save_logs",
    "step_title",
]
