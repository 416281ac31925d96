"""Checks that a file is valid asciicast v2 and prints the screen its events leave.

usage: python3 replay_cast.py talk.cast

Exits 1 with a message on the first violation of the format: the header must be a JSON
object with version 2 and integer width and height; every further line a JSON array
[time, code, data] with a non-negative time that never decreases, code "o" (output) or
"r" (resize, data "WxH"), and string data. The "o" data is fed, in order, to pyte's
terminal emulator; the final screen is printed, one line per row, trailing spaces removed.
"""
import json
import sys

import pyte


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


with open(sys.argv[1], encoding="utf-8") as f:
    lines = f.read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
if not lines:
    fail("empty file")
header = json.loads(lines[0])
if not isinstance(header, dict) or header.get("version") != 2:
    fail("header: version must be 2")
width, height = header.get("width"), header.get("height")
if not isinstance(width, int) or not isinstance(height, int) or width < 1 or height < 1:
    fail("header: width and height must be positive integers")

screen = pyte.Screen(width, height)
stream = pyte.Stream(screen)
last = 0.0
for number, line in enumerate(lines[1:], start=2):
    event = json.loads(line)
    if not (isinstance(event, list) and len(event) == 3):
        fail(f"line {number}: an event must be [time, code, data]")
    time, code, data = event
    if not isinstance(time, (int, float)) or time < last:
        fail(f"line {number}: time {time} goes backwards")
    last = time
    if not isinstance(data, str):
        fail(f"line {number}: data must be a string")
    if code == "o":
        stream.feed(data)
    elif code == "r":
        w, h = (int(n) for n in data.split("x"))
        screen.resize(h, w)
    else:
        fail(f"line {number}: unknown event code {code!r}")

for row in screen.display:
    print(row.rstrip())
