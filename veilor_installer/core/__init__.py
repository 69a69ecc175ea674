"""Qt-free logic of veilor-installer. Nothing under this package may import PyQt6."""
