#!/usr/bin/env python3
"""Size of kobai's simplified derivatives against SymPy's simplify(diff(...)).

For every formula of the corpus and every variable, kobai's derivative comes from
`kobai diff EXPR --wrt V --json` and SymPy's from simplify(diff(f, V)). Both are measured the
same way: SymPy's result is printed, read back by `kobai parse --json`, and its node count
(distinct nodes of the hash-consed graph) compared with kobai's. A ratio below 1 means kobai's
form is smaller.

usage: bench/sympy_compare.py [path/to/kobai]   (default build/release/app/kobai)
"""
import json
import math
import subprocess
import sys
import time

import sympy

CORPUS = [
    "x^2",
    "4*x^2 + 4*x*y + 2*y^2 + 5",
    "0.01*x^2 + 0.1*x",
    "x^5 - 3*x^4 + 2*x^3 - x + 7",
    "(x + 1)*(x - 1)*(x + 2)",
    "x^2*y^3*z",
    "(x^2 + 1)/(x - 1)",
    "x/(x^2 + y^2)",
    "(3*x + 2)/(x^2 + 1)^2",
    "sin(x)*cos(x)",
    "exp(sin(x^2))",
    "log(1 + exp(x))",
    "sqrt(x^2 + y^2)",
    "tan(x)/x",
    "atan(y/x)",
    "sin(cos(tan(x)))",
    "exp(-x^2/2)/sqrt(2*pi)",
    "x^x",
    "(1 - x)^2 + 100*(y - x^2)^2",
    "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
    "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    "(x + 2*y - 7)^2 + (2*x + y - 5)^2",
    "0.26*(x^2 + y^2) - 0.48*x*y",
    "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)",
    "-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20",
    "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2",
    "sin(x + y) + (x - y)^2 - 1.5*x + 2.5*y + 1",
    "log10(x) + sinh(x)*cosh(y) + tanh(x*y) + asin(x/2)",
]


def run(kobai, *args):
    out = subprocess.run([kobai, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def to_kobai_text(e):
    """SymPy's expression in kobai's language."""
    text = sympy.sstr(e, full_prec=False)
    for a, b in (("**", "^"), ("Abs(", "abs("), ("E", "e")):
        text = text.replace(a, b)
    return text


def main():
    kobai = sys.argv[1] if len(sys.argv) > 1 else "build/release/app/kobai"
    rows = []
    sympy_seconds = 0.0
    for text in CORPUS:
        f = sympy.sympify(text.replace("^", "**"), locals={"e": sympy.E, "log10": lambda u: sympy.log(u, 10)})
        names = run(kobai, "parse", text, "--json")["variables"]
        for v in names:
            k = run(kobai, "diff", text, "--wrt", v, "--json")["derivatives"][0]
            t0 = time.perf_counter()
            s = sympy.simplify(sympy.diff(f, sympy.Symbol(v)))
            sympy_seconds += time.perf_counter() - t0
            try:
                s_nodes = run(kobai, "parse", to_kobai_text(s), "--json")["nodes"]
            except subprocess.CalledProcessError:
                print(f"skipped (kobai cannot read SymPy's form): {text} d/d{v}: {s}")
                continue
            rows.append((text, v, k["nodes"], s_nodes, k["infix"], str(s)))
    print(f"{'formula':70} var  kobai  sympy  ratio")
    for text, v, kn, sn, _, _ in rows:
        print(f"{text[:70]:70} {v:3} {kn:6} {sn:6}  {kn / sn:.2f}")
    ratios = [kn / sn for _, _, kn, sn, _, _ in rows]
    geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
    total_k = sum(r[2] for r in rows)
    total_s = sum(r[3] for r in rows)
    print(f"\n{len(rows)} derivatives: geometric mean of kobai/SymPy node ratios {geo:.3f}, "
          f"total nodes {total_k} vs {total_s} ({total_k / total_s:.3f}); "
          f"kobai smaller in {sum(r < 1 for r in ratios)}, equal in "
          f"{sum(r == 1 for r in ratios)}, larger in {sum(r > 1 for r in ratios)}; "
          f"SymPy simplify took {sympy_seconds:.1f} s in all")


if __name__ == "__main__":
    main()
