"""Reads a DOCX back with python-docx and checks the PDF LibreOffice made from it: the table
has the expected rows, and every word of the DOCX and of the seed is in the PDF text. Seed
words the example deliberately restates in standard form are the list in tests/common/mod.rs
(RESTATED_IN_STANDARD_FORM), read from there so there is one list.

Usage: docx-words.py CARD.docx CARD.pdf [SEED.txt]   (exit status 1 on any loss)
"""
import pathlib
import re
import subprocess
import sys

import docx


def words(text):
    return {w.lower().replace("ё", "е")
            for w in re.findall(r"[^\W_]+", text.replace("\u00ad", ""))}


def restated():
    common = pathlib.Path(__file__).resolve().parent.parent / "common" / "mod.rs"
    source = common.read_text(encoding="utf-8")
    block = re.search(r"RESTATED_IN_STANDARD_FORM: &\[&str\] = &\[(.*?)\];", source, re.S)
    return set(re.findall(r'"([^"]*)"', block.group(1))) if block else set()


def main():
    d = docx.Document(sys.argv[1])
    parts = [p.text for p in d.paragraphs]
    rows = len(d.tables[0].rows) if d.tables else 0
    for t in d.tables:
        for r in t.rows:
            parts.extend(c.text for c in r.cells)
    print(f"python-docx: {len(d.tables)} table(s), {rows} rows in the first; "
          f"title {d.core_properties.title!r}, language {d.core_properties.language!r}")
    # -layout: without it pdftotext glues "интернет-" at a line end to the next word.
    pdf = subprocess.run(["pdftotext", "-layout", sys.argv[2], "-"], capture_output=True,
                         text=True, check=True).stdout
    have = words(pdf)
    failed = rows != 15
    lost = sorted(words(" ".join(parts)) - have)
    print(f"DOCX words missing from the PDF: {len(lost)} {lost[:20]}")
    failed |= bool(lost)
    if len(sys.argv) > 3:
        with open(sys.argv[3], encoding="utf-8") as f:
            lost = sorted(words(f.read()) - have - restated())
        print(f"seed words missing from the PDF: {len(lost)} {lost[:20]}")
        failed |= bool(lost)
    sys.exit(1 if failed else 0)


main()
