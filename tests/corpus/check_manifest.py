#!/usr/bin/env python3
"""Parses every document of a generated corpus (../shared/bench/make_corpus.py) and compares the model
with the corpus manifest: URN, title, item counts per group, sections and metadata rows.

    tests/corpus/check_manifest.py --nos build/nos CORPUS_DIR [--formats txt,docx] [--min-exact 0.99]
Prints one line per mismatch and a closing 'N passed, N failed' line. Exits 1 when any document fails to
parse, or when fewer than --min-exact of them match the manifest (default: all). Generated documents can
stack quirks until nothing in the text identifies a section (a missing label and a misplaced bookmark on
the same field), which no reader can recover; --min-exact allows for those."""
import argparse
import json
import pathlib
import subprocess
import sys

SECTION_KEYS = {
    "overview": ("overview",), "performance_criteria": ("performance_criteria",),
    "knowledge": ("knowledge_and_understanding",), "scope_pc": ("scope_range", "performance_criteria"),
    "scope_k": ("scope_range", "knowledge_and_understanding"), "values": ("values",),
    "behaviours": ("behaviours",), "skills": ("skills",), "glossary": ("glossary",), "links": ("links",),
    "external": ("external_links",),
}
META_KEYS = {
    "Developed by": "developed_by", "Version number": "version", "Date approved": "date_approved",
    "Indicative review date": "indicative_review_date", "Validity": "validity", "Status": "status",
    "Originating organisation": "originating_organisation", "Original URN": "original_urn",
    "Relevant occupations": "relevant_occupations", "Suite": "suite", "Keywords": "keywords",
}


def lookup(model, path):
    for p in path:
        model = model.get(p) if isinstance(model, dict) else None
    return model


def group_sizes(groups):
    return [sum(1 for i in g["items"] if i["id"] is not None) for g in groups]


def compare(doc, model, fmt):
    problems = []
    # The generator leaves out the head (URN and title lines) of some documents, but every DOCX keeps the
    # URN in its page header ("URN title" there), where the parser finds it.
    if model["urn"] != (doc["urn"] if doc["title"] is not None or fmt == "docx" else None):
        problems.append(f"urn {model['urn']!r}")
    if model["title"] != doc["title"]:
        problems.append(f"title {model['title']!r} != {doc['title']!r}")
    if group_sizes(model["performance_criteria"]) != doc["pc_groups"]:
        problems.append(f"pc groups {group_sizes(model['performance_criteria'])} != {doc['pc_groups']}")
    if group_sizes(model["knowledge_and_understanding"]) != doc["k_groups"]:
        problems.append(f"k groups {group_sizes(model['knowledge_and_understanding'])} != {doc['k_groups']}")
    present = sorted(k for k, path in SECTION_KEYS.items() if lookup(model, path) not in (None, [], ""))
    if present != sorted(doc["sections"]):
        problems.append(f"sections {present} != {sorted(doc['sections'])}")
    meta = sorted(k for k, key in META_KEYS.items() if model["metadata"][key] not in (None, []))
    if meta != sorted(doc["metadata"]):
        problems.append(f"metadata {meta} != {sorted(doc['metadata'])}")
    if model["unplaced"]:
        problems.append(f"unplaced {[u['text'][:40] for u in model['unplaced']]}")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nos", default="build/nos")
    ap.add_argument("--formats", default="txt")
    ap.add_argument("--min-exact", type=float, default=1.0)
    ap.add_argument("corpus")
    args = ap.parse_args()
    root = pathlib.Path(args.corpus)
    passed = failed = errors = 0
    for line in (root / "manifest.jsonl").read_text().splitlines():
        doc = json.loads(line)
        for fmt in args.formats.split(","):
            if doc.get(f"{fmt}_corrupt"):
                continue
            path = root / doc[fmt]
            run = subprocess.run([args.nos, "parse", "--format", "json", str(path)], capture_output=True, text=True)
            problems = [run.stderr.strip()] if run.returncode else compare(doc, json.loads(run.stdout), fmt)
            errors += run.returncode != 0
            if problems:
                failed += 1
                print(f"{path}: {'; '.join(problems)} (quirks: {', '.join(doc['quirks'])})")
            else:
                passed += 1
    print(f"corpus: {passed} passed, {failed} failed")
    if errors:
        print(f"corpus: {errors} documents could not be parsed")
    return 1 if errors or passed < args.min_exact * (passed + failed) else 0


if __name__ == "__main__":
    sys.exit(main())
