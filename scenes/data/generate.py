#!/usr/bin/env python3
"""Generates the datasets the data scenes use. Run from this folder; the output is committed.

study-hours.csv: 40 students, u = hours studied (uniform on [0, 20]), v = exam score,
  v = 2.5*u + 40 + N(0, 6^2), rounded to 0.1; seed 1.
study-hours-standardized.csv: the same rows with u and v standardized
  (subtract the mean, divide by the population standard deviation).
pass-fail.csv: 60 students, u = standardized hours, v = 1 if they passed, drawn with
  P(pass) = sigmoid(2*u - 0.5); seed 2.
Python's random module (Mersenne Twister) is the generator, so the files are reproducible.
"""
import math
import random


def write(name, header, rows):
    with open(name, "w") as f:
        f.write("# " + header.pop(0) + "\n")
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(format(v, ".6g") for v in row) + "\n")


def standardize(values):
    mean = sum(values) / len(values)
    std = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
    return [(v - mean) / std for v in values]


rng = random.Random(1)
hours = [round(rng.uniform(0, 20), 1) for _ in range(40)]
scores = [round(2.5 * u + 40 + rng.gauss(0, 6), 1) for u in hours]
write("study-hours.csv", ["hours studied and exam score; generate.py, seed 1", "u", "v"],
      zip(hours, scores))
write("study-hours-standardized.csv",
      ["study-hours.csv standardized; generate.py", "u", "v"],
      zip(standardize(hours), standardize(scores)))

rng = random.Random(2)
u = [rng.gauss(0, 1) for _ in range(60)]
passed = [1 if rng.random() < 1 / (1 + math.exp(-(2 * h - 0.5))) else 0 for h in u]
write("pass-fail.csv", ["standardized hours and pass (1) or fail (0); generate.py, seed 2", "u", "v"],
      zip(u, passed))
