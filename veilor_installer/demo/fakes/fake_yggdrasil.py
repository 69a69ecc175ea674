#!/usr/bin/env python3
"""A fake of yggdrasil 0.5.14's command line: ``-useconffile FILE`` with ``-address``,
``-publickey`` or ``-exportkey``; ``-genconf``; ``-version``.

The config is read as HJSON (PyPI hjson); the key comes from ``PrivateKeyPath`` (a PKCS#8 PEM)
or an inline ``PrivateKey`` (128 hex: seed and public key), and the address is derived from
the public key exactly as yggdrasil-go's ``address.AddrForKey`` does (prefix 0x02, the count
of leading one bits of the inverted key, then the bits after the first zero), so a test sees
the real address of the key first boot wrote.
"""

from __future__ import annotations

import ipaddress
import json
import os
import sys

import hjson
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from veilor_installer.demo import calls


def record(**fields: object) -> None:
    calls.record("yggdrasil", **fields)


def addr_for_key(public: bytes) -> str:
    bits = "".join(f"{(~b) & 0xFF:08b}" for b in public)
    ones = len(bits) - len(bits.lstrip("1"))
    rest = bits[ones + 1:]
    body = bytes(int(rest[i:i + 8], 2) for i in range(0, len(rest) - 7, 8))
    raw = (bytes([0x02, ones]) + body)[:16]
    return str(ipaddress.IPv6Address(raw))


def load_key(config: dict[str, object]) -> Ed25519PrivateKey:
    path = config.get("PrivateKeyPath")
    if path:  # this fake's "/" is the test's system root
        with open(os.path.join(os.environ.get("VEILOR_SYSROOT", "/"), str(path).lstrip("/")),
                  "rb") as fh:
            key = serialization.load_pem_private_key(fh.read(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise SystemExit("panic: PrivateKeyPath is not an ed25519 key")
        return key
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(str(config["PrivateKey"]))[:32])


def main() -> int:
    argv = sys.argv[1:]
    record(argv=sys.argv)
    if "-version" in argv:
        print("Build name: yggdrasil\nBuild version: 0.5.14")
        return 0
    if "-genconf" in argv:
        seed = Ed25519PrivateKey.generate()
        raw = seed.private_bytes_raw() + seed.public_key().public_bytes_raw()
        print(json.dumps({"PrivateKey": raw.hex(), "Peers": [], "Listen": [],
                          "MulticastInterfaces": [{"Regex": ".*", "Beacon": True,
                                                   "Listen": True}]}, indent=2))
        return 0
    if "-useconffile" not in argv:
        sys.stderr.write("Usage: yggdrasil [options]\n")
        return 1
    path = argv[argv.index("-useconffile") + 1]
    try:
        with open(path, encoding="utf-8") as fh:
            config = hjson.loads(fh.read())
    except OSError as exc:
        sys.stderr.write(f"panic: open {path}: {(exc.strerror or str(exc)).lower()}\n")
        return 2
    key = load_key(config)
    public = key.public_key().public_bytes_raw()
    if "-address" in argv:
        print(addr_for_key(public))
    elif "-publickey" in argv:
        print(public.hex())
    elif "-exportkey" in argv:
        sys.stdout.write(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()).decode())
    else:
        sys.stderr.write("the fake yggdrasil does not run a node\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
