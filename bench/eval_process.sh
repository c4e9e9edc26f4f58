#!/usr/bin/env bash
# Whole-process wall time of `kobai eval` on the seed formula (target <= 5 ms), with hyperfine.
set -euo pipefail
kobai=${1:-build/release/app/kobai}
hyperfine --warmup 20 --runs 200 -N "$kobai eval '4x^2 + 4x*y + 2y^2 + 5' --at 1,2" 2>/dev/null \
  | sed -n '1,3p'
