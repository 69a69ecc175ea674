"""First boot's core: the choices, enrolment in the mesh, Yggdrasil, Reticulum, the opt-ins,
disk unlock and the QR code. Never imports install mode.
"""
