"""The demo machine: the fake programs, a pretend system, the walkthrough drivers and the
signed-code maker. The product's ``--demo`` and the tests use it; nothing else does.
"""
