"""The PyQt6 wizard. Pages only present what veilor_installer.core decides."""
