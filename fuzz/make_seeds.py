#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora, from the repository's own files, into OUT/<target>/.

Seeds are generated each time rather than committed: samples/ (text, DOCX, ODT, RTF, HTML and .doc), the DOCX samples'
XML parts, grammars/nos.yaml, the golden models (tests/golden/parse/*.yaml) and a config using every key.
Usage: fuzz/make_seeds.py OUT
"""
import hashlib
import pathlib
import sys
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent

CONFIG = """\
rules:
  whitespace: off
  criterion-verb: {severity: info, verbs: [triage, "co-ordinate"]}
  near-duplicate-criterion: {threshold: 0.8}
grammar: grammars/nos.yaml
fail_on: warning
overrides:
  - files: ["legacy/**", "*.txt"]
    rules: {missing-label: off}
ignore: ["drafts/**", "*.tmp.txt"]
ignore_findings:
  SCDHSC0390:
    P14: [near-duplicate-criterion]
    "*": [unplaced-text]
baseline: nos-baseline.json
"""


def put(out: pathlib.Path, target: str, data: bytes) -> None:
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def main() -> None:
    out = pathlib.Path(sys.argv[1])
    texts = sorted((ROOT / "samples").glob("*.txt"))
    docxs = sorted((ROOT / "samples" / "docx").glob("*.docx"))
    for t in texts:
        data = t.read_bytes()
        put(out, "fuzz_parse", data)
    # One of each input form the text reader tells apart: BOM, UTF-16, CRLF, CR, Windows-1252.
    sample = texts[0].read_text(encoding="utf-8")
    put(out, "fuzz_parse", b"\xef\xbb\xbf" + sample.encode())
    put(out, "fuzz_parse", b"\xff\xfe" + sample.encode("utf-16-le"))
    put(out, "fuzz_parse", b"\xfe\xff" + sample.encode("utf-16-be"))
    put(out, "fuzz_parse", sample.replace("\n", "\r\n").encode())
    put(out, "fuzz_parse", sample.replace("\n", "\r").encode())
    put(out, "fuzz_parse", (sample + "caf\u00e9 \u2019quoted\u2019\n").encode("cp1252", "replace"))
    # The shapes the pre-pass rewrites: the head, then the rest flattened onto one line with the title
    # glued in as a running header; and a column of bare item numbers before their texts.
    head = [l for l in sample.splitlines() if l.strip()][:2]
    body = " ".join(l.strip() for l in sample.splitlines()[2:] if l.strip())
    put(out, "fuzz_parse", ("\n".join(head) + "\n" + body + " " + head[-1] + " 2\n").encode())
    put(out, "fuzz_parse", b"You must be able to:\nP1\nP2\nP3\nlift the lid and\ncheck the frames\nsmoke the bees\n"
                           b"Feeding\nYou must be able to:\n")
    for d in docxs:
        data = d.read_bytes()
        put(out, "fuzz_parse", data)
        put(out, "fuzz_docx", data)
        with zipfile.ZipFile(d) as z:
            names = set(z.namelist())
            parts = [z.read(n) if n in names else b"" for n in
                     ("word/document.xml", "word/numbering.xml", "word/styles.xml")]
        put(out, "fuzz_docx_xml", b"\0".join(parts))
        put(out, "fuzz_docx_xml", parts[0])
    for p in sorted((ROOT / "samples" / "pdf").glob("*.pdf")):
        put(out, "fuzz_pdf", p.read_bytes())
        put(out, "fuzz_parse", p.read_bytes())
    # The ODT, RTF, HTML and .doc twins of the DOCX samples (scripts/make_format_samples.sh).
    for ext in ("odt", "rtf", "html", "doc"):
        for f in sorted((ROOT / "samples" / ext).glob("*." + ext)):
            put(out, "fuzz_" + ext, f.read_bytes())
    # fuzz_odt also takes content.xml NUL styles.xml, which it wraps in a valid container.
    for f in sorted((ROOT / "samples" / "odt").glob("*.odt")):
        with zipfile.ZipFile(f) as z:
            put(out, "fuzz_odt", z.read("content.xml") + b"\0" + z.read("styles.xml"))
            put(out, "fuzz_odt", z.read("content.xml"))
    put(out, "fuzz_grammar", (ROOT / "grammars" / "nos.yaml").read_bytes())
    for m in sorted((ROOT / "tests" / "golden" / "parse").glob("*.yaml")):
        put(out, "fuzz_model", m.read_bytes())
    put(out, "fuzz_config", CONFIG.encode())


if __name__ == "__main__":
    main()
