"""Fakes of external programs (anaconda, skopeo, pkexec, anaconda-cleanup), put first through
``VEILOR_BIN_DIR`` by ``harness.install_fakes``; they speak the real programs' output."""
