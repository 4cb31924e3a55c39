#!/usr/bin/env python3
"""nos export end to end.

- CSV of every sample (every format) read back by Python's csv module gives the items of the sample's
  model (`nos parse --format json`), row for row; --bom adds only the byte order mark.
- CSV, Markdown and CASE of one sample against golden files (tests/export/golden; --update rewrites
  them, then read every changed line against the sample).
- Several files need -o; an input that cannot be read writes nothing and exits 2.
- The HTML report of samples/: every local link leads to a file of the report, nothing is fetched from
  elsewhere, and headless Chromium loads index.html with no console error and takes its screenshot
  (skipped, with a message, when chromium is not installed).

Usage: run.py --nos build-test/nos [--update]
"""
import argparse
import csv
import io
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "export" / "golden"
GOLDEN_SAMPLE = "samples/agriculture-LANHOR23.txt"
ITEM_SECTIONS = ("performance_criteria", "knowledge_and_understanding")
failures = []


def run(nos, *args, **kw):
    return subprocess.run([nos, *map(str, args)], capture_output=True, cwd=REPO, **kw)


def fail(message):
    failures.append(message)
    print("FAIL:", message)


def samples():
    exts = {".txt", ".docx", ".pdf", ".doc", ".odt", ".rtf", ".html", ".htm"}
    return sorted(p.relative_to(REPO) for p in (REPO / "samples").rglob("*") if p.suffix.lower() in exts)


def model_items(nos, path):
    m = json.loads(run(nos, "parse", path, "--format", "json").stdout)
    rows = []
    for key in ITEM_SECTIONS:
        for group in m.get(key) or []:
            for item in group["items"]:
                rows.append([m.get("urn") or "", m.get("title") or "", key, group.get("heading") or "",
                             item.get("id") or "", item["text"]])
    return rows


def check_csv(nos):
    for path in samples():
        r = run(nos, "export", path, "--to", "csv")
        if r.returncode != 0:
            fail(f"{path}: export --to csv exit {r.returncode}: {r.stderr.decode()}")
            continue
        text = r.stdout.decode("utf-8")
        if "\r\n" not in text or re.search(r"[^\r]\n", text.split('"')[0]):
            fail(f"{path}: CSV lines do not end in CRLF")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        if rows[0] != ["urn", "title", "section", "group", "id", "text"]:
            fail(f"{path}: CSV header {rows[0]}")
        if rows[1:] != model_items(nos, path):
            fail(f"{path}: CSV rows differ from the model's items")
        bom = run(nos, "export", path, "--to", "csv", "--bom").stdout
        if bom != b"\xef\xbb\xbf" + r.stdout:
            fail(f"{path}: --bom changes more than the byte order mark")


def check_golden(nos, update):
    outputs = {"csv": "LANHOR23.csv", "markdown": "LANHOR23.md", "case": "LANHOR23.case.json"}
    for fmt, name in outputs.items():
        out = run(nos, "export", GOLDEN_SAMPLE, "--to", fmt).stdout
        golden = GOLDEN / name
        if update:
            golden.write_bytes(out)
        elif not golden.exists() or golden.read_bytes() != out:
            fail(f"{fmt}: output differs from {golden.relative_to(REPO)} (run.py --update, then read the diff)")
    # Exported twice, and as a model rather than the text, the CASE identifiers do not change.
    with tempfile.TemporaryDirectory() as tmp:
        model = pathlib.Path(tmp) / "m.yaml"
        run(nos, "parse", GOLDEN_SAMPLE, "-o", model)
        ids = lambda out: [i["identifier"] for i in json.loads(out)["CFItems"]]
        a = run(nos, "export", GOLDEN_SAMPLE, "--to", "case").stdout
        b = run(nos, "export", model, "--to", "case").stdout
        if ids(a) != ids(b):
            fail("CASE identifiers differ between the document and its model")


def check_outputs(nos):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        r = run(nos, "export", "samples", "--to", "markdown")
        if r.returncode != 2 or b"name a folder for them with -o" not in r.stderr:
            fail(f"several Markdown files without -o: exit {r.returncode}, {r.stderr!r}")
        r = run(nos, "export", "samples", "--to", "markdown", "-o", tmp / "md")
        written = sorted(p.name for p in (tmp / "md").iterdir()) if (tmp / "md").is_dir() else []
        if r.returncode != 0 or len(written) != len(samples()):
            fail(f"Markdown of samples/: exit {r.returncode}, {len(written)} files for {len(samples())} inputs")
        bad = tmp / "bad.txt"
        bad.write_bytes(b"")
        r = run(nos, "export", GOLDEN_SAMPLE, bad, "--to", "csv", "-o", tmp / "out.csv")
        if r.returncode != 2 or (tmp / "out.csv").exists() or b"bad.txt" not in r.stderr:
            fail(f"an unreadable input: exit {r.returncode}, {r.stderr!r}")
        r = run(nos, "export", GOLDEN_SAMPLE, "--to", "csv", "-o", "/dev/null")
        if r.returncode != 0 or not pathlib.Path("/dev/null").is_char_device():
            fail(f"-o /dev/null: exit {r.returncode}, {r.stderr!r}")


def check_html(nos):
    with tempfile.TemporaryDirectory() as tmp:
        # Standard input is read once, for the standard and for its findings.
        stdin_out = pathlib.Path(tmp) / "stdin"
        r = run(nos, "export", "-", "--to", "html", "-o", stdin_out,
                input=(REPO / "samples" / "agriculture-LANHOR23.txt").read_bytes())
        findings = (stdin_out / "findings.html").read_text(encoding="utf-8") if r.returncode == 0 else ""
        if r.returncode != 0 or "could not be read" in findings:
            fail(f"html from standard input: exit {r.returncode}: {r.stderr.decode()}{findings}")
        out = pathlib.Path(tmp) / "report"
        r = run(nos, "export", "samples", "--to", "html", "-o", out)
        if r.returncode != 0:
            fail(f"html: exit {r.returncode}: {r.stderr.decode()}")
            return
        pages = sorted(out.rglob("*.html"))
        if len(pages) != len(samples()) + 2:
            fail(f"html: {len(pages)} pages for {len(samples())} standards")
        # Regression: named by its absolute path, the folder's standards all read "None." for findings (the
        # pages gave paths relative to the working folder, the findings the paths as named). It is the
        # same report.
        out_abs = pathlib.Path(tmp) / "report-abs"
        r = run(nos, "export", REPO / "samples", "--to", "html", "-o", out_abs)
        differ = [str(p.relative_to(out)) for p in pages
                  if not (out_abs / p.relative_to(out)).is_file()
                  or (out_abs / p.relative_to(out)).read_bytes() != p.read_bytes()]
        if r.returncode != 0 or differ:
            fail(f"html of samples named by their absolute path: exit {r.returncode}, pages that differ: {differ}")
        for page in pages:
            text = page.read_text(encoding="utf-8")
            for ref in re.findall(r'(?:href|src)="([^"]*)"', text):
                if ref.startswith("#") or ref == "data:,":
                    continue
                if re.match(r"[a-z]+:", ref) or not (page.parent / ref.split("#")[0]).is_file():
                    fail(f"html: {page.relative_to(out)} links to {ref}")
            if "<script" in text:
                fail(f"html: {page.relative_to(out)} has a script")
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        if not browser:
            print("SKIP: chromium is not installed (scripts/install.sh --dev installs it); the report was not "
                  "loaded in a browser")
            return
        shot = pathlib.Path(tmp) / "index.png"
        b = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr",
                            "--v=0", f"--user-data-dir={tmp}/profile", f"--screenshot={shot}",
                            "--window-size=1280,900", (out / "index.html").as_uri()],
                           capture_output=True, text=True, timeout=120)
        console = [line for line in b.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
        if console:
            fail("html: console messages in Chromium:\n" + "\n".join(console))
        if b.returncode != 0 or not shot.is_file() or shot.stat().st_size < 1000:
            fail(f"html: Chromium exit {b.returncode}, no screenshot of index.html\n{b.stderr[-2000:]}")
        d = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp}/profile",
                            "--dump-dom", (out / "index.html").as_uri()], capture_output=True, text=True, timeout=120)
        if "LANHOR23" not in d.stdout or "<table>" not in d.stdout:
            fail("html: Chromium's DOM of index.html has no table of standards")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nos", required=True)
    ap.add_argument("--update", action="store_true")
    args = ap.parse_args()
    nos = os.path.abspath(args.nos)
    check_csv(nos)
    check_golden(nos, args.update)
    check_outputs(nos)
    check_html(nos)
    if failures:
        print(f"{len(failures)} failures")
        return 1
    print("export: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
