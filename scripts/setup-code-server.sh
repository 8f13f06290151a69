#!/usr/bin/env bash
# Installs code-server (pinned; VS Code 1.100 on the machine's Node 20) into the git-ignored cache
# .vscode-test/, from the npm registry only. Idempotent: does nothing when it is already there.
# --check: only tell, by the exit status, whether it is installed.
# Needs Debian's libkrb5-dev, ripgrep and a C++ toolchain (scripts/ensure-system.mjs checks or installs them).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VERSION=4.100.3
DEST="$ROOT/.vscode-test/code-server-$VERSION"
if [ -f "$DEST/node_modules/code-server/out/node/entry.js" ]; then
  exit 0
fi
[ "${1:-}" = --check ] && exit 1
rm -rf "$DEST"
export CS_ROOT="$ROOT/.vscode-test"
export TMPDIR="$CS_ROOT/tmp"
mkdir -p "$TMPDIR"
bash "$ROOT/scripts/vscode-offline/install-code-server.sh" "$VERSION" "$DEST"
