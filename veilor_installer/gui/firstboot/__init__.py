"""The first-boot wizard (``veilor-installer firstboot``): join the Veilor mesh by QR code or
pasted key, the Yggdrasil fallback, opt-ins, disk unlock; then Apply, step by step. The list
of pages is in ``wizard.py``; each page is one file here and one ``ui/firstboot_*.ui`` form."""
