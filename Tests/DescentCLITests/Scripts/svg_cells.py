#!/usr/bin/env python3
"""Reads an SVG frame of `descent render --format svg` back into cells, as JSON.

usage: python3 svg_cells.py FRAME.svg

Parses the file with an XML parser (exits 1 if it is not well-formed) and, in document order,
paints its rects into pixels of 8x8 units (a cell is 8x16: an upper and a lower pixel),
clearing the glyphs of the cells they cover, and puts each text element's characters in the
cells their x positions and baseline name: the picture a viewer shows with every element
visible. Prints {"width", "height", "rows": glyph rows, "upper"/"lower": pixel fills per row,
"fill": glyph fills per row, "covered": whether every pixel is painted exactly once,
"painted": at least once, "frames": 1 + the number of animate elements}.
"""
import json, sys
import xml.dom.minidom

doc = xml.dom.minidom.parse(sys.argv[1])
svg = doc.documentElement
_, _, w, h = (int(v) for v in svg.getAttribute("viewBox").split())
width, height = w // 8, h // 16
pixels = [[None] * width for _ in range(2 * height)]
count = [[0] * width for _ in range(2 * height)]
rows = [[" "] * width for _ in range(height)]
fill = [[None] * width for _ in range(height)]
# In document order: a later rect covers the glyphs drawn before it in its cells.
for element in doc.getElementsByTagName("*"):
    if element.tagName == "rect":
        x, y, rw, rh = (int(element.getAttribute(k)) for k in ("x", "y", "width", "height"))
        for row in range(y // 8, (y + rh) // 8):
            for column in range(x // 8, (x + rw) // 8):
                pixels[row][column] = element.getAttribute("fill")
                count[row][column] += 1
                rows[row // 2][column] = " "
                fill[row // 2][column] = None
    elif element.tagName == "text":
        content = "".join(n.data for n in element.childNodes if n.nodeType == n.TEXT_NODE)
        xs = [int(v) for v in element.getAttribute("x").split()]
        assert len(xs) == len(content), (xs, content)
        row = (int(element.getAttribute("y")) - 12) // 16
        for x, character in zip(xs, content):
            rows[row][x // 8] = character
            fill[row][x // 8] = element.getAttribute("fill")
print(json.dumps({
    "width": width, "height": height,
    "rows": ["".join(r) for r in rows],
    "upper": pixels[0::2], "lower": pixels[1::2], "fill": fill,
    "covered": all(c == 1 for r in count for c in r),
    "painted": all(c >= 1 for r in count for c in r),
    "frames": len(doc.getElementsByTagName("animate")) + 1,
}))
