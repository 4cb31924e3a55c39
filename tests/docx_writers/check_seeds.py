#!/usr/bin/env python3
"""DOCX written by python-docx and by pandoc from each seed export in ../shared/seeds (one paragraph per
line, no empty paragraph around group headings: scripts/make_docx_writers.py) must give the seed text's
lists: the same group headings, item ids and texts. Skipped, with a message, when the seeds, python-docx
or pandoc are missing.

    tests/docx_writers/check_seeds.py --nos build-test/nos
"""
import argparse
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
MAKE = ROOT / "scripts" / "make_docx_writers.py"


def python_with_docx():
    for python in (sys.executable, "/usr/bin/python3"):
        if python and subprocess.run([python, "-c", "import docx"], capture_output=True).returncode == 0:
            return python
    return None


def lists(nos, path):
    run = subprocess.run([nos, "parse", "--format", "json", str(path)], capture_output=True, text=True)
    if run.returncode:
        return run.stderr.strip()
    model = json.loads(run.stdout)
    return {key: [(g["heading"], [(i["id"], i["text"]) for i in g["items"]]) for g in model[key]]
            for key in ("performance_criteria", "knowledge_and_understanding")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nos", required=True)
    args = ap.parse_args()
    seeds = sorted(SEEDS.glob("*.txt"))
    python = python_with_docx()
    missing = [what for what, ok in (("the seeds in " + str(SEEDS), seeds), ("python-docx", python),
                                     ("pandoc", shutil.which("pandoc"))) if not ok]
    if missing:
        print(f"docx_writers: skipped ({', '.join(missing)} not found)")
        return 0
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in seeds:
            want = lists(args.nos, seed)
            for writer, headings in (("python-docx", "mixed"), ("pandoc", "plain"), ("pandoc", "bold")):
                out = pathlib.Path(tmp) / f"{seed.stem}-{writer}-{headings}.docx"
                subprocess.run([python, str(MAKE), str(seed), "-o", str(out), "--writer", writer,
                                "--headings", headings], check=True)
                got = lists(args.nos, out)
                if got != want:
                    failed += 1
                    print(f"{seed.name} ({writer}, {headings} headings): the lists differ from the text's")
                    for key in ("performance_criteria", "knowledge_and_understanding"):
                        if isinstance(got, str) or got[key] != want[key]:
                            print(f"  {key}: got {got if isinstance(got, str) else [g[0] for g in got[key]]}")
                            print(f"  {key}: want {[g[0] for g in want[key]]}")
    print(f"docx_writers: {3 * len(seeds) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
