#!/usr/bin/env python3
"""nos diff on pairs made from every text sample by one known edit each.

The edits: reword one item; delete one item and renumber the items after it; move an item to another
group (keeping its number; not in wrapped PDF-style exports, where a number out of order starts a new
list); add an item; change the version and the indicative review date. For each
pair `nos diff` must report exactly that edit and nothing else, exit 1 (0 for a document against
itself), and give the same JSON whether the two versions are text exports, DOCX twins
(scripts/make_docx_sample.py) or the YAML models `nos parse` writes of them. Text, Markdown and JSON
must agree on whether anything changed.

Usage: run.py --nos build-test/nos
"""
import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[2]


def run(nos, *args):
    return subprocess.run([nos, *map(str, args)], capture_output=True, text=True)


def model(nos, path):
    r = run(nos, "parse", path, "--format", "json")
    if r.returncode != 0:
        raise RuntimeError(r.stderr)
    return json.loads(r.stdout)


def item_sections(m):
    """(section key, [groups]) for every item section with items."""
    out = []
    for key in ("performance_criteria", "knowledge_and_understanding"):
        groups = [g for g in (m.get(key) or []) if g["items"]]
        if groups:
            out.append((key, groups))
    return out


def renumber(line, delta):
    return re.sub(r"^(\s*[A-Za-z]*)(\d+)", lambda x: x.group(1) + str(int(x.group(2)) + delta), line, count=1)


def one_line(item, lines):
    """True when the item is printed on its own line, so the edits can move or delete that line."""
    return " ".join(lines[item["line"] - 1].split()).endswith(" ".join(item["text"].split()))


def edits(lines, m):
    """Yield (name, new lines, expected items as (changes, old id, new id), expected fields)."""
    sections = item_sections(m)
    if not sections:
        return
    key, groups = sections[0]
    items = [it for g in groups for it in g["items"]]
    middle = [n for n in range(1, len(items) - 1) if one_line(items[n], lines)]
    if middle:
        k = middle[0]
        it = items[k]
        new = list(lines)
        new[it["line"] - 1] = new[it["line"] - 1].rstrip() + " at all times"
        yield "reword", new, [(["reworded"], it["id"], it["id"])], []

        new = list(lines)
        for later in items[k + 1:]:
            new[later["line"] - 1] = renumber(new[later["line"] - 1], -1)
        del new[it["line"] - 1]
        expected = [(["removed"], it["id"], None)]
        expected += [(["renumbered"], a["id"], b["id"]) for a, b in zip(items[k + 1:], items[k:])]
        yield "delete", new, expected, []

    last = items[-1]
    label = re.match(r"\s*[A-Za-z]*\d+\S*\s+", lines[last["line"] - 1])  # "P16 ", "16.  "
    if label and one_line(last, lines):
        new = list(lines)
        added = renumber(label.group(0), 1)
        new.insert(last["line"], added + "keep a written note of every check you make")
        number = re.search(r"\d+", added).group(0)
        yield "add", new, [(["added"], None, re.sub(r"\d+$", number, last["id"]))], []

    # Wrapped (PDF) exports tell a new list by its numbers starting again, so an item moved with its
    # number out of order there starts one: the move is made on one-paragraph-per-line exports only.
    pdf = m["source"].get("dialect") == "pdf"
    if not pdf and len(groups) >= 2 and len(groups[0]["items"]) >= 2 and one_line(groups[1]["items"][-1], lines):
        movable = [it for it in groups[0]["items"] if one_line(it, lines)]
        if movable:
            moved, target = movable[0], groups[1]["items"][-1]
            new = list(lines)
            new.insert(target["line"], lines[moved["line"] - 1])
            del new[moved["line"] - 1]
            yield "move", new, [(["moved"], moved["id"], moved["id"])], []

    meta = m.get("metadata") or {}
    if meta.get("version") and meta.get("indicative_review_date"):
        new = list(lines)
        changed = []
        for field, label, replacement in (("version", "version", "99"),
                                          ("indicative_review_date", "indicative review date", "31 Dec 2031")):
            value = meta[field]
            start = next((n for n, line in enumerate(new) if line.strip().lower().startswith(label)), None)
            at = next((n for n in range(start, len(new)) if value in new[n]), None) if start is not None else None
            if at is not None:
                new[at] = new[at].replace(value, replacement)
                changed.append("metadata." + field)
        if len(changed) == 2:
            yield "metadata", new, [], changed


def reported(diff):
    items = [(d["changes"], d["old"] and d["old"]["id"], d["new"] and d["new"]["id"]) for d in diff["items"]]
    return items, [f["field"] for f in diff["fields"]]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nos", required=True)
    nos = parser.parse_args().nos
    failures, pairs = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        for sample in sorted((REPO / "samples").glob("*.txt")):
            try:
                text = sample.read_bytes().decode("utf-8")
            except UnicodeDecodeError:
                continue  # a Windows-1252 sample: the edits are made on UTF-8 text
            lines = re.split(r"\r\n|\r|\n", text)
            m = model(nos, sample)
            same = run(nos, "diff", sample, sample)
            if same.returncode != 0 or same.stdout != "no changes\n":
                failures.append(f"{sample.name} against itself: exit {same.returncode}: {same.stdout[:200]}")
            for name, new_lines, want_items, want_fields in edits(lines, m):
                pairs += 1
                case = f"{sample.stem}-{name}"
                new_txt = tmp / f"{case}.txt"
                new_txt.write_text("\n".join(new_lines), encoding="utf-8")
                r = run(nos, "diff", sample, new_txt, "--format", "json")
                if r.returncode != 1:
                    failures.append(f"{case}: exit {r.returncode}, expected 1: {r.stderr.strip()}")
                    continue
                got = reported(json.loads(r.stdout))
                if got != (want_items, want_fields):
                    failures.append(f"{case}: reported {got}\n    expected {(want_items, want_fields)}")
                    continue
                for fmt in ("text", "markdown"):
                    if run(nos, "diff", sample, new_txt, "--format", fmt).returncode != 1:
                        failures.append(f"{case}: --format {fmt} does not exit 1")
                # The same pair as DOCX twins and as YAML models.
                versions = {}
                for kind in ("docx", "yaml"):
                    pair = []
                    for src, tag in ((sample, "old"), (new_txt, "new")):
                        out = tmp / f"{case}-{tag}.{kind}"
                        if kind == "docx":
                            subprocess.run([sys.executable, REPO / "scripts/make_docx_sample.py", src, "-o", out],
                                           check=True, capture_output=True)
                        else:
                            out.write_text(run(nos, "parse", src).stdout, encoding="utf-8")
                        pair.append(out)
                    versions[kind] = run(nos, "diff", *pair, "--format", "json").stdout
                for kind, out in versions.items():
                    if out != r.stdout:
                        failures.append(f"{case}: the {kind} pair gives other JSON than the text pair")
    for f in failures:
        print("FAIL:", f)
    print(f"diff: {pairs} edited pairs, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
