"""What a fake program did, for the tests and the demo to read: one JSON line per start (the
program, the time, what it was asked) appended to ``$VEILOR_FAKE_DIR/calls.jsonl``, a 0600 file
(the argv of a fake may hold what a test checks never reaches a log). Every fake records
through here; ``programs.recorded_calls`` reads it back."""

from __future__ import annotations

import json
import os
import time


def record(prog: str, **fields: object) -> None:
    line = json.dumps({"prog": prog, "t": time.time(), **fields}) + "\n"
    fd = os.open(os.path.join(os.environ["VEILOR_FAKE_DIR"], "calls.jsonl"),
                 os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        fh.write(line)
