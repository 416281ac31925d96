#!/usr/bin/env python3
"""Differential test of descent's TOML reader against Python's tomllib.

    Fuzz/differential/tomllib_diff.py [--count N] [--seed S] [--keep DIR]

Generates N TOML texts (default 20,000): random documents from a small grammar whose keys
collide often (so duplicate keys, redefined tables, dotted keys into inline tables and
appends to static arrays are common), and mutations of the shipped scenes and lessons, the
fuzz corpus and those documents (characters inserted, deleted or replaced from TOML's
punctuation, lines duplicated, swapped, cut or joined, CRLF line endings). Each text goes
through `FuzzDescent toml-json` (descent's reader, printing what it reads as tagged JSON)
and through tomllib, and the two must agree on whether the text is TOML and, when it is,
on every value: strings, integers, floats (bit for bit, nan as nan), booleans, arrays and
tables.

descent's reader is stricter than TOML in ways the README states, so these count as
expected differences, not disagreements, when tomllib accepts a text descent refuses:
a date or time in tomllib's result, an integer outside 64 bits, arrays or inline tables
nested more than 32 deep, a key of more than 16 parts. A byte-order mark (which descent
skips and tomllib refuses) is removed before tomllib reads the text.

Exits 1 if any text is a disagreement, printing the first few; --keep DIR saves them.
"""

import argparse
import datetime
import glob
import json
import math
import os
import random
import struct
import subprocess
import sys
import tempfile
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

KEYS = ["a", "b", "c", "x", "y", "step", "view", '"a"', "'b'", '"x.y"', "1", "a-b"]
SCALARS = [
    "1", "-7", "+3", "0", "1_000", "0x1F", "0o17", "0b101", "9223372036854775807",
    "-9223372036854775808", "9223372036854775808", "0xFFFFFFFFFFFFFFFF",
    "1.5", "-0.0", "+1e3", "6.02e+23", "1e-400", "1e400", "inf", "-inf", "nan", "+nan",
    "true", "false", '"s"', "'lit'", '"\\u00e9\\t\\n\\\\"', '"é ✓"', '""', "''",
    '"""\nmulti\\\n   line"""', "'''\nraw\n'''", '""""q""""', "1979-05-27", "07:32:00",
    "1979-05-27T07:32:00Z", "01", "1__2", "1.", ".5", "0x", "truee",
]
PUNCT = list("[]{}=.,\"'#\n\t \\+-_:eE0123456789abxo") + ["\r\n", "\r", "é", "\u0000", "\u007f"]


def gen_key(r):
    n = r.choice([1, 1, 1, 2, 2, 3])
    return ".".join(r.choice(KEYS) for _ in range(n))


def gen_value(r, depth=0):
    roll = r.random()
    if depth < 3 and roll < 0.15:
        items = [gen_value(r, depth + 1) for _ in range(r.randint(0, 3))]
        sep = r.choice([", ", ",", ",\n  ", " , "])
        trail = r.choice(["", ",", "\n"])
        return "[" + sep.join(items) + trail + "]"
    if depth < 3 and roll < 0.3:
        pairs = [f"{gen_key(r)} = {gen_value(r, depth + 1)}" for _ in range(r.randint(0, 3))]
        return "{ " + ", ".join(pairs) + " }"
    return r.choice(SCALARS)


def gen_document(r):
    lines = []
    for _ in range(r.randint(1, 12)):
        roll = r.random()
        if roll < 0.2:
            lines.append(f"[{gen_key(r)}]")
        elif roll < 0.32:
            lines.append(f"[[{gen_key(r)}]]")
        elif roll < 0.36:
            lines.append(r.choice(["# comment", "", "  # é", "\t"]))
        else:
            lines.append(f"{gen_key(r)} = {gen_value(r)}")
    newline = "\r\n" if r.random() < 0.15 else "\n"
    return newline.join(lines) + r.choice(["", newline])


def mutate(r, text):
    for _ in range(r.randint(1, 4)):
        roll = r.random()
        lines = text.split("\n")
        if roll < 0.25 and text:
            k = r.randrange(len(text) + 1)
            text = text[:k] + r.choice(PUNCT) + text[k:]
        elif roll < 0.45 and text:
            k = r.randrange(len(text))
            text = text[:k] + text[k + r.randint(1, 3):]
        elif roll < 0.6 and text:
            k = r.randrange(len(text))
            text = text[:k] + r.choice(PUNCT) + text[k + 1:]
        elif roll < 0.7:
            k = r.randrange(len(lines))
            lines.insert(r.randrange(len(lines) + 1), lines[k])
            text = "\n".join(lines)
        elif roll < 0.78 and len(lines) > 1:
            a, b = r.randrange(len(lines)), r.randrange(len(lines))
            lines[a], lines[b] = lines[b], lines[a]
            text = "\n".join(lines)
        elif roll < 0.86:
            k = r.randrange(len(lines))
            lines.insert(k, f"{gen_key(r)} = {gen_value(r)}" if r.random() < 0.6
                         else f"[{'[' if r.random() < 0.3 else ''}{gen_key(r)}]")
            text = "\n".join(lines)
        elif roll < 0.92:
            text = text.replace("\n", "\r\n")
        else:
            del lines[r.randrange(len(lines))]
            text = "\n".join(lines)
    return text


def tagged(value):
    """tomllib's value in the JSON shape `FuzzDescent toml-json` prints."""
    if isinstance(value, dict):
        return {k: tagged(v) for k, v in value.items()}
    if isinstance(value, list):
        return [tagged(v) for v in value]
    if isinstance(value, bool):
        return {"type": "bool", "value": "true" if value else "false"}
    if isinstance(value, int):
        return {"type": "integer", "value": str(value)}
    if isinstance(value, float):
        return {"type": "float", "value": value}
    if isinstance(value, str):
        return {"type": "string", "value": value}
    return {"type": type(value).__name__, "value": str(value)}  # dates and times


def float_bits(x):
    if math.isnan(x):
        return "nan"
    return struct.pack("<d", x)


def same(ours, theirs):
    if isinstance(theirs, dict) and "type" in theirs and isinstance(theirs.get("type"), str) \
            and set(theirs) == {"type", "value"}:
        if not (isinstance(ours, dict) and ours.get("type") == theirs["type"]):
            return False
        if theirs["type"] == "float":
            return float_bits(float(ours["value"])) == float_bits(theirs["value"])
        return ours["value"] == theirs["value"]
    if isinstance(theirs, dict):
        return isinstance(ours, dict) and list(ours) == list(theirs) and all(
            same(ours[k], theirs[k]) for k in theirs)
    if isinstance(theirs, list):
        return isinstance(ours, list) and len(ours) == len(theirs) and all(
            same(a, b) for a, b in zip(ours, theirs))
    return False


def stricter(value, depth=0):
    """Why descent refuses what tomllib accepted, if it is one of its stated limits."""
    if isinstance(value, (datetime.date, datetime.time)):
        return "date or time"
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and not (-(2**63) <= value < 2**63):
        return "integer beyond 64 bits"
    if isinstance(value, (dict, list)):
        for v in value.values() if isinstance(value, dict) else value:
            why = stricter(v, depth + 1)
            if why:
                return why
    return None


# tomllib's messages for what the grammar allows but TOML's table rules forbid.
TABLE_RULES = ["Cannot overwrite", "Cannot declare", "Cannot redefine", "Cannot mutate",
               "Duplicate inline"]


def seeds():
    texts = []
    patterns = ["scenes/**/*.toml", "Fuzz/corpus/scene/*", "Fuzz/corpus/lesson/*",
                "Tests/DescentCoreTests/BrokenScenes/*.toml"]
    for pattern in patterns:
        for path in sorted(glob.glob(os.path.join(ROOT, pattern), recursive=True)):
            try:
                with open(path, encoding="utf-8") as f:
                    texts.append(f.read())
            except (UnicodeDecodeError, IsADirectoryError):
                pass
    return texts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", help="save disagreeing inputs to this folder")
    parser.add_argument("--binary", help="FuzzDescent (default: swift build's)")
    args = parser.parse_args()
    binary = args.binary
    if not binary:
        subprocess.run(["swift", "build", "--product", "FuzzDescent"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        bin_dir = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                                 capture_output=True, text=True).stdout.strip()
        binary = os.path.join(bin_dir, "FuzzDescent")

    r = random.Random(args.seed)
    corpus = seeds()
    texts = []
    while len(texts) < args.count:
        roll = r.random()
        if roll < 0.4:
            texts.append(gen_document(r))
        elif roll < 0.7:
            texts.append(mutate(r, gen_document(r)))
        else:
            texts.append(mutate(r, r.choice(corpus)))

    counts = {"both accept, same values": 0, "both refuse": 0, "expected (descent stricter)": 0,
              "disagree": 0}
    reasons = {}
    failures = []
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for k, text in enumerate(texts):
            path = os.path.join(folder, f"{k:06}.toml")
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            paths.append(path)
        ours = []
        for start in range(0, len(paths), 2000):
            out = subprocess.run([binary, "toml-json", *paths[start:start + 2000]],
                                 check=True, capture_output=True, text=True).stdout
            ours += [json.loads(line) for line in out.splitlines()]
    assert len(ours) == len(texts)

    for text, mine in zip(texts, ours):
        try:
            theirs = tomllib.loads(text.removeprefix("\ufeff"))
            error = None
        except tomllib.TOMLDecodeError as e:
            theirs, error = None, str(e)
        except RecursionError:
            theirs, error = None, "recursion"
        if theirs is None and "error" in mine:
            counts["both refuse"] += 1
            if any(rule in error for rule in TABLE_RULES):
                reasons["both refuse: a key or table rule"] = \
                    reasons.get("both refuse: a key or table rule", 0) + 1
        elif theirs is not None and "json" in mine:
            if same(mine["json"], tagged(theirs)):
                counts["both accept, same values"] += 1
            else:
                counts["disagree"] += 1
                failures.append((text, "values differ", mine, repr(theirs)))
        elif theirs is not None:
            why = stricter(theirs)
            message = mine["error"]
            if not why and ("nest more than" in message):
                why = "nesting limit"
            if why:
                counts["expected (descent stricter)"] += 1
                reasons[why] = reasons.get(why, 0) + 1
            else:
                counts["disagree"] += 1
                failures.append((text, "descent refuses", mine, repr(theirs)))
        else:
            counts["disagree"] += 1
            failures.append((text, "tomllib refuses: " + error, mine, None))

    total = len(texts)
    print(f"{total} texts")
    for name, n in counts.items():
        print(f"  {name}: {n}")
    for why, n in sorted(reasons.items()):
        print(f"    {why}: {n}")
    agreed = total - counts["disagree"]
    print(f"agreement: {agreed}/{total} ({100 * agreed / total:.3f}%)")
    for text, what, mine, theirs in failures[:5]:
        print("----", what)
        print(repr(text))
        print("descent:", json.dumps(mine)[:400])
        if theirs:
            print("tomllib:", theirs[:400])
    if args.keep and failures:
        os.makedirs(args.keep, exist_ok=True)
        for k, (text, *_rest) in enumerate(failures):
            with open(os.path.join(args.keep, f"disagree-{k:04}.toml"), "w",
                      encoding="utf-8", newline="") as f:
                f.write(text)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
