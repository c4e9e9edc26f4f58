#!/usr/bin/python3
"""kobai lbfgs with `--set scaling=standard` against `scaling=adaptive` on the 35 MGH problems.

For each start (x₀, 10x₀, 100x₀: Moré, Garbow & Hillstrom 1981, §3), tolerance (‖∇f‖∞ ≤ 1e-5,
1e-6, 1e-8) and memory (m = 5, 10, 20), runs `kobai minimize --problem NAME --method lbfgs` with
each scaling and prints, per scaling, the MGH problems solved (f within 1e-6, relative above 1, of
a published minimum, as bench/peer_bench decides), how many of the runs ended with a converged
status, and the value+gradient evaluations summed over the problems that both scalings solve.

usage: /usr/bin/python3 bench/lbfgs_scaling.py path/to/kobai [--memory 5,10,20]
"""
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

SCALINGS = ("standard", "adaptive")


def solved(f, minima):
    return any(abs(f - m["f"]) <= 1e-6 * max(1.0, abs(m["f"])) for m in minima)


def run(kobai, problem, scale, gtol, memory, scaling):
    start = ",".join(repr(scale * v) for v in problem["start"])
    args = [kobai, "minimize", "--problem", problem["name"], "--method", "lbfgs", "--format",
            "json", "--gtol", gtol, "--memory", str(memory), "--from", start, "--set",
            "scaling=" + scaling]
    out = subprocess.run(args, capture_output=True, text=True).stdout
    d = json.loads(out) if out.strip() else {}
    if "f" not in d:  # f not finite at the start (Jennrich–Sampson at 100x₀): a failure
        return False, False, 0
    ok = d["problem"].get("reached") is not None or solved(d["f"], problem["minima"])
    return ok, d["status"].startswith("converged"), d["evaluations"]["value"]


def main():
    args = sys.argv[1:]
    memories = [10]
    if "--memory" in args:
        i = args.index("--memory")
        memories = [int(m) for m in args[i + 1].split(",")]
        del args[i:i + 2]
    if len(args) != 1:
        sys.exit(__doc__)
    kobai = args[0]
    listed = subprocess.run([kobai, "problems", "--json"], capture_output=True, text=True)
    problems = [p for p in json.loads(listed.stdout) if p.get("mgh")]
    print("| m | start | ‖∇f‖∞ ≤ | " +
          " | ".join(f"{s}: solved / converged" for s in SCALINGS) +
          " | both solve | " + " | ".join(f"{s} evaluations" for s in SCALINGS) + " |")
    print("| --- " * (4 + 2 * len(SCALINGS)) + "|")
    with ThreadPoolExecutor(2) as pool:
        for memory in memories:
            for scale in (1, 10, 100):
                for gtol in ("1e-5", "1e-6", "1e-8"):
                    rows = {s: list(pool.map(lambda p, s=s: run(kobai, p, scale, gtol, memory, s),
                                             problems)) for s in SCALINGS}
                    both = [i for i in range(len(problems)) if all(rows[s][i][0] for s in SCALINGS)]
                    counts = [f"{sum(r[0] for r in rows[s])} / {sum(r[1] for r in rows[s])}"
                              for s in SCALINGS]
                    totals = [str(sum(rows[s][i][2] for i in both)) for s in SCALINGS]
                    start = "x₀" if scale == 1 else f"{scale}x₀"
                    print(f"| {memory} | {start} | {gtol} | " + " | ".join(counts) +
                          f" | {len(both)} | " + " | ".join(totals) + " |")
                    sys.stdout.flush()


if __name__ == "__main__":
    main()
