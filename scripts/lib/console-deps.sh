# Sourced by scripts/*.sh: what the operator console's browser test (tests/console/) needs.

# owidget_install_console_deps: installs Debian's chromium if it is missing, checks for node 20 and
# npm, and installs the test's npm packages when tests/console/node_modules is missing or
# package-lock.json changed.
owidget_install_console_deps() {
    local root
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    declare -F owidget_install_packages >/dev/null || source "$root/scripts/lib/common.sh"

    owidget_install_packages chromium
    # playwright-core needs node 20 or newer; Debian 12's own nodejs package is older.
    local major
    major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
    if [ "$major" -lt 20 ] || ! command -v npm >/dev/null; then
        echo "The console test needs node 20 or newer with npm (found: $(node --version 2>/dev/null || echo none))" >&2
        return 1
    fi

    local dir=$root/tests/console
    local stamp=$dir/node_modules/.owidget-package-lock.sha256
    local sum
    sum=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
    if [ ! -d "$dir/node_modules" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
        echo "Installing the console test's npm packages"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
        echo "$sum" >"$stamp"
    fi
}
