#!/usr/bin/env bash
# Run by the build before the server's tests (exec-maven-plugin in sync-server/pom.xml).
#
# The browser tests drive Debian's headless chromium through chromedriver; they fail, never
# skip, without them, so this installs them when they are missing (apt, as root or through sudo).
# Everything else a test needs (a server on 127.0.0.1, SQLite, headless JavaFX) comes with the
# build.
set -euo pipefail
command -v chromium >/dev/null && command -v chromedriver >/dev/null && exit 0
sudo=
[[ $EUID -ne 0 ]] && sudo=sudo
echo "ensure-chromium: installing chromium and chromium-driver for the browser tests" >&2
$sudo apt-get update -q
$sudo apt-get install -y -q chromium chromium-driver
