#!/usr/bin/env python3
"""A fake of anaconda-cleanup: records that it ran (after the runner killed Anaconda)."""

from __future__ import annotations

import json
import os
import sys
import time

path = os.path.join(os.environ["VEILOR_FAKE_DIR"], "calls.jsonl")
fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
with os.fdopen(fd, "a", encoding="utf-8") as fh:
    fh.write(json.dumps({"prog": "anaconda-cleanup", "t": time.time(), "argv": sys.argv,
                         "env": sorted(os.environ)}) + "\n")
sys.exit(0)
