"""What Anaconda 43 prints and logs that the runner recognises (research/anaconda.md §3).

Its output follows the kickstart's ``lang`` (the runner starts it with ``LANGUAGE=en_US`` so
these English texts match); its log files are never translated, so the verdict rests on the
log lines and the ``%onerror`` marker first. Kept in one place so that a new Anaconda release
is checked against one file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

STDOUT_COMPLETE = "Installation complete. Press ENTER to quit"
LOG_COMPLETE = "All tasks in the installation queue are done. Installation successfully finished."
STDOUT_STOPPED = "The installation was stopped due to an error"
LOG_STOPPED = "Non interactive installation failed"
STDOUT_REJECTED = "An error occurred during reading the kickstart file"
STDOUT_TERMINATE = "The installer will now terminate"
EXACT_ERROR = "The exact error message is:"
PIDFILE = re.compile(r"anaconda\.pid already exists, exiting")
QUEUE = re.compile(r"Queue started: (?P<name>.+?) \((?P<n>\d+)/(?P<total>\d+)\)")
TASK = re.compile(r"Task started: (?P<name>.+?) \((?P<n>\d+)/(?P<total>\d+)\)")
ERROR_LINE = re.compile(r"\b(?:ERR|ERROR|CRT|CRITICAL)\b")
STORAGE = re.compile(r"storage|partition|filesystem|format|disk", re.IGNORECASE)
PAYLOAD = re.compile(r"payload|ostree|container|deploy", re.IGNORECASE)
BOOTLOADER = re.compile(r"boot ?loader", re.IGNORECASE)
_BOILERPLATE = re.compile(r"^(?:=+|\s*\*.*|Starting installer.*|anaconda .* started\.|Progress|"
                          r"\.+|\s*)$")


def step_title(line: str) -> str | None:
    """A progress message of Anaconda's output, or None for its banner, dots and verdicts."""
    text = line.strip().lstrip(".").strip()
    if not text or _BOILERPLATE.fullmatch(line.strip()) or len(text) > 120:
        return None
    if any(t in text for t in (STDOUT_COMPLETE, STDOUT_STOPPED, STDOUT_REJECTED)):
        return None
    if text.startswith(("Traceback", "File ", "The exact error", "The installer will")):
        return None
    return text


def between(lines: Sequence[str], start: str, end: str) -> str:
    """The text after the line holding ``start`` (after its colon) up to ``end``."""
    text = "\n".join(lines)
    at = text.rfind(start)
    if at < 0:
        return ""
    rest = text[at + len(start):]
    if EXACT_ERROR in rest:
        rest = rest.split(EXACT_ERROR, 1)[1]
    elif ":" in rest.split("\n", 1)[0]:
        rest = rest.split(":", 1)[1]
    rest = rest.split(end, 1)[0]
    return rest.strip().rstrip(".").strip()
