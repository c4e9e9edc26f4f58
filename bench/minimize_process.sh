#!/usr/bin/env bash
# Whole-process wall time of `kobai minimize` on the seed example (20 gd steps on x^2 + y^2,
# the table printed; target <= 10 ms), with hyperfine; the mean user and system CPU times are
# printed too, since on the shared machine the wall time also holds waits for a free core.
set -euo pipefail
kobai=${1:-build/release/app/kobai}
json=$(mktemp)
trap 'rm -f "$json"' EXIT
hyperfine --warmup 5 --runs "${RUNS:-200}" -N --style none --export-json "$json" \
  "$kobai minimize 'x^2 + y^2' --from -2,2 --rate 0.1 --iters 20" >/dev/null 2>&1
python3 - "$json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
def ms(s):
    return "%.2f ms" % (1e3 * s)
print("runs %d: min %s, median %s, mean %s ± %s, user %s, system %s" % (
    len(r["times"]), ms(r["min"]), ms(r["median"]), ms(r["mean"]), ms(r["stddev"]),
    ms(r["user"]), ms(r["system"])))
PY
