#!/usr/bin/env python3
"""A fake of ``skopeo inspect [--no-tags] docker://REF`` with skopeo 1.x's JSON (Name, Digest,
Layers, LayersData with sizes) or its errors. ``VEILOR_FAKE_SKOPEO`` chooses: ok (default),
unreachable (no such host), unknown-tag (manifest unknown), unauthorized. The local transports
(``containers-storage:REF``, ``oci-archive:PATH``) answer the same JSON;
``VEILOR_FAKE_SKOPEO_DIGEST`` sets the digest reported (else one derived from the name).

containers-storage names its store as skopeo does, ``containers-storage:[[driver@]root[+run]]REF``;
without one, the caller's own store (root's /var/lib/containers/storage, a user's
~/.local/share/containers/storage). ``VEILOR_FAKE_SKOPEO_STORES`` (JSON, store root → digest)
says which stores hold the image: a store not in it answers as skopeo does for a missing image."""

from __future__ import annotations

import hashlib
import json
import os
import sys

from veilor_installer.demo import calls

LAYER_SIZES = (73_400_320, 512_000_000, 1_048_576_000, 9_437_184)


def record(**fields: object) -> None:
    calls.record("skopeo", **fields)


def fatal(message: str) -> int:
    sys.stderr.write(f'time="2026-05-09T10:00:00Z" level=fatal msg="{message}"\n')
    return 1


def _store(name: str) -> tuple[str, str]:
    """(``containers-storage:REF``, the store's root) of a containers-storage name."""
    rest = name.split(":", 1)[1]
    if rest.startswith("["):
        spec, rest = rest[1:].split("]", 1)
        root = spec.split("@", 1)[-1].split("+", 1)[0].split(":", 1)[0]
    elif os.geteuid() == 0:
        root = "/var/lib/containers/storage"
    else:
        root = os.path.expanduser("~/.local/share/containers/storage")
    return f"containers-storage:{rest}", root


def main() -> int:
    record(argv=sys.argv, env=sorted(os.environ))
    args = [a for a in sys.argv[1:] if a != "--no-tags"]
    if len(args) != 2 or args[0] != "inspect":
        sys.stderr.write("Usage:\n  skopeo inspect [command options] IMAGE-NAME\n")
        return 125
    name = given = args[1]
    store: str | None = None
    if name.startswith("containers-storage:"):
        name, store = _store(name)
    local = name.split(":", 1)[0] in ("containers-storage", "oci-archive", "oci")
    ref = name.split(":", 1)[1] if local else name.split("://", 1)[-1]
    host = ref.split("/", 1)[0]
    repo = ref.split("@", 1)[0].rsplit(":", 1)[0] if ":" in ref.split("/")[-1] else (
        ref.split("@", 1)[0])
    mode = os.environ.get("VEILOR_FAKE_SKOPEO", "ok")
    quoted = given.replace('"', '\\"')
    if mode == "unreachable":
        return fatal(f'Error parsing image name \\"{quoted}\\": pinging container registry '
                     f'{host}: Get \\"https://{host}/v2/\\": dial tcp: lookup {host} on '
                     '127.0.0.53:53: no such host')
    if mode == "unknown-tag":
        return fatal(f'Error parsing image name \\"{quoted}\\": reading manifest in {repo}: '
                     "manifest unknown")
    if mode == "unauthorized":
        return fatal(f'Error parsing image name \\"{quoted}\\": reading manifest in {repo}: '
                     "unauthorized: authentication required")
    stores = os.environ.get("VEILOR_FAKE_SKOPEO_STORES")
    if store is not None and stores is not None:
        held = json.loads(stores)
        if store not in held:
            return fatal(f'Error parsing image name \\"{quoted}\\": reference '
                         f'\\"[overlay@{store}+/run/containers/storage]{ref}\\" does not resolve '
                         "to an image ID: identifier is not an image")
        os.environ["VEILOR_FAKE_SKOPEO_DIGEST"] = held[store]
    digest = os.environ.get("VEILOR_FAKE_SKOPEO_DIGEST") or (
        "sha256:" + hashlib.sha256(repo.encode()).hexdigest())
    layers = [{"MIMEType": "application/vnd.oci.image.layer.v1.tar+gzip",
               "Digest": "sha256:" + hashlib.sha256(f"{repo}{i}".encode()).hexdigest(),
               "Size": size, "Annotations": None} for i, size in enumerate(LAYER_SIZES)]
    print(json.dumps({
        "Name": repo, "Digest": digest, "RepoTags": [], "Created": "2026-05-01T00:00:00Z",
        "DockerVersion": "", "Labels": {"containers.bootc": "1", "ostree.bootable": "true"},
        "Architecture": "amd64", "Os": "linux", "Layers": [layer["Digest"] for layer in layers],
        "LayersData": layers, "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin"],
    }, indent=4))
    return 0


if __name__ == "__main__":
    sys.exit(main())
