#!/usr/bin/env bash
# Installs the peers that bench/peer_bench, bench/lbfgs_bench and bench/scipy_peers.py compare
# kobai with (issue 5), then builds the benches: liblbfgs, LBFGS++, NLopt and Ceres are compiled
# in when their Debian packages are present; SciPy and SymPy run the Python side.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
kobai_install_deps liblbfgs-dev liblbfgspp-dev libnlopt-cxx-dev libceres-dev python3-scipy \
  python3-sympy
cmake --preset bench >/dev/null
cmake --build build/bench --target peer_bench lbfgs_bench
