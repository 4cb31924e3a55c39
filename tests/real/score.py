#!/usr/bin/env python3
"""Real NOS documents (../shared/real) against their hand-read truth.

For each NAME.txt beside NAME.truth.json: `nos parse` must give the truth's URN (where the document has
one), title, and every performance criterion and knowledge item (id and whitespace-normalised text; a
truth text of null compares the id only). Prints one line per document and a summary.

  score.py --nos build/nos [--real DIR] [--verbose]
  score.py --nos build/nos --known tests/real/known_failures.txt   (the CTest: fail on any document that
      differs from its truth and is not listed, and on any listed document that now matches, so the list
      only shrinks)
  score.py ... --max-confusion 0.5   (also fail when the findings the truth contradicts average more
      than that per document)

Exit 77 (CTest's skip) when the real documents are absent.
"""
import argparse, json, pathlib, re, subprocess, sys

def norm(s):
    return re.sub(r"\s+", " ", s).strip() if s is not None else None

def items(model, key):
    out = []
    for group in model.get(key) or []:
        for item in group.get("items") or []:
            out.append((item.get("id"), norm(item.get("text"))))
    return out

def compare(model, truth):
    """Differences between a parsed model and the truth, as short human-readable strings."""
    problems = []
    if truth.get("urn") and model.get("urn") != truth["urn"]:
        problems.append(f"urn {model.get('urn')!r} != {truth['urn']!r}")
    if truth.get("title") and norm(model.get("title")) != norm(truth["title"]):
        problems.append(f"title {model.get('title')!r} != {truth['title']!r}")
    for key, tkey in (("performance_criteria", "pc_items"), ("knowledge_and_understanding", "k_items")):
        got = items(model, key)
        want = [(t["id"], norm(t["text"])) for t in truth[tkey]]
        exact = 0
        for i, (wid, wtext) in enumerate(want):
            if i < len(got) and got[i][0] == wid and (wtext is None or got[i][1] == wtext):
                exact += 1
            elif len(problems) < 40:
                g = got[i] if i < len(got) else None
                problems.append(f"{key} item {i + 1}: got {g!r}, want {(wid, wtext)!r}")
        if len(got) != len(want):
            problems.append(f"{key}: {len(got)} items, want {len(want)}")
    return problems

def item_counts(model, truth):
    exact = total = 0
    for key, tkey in (("performance_criteria", "pc_items"), ("knowledge_and_understanding", "k_items")):
        got = items(model, key)
        for i, t in enumerate(truth[tkey]):
            total += 1
            if i < len(got) and got[i][0] == t["id"] and (t["text"] is None or got[i][1] == norm(t["text"])):
                exact += 1
    return exact, total

ID = re.compile(r"\b[A-Z]{1,4}\d{1,3}\b")
# Rules whose finding sits on text: the parser's confusion when that text is part of an item of the truth.
ON_TEXT = {"unplaced-text", "unnumbered-item", "duplicate-label"}

def confusion(findings, model, truth, lines):
    """The findings that the truth contradicts: the parser's confusion, not the document's defects.

    A finding is contradicted when it says the URN, title or an item section is missing or empty where the
    truth has it; when it sits on text that the truth places in an item (unplaced text, an unnumbered item
    that is a wrapped line); when it names an item that the parser read otherwise than the truth (a
    criterion-verb on a continuation, a numbering finding on a split item, a near-duplicate of a wrong
    text); and an unrecognised-layout finding on a document whose truth has items."""
    parsed = {i: t for key in ("performance_criteria", "knowledge_and_understanding") for i, t in items(model, key)}
    truth_texts = {t["id"]: norm(t["text"]) for key in ("pc_items", "k_items") for t in truth[key]}
    wrong = {i for i, t in truth_texts.items() if i not in parsed or (t is not None and parsed[i] != t)}
    wrong |= set(parsed) - set(truth_texts)
    whole = [t for t in truth_texts.values() if t]
    out = []
    for f in findings:
        rule, msg = f["rule"], f["message"]
        low = msg.lower()
        if rule in ("missing-section", "empty-section"):
            has = (("urn" in msg.split() or "URN" in msg) and truth.get("urn")) or \
                  ("title" in low and truth.get("title")) or \
                  ("performance criteria" in low and truth["pc_items"]) or \
                  ("knowledge" in low and truth["k_items"])
            if has:
                out.append(f)
        elif rule == "unrecognised-layout":
            if truth["pc_items"] or truth["k_items"]:
                out.append(f)
        elif ID.search(msg):
            if set(ID.findall(msg)) & wrong:
                out.append(f)
        elif (rule in ON_TEXT or rule == "criterion-verb") and f.get("line"):
            # criterion-verb naming no item: on a line the parser took for an unnumbered criterion.
            line = lines[f["line"] - 1] if f["line"] <= len(lines) else ""
            begin = (f.get("column") or 1) - 1
            end = f.get("end_column") - 1 if f.get("end_column") else len(line)
            text = norm(line[begin:end])
            if text and any(re.search(r"(?<!\w)" + re.escape(text) + r"(?!\w)", t) for t in whole):
                out.append(f)
    return out

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nos", required=True)
    ap.add_argument("--real", default=str(pathlib.Path(__file__).resolve().parents[2].parent / "shared" / "real"))
    ap.add_argument("--known", help="file listing documents (stems) still known to differ from their truth")
    ap.add_argument("--max-confusion", type=float,
                    help="most findings per document, on average, that the truth contradicts")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    real = pathlib.Path(args.real)
    truths = sorted(real.glob("*.truth.json"))
    if not truths:
        print(f"score.py: skipped: no real documents in {real}")
        return 77
    known = set()
    if args.known:
        known = {l.split("#")[0].strip() for l in open(args.known)} - {""}
    failed = []
    all_exact = all_total = titles = titled = confused = 0
    shapes = {}  # shape: [exact, total, titles, titled, confused, documents]
    for tpath in truths:
        stem = tpath.name[: -len(".truth.json")]
        truth = json.loads(tpath.read_text())
        run = subprocess.run([args.nos, "parse", str(real / f"{stem}.txt"), "--format", "json"],
                             capture_output=True, text=True)
        if run.returncode != 0:
            problems, model = [f"nos parse exit {run.returncode}: {run.stderr.strip()}"], {}
        else:
            model = json.loads(run.stdout)
            problems = compare(model, truth)
        exact, total = item_counts(model, truth)
        check = subprocess.run([args.nos, "check", str(real / f"{stem}.txt"), "--format", "json"],
                               capture_output=True, text=True)
        findings = json.loads(check.stdout)["findings"] if check.stdout.strip() else []
        lines = (real / f"{stem}.txt").read_text(encoding="utf-8", errors="replace").splitlines()
        wrong = confusion(findings, model, truth, lines)
        shape = shapes.setdefault(stem.split("-")[0], [0, 0, 0, 0, 0, 0])
        shape[0] += exact
        shape[1] += total
        shape[4] += len(wrong)
        shape[5] += 1
        all_exact += exact
        all_total += total
        confused += len(wrong)
        if truth.get("title"):
            titled += 1
            shape[3] += 1
            found = norm(model.get("title")) == norm(truth["title"])
            titles += found
            shape[2] += found
        print(f"{'ok  ' if not problems else 'FAIL'} {stem}: items {exact}/{total}; confusion {len(wrong)}")
        if problems:
            failed.append(stem)
        if args.verbose:
            for p in problems if problems else []:
                print(f"     {p}")
            for f in wrong:
                print(f"     confusion: {f.get('line') or '-'}: {f['message']} [{f['rule']}]")
    def pct(a, b):
        return f"{100 * a / b:.0f}%" if b else "-"
    for name, (e, t, ti, td, c, n) in sorted(shapes.items()):
        print(f"shape {name}: items exact {e}/{t} ({pct(e, t)}); titles {ti}/{td}; "
              f"confusion {c / n:.2f} per document")
    print(f"items exact {all_exact}/{all_total}; titles {titles}/{titled}; documents matching {len(truths) - len(failed)}/{len(truths)}; "
          f"confusion {confused / len(truths):.2f} per document ({confused} findings the truth contradicts)")
    too_confused = args.max_confusion is not None and confused / len(truths) > args.max_confusion
    if too_confused:
        print(f"score.py: {confused / len(truths):.2f} findings per document the truth contradicts, "
              f"more than {args.max_confusion} (run with --verbose)")
    if args.known is None:
        return 1 if too_confused else 0
    unexpected = sorted(set(failed) - known)
    fixed = sorted(known - set(failed))
    for s in unexpected:
        print(f"score.py: {s} differs from its truth (run with --verbose)")
    for s in fixed:
        print(f"score.py: {s} now matches its truth: take it off {args.known}")
    return 1 if unexpected or fixed or too_confused else 0

if __name__ == "__main__":
    sys.exit(main())
