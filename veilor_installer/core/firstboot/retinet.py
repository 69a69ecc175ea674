"""Where Reticulum comes from: the RetiNet AGPL fork the image names, never upstream ``rns``.

Upstream Reticulum's licence restricts use since 0.9.5 (research/mesh.md §5.4), so the image
ships no ``rns`` from PyPI. The image names its RetiNet wheel in the site configuration
(``VEILOR_CONFIG``, /etc/veilor/installer.toml)::

    [reticulum]
    retinet_url = "https://…/retinet-….whl"
    retinet_sha256 = "…64 hex digits…"

The ``install-reticulum`` recipe asks this module for it (``python3 -m
veilor_installer.core.firstboot.retinet source``), installs exactly that wheel (pinned by the
hash), and then has the installed package's licence checked (``check-licence``, run by the new
venv's interpreter): a restricted-licence ``rns`` is refused and removed. Until the image names a
source, the opt-in says plainly that Reticulum is not available in this image.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from importlib import metadata

from veilor_installer.core.errors import InvalidInput
from veilor_installer.core.firstboot import hostfiles
from veilor_installer.core.i18n import Text

UNAVAILABLE = Text("Reticulum isn't available in this image: the image names no RetiNet source "
                   "(the AGPL fork), and upstream rns is not installed because its licence "
                   "restricts use.")
LAST_MIT_RNS = (0, 9, 4)
"""Upstream rns up to 0.9.4 is MIT; 0.9.5 and later carry the restricted Reticulum License."""
_URL = re.compile(r"https://[A-Za-z0-9.-]+(?::[0-9]{1,5})?/[A-Za-z0-9._~/%+-]*\.whl")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_FREE = ("agpl", "gnu affero general public license", "mit license", "mit")
_RESTRICTED = ("reticulum license", "other/proprietary license", "proprietary")


@dataclass(frozen=True)
class Source:
    url: str
    sha256: str


def configured_source() -> Source | None:
    """The RetiNet wheel the image names, or None when it names none."""
    table = hostfiles.site_config().get("reticulum", {})
    if not isinstance(table, dict):
        raise InvalidInput(Text("{file}: [reticulum] must be a table",
                                file=hostfiles.config_path()))
    url, sha256 = table.get("retinet_url"), table.get("retinet_sha256")
    if url is None and sha256 is None:
        return None
    where = hostfiles.config_path()
    if not isinstance(url, str) or not _URL.fullmatch(url) or "/../" in url:
        raise InvalidInput(Text("{file}: [reticulum] retinet_url: must be an https:// address "
                                "of a .whl file", file=where))
    if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
        raise InvalidInput(Text("{file}: [reticulum] retinet_sha256: must be 64 lowercase hex "
                                "digits", file=where))
    return Source(url, sha256)


def _version(text: str) -> tuple[int, ...]:
    parts = re.findall(r"[0-9]+", text.split("+")[0].split("-")[0])
    return tuple(int(p) for p in parts[:3])


def licence_problem(dist: metadata.Distribution) -> Text | None:
    """Why this installed Reticulum may not be shipped, or None when its licence is free."""
    meta = dist.metadata

    def field(key: str) -> str:
        values = meta.get_all(key) or []  # the PackageMetadata protocol has no .get
        return str(values[0]) if values else ""

    name = (field("Name") or "?").lower()
    version = field("Version") or "?"
    said = [field("License-Expression"), field("License"),
            *(c.rsplit("::", 1)[-1] for c in (meta.get_all("Classifier") or [])
              if c.startswith("License ::"))]
    words = [w.strip().lower() for w in said if w and w.strip()]
    if any(bad in w for w in words for bad in _RESTRICTED):
        return Text("{name} {version} carries a restricted licence ({licence})", name=name,
                    version=version, licence="; ".join(said).strip("; "))
    if name == "rns" and _version(version) > LAST_MIT_RNS:
        return Text("rns {version} is upstream Reticulum after 0.9.4, under the restricted "
                    "Reticulum License", version=version)
    if not any(free in w.split() or w.startswith(free) for w in words for free in _FREE):
        return Text("{name} {version} does not say it is AGPL or MIT licensed", name=name,
                    version=version)
    return None


def installed() -> metadata.Distribution:
    """The distribution that provides the ``RNS`` package in this interpreter."""
    names = metadata.packages_distributions().get("RNS", [])
    if not names:
        raise InvalidInput(Text("no Reticulum (the RNS package) is installed here"))
    return metadata.distribution(names[0])


def main(argv: list[str]) -> int:
    """``source``: print "URL SHA256" (exit 1 and say why when there is none);
    ``check-licence``: exit 1 and say why when the installed Reticulum may not be shipped."""
    try:
        if argv == ["source"]:
            source = configured_source()
            if source is None:
                print(UNAVAILABLE, file=sys.stderr)
                return 1
            print(f"{source.url} {source.sha256}")
            return 0
        if argv == ["check-licence"]:
            problem = licence_problem(installed())
            if problem:
                print(Text("refusing Reticulum: {problem}", problem=problem), file=sys.stderr)
                return 1
            return 0
    except InvalidInput as exc:
        print(exc, file=sys.stderr)
        return 2
    print(Text("usage: {command} source|check-licence",
               command="python3 -m veilor_installer.core.firstboot.retinet"), file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
