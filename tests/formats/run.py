#!/usr/bin/env python3
"""Every format twin of a DOCX sample (samples/{odt,rtf,html,doc}/, made by scripts/make_format_samples.sh)
gives the same model as the DOCX, apart from `source` and locations.

LibreOffice's HTML export drops what a list number says beyond the number itself (Word's "P%1" becomes a
plain "1."), and writes deleted tracked changes as ordinary text; the twins of DOCX samples with auto
numbering or tracked changes are checked for being read, not for an equal model, and listed as such.
Usage: run.py --nos build-test/nos
"""
import argparse
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import nostest  # noqa: E402

ROOT = nostest.ROOT
FORMATS = {"odt": "odt", "rtf": "rtf", "html": "html", "doc": "doc"}
# (format, sample) pairs whose model may differ, and why.
READ_ONLY = {
    ("html", "construction-COSVR611"): "auto numbering: LibreOffice's HTML drops the P/K prefix",
    ("html", "engineering-SEMEM3-07"): "auto numbering and tracked changes in LibreOffice's HTML",
    ("html", "earlyyears-SCDCCLD0418"): "tracked changes: LibreOffice's HTML keeps deleted text",
}


def strip(node):
    """The model without `source` and without locations (line numbers and Word-style positions)."""
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in ("source", "line", "location")}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def model(nos, path):
    return strip(nostest.model(nos, path))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nos", required=True)
    args = ap.parse_args()
    failed = checked = 0
    for docx in nostest.samples("docx/*.docx"):
        expected = model(args.nos, docx)
        for directory, ext in FORMATS.items():
            twin = ROOT / "samples" / directory / f"{docx.stem}.{ext}"
            if not twin.exists():
                print(f"FAIL: {twin.relative_to(ROOT)} is missing (scripts/make_format_samples.sh)")
                failed += 1
                continue
            checked += 1
            try:
                actual = model(args.nos, twin)
            except RuntimeError as e:
                print(f"FAIL: {e}")
                failed += 1
                continue
            why = READ_ONLY.get((directory, docx.stem))
            diff = nostest.first_difference(expected, actual, names=("the DOCX", "the twin"))
            if why:
                print(f"read only: {twin.relative_to(ROOT)} ({why}){'' if diff else ' - now equal: drop it from READ_ONLY'}")
            elif diff:
                print(f"FAIL: {twin.relative_to(ROOT)} differs from its DOCX: {diff}")
                failed += 1
    print(f"formats: {checked - failed} of {checked} twins passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
