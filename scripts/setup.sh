#!/usr/bin/env bash
# Installs the Debian packages semtrace builds and tests with (nothing when all are present), then fetches ImGui's source.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  libcereal-dev libzstd-dev libxxhash-dev libcli11-dev nlohmann-json3-dev
  robin-map-dev  # tsl::robin_map (header-only): the session writer's string table, the redactor's locator cache
  libre2-dev libsodium-dev libboost-dev  # Boost.Asio and Beast (header-only): semtrace-agent
  doctest-dev libbenchmark-dev libspdlog-dev
  clang libclang-rt-14-dev
  dpkg-dev libglfw3-dev libgl-dev xvfb xauth libpng-dev
  python3-jsonschema  # the export tests validate every line against the JSON Schemas in docs/export
  chromium  # the browser plugin's tests: Debian's Chromium, driven by playwright-core (npm)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm from Debian unless the machine has them already (another packaging of
# Node.js brings its own npm, which Debian's npm package would conflict with).
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# playwright-core and rrweb for the browser tests, at the versions package-lock.json pins.
browser_tests="$(dirname "$0")/../tests/browser"
if [ ! -d "$browser_tests/node_modules/playwright-core" ] || [ ! -d "$browser_tests/node_modules/rrweb" ]; then
  echo "setup: npm ci in tests/browser" >&2
  npm ci --prefix "$browser_tests" --no-audit --no-fund --loglevel=error >/dev/null
fi

# Dear ImGui built with its test-engine item hooks (plugins/imgui): Debian's source package.
bash "$(dirname "$0")/fetch_imgui.sh"
