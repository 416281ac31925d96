#!/usr/bin/env python3
"""Reference gradients of every primitive of the expression language at extreme arguments.

Writes Tests/DescentCoreTests/Fixtures/extreme-gradients.tsv, which GradientTests reads; the
tests never run this script. Each row is one expression made of one primitive, a point (x, y)
of doubles, and the exact ∂f/∂x and ∂f/∂y: sympy differentiates symbolically and evaluates at
the exact binary value of the point with 50 significant digits, and the result is rounded once
to the nearest double (±inf where it overflows, 0 or a subnormal where it underflows). Where the
derivative is not real although f is (asin'(2), where 1 - x² < 0) the row says nan, which is
what PyTorch returns; where f itself is not real (log(-1), pow(-2, 0.5)) it says undefined, and
the test skips the row. Kinks follow PyTorch: sympy's Heaviside(0) = 1/2 splits min and max evenly
on a tie, and sign(0) = 0.

    pip install sympy mpmath && python3 Tests/DescentCoreTests/Scripts/extreme_gradients.py
"""

import itertools
import math
import os

import mpmath
import sympy as sp

DIGITS = 50
x, y = sp.symbols("x y", real=True)

# The expression as descent writes it, and the same function for sympy. Each compiles to one
# primitive of the tape (Sources/DescentCore/Autodiff/Operation.swift); `x^2` is `square`,
# `x^c` for another constant c is `powerConstant`, `pow(x, y)` is `power`.
UNARY = {
    "-x": -x,
    "x^2": x**2,
    "x^3": x**3,
    "x^0.5": sp.sqrt(x),
    "x^1.5": x ** sp.Rational(3, 2),
    "x^-1": 1 / x,
    "x^-2.5": x ** sp.Rational(-5, 2),
    "sqrt(x)": sp.sqrt(x),
    "abs(x)": sp.Abs(x),
    "sin(x)": sp.sin(x),
    "cos(x)": sp.cos(x),
    "tan(x)": sp.tan(x),
    "asin(x)": sp.asin(x),
    "acos(x)": sp.acos(x),
    "atan(x)": sp.atan(x),
    "exp(x)": sp.exp(x),
    "log(x)": sp.log(x),
    "tanh(x)": sp.tanh(x),
    "sinh(x)": sp.sinh(x),
    "cosh(x)": sp.cosh(x),
    "sigmoid(x)": 1 / (1 + sp.exp(-x)),
    "softplus(x)": sp.log(1 + sp.exp(x)),
}
BINARY = {
    "x + y": x + y,
    "x - y": x - y,
    "x * y": x * y,
    "x / y": x / y,
    "pow(x, y)": x**y,
    "min(x, y)": sp.Min(x, y),
    "max(x, y)": sp.Max(x, y),
    "atan2(x, y)": sp.atan2(x, y),
}

# Magnitudes around 1e±150 and 1e±300, and the mixed ones of issue 13 ((1e-200, 1e-200),
# (1e200, 1e200), (1e-160, 1e-160)); both signs. Moderate arguments too (20 to 700), where
# sigmoid and tanh saturate in double precision while their derivatives are still normal.
EXTREME = [1e-300, 1e-200, 1e-160, 1e-150, 1e150, 1e160, 1e200, 1e300]
UNARY_POINTS = [s * m for m in EXTREME + [0.5, 20.0, 40.0, 300.0, 700.0] for s in (1, -1)]
BINARY_POINTS = [s * m for m in EXTREME + [1.0, 2.5] for s in (1, -1)]


def exact_double(derivative, point):
    """The derivative at `point` (doubles, taken exactly as rationals), rounded once to the
    nearest double; 'nan' where it is not real.

    evalf with `subs` evaluates numerically and adaptively: it raises its working precision
    through cancellation (1 - tanh(300)^2, up to `maxn` digits), and never expands a power of
    rationals exactly, which (10^300)^(10^300) would need."""
    subs = {symbol: sp.Rational(value) for symbol, value in point.items()}
    value = derivative.evalf(DIGITS, subs=subs, maxn=4000)
    if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or not value.is_number:
        return "nan"
    re, im = value.as_real_imag()
    if im != 0:
        return "nan"
    m = mpmath.mpf(sp.Float(re, DIGITS)._mpf_)
    if mpmath.isnan(m):
        return "nan"
    # mpmath rounds to nearest and gives ±inf beyond the largest double, 0 or a subnormal
    # below the smallest.
    f = float(m)
    if math.isinf(f):
        return "inf" if f > 0 else "-inf"
    return repr(f)


def gradient(f, point):
    """(∂f/∂x, ∂f/∂y) at `point`, or 'undefined' twice where f itself is not real there (log
    of a negative number, a negative number to a fractional power): sympy's formula may still
    give a real number (1/x for log), but no real derivative exists, and PyTorch returns what
    its formula gives."""
    if exact_double(f, point) == "nan":
        return "undefined", "undefined"
    dx = exact_double(sp.diff(f, x), point)
    dy = exact_double(sp.diff(f, y), point) if y in point else "0.0"
    return dx, dy


def rows():
    for text, f in UNARY.items():
        for a in UNARY_POINTS:
            yield (text, a, 0.0) + gradient(f, {x: a})
    for text, f in BINARY.items():
        for a, b in itertools.product(BINARY_POINTS, repeat=2):
            yield (text, a, b) + gradient(f, {x: a, y: b})


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "Fixtures", "extreme-gradients.tsv")
    with open(path, "w") as out:
        out.write("# expression\tx\ty\tdf/dx\tdf/dy   (exact, rounded once; see ../Scripts/extreme_gradients.py)\n")
        for text, a, b, gx, gy in rows():
            out.write(f"{text}\t{a!r}\t{b!r}\t{gx}\t{gy}\n")


if __name__ == "__main__":
    main()
