#!/usr/bin/env python3
"""A fake of anaconda-cleanup: records that it ran (after the runner killed Anaconda)."""

from __future__ import annotations

import os
import sys

from veilor_installer.demo import calls

calls.record("anaconda-cleanup", argv=sys.argv, env=sorted(os.environ))
sys.exit(0)
