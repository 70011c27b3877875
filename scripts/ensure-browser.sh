#!/usr/bin/env bash
# Make sure Debian's chromium and chromium-driver are here for the browser tests.
# Under CI=true a browser that cannot be installed fails the run; elsewhere the tests skip with a reason.
set -u
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium and chromium-driver for the browser tests..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) >/dev/null 2>&1
fi
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if [ "${CI:-}" = "true" ]; then
  echo "chromium and chromium-driver are missing and could not be installed: the browser tests cannot run in CI." >&2
  exit 1
fi
echo "NOTE: chromium/chromedriver not found and not installable here (not root?): browser tests will be skipped." >&2
echo "      Install them with: sudo apt-get install chromium chromium-driver" >&2
exit 0
