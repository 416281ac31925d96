#!/usr/bin/env python3
"""NumPy references for the grid benchmarks, on exactly the grids the Swift benchmarks use.

Prints one line per case: the median time per grid evaluation in milliseconds.
"""
import sys
import time

import numpy as np


def median_ms(f, seconds):
    for _ in range(50):
        f()
    samples = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        start = time.perf_counter_ns()
        f()
        samples.append(time.perf_counter_ns() - start)
    samples.sort()
    return samples[len(samples) // 2] / 1e6, len(samples)


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 2
    cases = []
    # The core benchmark's grid: 240 x 140 over [-2, 2] x [-1, 3].
    X, Y = np.meshgrid(np.linspace(-2, 2, 240), np.linspace(-1, 3, 140))
    cases.append(("grid 240x140 rosenbrock", lambda: (1 - X) ** 2 + 100 * (Y - X ** 2) ** 2))
    # The heatmap benchmarks' grid: 200 x 120 pixels (200 x 60 cells).
    P, Q = np.meshgrid(np.linspace(-2, 2, 200), np.linspace(-1, 3, 120))
    cases.append(("heatmap 200x60 rosenbrock", lambda: (1 - P) ** 2 + 100 * (Q - P ** 2) ** 2))
    cases.append((
        "heatmap 200x60 transcendental",
        lambda: np.sin(3 * P) * np.cos(3 * Q) * np.exp(-(P ** 2 + Q ** 2) / 4)
        + np.log(1 + P ** 2 + Q ** 2) + np.tanh(P * Q),
    ))
    for name, f in cases:
        ms, n = median_ms(f, seconds)
        print(f"numpy {name}: median {ms:.4f} ms over {n} runs")


if __name__ == "__main__":
    main()
