#!/usr/bin/env python3
"""nos fix as properties over every text sample (UTF-8 or Windows-1252), as it is and with defects added.

Each sample is fixed as it is, then again with defects added to a copy (a doubled space inside an
item, a number skipped, a number repeated, a number in another style (P6 typed PC6), a doubled stem
line, the "Knowledge and understanding" label left out). For every file:
  * `nos fix --unsafe` exits 0, and `nos check` afterwards reports none of the rules it fixed;
  * no word is lost: with quote characters, item numbers and white space set aside, the words of the
    fixed file are those of the input, in order, except whole lines whose text an earlier line already
    has (a label or stem printed twice), and but for the labels nos fix says it added;
  * line ends are kept: every line end of the fixed file is one the input used;
  * a second `nos fix --unsafe` changes nothing (and `--dry-run` then has nothing to do);
  * `--diff` and `--dry-run` write nothing, and --diff prints what fix then does;
  * `nos check --fix` makes the safe fixes, then reports what is left.

Usage: run.py --nos build-test/nos
"""
import argparse
import difflib
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[2]
QUOTES = "'\"\u2018\u2019\u201c\u201d"


def run(nos, *args):
    return subprocess.run([nos, *map(str, args)], capture_output=True)


def words(text):
    """The words, quotes taken out and an item number in any style ("P3", "PC3", "3.") made "#"."""
    text = re.sub("[" + QUOTES + "]", "", text)
    return [re.sub(r"^[A-Za-z]{0,3}#[.)]?$", "#", re.sub(r"\d+", "#", w)) for w in text.split()]


def added_labels(report):
    """The words of each label nos fix says it added."""
    return {" ".join(words(label)) for label in re.findall(r"fixed: the '([^']+)' label is missing", report)}


def lines_of(data):
    return re.split(r"\r\n|\r|\n", data)


def defects(lines, model):
    """A copy of the lines with a doubled space, a skipped number, a repeated number, a number in another
    style, a doubled stem and (where the sample has it on a line of its own) a label left out; and the
    rules whose fixes these call for beyond the numbering ones."""
    items = [it for g in (model.get("performance_criteria") or []) for it in g["items"]]
    if len(items) < 5:
        return None
    new = list(lines)
    first = items[0]["line"] - 1
    new[first] = re.sub(r"(\w) (\w)", r"\1  \2", new[first].rstrip(), count=1)

    def bump(line, delta):
        return re.sub(r"^(\s*[A-Za-z]*)(\d+)", lambda m: m.group(1) + str(int(m.group(2)) + delta), line, count=1)
    new[items[2]["line"] - 1] = bump(new[items[2]["line"] - 1], 5)   # P3 typed P8
    new[items[4]["line"] - 1] = bump(new[items[4]["line"] - 1], -1)  # P5 typed P4
    wanted = set()
    if len(items) >= 7 and re.match(r"\s*P\d", new[items[5]["line"] - 1]):  # P6 typed PC6
        new[items[5]["line"] - 1] = re.sub(r"^(\s*)P", r"\1PC", new[items[5]["line"] - 1], count=1)
        wanted.add(b"numbering-prefix")
    label = [n for n, l in enumerate(new) if l.strip() == "Knowledge and understanding"]
    if label:
        del new[label[0]]
        wanted.add(b"missing-label")
    new.insert(first, new[first - 1] if new[first - 1].strip() else "You must be able to:")
    return new, wanted


def check_file(nos, path, original, encoding, failures):
    name = path.name
    fixed = run(nos, "fix", "--unsafe", path)
    if fixed.returncode != 0:
        failures.append(f"{name}: nos fix --unsafe exited {fixed.returncode}: {fixed.stderr.decode()[:300]}")
        return
    rules = set(re.findall(r": fixed: .*\[([a-z-]+)\]$", fixed.stdout.decode(), re.M))
    after = json.loads(run(nos, "check", path, "--format", "json").stdout)
    left = {d["rule"] for d in after["findings"]} & rules
    if left:
        failures.append(f"{name}: nos check still reports {sorted(left)} after the fix")
    new = path.read_bytes()
    old_text, new_text = original.decode(encoding), new.decode(encoding)
    old_lines = lines_of(old_text)
    flat = [" ".join(l.split()) for l in old_lines]
    doubled = {l for n, l in enumerate(flat) if l and any(l in earlier for earlier in flat[:n])}
    a, b = words(old_text), words(new_text)
    labels = added_labels(fixed.stdout.decode())
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal" or (op == "insert" and " ".join(b[j1:j2]) in labels):
            continue
        if op != "delete" or not any(" ".join(a[i1:i2]) in " ".join(words(d)) for d in doubled):
            failures.append(f"{name}: words changed: {' '.join(a[i1:i2])!r} -> {' '.join(b[j1:j2])!r}")
    ends = lambda data: set(re.findall(rb"\r\n|\r(?!\n)|\n", data))
    if not ends(new) <= ends(original):
        failures.append(f"{name}: line ends changed: {ends(original)} -> {ends(new)}")
    again = run(nos, "fix", "--unsafe", path)
    if path.read_bytes() != new or again.returncode != 0:
        failures.append(f"{name}: a second nos fix --unsafe changed the file again: {again.stdout.decode()[:300]}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nos", required=True)
    nos = parser.parse_args().nos
    failures, files = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        for sample in sorted((REPO / "samples").glob("*.txt")):
            original = sample.read_bytes()
            encoding = "utf-8"
            try:
                text = original.decode(encoding)
            except UnicodeDecodeError:
                encoding = "cp1252"  # as nos reads it: Windows-1252, kept so by nos fix
                text = original.decode(encoding)
            variants = {sample.stem: original}
            model = json.loads(run(nos, "parse", sample, "--format", "json").stdout)
            broken = defects(lines_of(text), model)
            wanted = {}
            if broken:
                variants[sample.stem + "-defects"] = "\n".join(broken[0]).encode(encoding)
                wanted[sample.stem + "-defects"] = broken[1]
            for stem, data in variants.items():
                files += 1
                path = tmp / f"{stem}.txt"
                path.write_bytes(data)
                preview = run(nos, "fix", "--unsafe", "--diff", path)
                dry = run(nos, "fix", "--unsafe", "--dry-run", path)
                if path.read_bytes() != data:
                    failures.append(f"{stem}: --diff or --dry-run wrote the file")
                check_file(nos, path, data, encoding, failures)
                if (preview.stdout != b"") != (path.read_bytes() != data) or dry.returncode not in (0, 1):
                    failures.append(f"{stem}: --diff does not show what nos fix did")
                made = set(re.findall(rb"would fix: .*\[([a-z-]+)\]$", dry.stdout, re.M))
                if stem.endswith("-defects") and not made & {b"numbering-gap", b"numbering-duplicate"}:
                    failures.append(f"{stem}: the skipped and repeated numbers are not fixed: {sorted(made)}")
                if wanted.get(stem, set()) - made:
                    failures.append(f"{stem}: not fixed: {sorted(wanted[stem] - made)}")
        # A file with nothing to fix exits 0 and is not rewritten; one that is not UTF-8 text is refused.
        clean = tmp / "clean.txt"
        shutil.copy(REPO / "samples/hospitality-PPLHSL12.txt", clean)
        run(nos, "fix", "--unsafe", clean)
        r = run(nos, "fix", "--unsafe", "--dry-run", clean)
        if r.returncode != 0 or b"0 to fix" not in r.stdout:
            failures.append(f"a fixed file still has fixes to make: {r.stdout.decode()[:200]}")
        # nos check --fix: the safe fixes made in place (listed on standard error), then the check of the
        # fixed file; a PDF beside it is checked as it is.
        broken = tmp / "check-fix.txt"
        broken.write_bytes(clean.read_bytes().replace(b"P1 ", b"P1 x  y ", 1))
        r = run(nos, "check", "--fix", "--format", "json", broken, REPO / "samples/pdf/water-EUSWWT05.pdf")
        rules = {d["rule"] for d in json.loads(r.stdout)["findings"]}
        if b"x y" not in broken.read_bytes() or b"fixed: double space" not in r.stderr or "whitespace" in rules:
            failures.append(f"nos check --fix did not fix then check: {r.stderr.decode()[:300]} {sorted(rules)}")
        r = run(nos, "fix", REPO / "samples/pdf/water-EUSWWT05.pdf", "--dry-run")
        if r.returncode != 2 or b"text exports, DOCX and YAML models only" not in r.stderr:
            failures.append(f"a PDF is not refused: exit {r.returncode}: {r.stderr.decode()[:200]}")
    for f in failures:
        print("FAIL:", f)
    print(f"fix: {files} files, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
