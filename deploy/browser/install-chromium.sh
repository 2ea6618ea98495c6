#!/usr/bin/env bash
# Installs what the web console's browser tests drive (app's ConsoleBrowserIT): Debian's chromium and
# chromium-driver, from the distribution's packages, never a browser download. Idempotent: nothing to
# do when both are there. Run by .ci/run before `mvn -B verify`; on a workstation run it once (as root,
# or with sudo). Without them the browser tests skip with one line saying so, except under CI=true,
# where they fail.
set -euo pipefail

browser=${CHIMERA_CHROMIUM:-/usr/bin/chromium}
driver=${CHIMERA_CHROMEDRIVER:-/usr/bin/chromedriver}

if [[ -x "$browser" && -x "$driver" ]]; then
  echo "chromium and chromedriver present: $("$driver" --version 2>/dev/null | head -1)"
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-chromium.sh: chromium or chromedriver missing and neither root nor sudo to install them" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium.sh: no apt-get here; install chromium and its chromedriver with this system's packages" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends chromium chromium-driver
echo "installed: $("$driver" --version | head -1)"
