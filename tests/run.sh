#!/usr/bin/env bash
# Installs what the tests need and runs every check and test, Rust then Python.
# Needs only a Rust toolchain and python3 (>= 3.9); Python tools (maturin, pytest, mypy,
# nbclient, ipykernel) come from PyPI into .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== Rust: format, lints, docs, dependency tree"
cargo fmt --all --check
cargo clippy --all-targets --all-features -- -D warnings
cargo clippy --lib -- -D warnings   # a Rust user's build: no python, no sandbox
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet
if cargo tree -e normal --prefix none | grep -q '^pyo3'; then
    echo "pyo3 is compiled without the python feature" >&2
    exit 1
fi

echo "== Rust: tests, and the Rust quickstart against the sandbox"
cargo test --features sandbox
cargo run --quiet --example quickstart --features sandbox > /dev/null

echo "== Python: build the extension into .venv and test it"
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade "maturin>=1.16,<2" "pytest>=7" "mypy>=1.10" "nbclient>=0.10" "ipykernel>=6.29"
VIRTUAL_ENV="$PWD/.venv" PATH="$PWD/.venv/bin:$PATH" .venv/bin/maturin develop --quiet
.venv/bin/python tools/gen_stubs.py --check
.venv/bin/python -m pytest -q tests/python
.venv/bin/python -m mypy.stubtest vpsclient --allowlist tests/python/stubtest-allowlist.txt
.venv/bin/python -m mypy --strict tests/python/typecheck_examples.py

echo "== Python: the notebook tour, run in a Jupyter kernel"
.venv/bin/python tests/notebook_check.py

echo "== Benchmark, quick mode (figures only, so it cannot rot)"
BENCH_PYTHON="$PWD/.venv/bin/python" bash bench/run.sh --quick
