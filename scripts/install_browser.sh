#!/usr/bin/env bash
# Install Debian's chromium for the browser test (tests/test_digest_browser.py, -m browser).
# Idempotent and quiet: does nothing and exits 0 when /usr/bin/chromium is already there.
# Run as root (no sudo is used).
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "install_browser.sh: run as root to install chromium with apt-get" >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
[ -x /usr/bin/chromium ] || { echo "install_browser.sh: chromium did not install" >&2; exit 1; }
