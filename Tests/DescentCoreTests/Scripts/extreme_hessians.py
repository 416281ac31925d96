#!/usr/bin/env python3
"""Reference Hessians of every primitive of the expression language at extreme arguments.

Writes Tests/DescentCoreTests/Fixtures/extreme-hessians.tsv, which HessianTests reads; the
tests never run this script. The primitives, points and rounding are extreme_gradients.py's
(imported from it): each row is one expression, a point (x, y) of doubles, and the exact
∂²f/∂x², ∂²f/∂x∂y and ∂²f/∂y², evaluated by sympy at the point's exact binary value with 50
significant digits and rounded once to the nearest double. Kinks follow descent (and PyTorch,
whose first derivatives are piecewise constant there): the Dirac deltas that sympy's second
derivatives of abs, min and max contain are 0. Where f itself is not real the row says
undefined, and the test skips it.

    pip install sympy mpmath && python3 Tests/DescentCoreTests/Scripts/extreme_hessians.py
"""

import itertools
import os
import sys

import sympy as sp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extreme_gradients import BINARY, BINARY_POINTS, UNARY, UNARY_POINTS, exact_double, x, y  # noqa: E402


def second(f, a, b):
    """∂²f/∂a∂b with every Dirac delta (a kink's) set to 0."""
    return sp.diff(f, a, b).replace(sp.DiracDelta, lambda *args: sp.S.Zero)


def hessian(f, point):
    """(∂²f/∂x², ∂²f/∂x∂y, ∂²f/∂y²) at `point`. An entry is nan where a first derivative it
    differentiates is not real: (-1)^y at an even y = 1e150 is real, and so is its second
    derivative −π², but its first, iπ, is not, so no real second derivative exists."""
    if exact_double(f, point) == "nan":
        return ("undefined",) * 3
    real_x = exact_double(sp.diff(f, x), point) != "nan"
    real_y = y not in point or exact_double(sp.diff(f, y), point) != "nan"

    def entry(a, b, real):
        return exact_double(second(f, a, b), point) if real else "nan"

    xx = entry(x, x, real_x)
    if y not in point:
        return xx, "0.0", "0.0"
    return xx, entry(x, y, real_x and real_y), entry(y, y, real_y)


def rows():
    for text, f in UNARY.items():
        for a in UNARY_POINTS:
            yield (text, a, 0.0) + hessian(f, {x: a})
    for text, f in BINARY.items():
        for a, b in itertools.product(BINARY_POINTS, repeat=2):
            yield (text, a, b) + hessian(f, {x: a, y: b})


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "Fixtures", "extreme-hessians.tsv")
    with open(path, "w") as out:
        out.write(
            "# expression\tx\ty\td2f/dx2\td2f/dxdy\td2f/dy2   "
            "(exact, rounded once; see ../Scripts/extreme_hessians.py)\n")
        for text, a, b, xx, xy, yy in rows():
            out.write(f"{text}\t{a!r}\t{b!r}\t{xx}\t{xy}\t{yy}\n")


if __name__ == "__main__":
    main()
