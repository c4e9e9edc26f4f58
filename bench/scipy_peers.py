#!/usr/bin/python3
"""SciPy's minimize (L-BFGS-B, BFGS, CG, Newton-CG, trust-exact) on the problems peer_bench exports.

Each problem's formula (kobai text) is read by SymPy, and f, ∇f and the Hessian-vector product
are generated from it (and for trust-exact the Hessian), so SciPy minimizes the same function from
the same start. Stopping: gtol = 1e-5 on the ∞-norm of the (projected) gradient where the method
has that test (L-BFGS-B's pgtol, BFGS and CG's gtol with norm=inf); trust-exact's gtol is on the
2-norm (a little stricter); Newton-CG stops on its step size (xtol), the test it has. Evaluations
count calls of the function (value and gradient together count once, as jac=True passes them
together); Hessians are counted apart. "Solved" uses the same rule as peer_bench.

usage: /usr/bin/python3 bench/scipy_peers.py problems.json [METHOD,...] [--gtol G]
       (Debian python3-scipy, python3-sympy; default: every method above, G = 1e-5 as in
       peer_bench, whose --gtol takes the same value)
"""
import json
import math
import sys
import time

import numpy as np
import scipy
import sympy
from scipy.optimize import minimize
from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations

GTOL = 1e-5
MAXITER = 10000


def solved(f, minima):
    return math.isfinite(f) and any(abs(f - m) <= 1e-6 * max(1.0, abs(m)) for m in minima)


def compile_problem(p, with_hessians):
    """f, ∇f and, when asked (SymPy takes minutes on the largest problems' Hessians), the
    Hessian-vector product and the Hessian."""
    names = p["variables"]
    symbols = sympy.symbols(names, real=True)
    local = dict(zip(names, symbols))
    local.update({"pi": sympy.pi, "e": sympy.E})
    expr = parse_expr(p["formula"], local_dict=local,
                      transformations=standard_transformations + (convert_xor,))
    grad = [sympy.diff(expr, s) for s in symbols]
    f = sympy.lambdify([symbols], expr, "numpy")
    g = sympy.lambdify([symbols], grad, "numpy")
    if not with_hessians:
        return f, g, None, None
    v = sympy.symbols("v0:%d" % len(symbols))
    hessp = [sum(sympy.diff(gi, s) * vi for s, vi in zip(symbols, v)) for gi in grad]
    hp = sympy.lambdify([symbols, v], hessp, "numpy")
    # |x|'s second derivative is a DiracDelta (MGH 7); it is 0 wherever the Hessian is evaluated.
    hessian = sympy.hessian(expr, symbols).replace(sympy.DiracDelta, lambda *a: sympy.S.Zero)
    h = sympy.lambdify([symbols], hessian, "numpy")
    return f, g, hp, h


def main():
    global GTOL
    args = sys.argv[1:]
    if "--gtol" in args:
        i = args.index("--gtol")
        GTOL = float(args[i + 1])
        del args[i:i + 2]
    problems = json.load(open(args[0]))
    methods = ["L-BFGS-B", "BFGS", "CG", "Newton-CG", "trust-exact"]
    if len(args) > 1:
        methods = args[1].split(",")
    # solved, evaluations, seconds, MGH solved, MGH evaluations, Hessians
    totals = {m: [0, 0, 0.0, 0, 0, 0] for m in methods}
    mgh_count = sum(1 for p in problems if p.get("mgh", 0) != 0)
    print("SciPy", scipy.__version__)
    print("| problem | n | " + " | ".join("SciPy " + m for m in methods) + " |")
    print("| --- | --- |" + " --- |" * len(methods))
    with_hessians = any(m in ("Newton-CG", "trust-exact") for m in methods)
    for p in problems:
        f, g, hp, h = compile_problem(p, with_hessians)
        calls = [0]
        hessians = [0]

        def hess(x):
            hessians[0] += 1
            return np.asarray(h(x), dtype=float)

        def fg(x):
            calls[0] += 1
            return float(f(x)), np.asarray(g(x), dtype=float)

        cells = []
        for m in methods:
            calls[0] = 0
            hessians[0] = 0
            options = {"maxiter": MAXITER}
            kwargs = {}
            if m == "L-BFGS-B":
                options.update({"gtol": GTOL, "ftol": 0.0, "maxcor": 10})
            elif m in ("BFGS", "CG"):
                options.update({"gtol": GTOL, "norm": np.inf})
            elif m == "trust-exact":
                options.update({"gtol": GTOL})
                kwargs["hess"] = hess
            else:
                kwargs["hessp"] = lambda x, v: np.asarray(hp(x, v), dtype=float)
            t0 = time.perf_counter()
            with np.errstate(all="ignore"):
                try:
                    r = minimize(fg, np.array(p["start"], dtype=float), jac=True, method=m,
                                 options=options, **kwargs)
                    fx = float(r.fun)
                except Exception:  # a method that fails outright is "not solved"
                    fx = math.nan
            dt = time.perf_counter() - t0
            ok = solved(fx, p["minima"])
            totals[m][0] += ok
            totals[m][1] += calls[0]
            totals[m][2] += dt
            totals[m][5] += hessians[0]
            if p.get("mgh", 0) != 0:
                totals[m][3] += ok
                totals[m][4] += calls[0]
            extra = " + %d H" % hessians[0] if hessians[0] else ""
            cells.append("%s %d ev%s, %.2f ms" % ("✓" if ok else "✗", calls[0], extra, dt * 1e3))
        print("| %s | %d | %s |" % (p["name"], len(p["start"]), " | ".join(cells)))
        sys.stdout.flush()
    print()
    print("| solver | solved | value+gradient evaluations | MGH solved | MGH evaluations | "
          "Hessians | time |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for m in methods:
        s, e, t, ms, me, hs = totals[m]
        print("| SciPy %s | %d / %d | %d | %d / %d | %d | %d | %.1f ms |"
              % (m, s, len(problems), e, ms, mgh_count, me, hs, t * 1e3))


if __name__ == "__main__":
    main()
