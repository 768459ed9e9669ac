#!/usr/bin/env bash
# vpsclient's benchmark (issue 12): the Python side, then the Rust side. Offline, on 127.0.0.1.
#
#   bash bench/run.sh           full run: bench/.venv with requests, pydantic v2, httpx and
#                               vpsclient's wheel built in release mode; the Rust side in release
#   bash bench/run.sh --quick   smoke run (few rounds, small sizes); with
#                               BENCH_PYTHON=/path/to/python it uses that environment as it is
#                               (contenders it lacks are skipped) and builds nothing Python
#
# BENCH_SKIP_RUST=1 leaves the Rust side out. Figures are printed, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=""
for arg in "$@"; do
    case "$arg" in
        --quick) QUICK="--quick" ;;
        *) echo "usage: bash bench/run.sh [--quick]" >&2; exit 2 ;;
    esac
done

if [ -n "${BENCH_PYTHON:-}" ]; then
    PY="$BENCH_PYTHON"
    export BENCH_BUILD="the environment of BENCH_PYTHON, as built there"
else
    PY="$PWD/bench/.venv/bin/python"
    if [ ! -x "$PY" ]; then
        "${PYTHON:-python3}" -m venv bench/.venv
    fi
    echo "== installing the benchmark's environment (bench/.venv) and vpsclient, release build"
    "$PY" -m pip install --quiet "maturin>=1.16,<2" requests "pydantic>=2,<3" httpx
    # A wheel installed into bench/.venv, not `maturin develop`: develop would put the
    # extension into python/vpsclient/, which the project's own .venv shares.
    WHEELS="$(mktemp -d)"
    trap 'rm -rf "$WHEELS"' EXIT
    nice -n 19 bench/.venv/bin/maturin build --release --quiet \
        --interpreter "$PY" --out "$WHEELS"
    "$PY" -m pip install --quiet --force-reinstall --no-deps "$WHEELS"/vpsclient-*.whl
    export BENCH_BUILD="release build, maturin build --release"
fi

RUST_ARGS=()
if [ "${BENCH_SKIP_RUST:-}" != "1" ]; then
    if [ -n "$QUICK" ]; then
        # The debug profile and the features tests/run.sh compiles already: only the example
        # itself is built here.
        echo "== building the Rust side (debug, quick mode)"
        nice -n 19 cargo build --quiet --example bench --features sandbox
        RUST_ARGS=(--rust-bin "$PWD/target/debug/examples/bench")
    else
        echo "== building the Rust side (release)"
        nice -n 19 cargo build --quiet --release --example bench --features sandbox
        RUST_ARGS=(--rust-bin "$PWD/target/release/examples/bench")
    fi
fi

"$PY" bench/bench.py $QUICK ${RUST_ARGS[@]+"${RUST_ARGS[@]}"}
