#!/usr/bin/env python3
"""A model checks like its source: for every sample, `nos parse` writes the model and `nos check` of that
model must report the same findings (rule and message) as `nos check` of the source text. Line numbers
in messages ("first at line 8") are left out of the comparison: a model's lines are not its source's.

Usage: tests/model_checks/run.py --nos build/nos
Prints one line per sample (ok or FAIL with the findings that differ) and exits 1 if any differed.
"""
import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent

# Rules about the source's surface, which the model (cleaned text) cannot carry. The one list of them.
SURFACE_RULES = {"whitespace", "conversion-artifact", "bidi-control", "mixed-quotes"}


def findings(nos, path):
    run = subprocess.run([nos, "check", str(path), "--format", "json"],
                         capture_output=True, text=True, check=False)
    if run.returncode not in (0, 1):
        sys.exit(f"nos check {path} exited {run.returncode}: {run.stderr.strip()}")
    return sorted((f["rule"], re.sub(r"\bline \d+", "line N", f["message"]))
                  for f in json.loads(run.stdout)["findings"] if f["rule"] not in SURFACE_RULES)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nos", required=True)
    nos = ap.parse_args().nos
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for sample in sorted((ROOT / "samples").glob("*.txt")):
            model = pathlib.Path(tmp) / (sample.stem + ".yaml")
            subprocess.run([nos, "parse", str(sample), "-o", str(model)], check=True, capture_output=True)
            source, checked = findings(nos, sample), findings(nos, model)
            if source == checked:
                print(f"ok {sample.name}")
                continue
            failed += 1
            print(f"FAIL {sample.name}: the model's findings differ from the source's")
            for f in sorted(set(source) - set(checked)):
                print(f"  only in the source: {f[0]}: {f[1]}")
            for f in sorted(set(checked) - set(source)):
                print(f"  only in the model:  {f[0]}: {f[1]}")
    print(f"model checks: {failed} of the samples differ" if failed else "model checks: every sample agrees")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
