#!/usr/bin/env bash
# veilor-os live ISO: titanoboa's HOOK_post_rootfs (docs/ISO.md). Runs inside the live ISO's
# root file system before it is squashed, so that the live session starts veilor-installer's
# wizard instead of liveinst:
#   1. installs veilor-installer-live (the RPM's subpackage for the medium: its autostart and
#      menu entries start `veilor-installer install --live`, and it requires blivet and pyudev;
#      it pulls in veilor-installer), anaconda-live, anaconda-tui (Anaconda's --cmdline mode)
#      and the libblockdev plugins Anaconda's storage needs; VEILOR_INSTALLER_RPM names local
#      RPM files instead (both veilor-installer's and veilor-installer-live's, separated by
#      spaces), else the image's repositories are used; checks with rpm that all are there;
#   2. installs the ISO-only polkit rule (the live user may pkexec exactly Anaconda as the
#      installer runs it, anaconda-cleanup and veilor-installer-helper, without a password);
#   3. (the live session's autostart and menu entries come with veilor-installer-live)
#   4. hides liveinst (menu entry and its desktop-icon setup), KDE's welcome app and our own
#      first-boot wizard's autostart by installing a `Hidden=true` entry in their place;
#   5. when the ISO carries the image (VEILOR_ISO_IMAGE_DIGEST set), records it in
#      /etc/veilor-installer/iso-image.json for the offline install (core/medium.py):
#      VEILOR_ISO_IMAGE (the reference in containers-storage, or the oci-archive's path on
#      the medium), VEILOR_ISO_IMAGE_TRANSPORT (containers-storage, the default, or
#      oci-archive), VEILOR_ISO_UPDATE_REF (the signed registry reference the installed
#      system follows; default VEILOR_ISO_IMAGE for containers-storage).
# The files it leaves are listed in iso/FILES. VEILOR_ISO_ROOT (default /) is the root to
# write into; the tests point it at a scratch folder with stand-in dnf and rpm.
set -euo pipefail
umask 022

root=${VEILOR_ISO_ROOT:-/}
root=${root%/}
kit=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# The plugins are those titanoboa-style ISOs add (research/iso.md §3, anaconda.md §7.2).
packages=(anaconda-live anaconda-tui libblockdev-btrfs libblockdev-dm libblockdev-lvm)
# The installer's own packages: rpm -q names them whichever way they are installed.
own=(veilor-installer veilor-installer-live)
installer=(veilor-installer-live)
if [ -n "${VEILOR_INSTALLER_RPM:-}" ]; then
    read -r -a installer <<<"$VEILOR_INSTALLER_RPM"
    for file in "${installer[@]}"; do
        if [ ! -f "$file" ]; then
            echo "hook: VEILOR_INSTALLER_RPM: no such file: $file" >&2
            exit 2
        fi
    done
fi

record=""
if [ -n "${VEILOR_ISO_IMAGE_DIGEST:-}" ]; then
    transport=${VEILOR_ISO_IMAGE_TRANSPORT:-containers-storage}
    image=${VEILOR_ISO_IMAGE:-}
    update=${VEILOR_ISO_UPDATE_REF:-}
    [ -z "$update" ] && [ "$transport" = containers-storage ] && update=$image
    bad() { echo "hook: $1" >&2; exit 2; }
    case $transport in containers-storage|oci-archive) ;;
        *) bad "VEILOR_ISO_IMAGE_TRANSPORT: must be containers-storage or oci-archive" ;; esac
    [[ $VEILOR_ISO_IMAGE_DIGEST =~ ^sha256:[0-9a-f]{64}$ ]] ||
        bad "VEILOR_ISO_IMAGE_DIGEST: must be sha256: and 64 lowercase hex digits"
    [[ $image =~ ^[A-Za-z0-9/][A-Za-z0-9._/:-]*$ && $image != *..* ]] ||
        bad "VEILOR_ISO_IMAGE: must be an image reference or an absolute path (no digest)"
    [ "$transport" = oci-archive ] && [[ $image != /* ]] &&
        bad "VEILOR_ISO_IMAGE: an oci-archive is an absolute path on the medium"
    [[ $update =~ ^[a-z0-9][A-Za-z0-9._/:-]*$ ]] ||
        bad "VEILOR_ISO_UPDATE_REF: must be the signed registry reference (a tag, no digest)"
    # Only the characters checked above: nothing needs escaping in the JSON.
    record=$(printf '{"transport": "%s", "ref": "%s", "digest": "%s", "update_ref": "%s"}' \
        "$transport" "$image" "$VEILOR_ISO_IMAGE_DIGEST" "$update")
fi

dnf_root=()
[ -n "$root" ] && dnf_root=(--installroot="$root")
dnf "${dnf_root[@]}" install -y --setopt=install_weak_deps=False "${installer[@]}" \
    "${packages[@]}"
rpm_root=()
[ -n "$root" ] && rpm_root=(--root="$root")
if ! rpm "${rpm_root[@]}" -q "${own[@]}" "${packages[@]}" >/dev/null; then
    echo "hook: some packages are missing after dnf install (see above)" >&2
    exit 1
fi

put() {  # put MODE SOURCE DEST: one file, created with its folders
    install -D -m "$1" "$2" "$root$3"
}
put 0644 "$kit/polkit/49-veilor-live.rules" /etc/polkit-1/rules.d/49-veilor-live.rules

hide() {  # hide DEST NAME: an entry that desktops treat as deleted (XDG: Hidden=true)
    local tmp
    tmp=$(mktemp)
    printf '[Desktop Entry]\nType=Application\nName=%s\nExec=true\nHidden=true\n' "$2" >"$tmp"
    put 0644 "$tmp" "$1"
    rm -f "$tmp"
}
hide /usr/share/applications/liveinst.desktop "Install to Hard Drive"
hide /etc/xdg/autostart/liveinst-setup.desktop "Liveinst Setup"
hide /etc/xdg/autostart/org.kde.plasma-welcome.desktop "Welcome Center"
# The package's first-boot wizard is for the installed system, not the live session.
hide /etc/xdg/autostart/veilor-firstboot.desktop "veilor-os setup"
if [ -n "$record" ]; then
    tmp=$(mktemp)
    printf '%s\n' "$record" >"$tmp"
    put 0644 "$tmp" /etc/veilor-installer/iso-image.json
    rm -f "$tmp"
fi
echo "hook: veilor-installer set up for the live session"
