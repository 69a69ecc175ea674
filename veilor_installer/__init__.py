"""veilor-installer: the installer and first-boot setup wizard of veilor-os."""

__version__ = "0.1.0"
