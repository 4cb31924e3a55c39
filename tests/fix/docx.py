#!/usr/bin/env python3
"""nos fix on every DOCX sample, as it is and with defects added (a doubled space inside an item, a
number skipped, a number repeated, a number in another style, the "Knowledge and understanding" label
emptied), on a sample whose Word list restarts where it should go on, and on one with a doubled space
in its page header, with and without --tracked-changes. For every file:
  * `nos fix --unsafe` exits 0, python-docx opens the fixed file, and `nos check` afterwards reports
    none of the rules it fixed;
  * its text shows the fix and no word is lost: with quote characters, item numbers and white space set
    aside, the words of the fixed document are those of the input, in order, except paragraphs whose
    text an earlier one already has (a label printed twice), and but for the labels nos fix added;
  * every part of the zip but word/document.xml (and the page header with the doubled space) is as it
    was, byte for byte; a Word list is mended in word/document.xml, numbering.xml left as it is;
  * a second `nos fix --unsafe` changes nothing;
  * with --tracked-changes, each fix is a revision: a changed part has w:ins, w:del or (a list
    continued) w:pPrChange by "nos", and nos check (which reads the document with its revisions
    accepted) reports none of the fixed rules;
  * LibreOffice converts a fixed file to text showing the fix (skipped without soffice).
Skipped, with a message, without python-docx.

Usage: docx.py --nos build-test/nos
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
import zipfile

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "docx_writers"))
from check_seeds import python_with_docx  # noqa: E402

QUOTES = "'\"\u2018\u2019\u201c\u201d"

# Run by the Python that has python-docx: the paragraphs' text, body and table cells in order, as JSON.
DUMP = r"""
import json, sys, docx
from docx.oxml.ns import qn
doc = docx.Document(sys.argv[1])
out = []
for p in doc.element.body.iter(qn("w:p")):
    out.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
print(json.dumps(out))
"""

# Adds defects to a DOCX in place: a doubled space in the first item, P3 typed P8, P5 typed P4, each in
# the run that holds the text; prints how many it made, then the rules the defects it may also make
# call for: P6 typed PC6, the "Knowledge and understanding" label emptied.
BREAK = r"""
import re, sys, docx
from docx.oxml.ns import qn
doc = docx.Document(sys.argv[1])
made, seen, wanted = 0, 0, []
for p in doc.element.body.iter(qn("w:p")):
    texts = list(p.iter(qn("w:t")))
    if "".join(t.text or "" for t in texts).strip() == "Knowledge and understanding" and not wanted:
        for t in texts:
            t.text = ""
        wanted.append("missing-label")
    runs = [t for t in p.iter(qn("w:t")) if t.text]
    if not runs or not re.match(r"\s*P\d+\b", runs[0].text):
        continue
    seen += 1
    t = runs[0]
    if seen == 1:
        t.text, n = re.subn(r"(\w) (\w)", r"\1  \2", t.text, count=1)
        made += n
    elif seen in (3, 5):
        delta = 5 if seen == 3 else -1
        t.text = re.sub(r"^(\s*P)(\d+)", lambda m: m.group(1) + str(int(m.group(2)) + delta), t.text, count=1)
        made += 1
    elif seen == 6:
        t.text = re.sub(r"^(\s*)P", r"\1PC", t.text, count=1)
        wanted.append("numbering-prefix")
doc.save(sys.argv[1])
print(made, *wanted)
"""

def add_page_header(path, text):
    """Gives the DOCX at `path` a page header holding `text` (word/header1.xml, referenced from the
    body's section properties), as Word stores one."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path) as z:
        entries = {i.filename: z.read(i) for i in z.infolist()}
    entries["word/header1.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:hdr xmlns:w="{w}">'
                                   f'<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:hdr>').encode()
    entries["word/_rels/document.xml.rels"] = entries["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", f'<Relationship Id="rIdHeader1" Type="{r}/header" Target="header1.xml"/>'
        "</Relationships>".encode())
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/word/header1.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>')
    entries["word/document.xml"] = entries["word/document.xml"].replace(
        b"<w:sectPr>", f'<w:sectPr><w:headerReference xmlns:r="{r}" w:type="default" r:id="rIdHeader1"/>'.encode(), 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)


def run(*args, **kw):
    return subprocess.run([*map(str, args)], capture_output=True, **kw)


def words(paragraphs):
    """The words, quotes taken out and an item number in any style ("P3", "PC3", "3.") made "#"."""
    text = re.sub("[" + QUOTES + "]", "", "\n".join(paragraphs))
    return [re.sub(r"^[A-Za-z]{0,3}#[.)]?$", "#", re.sub(r"\d+", "#", w)) for w in text.split()]


def parts(path):
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def check_file(nos, python, path, original, tracked, failures, editable=("word/document.xml",)):
    name = path.name + (" (tracked)" if tracked else "")
    before = json.loads(run(python, "-c", DUMP, path).stdout)
    fixed = run(nos, "fix", "--unsafe", *(["--tracked-changes"] if tracked else []), path)
    if fixed.returncode != 0:
        failures.append(f"{name}: nos fix exited {fixed.returncode}: {fixed.stderr.decode()[:300]}")
        return set()
    rules = set(re.findall(r": fixed: .*\[([a-z-]+)\]$", fixed.stdout.decode(), re.M))
    dump = run(python, "-c", DUMP, path)
    if dump.returncode != 0:
        failures.append(f"{name}: python-docx cannot open the fixed file: {dump.stderr.decode()[-300:]}")
        return rules
    after = json.loads(dump.stdout)
    left = {d["rule"] for d in json.loads(run(nos, "check", path, "--format", "json").stdout)["findings"]}
    if left & rules:
        failures.append(f"{name}: nos check still reports {sorted(left & rules)} after the fix")
    old, new = parts(original), parts(path)
    changed = {p for p in old.keys() | new.keys() if old.get(p) != new.get(p)}
    if changed - set(editable):
        failures.append(f"{name}: parts other than {', '.join(editable)} changed: {sorted(changed)}")
    if rules and not changed:
        failures.append(f"{name}: fixes reported but no part changed")
    edited = "".join(new[p].decode("utf-8") for p in changed)
    if tracked:
        if rules and not re.search(r'<w:(ins|del|pPrChange) [^>]*w:author="nos"', edited):
            failures.append(f"{name}: no w:ins, w:del or w:pPrChange by nos with --tracked-changes")
    else:
        flat = [" ".join(p.split()) for p in before]
        doubled = {p for n, p in enumerate(flat) if p and p in flat[:n]}
        a, b = words(before), words(after)
        labels = {" ".join(words([label])) for label in re.findall(r"fixed: the '([^']+)' label is missing",
                                                                   fixed.stdout.decode())}
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if op == "insert" and " ".join(b[j1:j2]) in labels:
                continue
            if op != "equal" and not (op == "delete" and " ".join(a[i1:i2]) in {" ".join(words([d])) for d in doubled}):
                failures.append(f"{name}: words changed: {' '.join(a[i1:i2])!r} -> {' '.join(b[j1:j2])!r}")
        if "whitespace" in rules and any("  " in p for p in after):
            failures.append(f"{name}: a doubled space is still there after the whitespace fix")
    again = run(nos, "fix", "--unsafe", path)
    if parts(path) != new or again.returncode != 0:
        failures.append(f"{name}: a second nos fix changed the file: {again.stdout.decode()[:300]}")
    return rules


def libreoffice_text(docx, tmp):
    """The file converted to text by LibreOffice (its own profile, so it runs beside another soffice)."""
    profile = (tmp / "lo-profile").as_uri()
    out = tmp / "lo"
    r = run("soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "txt:Text",
            "--outdir", out, docx, timeout=300)
    converted = out / (docx.stem + ".txt")
    return converted.read_text(encoding="utf-8", errors="replace") if converted.exists() else r.stderr.decode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nos", required=True)
    nos = parser.parse_args().nos
    python = python_with_docx()
    if not python:
        print("fix_docx: skipped (python-docx not found)")
        return 0
    failures, files = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        converted = None
        variants = {}  # name: (file, the rules nos fix must fix in it)
        for sample in sorted((REPO / "samples" / "docx").glob("*.docx")):
            variants[sample.stem] = (sample, set())
            broken = tmp / f"{sample.stem}-defects.in.docx"
            shutil.copy(sample, broken)
            made, *wanted = run(python, "-c", BREAK, broken).stdout.decode().split() or ["0"]
            if int(made) == 3:
                variants[sample.stem + "-defects"] = (broken, set(wanted))
        # A Word list restarted at P4 (typed P1 in the text the sample is made from, so its own w:num
        # with a w:startOverride): nos fix continues the list, and Word prints P4 again.
        text = (REPO / "samples" / "hospitality-PPLHSL12.txt").read_text(encoding="utf-8")
        (tmp / "restart.txt").write_text(text.replace("\nP4 ", "\nP1 ", 1), encoding="utf-8")
        restart = tmp / "word-list-restart.in.docx"
        run(sys.executable, REPO / "scripts" / "make_docx_sample.py", tmp / "restart.txt", "-o", restart,
            "--auto-numbering")
        variants["word-list-restart"] = (restart, {"numbering-gap"})
        header = tmp / "page-header.in.docx"
        shutil.copy(REPO / "samples" / "docx" / "hospitality-PPLHSL12.docx", header)
        add_page_header(header, "Maintain food  safety controls during service")
        variants["page-header"] = (header, {"whitespace"})
        for stem, (source, wanted) in variants.items():
            editable = {"word/document.xml"} | {p for p in parts(source) if stem == "page-header" and "header" in p}
            for tracked in (False, True):
                files += 1
                original = tmp / f"{stem}.orig.docx"
                path = tmp / f"{stem}{'-tracked' if tracked else ''}.docx"
                shutil.copy(source, original)
                shutil.copy(source, path)
                rules = check_file(nos, python, path, original, tracked, failures, sorted(editable))
                if stem.endswith("-defects") and not rules & {"numbering-gap", "numbering-duplicate"}:
                    failures.append(f"{path.name}: the skipped and repeated numbers are not fixed: {sorted(rules)}")
                if wanted - rules:
                    failures.append(f"{path.name}: not fixed: {sorted(wanted - rules)}")
                if stem.endswith("-defects") and not tracked and converted is None:
                    converted = path
        if shutil.which("soffice"):  # Word's own number, as LibreOffice prints it, counts on
            text = libreoffice_text(tmp / "word-list-restart.docx", tmp)
            if not re.search(r"^\s*P4 store raw", text, re.M):
                failures.append(f"word-list-restart.docx: LibreOffice does not print P4: {text[:300]!r}")
        if converted and shutil.which("soffice"):
            before = json.loads(run(python, "-c", DUMP, tmp / f"{converted.stem}.orig.docx").stdout)
            after = json.loads(run(python, "-c", DUMP, converted).stdout)
            text = libreoffice_text(converted, tmp)
            lines = {line.strip() for line in text.splitlines()}
            for fixed in set(after) - set(before):
                if fixed.strip() not in lines:
                    failures.append(f"{converted.name}: LibreOffice's text does not show the fix {fixed!r}")
        elif converted:
            print("fix_docx: LibreOffice check skipped (soffice not found)")
    for f in failures:
        print("FAIL:", f)
    print(f"fix_docx: {files} files, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
