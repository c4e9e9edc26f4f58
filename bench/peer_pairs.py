#!/usr/bin/python3
"""Head-to-head evaluation counts from peer_bench and scipy_peers.py tables.

A total over all problems mixes the solvers' failures in (a solver that gives up early on a
problem it cannot solve looks cheap, one that keeps trying looks expensive), so this compares
one solver with each other solver on the problems that both solve, MGH problems only.

usage: /usr/bin/python3 bench/peer_pairs.py [--solver NAME] TABLE.md [TABLE.md ...]
       (the tables are the per-problem rows that peer_bench and scipy_peers.py print; columns
       of several tables are joined by problem name; default solver: "kobai lbfgs")
"""
import re
import sys

CLASSICS = {"booth", "himmelblau", "matyas", "three_hump_camel", "goldstein_price"}


def read_table(path, columns):
    header = None
    for line in open(path, encoding="utf-8"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3:
            header = None
            continue
        if cells[0] == "problem":
            header = cells
            continue
        if header is None or cells[0].startswith("---"):
            continue
        for name, cell in zip(header[2:], cells[2:]):
            m = re.match(r"(✓|✗) (\d+) ev", cell)
            if m:
                columns.setdefault(name, {})[cells[0]] = (m.group(1) == "✓", int(m.group(2)))


def main():
    args = sys.argv[1:]
    solver = "kobai lbfgs"
    if len(args) >= 2 and args[0] == "--solver":
        solver, args = args[1], args[2:]
    if not args:
        sys.exit(__doc__)
    columns = {}
    for path in args:
        read_table(path, columns)
    if solver not in columns:
        sys.exit("no column named %r in %s" % (solver, ", ".join(sorted(columns))))
    mine = {p: v for p, v in columns[solver].items() if p not in CLASSICS}
    print("| %s against | both solve | %s | the other |" % (solver, solver))
    print("| --- | --- | --- | --- |")
    for other, rows in columns.items():
        if other == solver:
            continue
        both = [p for p, (ok, _) in mine.items() if ok and rows.get(p, (False, 0))[0]]
        print("| %s | %d | %d | %d |" % (other, len(both), sum(mine[p][1] for p in both),
                                         sum(rows[p][1] for p in both)))


if __name__ == "__main__":
    main()
