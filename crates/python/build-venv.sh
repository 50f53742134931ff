#!/usr/bin/env bash
# Builds the newsgraph wheel (maturin, release, abi3) and installs it, with pytest,
# pyarrow and duckdb, into a fresh virtual environment at $CARGO_TARGET_DIR/python-venv
# (target/python-venv by default), where tests/pytest_suite.rs looks for it.
# PYTHON picks the interpreter that makes the venv (python3 by default).
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$PWD/$target" ;; esac
venv="$target/python-venv"
wheels="$target/wheels"

rm -rf "$venv"
"${PYTHON:-python3}" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "maturin>=1.5,<2" pytest pyarrow duckdb "pyspark>=4,<5" "pandas>=2.2,<3"
rm -f "$wheels"/newsgraph-*.whl
# Same target dir as `cargo build --release`, so the workspace's crates are reused.
CARGO_TARGET_DIR="$target" "$venv/bin/maturin" build --release --quiet \
    --manifest-path crates/python/Cargo.toml --interpreter "$venv/bin/python" --out "$wheels"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps "$wheels"/newsgraph-*.whl
echo "build-venv: newsgraph $("$venv/bin/python" -c 'import newsgraph; print(newsgraph.__version__)') in $venv"
