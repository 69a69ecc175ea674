"""Plain modules the tests share (no fixtures): the demo's pretend systems applied through
pytest's ``monkeypatch``, leak checks, running the CLI and the helper in this process."""
