#!/usr/bin/env python3
"""NumPy reference for the grid benchmark: Rosenbrock values on the same 240x140 grid.

Prints the median time per grid evaluation in milliseconds (and its samples count).
"""
import sys
import time

import numpy as np


def main():
    xs = np.linspace(-2, 2, 240)
    ys = np.linspace(-1, 3, 140)
    X, Y = np.meshgrid(xs, ys)  # built once, as the Swift benchmark builds xs and ys once

    def rosenbrock():
        return (1 - X) ** 2 + 100 * (Y - X ** 2) ** 2

    for _ in range(50):
        rosenbrock()
    samples = []
    deadline = time.perf_counter() + float(sys.argv[1] if len(sys.argv) > 1 else 2)
    while time.perf_counter() < deadline:
        start = time.perf_counter_ns()
        rosenbrock()
        samples.append(time.perf_counter_ns() - start)
    samples.sort()
    median = samples[len(samples) // 2] / 1e6
    print(f"numpy grid 240x140 rosenbrock: median {median:.4f} ms over {len(samples)} runs")


if __name__ == "__main__":
    main()
