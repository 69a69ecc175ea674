"""What both wizards are made of: the shell, the page base, the secret entry, the choice
list, the QR scanner.
"""
