#!/usr/bin/env python3
"""Draws ANSI text (`descent render` output, or `tmux capture-pane -e`) as a PNG (needs Pillow).

usage: python3 docs/ansi2png.py frame.txt frame.png
"""
import sys, re
from PIL import Image, ImageDraw, ImageFont
text = open(sys.argv[1], encoding="utf-8").read()
out = sys.argv[2]
CW, CH = 9, 18
font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", 14)
fontb = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf", 14)
base16 = [(0,0,0),(205,0,0),(0,205,0),(205,205,0),(0,0,238),(205,0,205),(0,205,205),(229,229,229),(127,127,127),(255,0,0),(0,255,0),(255,255,0),(92,92,255),(255,0,255),(0,255,255),(255,255,255)]
def x256(i):
    if i < 16: return base16[i]
    if i < 232:
        i -= 16; lv=[0,95,135,175,215,255]; return (lv[i//36], lv[i//6%6], lv[i%6])
    v = 8 + 10*(i-232); return (v,v,v)
lines = text.split("\n")
if lines and lines[-1] == "": lines.pop()
rows = []
fg=(220,220,220); bg=(20,20,20); bold=False
for line in lines:
    cells = []
    i = 0
    while i < len(line):
        m = re.match(r"\x1b\[([0-9;]*)m", line[i:])
        if m:
            codes = [int(c) if c else 0 for c in m.group(1).split(";")]
            j = 0
            while j < len(codes):
                c = codes[j]
                if c == 0: fg=(220,220,220); bg=(20,20,20); bold=False
                elif c == 1: bold=True
                elif c == 7: fg,bg = bg,fg
                elif c == 39: fg=(220,220,220)
                elif c == 49: bg=(20,20,20)
                elif c == 22: bold=False
                elif 30<=c<=37: fg=base16[c-30]
                elif 40<=c<=47: bg=base16[c-40]
                elif 90<=c<=97: fg=base16[c-90+8]
                elif 100<=c<=107: bg=base16[c-100+8]
                elif c in (38,48):
                    if codes[j+1]==5: col=x256(codes[j+2]); j+=2
                    else: col=tuple(codes[j+2:j+5]); j+=4
                    if c==38: fg=col
                    else: bg=col
                j+=1
            i += m.end(); continue
        cells.append((line[i], fg, bg, bold)); i += 1
    rows.append(cells)
W = max(len(r) for r in rows)
img = Image.new("RGB", (W*CW, len(rows)*CH), (20,20,20))
d = ImageDraw.Draw(img)
for y, r in enumerate(rows):
    for x, (ch, fg, bg, bold) in enumerate(r):
        x0, y0 = x*CW, y*CH
        if ch == "▀":
            d.rectangle([x0, y0, x0+CW-1, y0+CH//2-1], fill=fg)
            d.rectangle([x0, y0+CH//2, x0+CW-1, y0+CH-1], fill=bg)
        else:
            d.rectangle([x0, y0, x0+CW-1, y0+CH-1], fill=bg)
            if ch != " ": d.text((x0, y0+1), ch, font=fontb if bold else font, fill=fg)
img.save(out)
