#!/usr/bin/env python3
"""Every format twin of a DOCX sample (samples/{odt,rtf,html,doc}/, made by scripts/make_format_samples.sh)
gives the same model as the DOCX, apart from `source` and locations.

LibreOffice's HTML export drops what a list number says beyond the number itself (Word's "P%1" becomes a
plain "1."), and writes deleted tracked changes as ordinary text; the twins of DOCX samples with auto
numbering or tracked changes are checked for being read, not for an equal model, and listed as such.
Usage: run.py --nos build-test/nos
"""
import argparse
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
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
    r = subprocess.run([nos, "parse", "--format", "json", str(path)], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"{path}: exit {r.returncode}: {r.stderr.strip()}")
    return strip(json.loads(r.stdout))


def first_difference(a, b, where="model"):
    if type(a) is not type(b):
        return f"{where}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{where}.{k}: only in {'the DOCX' if k in a else 'the twin'}"
            d = first_difference(a[k], b[k], f"{where}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{where}[{i}]")
            if d:
                return d
        return None if len(a) == len(b) else f"{where}: {len(a)} entries in the DOCX, {len(b)} in the twin"
    return None if a == b else f"{where}: {a!r} != {b!r}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nos", required=True)
    args = ap.parse_args()
    failed = checked = 0
    for docx in sorted((ROOT / "samples/docx").glob("*.docx")):
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
            diff = first_difference(expected, actual)
            if why:
                print(f"read only: {twin.relative_to(ROOT)} ({why}){'' if diff else ' - now equal: drop it from READ_ONLY'}")
            elif diff:
                print(f"FAIL: {twin.relative_to(ROOT)} differs from its DOCX: {diff}")
                failed += 1
    print(f"formats: {checked - failed} of {checked} twins passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
