#!/usr/bin/env bash
# Whole-process wall time of `kobai lesson` on the seed example (ten 800x600 PNG figures and
# index.md; target <= 1 s), with hyperfine. The folder is rewritten each run (--force).
set -euo pipefail
kobai=${1:-build/release/app/kobai}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
hyperfine --warmup 2 --runs ${RUNS:-20} -N \
  "$kobai lesson 'x^2 + y^2' --from -2,2 --rate 0.1 --iters 20 --size 800x600 -o $out --force" \
  2>/dev/null | sed -n '1,3p'
