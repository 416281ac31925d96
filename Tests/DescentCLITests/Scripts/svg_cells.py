#!/usr/bin/env python3
"""Reads an SVG frame of `descent render --format svg` back into cells, as JSON.

usage: python3 svg_cells.py FRAME.svg

Parses the file with an XML parser (exits 1 if it is not well-formed), paints its rects in
document order into pixels of 8x8 units (a cell is 8x16: an upper and a lower pixel) and puts
each text element's characters in the cells their x positions and baseline name. Prints
{"width", "height", "rows": glyph rows, "upper"/"lower": pixel fills per row, "fill": glyph
fills per row, "covered": whether every pixel is painted exactly once}.
"""
import json, sys
import xml.dom.minidom

doc = xml.dom.minidom.parse(sys.argv[1])
svg = doc.documentElement
_, _, w, h = (int(v) for v in svg.getAttribute("viewBox").split())
width, height = w // 8, h // 16
pixels = [[None] * width for _ in range(2 * height)]
count = [[0] * width for _ in range(2 * height)]
for rect in doc.getElementsByTagName("rect"):
    x, y, rw, rh = (int(rect.getAttribute(k)) for k in ("x", "y", "width", "height"))
    for row in range(y // 8, (y + rh) // 8):
        for column in range(x // 8, (x + rw) // 8):
            pixels[row][column] = rect.getAttribute("fill")
            count[row][column] += 1
rows = [[" "] * width for _ in range(height)]
fill = [[None] * width for _ in range(height)]
for text in doc.getElementsByTagName("text"):
    content = "".join(n.data for n in text.childNodes if n.nodeType == n.TEXT_NODE)
    xs = [int(v) for v in text.getAttribute("x").split()]
    assert len(xs) == len(content), (xs, content)
    row = (int(text.getAttribute("y")) - 12) // 16
    for x, character in zip(xs, content):
        rows[row][x // 8] = character
        fill[row][x // 8] = text.getAttribute("fill")
print(json.dumps({
    "width": width, "height": height,
    "rows": ["".join(r) for r in rows],
    "upper": pixels[0::2], "lower": pixels[1::2], "fill": fill,
    "covered": all(c == 1 for r in count for c in r),
}))
