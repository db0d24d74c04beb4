"""Writes the test fonts of tests/fonts.rs from Debian's packaged fonts (fonttools).

  python3 tests/data/fonts/make_fonts.py   # needs fonts-linuxlibertine, fonts-liberation2

- mc-test-serif/: a CFF (OpenType) family in three faces (no bold italic, so the fallback
  is exercised), cut from Linux Libertine O to Latin, Cyrillic and the punctuation a card
  uses. Renamed: the OFL reserves the original name for the original fonts.
- mc-latin/: a TrueType face without Cyrillic, cut from Liberation Serif, renamed.
- mc-broken/: that face with its glyph data cut off: the names read, the outlines do not.
"""
import os
from fontTools.ttLib import TTFont
from fontTools import subset

here = os.path.dirname(os.path.abspath(__file__))
TEXT_UNICODES = (
    list(range(0x20, 0x7F)) + list(range(0xA0, 0x100)) + list(range(0x400, 0x460))
    + [0x2010, 0x2011, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x201E, 0x2026,
       0x2116, 0x25A1, 0x202F, 0x2022]
)


def cut(src, dst, unicodes, family, style, ps):
    opts = subset.Options()
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.layout_features = ["kern"]
    font = TTFont(src)
    s = subset.Subsetter(opts)
    s.populate(unicodes=unicodes)
    s.subset(font)
    name = font["name"]
    for rec in list(name.names):
        if rec.nameID in (1, 16):
            rec.string = family
        elif rec.nameID == 2 or rec.nameID == 17:
            rec.string = style
        elif rec.nameID == 4:
            rec.string = f"{family} {style}"
        elif rec.nameID == 6:
            rec.string = ps
        elif rec.nameID in (0, 3, 5, 7, 8, 9, 11, 12, 13, 14):
            pass
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [ps]
        top = cff.topDictIndex[0]
        top.FullName = f"{family} {style}"
        top.FamilyName = family
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    font.save(dst)


lib = "/usr/share/fonts/opentype/linux-libertine/"
for f, style, ps in [("LinLibertine_R.otf", "Regular", "MCTestSerif-Regular"),
                     ("LinLibertine_RB.otf", "Bold", "MCTestSerif-Bold"),
                     ("LinLibertine_RI.otf", "Italic", "MCTestSerif-Italic")]:
    cut(lib + f, f"{here}/mc-test-serif/{ps}.otf", TEXT_UNICODES, "MC Test Serif", style, ps)

latin = list(range(0x20, 0x7F)) + [0x25A1]
lib2 = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
cut(lib2, f"{here}/mc-latin/MCLatinOnly-Regular.ttf", latin, "MC Latin Only", "Regular",
    "MCLatinOnly-Regular")
# The same face with Cyrillic, its glyph outlines then cut off at half.
cut(lib2, f"{here}/mc-broken/MCBroken-Regular.ttf", TEXT_UNICODES, "MC Broken", "Regular",
    "MCBroken-Regular")
path = f"{here}/mc-broken/MCBroken-Regular.ttf"
data = bytearray(open(path, "rb").read())
font = TTFont(path)
off = font.reader.tables["glyf"].offset
length = font.reader.tables["glyf"].length
data[off + length // 8: off + length] = b"\xff" * (length - length // 8)
open(path, "wb").write(bytes(data))
