#!/usr/bin/env bash
# Fetches Dear ImGui's source from Debian (package imgui, the version libimgui-dev is built from) into .deps/imgui,
# so that semtrace can build it with IMGUI_ENABLE_TEST_ENGINE: the item hooks the ImGui plugin records from.
# Debian's prebuilt libimgui-dev has those hooks compiled out. Nothing here is copied into the repository.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
version="1.86+ds-1"
dest="$root/.deps/imgui"
[ -f "$dest/.debian-version" ] && [ "$(cat "$dest/.debian-version")" = "$version" ] && exit 0

work="$root/.deps/apt"
rm -rf "$work" "$dest"
mkdir -p "$work/lists/partial" "$work/src"
# A private sources list with a deb-src line: the machine's own apt configuration stays as it is.
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main" \
  > "$work/sources.list"
apt_opts=(-q -o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
          -o "Dir::State::Lists=$work/lists")
# apt drops to its _apt user to download, which cannot write into our folder.
[ "$(id -u)" -eq 0 ] && apt_opts+=(-o APT::Sandbox::User=root)
echo "setup: fetching Dear ImGui $version source from Debian into .deps/imgui" >&2
apt-get "${apt_opts[@]}" update >/dev/null
(cd "$work/src" && apt-get "${apt_opts[@]}" source "imgui=$version" >/dev/null 2>&1) || {
  echo "setup: could not fetch Debian's imgui $version source (apt-get source imgui): is deb.debian.org reachable?" >&2
  exit 1
}
mv "$work/src/imgui-1.86+ds" "$dest"
echo "$version" > "$dest/.debian-version"
rm -rf "$work"
