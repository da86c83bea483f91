# Shared by scripts/*.sh: install what is missing, configure and build incrementally.

# The Debian 12 packages a build with tests needs (DejaVu: the tests' font, with Arabic and
# Hebrew letters for the right-to-left screenshots).
OWIDGET_PACKAGES=(
    cmake ninja-build g++ ccache pkg-config
    qt6-base-dev qt6-websockets-dev qt6-httpserver-dev qt6-svg-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    libqt6opengl6-dev libxkbcommon-dev libqt6sql6-sqlite fonts-dejavu-core
    # Colour emoji in the bubbles and the emoji picker; Unicode's emoji-test.txt, which the
    # emoji test checks the picker's data against (scripts/generate_emoji_data.py reads it).
    fonts-noto-color-emoji unicode-data
    libphonenumber-dev libsodium-dev libbenchmark-dev qtkeychain-qt6-dev
    # The notification sound (optional: without it the library beeps).
    qt6-multimedia-dev
    gnome-keyring dbus-daemon openssl
    slowhttptest
    # The load balancer of server/deploy/haproxy.cfg, for tests/tst_deploy_haproxy.cpp.
    haproxy
    # The server's PostgreSQL storage: Qt's driver, and PostgreSQL 15 for the private cluster
    # that tests/tst_server_postgres.cpp starts.
    postgresql-15 libqt6sql6-psql
    # What the a11y test runs: a screen reader (Orca) over AT-SPI on a virtual display, and
    # real key presses (tests/a11y/screenreader.sh).
    orca at-spi2-core python3-pyatspi dbus-x11 xvfb xdotool
)

# What the sanitizer and fuzzing builds add (scripts/fuzz.sh, scripts/test.sh under CI): clang
# with libFuzzer and the sanitizer runtimes.
OWIDGET_CLANG_PACKAGES=(clang libclang-rt-14-dev)

# owidget_install_packages PKG...: apt-get installs those of PKG that are not installed yet.
owidget_install_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' ||
            missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends \
        "${missing[@]}"
}

# owidget_build BUILD_DIR [--target TARGET] [CMAKE_ARGS...]: configures once, then builds what
# changed (everything, or only TARGET).
owidget_build() {
    local dir=$1
    shift
    local target=()
    if [ "${1:-}" = --target ]; then
        target=(--target "$2")
        shift 2
    fi
    local launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    if [ ! -f "$dir/CMakeCache.txt" ]; then
        cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="${OWIDGET_BUILD_TYPE:-RelWithDebInfo}" \
            "${launcher[@]}" "$@"
    else
        cmake "$dir" "$@" >/dev/null
    fi
    cmake --build "$dir" --parallel "${OWIDGET_JOBS:-$(nproc)}" "${target[@]}"
}
