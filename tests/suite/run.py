#!/usr/bin/env python3
"""The suite rules end to end: a generated suite of standards with four planted defects (two files with
one URN, a dangling link in a complete suite, a criterion pasted into another standard, one review date
15 days after approval where every sibling's is five years after), each found exactly once and nothing
else found by a suite rule; the finding's other document in every format; a suppression; and no suite
findings on ../shared/real and ../shared/seeds (skipped when absent)."""
import argparse
import json
import pathlib
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from nostest import SHARED, run_json  # noqa: E402

SUITE_RULES = {"duplicate-urn", "duplicate-original-urn", "dangling-link", "cross-duplicate-criterion",
               "cross-near-duplicate-criterion", "suite-metadata-outlier"}
SYLLABLES = ["ba", "ce", "di", "fo", "gu", "ka", "le", "mi", "no", "pu", "ra", "se", "ti", "vo", "wu", "zy"]


def word(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


def standard(n, rng, review="21 May 2024", links=""):
    """A standard of the suite: URN WUS01NN, eight distinct criteria of made-up words."""
    urn = f"WUS01{n:02d}"
    pcs = "".join(f"P{i} {' '.join(word(rng) for _ in range(8))}\n" for i in range(1, 6))
    ks = "".join(f"K{i} {' '.join(word(rng) for _ in range(7))}\n" for i in range(1, 4))
    return (f"{urn}\nOperate water treatment plant {n}\nOverview\nThis standard is about plant {n}.\n"
            f"Performance criteria\nYou must be able to:\n{pcs}Knowledge and understanding\n"
            f"You need to know and understand:\n{ks}"
            + (f"Links to other NOS\n{links}\n" if links else "")
            + f"Developed by\nEnergy & Utility Skills\nVersion number\n{1 + n % 4}\nDate approved\n"
            f"{(n % 27) + 1} May 2019\nIndicative review date\n{review}\nValidity\nCurrent\nStatus\nOriginal\n"
            f"Originating organisation\nEnergy & Utility Skills\nOriginal URN\n{urn}\nRelevant occupations\n"
            f"Water treatment operatives\nSuite\nWater Industry Operations\nKeywords\nwater; treatment\n")


def write_suite(folder, config):
    rng = random.Random(17)
    texts = {n: standard(n, rng) for n in range(1, 13)}
    texts[5] = standard(5, rng, links="WUS0101, WUS0199")                   # WUS0199 does not exist
    texts[10] = texts[10].replace("Indicative review date\n21 May 2024", "Indicative review date\n11 May 2019")
    pasted = texts[2].split("P2 ", 1)[1].split("\n", 1)[0]                  # P2 of WUS0102 ...
    texts[8] = texts[8].replace("Knowledge and understanding", f"P6 {pasted}\nKnowledge and understanding")
    texts[13] = standard(3, rng)                                            # a second WUS0103
    for n, text in texts.items():
        (folder / f"std{n:02d}.txt").write_text(text)
    (folder / ".nos.yaml").write_text(config)


def suite_findings(nos, *args):
    out = run_json(nos, "check", *args, "--format", "json", exits=(0, 1))["findings"]
    return [f for f in out if f["rule"] in SUITE_RULES]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nos", required=True)
    nos = parser.parse_args().nos
    failures = []

    def expect(condition, what):
        if not condition:
            failures.append(what)

    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp) / "suite"
        folder.mkdir()
        (pathlib.Path(tmp) / ".git").mkdir()  # the config search stops here
        write_suite(folder, "suite: {complete: true}\n")
        found = suite_findings(nos, folder)
        got = sorted((f["rule"], pathlib.Path(f["path"]).name, f["line"]) for f in found)
        want = [("cross-duplicate-criterion", "std08.txt", 12), ("dangling-link", "std05.txt", 18),
                ("duplicate-urn", "std13.txt", 1), ("suite-metadata-outlier", "std10.txt", 23)]
        expect(got == want, f"planted defects: expected {want}, got {got}")
        related = {f["rule"]: [pathlib.Path(r["path"]).name for r in f.get("related", [])] for f in found}
        expect(related.get("duplicate-urn") == ["std03.txt"], f"duplicate-urn related: {related}")
        expect(related.get("cross-duplicate-criterion") == ["std02.txt"], f"cross-duplicate related: {related}")

        text = subprocess.run([nos, "check", str(folder)], capture_output=True, text=True).stdout
        expect("std03.txt:1:1: note: URN 'WUS0103', also here" in text.replace(str(folder) + "/", ""),
               f"text report without the note line:\n{text}")
        sarif = json.loads(subprocess.run([nos, "check", str(folder), "--format", "sarif"],
                                          capture_output=True, text=True).stdout)
        uris = [loc["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1]
                for r in sarif["runs"][0]["results"] if r["ruleId"] == "duplicate-urn"
                for loc in r.get("relatedLocations", [])]
        expect(uris == ["std03.txt"], f"SARIF relatedLocations of duplicate-urn: {uris}")

        # Without `complete`, a link out of the set is no finding; a suppression applies as to any rule;
        # one document is no suite.
        (folder / ".nos.yaml").write_text("ignore_findings: {WUS0103: {urn: [duplicate-urn]}}\n")
        rules = sorted(f["rule"] for f in suite_findings(nos, folder))
        expect(rules == ["cross-duplicate-criterion", "suite-metadata-outlier"], f"not complete, suppressed: {rules}")
        expect(suite_findings(nos, folder / "std13.txt") == [], "one document checked alone has suite findings")
        (folder / ".nos.yaml").write_text("rules: {duplicate-urn: off, cross-duplicate-criterion: warning}\n")
        found = suite_findings(nos, folder)
        expect(sorted((f["rule"], f["severity"]) for f in found) ==
               [("cross-duplicate-criterion", "warning"), ("suite-metadata-outlier", "warning")],
               f"rule settings: {[(f['rule'], f['severity']) for f in found]}")

        # One name in two folders: in another format (a model of the text) one standard, twice; in the same
        # format two documents, a copy of one.
        twins = pathlib.Path(tmp) / "twins"
        for sub in ("a", "b"):
            (twins / sub).mkdir(parents=True)
        (twins / "a" / "std03.txt").write_text((folder / "std03.txt").read_text())
        subprocess.run([nos, "parse", str(twins / "a" / "std03.txt"), "-o", str(twins / "b" / "std03.yaml")],
                       check=True)
        expect(suite_findings(nos, twins) == [], "a text and its model taken for two standards")
        (twins / "b" / "std03.yaml").unlink()
        (twins / "b" / "std03.txt").write_text((folder / "std03.txt").read_text())
        rules = [f["rule"] for f in suite_findings(nos, twins)]
        expect("duplicate-urn" in rules, f"a copy in another folder: {rules}")

    for name in ("real", "seeds"):
        folder = SHARED / name
        if not folder.is_dir():
            print(f"SKIP {folder}: absent")
            continue
        found = suite_findings(nos, folder)
        expect(found == [], f"{folder}: suite findings on real standards: "
                            f"{[(f['rule'], f['path'], f['message']) for f in found]}")

    for f in failures:
        print("FAIL", f)
    print(f"suite: {'FAILED' if failures else 'ok'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
