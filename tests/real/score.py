#!/usr/bin/env python3
"""Real NOS documents (../shared/real) against their hand-read truth.

For each NAME.txt beside NAME.truth.json: `nos parse` must give the truth's URN (where the document has
one), title, and every performance criterion and knowledge item (id and whitespace-normalised text; a
truth text of null compares the id only). Prints one line per document and a summary.

  score.py --nos build/nos [--real DIR] [--verbose]
  score.py --nos build/nos --known tests/real/known_failures.txt   (the CTest: fail on any document that
      differs from its truth and is not listed, and on any listed document that now matches, so the list
      only shrinks)

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

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nos", required=True)
    ap.add_argument("--real", default=str(pathlib.Path(__file__).resolve().parents[2].parent / "shared" / "real"))
    ap.add_argument("--known", help="file listing documents (stems) still known to differ from their truth")
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
    all_exact = all_total = titles = titled = 0
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
        all_exact += exact
        all_total += total
        if truth.get("title"):
            titled += 1
            titles += norm(model.get("title")) == norm(truth["title"])
        print(f"{'ok  ' if not problems else 'FAIL'} {stem}: items {exact}/{total}")
        if problems:
            failed.append(stem)
            if args.verbose:
                for p in problems:
                    print(f"     {p}")
    print(f"items exact {all_exact}/{all_total}; titles {titles}/{titled}; documents matching {len(truths) - len(failed)}/{len(truths)}")
    if args.known is None:
        return 0
    unexpected = sorted(set(failed) - known)
    fixed = sorted(known - set(failed))
    for s in unexpected:
        print(f"score.py: {s} differs from its truth (run with --verbose)")
    for s in fixed:
        print(f"score.py: {s} now matches its truth: take it off {args.known}")
    return 1 if unexpected or fixed else 0

if __name__ == "__main__":
    sys.exit(main())
