#!/usr/bin/env sh
# Installs what innograph needs on a Debian or Ubuntu machine that has only Rust:
#   tools/setup.sh           the build (libclang-dev: bindgen for oxigraph's RocksDB)
#   tools/setup.sh --test    and what the tests start or read: xmllint, CJK fonts, curl,
#                            headless Chromium, Virtuoso 7, and the Python clients
#                            (networkx, rdflib, SPARQLWrapper, pyoxigraph), Node.js and
#                            graphology-gexf (Gephi Lite's GEXF reader) in tests/js
# Uses sudo when not run as root. Safe to run again.
set -eu
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
PKGS="libclang-dev"
if [ "${1:-}" = "--test" ]; then
  PKGS="$PKGS libxml2-utils fonts-noto-cjk curl chromium virtuoso-opensource-7"
  # Node and npm for graphology-gexf, unless a Node that brings its own npm is
  # here already (NodeSource's nodejs conflicts with Debian's npm package)
  if ! command -v npm >/dev/null 2>&1; then PKGS="$PKGS nodejs npm"; fi
fi
if command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends $PKGS >/dev/null
else
  echo "setup.sh: no apt-get here; install $PKGS with your package manager" >&2
fi
if [ "${1:-}" = "--test" ]; then
  python3 -m pip install -q networkx numpy scipy rdflib SPARQLWrapper pyoxigraph
  # the versions pinned in tests/js/package-lock.json
  (cd "$(dirname "$0")/../tests/js" && npm ci --no-audit --no-fund --silent)
fi
