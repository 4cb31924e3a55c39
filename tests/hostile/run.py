#!/usr/bin/env python3
"""Hostile inputs against the nos binary: each case states the exact error line and exit code.

Large and odd inputs (a 100 MB line, a zip bomb, 12,000 zip entries, 100,000-deep XML) are generated
at run time in a temporary directory, never committed. Small committed cases live in tests/hostile/cases/:
NAME.EXT with NAME.expect beside it ("args:", "exit:", "stderr:" lines; {input} is the case file).

Usage: tests/hostile/run.py --nos build/nos [--only SUBSTRING]
Prints one line per case (ok, FAIL or skip with the reason) and exits 1 if any case failed.
"""
import argparse
import io
import json
import os
import pathlib
import random
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
import warnings
import zipfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent.parent / "scripts"))
import minimal_pdf  # noqa: E402 - scripts/ is not a package
import minimal_doc  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SAMPLE_TXT = ROOT / "samples" / "hospitality-PPLHSL12.txt"
SAMPLE_DOCX = ROOT / "samples" / "docx" / "hospitality-PPLHSL12.docx"
SAMPLE_PDF = ROOT / "samples" / "pdf" / "hospitality-PPLHSL12.pdf"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'
)
MiB = 1 << 20
TIMEOUT = 120  # seconds for any one run: a hang fails the case instead of the suite


class Skip(Exception):
    pass


class Case:
    def __init__(self, nos, work, shared):
        self.nos, self.dir, self.shared = nos, work, shared

    def path(self, name):
        return self.dir / name

    def write(self, name, data):
        p = self.path(name)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data if isinstance(data, bytes) else data.encode())
        return p

    def run(self, *args, stdin=None, prefix=(), cwd=None, timeout=TIMEOUT):
        start = time.monotonic()
        r = subprocess.run([*prefix, self.nos, *args], cwd=cwd or self.dir, input=stdin, capture_output=True,
                           timeout=timeout)
        r.elapsed = time.monotonic() - start
        return r

    def run_measured(self, *args):
        """run() under /usr/bin/time, which adds r.peak_mib: the peak resident memory of nos."""
        if not os.access("/usr/bin/time", os.X_OK):
            raise Skip("/usr/bin/time is missing (scripts/install.sh installs it), so memory cannot be measured")
        report = self.path("peak-rss.txt")
        r = self.run(*args, prefix=("/usr/bin/time", "-f", "%M", "-o", str(report)))
        r.peak_mib = int(report.read_text().split()[-1]) / 1024
        return r

    def expect(self, r, code, stderr):
        """Exit code and the whole of standard error (one line), exactly."""
        got = r.stderr.decode(errors="replace")
        if r.returncode != code or got != stderr + "\n":
            raise AssertionError(f"expected exit {code} and\n    {stderr}\n  got exit {r.returncode} and\n    "
                                 + (got.rstrip("\n") or "(nothing on stderr)"))

    def expect_ok(self, r):
        if r.returncode != 0:
            raise AssertionError(f"expected success, got exit {r.returncode}: {r.stderr.decode(errors='replace')}")

    def files(self):
        return sorted(str(p.relative_to(self.dir)) for p in self.dir.rglob("*"))


def zip_bytes(parts, compression=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in parts:
            z.writestr(name, data)
    return buf.getvalue()


def docx(body_xml, extra=()):
    document = f'<?xml version="1.0"?><w:document {W_NS}><w:body>{body_xml}</w:body></w:document>'
    return zip_bytes([("[Content_Types].xml", CONTENT_TYPES), ("word/document.xml", document), *extra])


def unprivileged():
    """Command prefix that runs nos as a user without privileges, or raise Skip.

    Permission bits do not stop root, so as root the case runs nos as 'nobody' with setpriv."""
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv") is None:
        raise Skip("running as root and setpriv is missing, so permission bits cannot be tested")
    return ("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--")


CASES = []


def case(fn):
    CASES.append(fn)
    return fn


def known_bug(reason):
    """A case that documents the expected behaviour of a bug reported but not fixed yet: its failure is
    printed as 'known' and does not fail the suite; once it passes, it fails as 'FIXED' so the mark is
    removed."""
    def mark(fn):
        fn.known_bug = reason
        return fn
    return mark


# ---- files that are not documents ------------------------------------------------------------------

@case
def empty_file(c):
    c.write("empty.txt", b"")
    c.expect(c.run("parse", "empty.txt"), 2, "nos: error: empty.txt: the file is empty")


@case
def only_white_space(c):
    c.write("blank.txt", b"  \t\r\n\n   \n")
    c.expect(c.run("parse", "blank.txt"), 2, "nos: error: blank.txt: the file has no text")


@case
def empty_stdin(c):
    c.expect(c.run("parse", "-", stdin=b""), 2, "nos: error: <stdin>: the file is empty")


@case
def a_directory(c):
    c.path("folder.docx").mkdir()
    c.expect(c.run("parse", "folder.docx"), 2, "nos: error: folder.docx: is a directory, not a document")


@case
def missing_path(c):
    c.expect(c.run("parse", "no/such/file.txt"), 2, "nos: error: no/such/file.txt: no such file")


@case
def no_read_permission(c):
    prefix = unprivileged()
    c.dir.chmod(0o755)
    c.write("secret.txt", SAMPLE_TXT.read_bytes()).chmod(0)
    r = c.run("parse", "secret.txt", prefix=prefix)
    if prefix and r.returncode != 2 and b"secret.txt" not in r.stderr:
        raise Skip("nobody cannot run this nos binary: " + r.stderr.decode(errors="replace").strip())
    c.expect(r, 2, "nos: error: secret.txt: cannot open: Permission denied")


@case
def check_a_folder_it_cannot_read(c):
    # Was: the directory walk ended at the folder, and nos check passed having checked nothing.
    prefix = unprivileged()
    c.dir.chmod(0o755)
    c.write("tree/a/one.txt", SAMPLE_TXT.read_bytes())
    c.write("tree/c/two.txt", SAMPLE_TXT.read_bytes())
    c.path("tree/b").mkdir()
    c.path("tree/b").chmod(0)
    try:
        r = c.run("check", "tree", prefix=prefix)
    finally:
        c.path("tree/b").chmod(0o755)  # so the work folder can be removed
    if prefix and r.returncode != 2 and b"tree/b" not in r.stderr:
        raise Skip("nobody cannot run this nos binary: " + r.stderr.decode(errors="replace").strip())
    c.expect(r, 2, "nos: error: tree/b: cannot read the directory: Permission denied")
    assert r.stdout.decode().endswith(" in 2 files; 1 could not be read\n"), r.stdout


@case
def endless_device(c):
    # /dev/zero never ends: reading stops at the input limit instead of exhausting memory.
    c.expect(c.run("parse", "/dev/zero"), 2,
             "nos: error: /dev/zero: the input is larger than 64 MiB (--max-input-size)")


@case
def binary_garbage(c):
    data = random.Random(6).randbytes(4096)
    c.write("garbage.txt", data)
    c.expect(c.run("parse", "garbage.txt"), 2,
             f"nos: error: garbage.txt: binary data (a NUL byte at offset {data.index(0)}): "
             "not text, nor a document nos reads")


@case
def garbage_on_stdin(c):
    data = random.Random(7).randbytes(1 << 16)
    c.expect(c.run("parse", "-", stdin=data), 2,
             f"nos: error: <stdin>: binary data (a NUL byte at offset {data.index(0)}): not text, nor a document nos reads")


@case
def fix_standard_input(c):
    # nos fix rewrites files in place; standard input has no file to rewrite.
    c.expect(c.run("fix", "-", stdin=b"Overview\ntext\n"), 2,
             "nos: error: nos fix rewrites files in place and cannot fix standard input ('-'): name the file")


@case
def an_executable(c):
    c.write("program.docx", pathlib.Path(c.nos).read_bytes()[:65536])
    c.expect(c.run("parse", "program.docx"), 2,
             "nos: error: program.docx: this is an executable (ELF) file, not a document nos reads")


# ---- text exports ------------------------------------------------------------------------------------

def long_line_file(c):
    p = c.shared / "long-line.txt"
    if not p.exists():
        with open(p, "wb") as f:
            f.write(b"Overview\n")
            chunk = b"word " * (MiB // 5) + b"w" * (MiB % 5)
            for _ in range(100):
                f.write(chunk)
            f.write(b"\n")
    return p


@case
def one_100_mb_line(c):
    p = long_line_file(c)
    c.expect(c.run("parse", str(p)), 2,
             f"nos: error: {p}: the file is 100 MiB, over the limit of 64 MiB (--max-input-size)")


@case
def one_100_mb_line_with_a_larger_input_limit(c):
    p = long_line_file(c)
    c.expect(c.run("parse", str(p), "--max-input-size", "128"), 2,
             f"nos: error: {p}: line 2 is {100 * MiB} bytes long, over the limit of {MiB} bytes (--max-line-bytes)")


@case
def invalid_utf8_mid_line(c):
    c.write("damaged.txt", "Overview\nThis caf\u00e9 serves ".encode() + b"\xff\xfe" + b" coffee\nmore\n")
    c.expect(c.run("parse", "damaged.txt"), 2,
             "nos: error: damaged.txt: invalid UTF-8 at line 2, byte 19 (0xFF); re-save the file as UTF-8")


@case
def truncated_utf8_at_the_end(c):
    c.write("cut.txt", "Overview\nna\u00efve ".encode() + "\u2019".encode()[:2])
    c.expect(c.run("parse", "cut.txt"), 2,
             "nos: error: cut.txt: invalid UTF-8 at line 2, byte 8 (0xE2); re-save the file as UTF-8")


@case
def windows_1252_byte_before_utf8(c):
    # Regression: the scan stopped at the first bad byte, so this read as Windows-1252 ("cafÃ©", exit 0).
    c.write("mixed.txt", b"Overview\nA caf\xe9 menu\nThe chef" + "\u2019".encode() + b"s way\n")
    c.expect(c.run("parse", "mixed.txt"), 2,
             "nos: error: mixed.txt: invalid UTF-8 at line 2, byte 6 (0xE9); re-save the file as UTF-8")


@case
def lone_high_byte_reads_as_windows_1252(c):
    # Not an error: no valid multi-byte sequence, so the file is Windows-1252 (documented).
    c.write("cp1252.txt", b"Overview\nA caf\xe9 for \x93everyone\x94\n")
    r = c.run("parse", "cp1252.txt", "--format", "json")
    c.expect_ok(r)
    out = r.stdout.decode()
    assert '"encoding": "windows-1252"' in out and "caf\u00e9 for \u201ceveryone\u201d" in out, out


@case
def utf16_with_an_unpaired_surrogate(c):
    # Regression: an unpaired surrogate became invalid UTF-8 in the model, and JSON output failed.
    text = "Overview\nA\ud800B and C\udc00D\n".encode("utf-16-le", "surrogatepass")
    c.write("u16.txt", b"\xff\xfe" + text)
    r = c.run("parse", "u16.txt", "--format", "json")
    c.expect_ok(r)
    assert "A\ufffdB and C\ufffdD" in r.stdout.decode(), r.stdout


@case
def nul_in_the_middle(c):
    c.write("nul.txt", SAMPLE_TXT.read_bytes()[:100] + b"\0" + SAMPLE_TXT.read_bytes()[100:])
    c.expect(c.run("parse", "nul.txt"), 2,
             "nos: error: nul.txt: binary data (a NUL byte at offset 100): not text, nor a document nos reads")


@case
def many_bookmarks_and_brackets(c):
    # Pathological for the marker scanner: a 1 MiB line of '[' and of unclosed and closed bookmarks.
    # Regression: each '[' was tried against the rest of the line, which took minutes.
    line = "[" * 100_000 + "[bookmark: StartValues]" * 10_000 + "[bookmark: " * 65_000
    c.write("brackets.txt", "Overview\n" + line + "\n")
    r = c.run("parse", "brackets.txt")
    c.expect_ok(r)
    assert r.elapsed < 30, f"took {r.elapsed:.1f} s"


@case
def many_lines_and_items(c):
    # 100,000 numbered items and 10,000 empty labelled sections: finishes, in time.
    body = "".join(f"P{i % 999 + 1} item {i}\n" for i in range(100_000))
    body += "Values\nSkills\n" * 5_000
    c.write("items.txt", "ABC123\nTitle\nPerformance criteria\n" + body)
    r = c.run("parse", "items.txt", "--format", "json")
    c.expect_ok(r)
    assert r.elapsed < 60, f"took {r.elapsed:.1f} s"


@case
def check_many_similar_items(c):
    # 20,000 items, each the same ten words in another order: they pass every cheap test of
    # near-duplicate-criterion, which compares every pair; it stops at its budget and says where.
    needs_check(c)
    words = "agree check record report plan individual support care safe team".split()
    shuffle = random.Random(1).shuffle
    lines = []
    for i in range(1, 20_001):
        shuffle(words)
        lines.append(f"P{i % 999 + 1} {' '.join(words)}")
    c.write("similar.txt", "ABC123\nTitle\nPerformance criteria\n" + "\n".join(lines) + "\n")
    r = c.run("check", "similar.txt", timeout=60)
    assert r.returncode == 1 and b"stopped comparing items at P" in r.stdout, (r.returncode, r.stderr[:300])


# ---- DOCX containers ------------------------------------------------------------------------------------

@case
def deeply_nested_xml(c):
    depth = 100_000
    c.write("deep.docx", docx("<w:p>" + "<w:r>" * depth + "<w:t>x</w:t>" + "</w:r>" * depth + "</w:p>"))
    c.expect(c.run("parse", "deep.docx"), 2,
             "nos: error: deep.docx: word/document.xml nests elements more than 256 deep (limit --max-xml-depth)")


@case
def deep_xml_under_a_raised_limit(c):
    # The walkers are iterative: nesting right up to the largest limit allowed does not overflow the stack.
    depth = 99_990
    c.write("deep.docx", docx("<w:p>" + "<w:sdt>" * depth + "<w:r><w:t>x</w:t></w:r>" + "</w:sdt>" * depth + "</w:p>"))
    c.expect_ok(c.run("parse", "deep.docx", "--max-xml-depth", "100000"))


@case
def zip_bomb(c):
    # 100 MiB of document.xml deflated to about 100 KiB.
    bomb = b"<w:document " + W_NS.encode() + b"><w:body><w:p><w:r><w:t>" + b" " * (100 * MiB)
    c.write("bomb.docx", zip_bytes([("[Content_Types].xml", CONTENT_TYPES), ("word/document.xml", bomb)]))
    assert c.path("bomb.docx").stat().st_size < MiB
    c.expect(c.run("parse", "bomb.docx"), 2,
             "nos: error: bomb.docx: word/document.xml inflates to more than 64 MiB (limit --max-part-size): "
             "refusing a possible zip bomb")


@case
def zip_bomb_in_numbering(c):
    c.write("bomb.docx", docx("<w:p/>", extra=[("word/numbering.xml", b"\n" * (70 * MiB))]))
    c.expect(c.run("parse", "bomb.docx", "--max-part-size", "16"), 2,
             "nos: error: bomb.docx: word/numbering.xml inflates to more than 16 MiB (limit --max-part-size): "
             "refusing a possible zip bomb")


@case
def zip_that_understates_its_size(c):
    # The declared sizes say 100 bytes; the data inflates to 70 MiB. The declared size is never trusted.
    data = bytearray(zip_bytes([("[Content_Types].xml", CONTENT_TYPES), ("word/document.xml", b"<" * (70 * MiB))]))
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(sig, 60)
        while at >= 0:
            if data[at + (26 if sig == b"PK\x03\x04" else 28): at + (28 if sig == b"PK\x03\x04" else 30)] == b"\x11\x00":
                data[at + offset: at + offset + 4] = (100).to_bytes(4, "little")
            at = data.find(sig, at + 4)
    c.write("liar.docx", bytes(data))
    r = c.run("parse", "liar.docx")
    if r.returncode != 2 or not r.stderr.startswith(b"nos: error: liar.docx: "):
        raise AssertionError(f"expected a refusal, got exit {r.returncode}: {r.stderr!r}")


@case
def thousands_of_zip_entries(c):
    parts = [("[Content_Types].xml", CONTENT_TYPES), ("word/document.xml", f"<w:document {W_NS}><w:body/></w:document>")]
    parts += [(f"junk/{i}.xml", b"") for i in range(12_000)]
    c.write("many.docx", zip_bytes(parts, zipfile.ZIP_STORED))
    c.expect(c.run("parse", "many.docx"), 2,
             "nos: error: many.docx: the zip container has more than 10000 entries (limit --max-zip-entries): "
             "refusing a possible zip bomb")


@case
def docx_header_past_the_section_limit(c):
    # A location keeps a Word section in 16 bits, and the section tells two page headers apart: a header
    # in section 65,536 is refused rather than mistaken for another.
    header = f'<w:hdr {W_NS}><w:p><w:r><w:t>ABC123</w:t></w:r></w:p></w:hdr>'
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="h1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'header" Target="header1.xml"/></Relationships>')
    body = "<w:p><w:pPr><w:sectPr/></w:pPr></w:p>" * 65_535
    body += '<w:sectPr><w:headerReference w:type="default" r:id="h1"/></w:sectPr>'
    c.write("sections.docx", docx(body, [("word/header1.xml", header), ("word/_rels/document.xml.rels", rels)]))
    c.expect(c.run("parse", "sections.docx"), 2,
             "nos: error: sections.docx: a page header or footer is in section 65536, over the limit of 65535 "
             "sections")


@case
def zip_entry_paths_that_escape(c):
    # Entries named ../../etc/passwd and /tmp/...: nos reads parts by name into memory and writes nothing.
    marker = f"nos-hostile-{os.getpid()}"
    with zipfile.ZipFile(SAMPLE_DOCX) as z:
        parts = [(i, z.read(i)) for i in z.infolist()]
    evil = [("../../etc/passwd", b"root:x:0:0::/root:/bin/sh\n"), (f"/tmp/{marker}", b"x"),
            (f"../{marker}", b"x"), ("..\\..\\" + marker, b"x")]
    for dir_name, extra in (("plain", []), ("evil", evil)):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for info, data in parts:
                z.writestr(info, data)
            for name, data in extra:
                info = zipfile.ZipInfo("x")
                info.filename = name  # ZipInfo("../x") would clean the name; set it raw
                z.writestr(info, data)
        c.write(f"{dir_name}/in/doc.docx", buf.getvalue())
    before = c.files()
    plain = c.run("parse", "doc.docx", cwd=c.path("plain/in"))
    evil_run = c.run("parse", "doc.docx", cwd=c.path("evil/in"))
    c.expect_ok(plain)
    c.expect_ok(evil_run)
    assert evil_run.stdout == plain.stdout, "the extra entries changed the model"
    assert c.files() == before, "files appeared: " + str(sorted(set(c.files()) - set(before)))
    assert not pathlib.Path("/tmp", marker).exists()


@case
def truncated_docx(c):
    data = SAMPLE_DOCX.read_bytes()
    c.write("cut.docx", data[: len(data) // 2])
    c.expect(c.run("parse", "cut.docx"), 2,
             "nos: error: cut.docx: the file is not a valid DOCX: the zip container is damaged (truncated or corrupt)")


@case
def zip_without_a_document(c):
    c.write("empty.docx", zip_bytes([("[Content_Types].xml", CONTENT_TYPES)]))
    c.expect(c.run("parse", "empty.docx"), 2,
             "nos: error: empty.docx: the zip file has no word/document.xml: not a Word document")


@case
def document_xml_that_is_not_xml(c):
    c.write("notxml.docx", zip_bytes([("[Content_Types].xml", CONTENT_TYPES), ("word/document.xml", b"<w:document>")]))
    c.expect(c.run("parse", "notxml.docx"), 2,
             "nos: error: notxml.docx: word/document.xml is not well-formed XML: start-end tags mismatch at byte 11")


# ---- PDF -------------------------------------------------------------------------------------------

@case
def truncated_pdf(c):
    data = SAMPLE_PDF.read_bytes()
    c.write("cut.pdf", data[: len(data) // 2])
    c.expect(c.run("parse", "cut.pdf"), 2, "nos: error: cut.pdf: the PDF is damaged and cannot be read")


@case
def damaged_pdf(c):
    c.write("junk.pdf", b"%PDF-1.7\n" + bytes(random.Random(12).randrange(256) for _ in range(4096)))
    c.expect(c.run("parse", "junk.pdf"), 2, "nos: error: junk.pdf: the PDF is damaged and cannot be read")


@case
def encrypted_pdf(c):
    c.write("locked.pdf", minimal_pdf.pdf_bytes([[(50, 50, "P1 text")]], encrypt=True))
    c.expect(c.run("parse", "locked.pdf"), 2, "nos: error: locked.pdf: the PDF is encrypted and needs a "
             "password; remove the password and save it again")


@case
def image_only_pdf(c):
    c.write("scan.pdf", minimal_pdf.pdf_bytes([[], []], image_only=True))
    c.expect(c.run("parse", "scan.pdf"), 2,
             "nos: error: scan.pdf: no text to read: the PDF holds only images; run OCR first")


@case
def pdf_page_tree_claiming_ten_million_pages(c):
    c.write("liar.pdf", minimal_pdf.pdf_bytes([[(50, 50, "text")]], claimed_pages=10_000_000))
    c.expect(c.run("parse", "liar.pdf"), 2, "nos: error: liar.pdf: the PDF is damaged: it has no pages")


@case
def pdf_over_the_page_limit(c):
    c.write("long.pdf", minimal_pdf.pdf_bytes([[(50, 50, str(i))] for i in range(5001)]))
    c.expect(c.run("parse", "long.pdf"), 2,
             "nos: error: long.pdf: the PDF has 5001 pages, over the limit of 5000 (--max-pdf-pages)")


# ---- ODT, RTF, HTML and Word 97 .doc ----------------------------------------------------------------------

SAMPLE_ODT = ROOT / "samples" / "odt" / "hospitality-PPLHSL12.odt"
SAMPLE_DOC = ROOT / "samples" / "doc" / "hospitality-PPLHSL12.doc"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def odt(parts):
    """An ODT container: the stored mimetype entry first, as ODF requires, then `parts`."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), ODT_MIMETYPE, compress_type=zipfile.ZIP_STORED)
        for name, data in parts:
            z.writestr(name, data)
    return buf.getvalue()


def patched_fib(offset, value, size=2):
    """The .doc sample with one FIB field of its WordDocument stream overwritten (the FIB opens the stream,
    so it is the sector starting with Word's wIdent)."""
    data = bytearray(SAMPLE_DOC.read_bytes())
    fib = next((i for i in range(512, len(data), 512) if data[i:i + 2] == b"\xec\xa5"), -1)
    assert fib >= 0, "no FIB at a sector start in the .doc sample"
    data[fib + offset:fib + offset + size] = value.to_bytes(size, "little")
    return bytes(data)


@case
def truncated_odt(c):
    data = SAMPLE_ODT.read_bytes()
    c.write("cut.odt", data[: len(data) // 2])
    c.expect(c.run("parse", "cut.odt"), 2,
             "nos: error: cut.odt: the file is not a valid ODT: the zip container is damaged (truncated or corrupt)")


@case
def odt_with_broken_content(c):
    c.write("broken.odt", odt([("content.xml", "<office:document-content><office:body>")]))
    c.expect(c.run("parse", "broken.odt"), 2,
             "nos: error: broken.odt: content.xml is not well-formed XML: start-end tags mismatch at byte 37")


@case
def encrypted_odt(c):
    manifest = ('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                '<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/>'
                '</manifest:file-entry></manifest:manifest>')
    c.write("secret.odt", odt([("META-INF/manifest.xml", manifest), ("content.xml", os.urandom(4096))]))
    c.expect(c.run("parse", "secret.odt"), 2,
             "nos: error: secret.odt: this is an encrypted (password-protected) ODT file; remove the password "
             "and save again")


@case
def odt_bomb(c):
    bomb = b"<office:document-content>" + b" " * (70 * MiB) + b"</office:document-content>"
    c.write("bomb.odt", odt([("content.xml", bomb)]))
    assert c.path("bomb.odt").stat().st_size < MiB
    c.expect(c.run("parse", "bomb.odt"), 2,
             "nos: error: bomb.odt: content.xml inflates to more than 64 MiB (limit --max-part-size): "
             "refusing a possible zip bomb")


@case
def odt_spaces_bomb(c):
    para = '<text:p><text:s text:c="1000000000"/></text:p>' * 100_000
    content = ('<office:document-content xmlns:office="o" xmlns:text="t"><office:body><office:text>'
               + para + "</office:text></office:body></office:document-content>")
    c.write("spaces.odt", odt([("content.xml", content)]))
    c.expect(c.run("parse", "spaces.odt"), 2,
             "nos: error: spaces.odt: content.xml renders to more than 64 MiB of text (limit --max-part-size)")


@case
def truncated_rtf(c):
    c.write("cut.rtf", b"{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\pard Overview\\par {\\b P1 text")
    c.expect(c.run("parse", "cut.rtf"), 2, "nos: error: cut.rtf: the RTF file is truncated: it ends inside 2 open groups")


@case
def deeply_nested_rtf(c):
    c.write("deep.rtf", b"{\\rtf1 " + b"{" * 100_000 + b"x" + b"}" * 100_001)
    c.expect(c.run("parse", "deep.rtf"), 2, "nos: error: deep.rtf: the RTF groups nest more than 256 deep (limit --max-xml-depth)")


@case
def rtf_in_another_code_page(c):
    c.write("jp.rtf", b"{\\rtf1\\ansi\\ansicpg932 \\'82\\'a0\\par}")
    c.expect(c.run("parse", "jp.rtf"), 2,
             "nos: error: jp.rtf: the RTF file uses code page 932; only Windows-1252 (\\ansicpg1252) is read")


@case
def rtf_text_bomb(c):
    c.write("big.rtf", b"{\\rtf1 " + b"x" * (20 * MiB) + b"}")
    c.expect(c.run("parse", "big.rtf", "--max-part-size", "16"), 2,
             "nos: error: big.rtf: the RTF document renders to more than 16 MiB of text (limit --max-part-size)")


@case
def deeply_nested_html(c):
    c.write("deep.html", "<!DOCTYPE html><body>" + "<div>" * 5_000 + "x")
    c.expect(c.run("parse", "deep.html"), 2,
             "nos: error: deep.html: the HTML page nests elements more than 256 deep (limit --max-xml-depth)")


@case
def html_past_the_table_and_cell_limits(c):
    # A location keeps a table and a cell index in 16 bits: past 65,535 tables, or cells in a row, the
    # items are still read, and located in the last index it holds.
    body = "<p>ABC123</p><p>Title of the standard</p><p>Performance criteria</p>"
    body += "<table><tr><td>P1 x</td></tr></table>" * 70_000
    body += "<table><tr>" + "<td>P2 y</td>" * 70_000 + "</tr></table>"
    c.write("tables.html", "<!DOCTYPE html><body>" + body)
    r = c.run("parse", "tables.html", "--format", "json")
    c.expect_ok(r)
    items = [i for g in json.loads(r.stdout)["performance_criteria"] for i in g["items"]]
    at = [(i["location"]["table"], i["location"]["cell"]) for i in items]
    assert len(items) == 140_000 and at[65_534] == (65_535, 1) and at[69_999] == (65_535, 1), at[65_534:65_536]
    assert at[70_000 + 65_533] == (65_535, 65_534) and at[-1] == (65_535, 65_535), at[-3:]


@case
def html_that_lies_about_utf8(c):
    c.write("liar.html", b'<!DOCTYPE html><meta charset="utf-8"><p>caf\xe9</p>')
    c.expect(c.run("parse", "liar.html"), 2, "nos: error: liar.html: the HTML page says charset=utf-8 but is not valid UTF-8")


@case
def html_in_an_unsupported_charset(c):
    c.write("sjis.html", b'<html><meta charset="shift_jis"><p>x</p>')
    c.expect(c.run("parse", "sjis.html"), 2,
             "nos: error: sjis.html: the HTML page's charset shift_jis is not supported (only UTF-8 and Windows-1252)")


@case
def truncated_doc(c):
    data = SAMPLE_DOC.read_bytes()
    c.write("cut.doc", data[: len(data) // 2])
    r = c.run("parse", "cut.doc")
    if r.returncode != 2 or not r.stderr.startswith(b"nos: error: cut.doc: the .doc file is damaged: ") \
            or r.stderr.count(b"\n") != 1:
        raise AssertionError(f"expected one 'damaged' line and exit 2, got exit {r.returncode}: {r.stderr!r}")


@case
def damaged_ole(c):
    c.write("bad.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4096))
    c.expect(c.run("parse", "bad.doc"), 2,
             "nos: error: bad.doc: the .doc file is damaged: its OLE2 compound file cannot be read (truncated or corrupt)")


@case
def encrypted_doc(c):
    c.write("secret.doc", patched_fib(0x0A, 0x0100 | 0x0200))
    c.expect(c.run("parse", "secret.doc"), 2,
             "nos: error: secret.doc: this is an encrypted (password-protected) Word .doc file; remove the password "
             "in Word and save again")


@case
def word_95_doc(c):
    c.write("old.doc", patched_fib(2, 0x65))
    c.expect(c.run("parse", "old.doc"), 2,
             "nos: error: old.doc: this is a Word 6.0/95 (or older) .doc file; only Word 97-2003 files are read: "
             "save it as .docx")


@case
def doc_declaring_4_gib_of_text(c):
    c.write("huge.doc", patched_fib(76, 0xFFFFFFFF, 4))
    c.expect(c.run("parse", "huge.doc"), 2,
             "nos: error: huge.doc: the .doc file declares more than 64 MiB of text (limit --max-part-size)")


@case
def doc_with_many_open_fields(c):
    # 300,000 fields opened and past their separator, never closed, each with a character of result: the
    # reader once looked through every open field at each character (47 s here), now it keeps a count.
    c.write("fields.doc", minimal_doc.doc_bytes("\x13\x14x" * 300_000 + "\r"))
    r = c.run("parse", "fields.doc")
    c.expect_ok(r)
    assert r.elapsed < 3, f"took {r.elapsed:.1f} s"


@case
def doc_with_a_lying_header_table(c):
    # 300,000 header stories, out of order and past the header text: each character is placed in its story
    # once, whatever the table says.
    stories = [0] * 6 + [(k * 7919) % 70_000 for k in range(100_000)] + [10**9] * 200_000
    c.write("headers.doc", minimal_doc.doc_bytes("Overview\rAbout.\r", "SCDHSC0001\rA title\r" * 3_000, stories))
    r = c.run("parse", "headers.doc")
    c.expect_ok(r)
    assert r.elapsed < 3, f"took {r.elapsed:.1f} s"


# ---- grammars --------------------------------------------------------------------------------------

def grammar_with(c, name, key, value):
    """The built-in grammar with one top-level key's line replaced; returns (path, 1-based line)."""
    lines = (ROOT / "grammars" / "nos.yaml").read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(key + ":"))
    lines[at] = f"{key}: {value}"
    c.write(name, "\n".join(lines) + "\n")
    return name, at + 1


@case
def catastrophic_regex(c):
    # RE2 runs in linear time: a pattern that backtracks exponentially elsewhere is harmless here.
    g, _ = grammar_with(c, "g.yaml", "urn_pattern", "'(a+)+$'")
    c.write("a.txt", "a" * 1_000_000 + "!\nOverview\n" + ("a" * 60 + "!\n") * 10_000)
    r = c.run("parse", "a.txt", "--grammar", g)
    c.expect_ok(r)
    assert r.elapsed < 30, f"took {r.elapsed:.1f} s"


@case
def regex_program_too_large(c):
    pattern = "[^x]{1000}" * 200
    g, line = grammar_with(c, "g.yaml", "urn_pattern", f"'{pattern}'")
    c.write("doc.txt", "Overview\ntext\n")
    c.expect(c.run("parse", "doc.txt", "--grammar", g), 2,
             f"nos: error: g.yaml:{line}:14: urn_pattern: invalid pattern '{pattern[:60]}…': pattern too large - compile failed")


@case
def regex_repetition_too_large(c):
    g, line = grammar_with(c, "g.yaml", "plain_item_pattern", "'((\\d{1000}){1000})'")
    c.write("doc.txt", "Overview\ntext\n")
    c.expect(c.run("parse", "doc.txt", "--grammar", g), 2,
             f"nos: error: g.yaml:{line}:21: plain_item_pattern: invalid pattern '((\\d{{1000}}){{1000}})': "
             "invalid repetition size: {1000}")


@case
def grammar_not_yaml(c):
    c.write("g.yaml", "name: [unclosed\nversion: 1\n")
    c.write("doc.txt", "Overview\ntext\n")
    c.expect(c.run("parse", "doc.txt", "--grammar", "g.yaml"), 2,
             "nos: error: g.yaml:2:8: end of sequence flow not found")


@case
def grammar_wrong_types(c):
    g, line = grammar_with(c, "g.yaml", "name", "[a, b]")
    c.write("doc.txt", "Overview\ntext\n")
    c.expect(c.run("parse", "doc.txt", "--grammar", g), 2, f"nos: error: g.yaml:{line}:7: name must be a string")


@case
def grammar_not_a_map(c):
    c.write("g.yaml", "- just\n- a list\n")
    c.write("doc.txt", "Overview\ntext\n")
    c.expect(c.run("parse", "doc.txt", "--grammar", "g.yaml"), 2,
             "nos: error: g.yaml:1:1: the grammar must be a mapping")


@case
def grammar_alias_bomb(c):
    # Billion laughs: nine levels of ten aliases, refused by its expanded size before anything reads it.
    lines = ['a0: &a0 ["lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    c.write("g.yaml", "\n".join(lines) + "\nname: *a9\n")
    c.write("doc.txt", "Overview\ntext\n")
    r = c.run("parse", "doc.txt", "--grammar", "g.yaml")
    expect_refusal(r, "g.yaml: its YAML aliases expand it past 16 MiB (--max-yaml-size): refused", 10)


@case
def grammar_over_the_size_limit(c):
    c.write("g.yaml", "# padding\n" * 200_000)
    c.write("doc.txt", "Overview\ntext\n")
    c.expect(c.run("parse", "doc.txt", "--grammar", "g.yaml"), 2, "nos: error: g.yaml: the grammar is larger than 1 MiB")


@case
def grammar_is_a_directory(c):
    c.path("g.yaml").mkdir()
    c.write("doc.txt", "Overview\ntext\n")
    c.expect(c.run("parse", "doc.txt", "--grammar", "g.yaml"), 2, "nos: error: g.yaml: no such grammar file")


# ---- YAML models and configs (nos check) ---------------------------------------------------------------

def needs_check(c):
    if not re.search(rb"^\s+check\b", c.run("--help").stdout, re.M):
        raise Skip("this nos has no 'check' command yet")


def alias_bomb(levels):
    lines = ['schema: nos/1', 'a0: &a0 ["lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + f"\nunplaced: *a{levels - 1}\n"


def expect_refusal(r, name, within):
    err = r.stderr.decode(errors="replace")
    if r.returncode != 2 or not err.startswith(f"nos: error: {name}") or err.count("\n") != 1:
        raise AssertionError(f"expected exit 2 and one 'nos: error: {name}...' line, got exit {r.returncode}: {err[:500]}")
    assert r.elapsed < within, f"took {r.elapsed:.1f} s"


@case
def model_alias_bomb(c):
    # Seven levels of ten: ten million nodes if expanded. It must be refused, quickly and in little memory.
    needs_check(c)
    c.write("bomb.yaml", alias_bomb(7))
    expect_refusal(c.run("check", "bomb.yaml"), "bomb.yaml", 10)


def aliases_to_a_long_string(head, key, size=1_000_000):
    """About `size` bytes of YAML whose aliases all name one 1,000-byte string: hundreds of megabytes once
    expanded, which a loader that counts nodes rather than bytes lets through."""
    head += f"{key}: [&long " + "x" * 1000
    return head + ", *long" * ((size - len(head)) // 7) + "]\n"


def expect_amplification_refused(c, r, name):
    c.expect(r, 2, f"nos: error: {name}: its YAML aliases expand it past 16 MiB (--max-yaml-size): refused")
    assert r.elapsed < 10, f"took {r.elapsed:.1f} s"  # about 0.7 s in a Release build; the sanitizers slow it
    # AddressSanitizer keeps up to 256 MiB of freed memory in quarantine, beside its shadow memory; the
    # unbounded loader needed over 3 GB either way.
    limit = 1024 if "ASAN_OPTIONS" in os.environ else 256
    assert r.peak_mib < limit, f"peak memory {r.peak_mib:.0f} MiB"


@case
def model_aliases_to_a_long_string(c):
    needs_check(c)
    c.write("m.yaml", aliases_to_a_long_string("schema: nos/1\n", "unplaced"))
    expect_amplification_refused(c, c.run_measured("check", "m.yaml"), "m.yaml")


@case
def grammar_aliases_to_a_long_string(c):
    c.write("g.yaml", aliases_to_a_long_string("name: g\n", "structural_labels", 1_000_000))
    c.write("doc.txt", "Overview\ntext\n")
    expect_amplification_refused(c, c.run_measured("parse", "doc.txt", "--grammar", "g.yaml"), "g.yaml")


@case
def grammar_under_a_lowered_yaml_limit(c):
    # Every command that takes --grammar reads it under --max-yaml-size: 2 MB expanded, refused at 1 MiB.
    c.write("g.yaml", aliases_to_a_long_string("name: g\n", "structural_labels", 14_000))
    c.write("doc.txt", "Overview\ntext\n")
    for command in (["parse", "doc.txt"], ["diff", "doc.txt", "doc.txt"], ["fix", "doc.txt"]):
        c.expect(c.run(*command, "--grammar", "g.yaml", "--max-yaml-size", "1"), 2,
                 "nos: error: g.yaml: its YAML aliases expand it past 1 MiB (--max-yaml-size): refused")


@case
def grammar_that_cannot_be_read(c):
    # Every command reads --grammar first, as nos parse does: refused even with nothing else to read.
    c.path("empty").mkdir()
    c.write("doc.txt", "Overview\ntext\n")
    for command in (["parse", "doc.txt"], ["check", "empty"], ["fix", "empty"], ["lsp"]):
        c.expect(c.run(*command, "--grammar", "missing.yaml", stdin=b""), 2,
                 "nos: error: missing.yaml: no such grammar file")


@case
def config_aliases_to_a_long_string(c):
    needs_check(c)
    config = c.write(".nos.yaml", aliases_to_a_long_string("", "ignore"))
    c.write("doc.txt", "Overview\ntext\n")
    expect_amplification_refused(c, c.run_measured("check", "doc.txt"), config)


@case
def model_aliases_that_nest_60000_deep(c):
    # 150 anchors, each 400 brackets around the one before: 120 KB that is 60,000 levels deep expanded.
    needs_check(c)
    lines = ["schema: nos/1", "b0: &a0 x"]
    lines += [f"b{i}: &a{i} " + "[" * 400 + f"*a{i - 1}" + "]" * 400 for i in range(1, 150)]
    c.write("m.yaml", "\n".join(lines) + "\n")
    c.expect(c.run("check", "m.yaml"), 2, "nos: error: m.yaml: its YAML aliases nest it more than 1000 levels deep: refused")


@case
def model_aliases_under_a_raised_yaml_limit(c):
    # 20 MB expanded: refused by default, read when --max-yaml-size allows it.
    needs_check(c)
    c.write("m.yaml", aliases_to_a_long_string("schema: nos/1\n", "unplaced", 140_000))
    c.expect(c.run("check", "m.yaml"), 2,
             "nos: error: m.yaml: its YAML aliases expand it past 16 MiB (--max-yaml-size): refused")
    r = c.run("check", "m.yaml", "--max-yaml-size", "64")
    assert r.returncode == 1 and b"model-schema" in r.stdout, (r.returncode, r.stderr[:300])


@case
def model_over_the_size_limit(c):
    needs_check(c)
    c.write("big.yaml", "schema: nos/1\noverview: |\n" + ("  " + "x" * 1021 + "\n") * (65 * 1024))
    r = c.run("check", "big.yaml")
    expect_refusal(r, "big.yaml", 30)
    assert b"64 MiB" in r.stderr, r.stderr


@case
def model_not_yaml(c):
    # It says it is a model, so the user hears what is wrong with its YAML, not "not a model".
    needs_check(c)
    c.write("m.yaml", "schema: nos/1\nurn: [unclosed\n")
    c.expect(c.run("check", "m.yaml"), 2, "nos: error: m.yaml:3:1: end of sequence flow not found")


@case
def yaml_nested_too_deep(c):
    # yaml-cpp stops at 2,000 levels; each loader says so in words, not as yaml-cpp's "bad file".
    needs_check(c)
    deep = "[" * 100_000 + "]" * 100_000
    c.write("m.yaml", f"schema: nos/1\nunplaced: {deep}\n")
    c.expect(c.run("check", "m.yaml"), 2, "nos: error: m.yaml:2:200011: nested more than 2,000 levels deep")
    c.write("g.yaml", f"sections: {deep}\n")
    c.write("doc.txt", "Overview\ntext\n")
    c.expect(c.run("parse", "doc.txt", "--grammar", "g.yaml"), 2,
             "nos: error: g.yaml:1:200011: nested more than 2,000 levels deep")
    config = c.write(".nos.yaml", "rules: " + "{a: " * 100_000 + "}" * 100_000 + "\n")
    c.expect(c.run("check", "doc.txt"), 2, f"nos: error: {config}:1:1999: nested more than 2,000 levels deep")


@case
def model_with_many_schema_errors(c):
    # 40,000 wrong entries (far under the size limit): findings in time, not a quadratic stall (comparing
    # every schema error with every other took 8 s here, and minutes under the sanitizers).
    needs_check(c)
    c.write("many.yaml", "schema: nos/1\nunplaced: [" + ", ".join(["1"] * 40_000) + "]\n")
    r = c.run("check", "many.yaml", timeout=30)
    assert r.returncode == 1 and b"model-schema" in r.stdout, (r.returncode, r.stderr[:300])
    # One entry per line: one finding each (20,000, so the sanitizer build prints them in time too).
    c.write("lines.yaml", "schema: nos/1\nunplaced:\n" + "".join(f"  - {i}\n" for i in range(20_000)))
    r = c.run("check", "lines.yaml", "--max-findings", "0", "--max-findings-per-rule", "0", timeout=30)
    assert r.returncode == 1 and r.stdout.count(b"[model-schema]") == 20_000, (r.returncode, r.stderr[:300])


@case
def long_wrapped_texts_join_in_linear_time(c):
    # Regression: each wrapped line was joined to a new copy of its paragraph, and each hanging line
    # cleaned its item's whole text again: 400,000 page-number-like lines of one PDF paragraph took 20 s,
    # 200,000 lines hanging under one criterion a minute (the release build). Linear now: about a second.
    c.write("numbers.txt", "".join(f"{i}\n" for i in range(1, 400_001)))
    c.expect_ok(c.run("parse", "numbers.txt", timeout=30))
    c.write("hanging.txt", "ABC123\nTitle\nPerformance criteria\nP1 start of the text\n" + "   goes on\n" * 200_000)
    r = c.run("parse", "hanging.txt", "--format", "json", timeout=30)
    c.expect_ok(r)
    assert json.loads(r.stdout)["performance_criteria"][0]["items"][0]["text"].count(" goes on") == 200_000


@case
def check_findings_are_capped(c):
    # Regression: 200,000 lines 'P1 x' gave 600,000 findings; the SARIF report took 3.3 GB to write 390 MB.
    # A tenth of that here (the sanitizer build), capped at 200 findings of a rule and 1000 in all.
    needs_check(c)
    c.write("many.txt", "ABC123\nTitle\nPerformance criteria\n" + "P1 x\n" * 20_000)
    r = c.run("check", "many.txt", "--format", "sarif", timeout=60)
    assert r.returncode == 1 and len(r.stdout) < MiB, (r.returncode, len(r.stdout), r.stderr[:300])
    r = c.run("check", "many.txt", timeout=60)
    lines = r.stdout.decode().splitlines()
    assert "many.txt: error: … and 19799 more numbering-duplicate findings not shown (--max-findings-per-rule 200) " \
        "[too-many-findings]" in lines, lines[-8:]
    assert "many.txt: info: … and 19800 more criterion-verb findings not shown (--max-findings-per-rule 200) " \
        "[too-many-findings]" in lines, lines[-8:]
    r = c.run("check", "many.txt", "--max-findings", "50", "--max-findings-per-rule", "0", timeout=60)
    lines = r.stdout.decode().splitlines()
    assert "many.txt: error: … and 59952 more findings not shown (--max-findings 50) [too-many-findings]" in lines, lines[-8:]


@case
def memory_follows_the_input_on_short_lines(c):
    # Regression: a line costs far more than its bytes (a token, an item, a finding each), so a file of very
    # short lines is the worst case: 200,000 lines 'P1 x' (1 MB) took 187 MiB to parse and 390 MiB to
    # check, which held every finding before the caps cut them. 50,000 here (the sanitizer build): 46 MiB
    # for either now; check took about twice that before.
    needs_check(c)
    c.write("short.txt", "ABC123\nTitle\nPerformance criteria\n" + "P1 x\n" * 50_000)
    limit = 1024 if "ASAN_OPTIONS" in os.environ else 64
    for command in ("parse", "check"):
        r = c.run_measured(command, "short.txt")
        assert r.returncode == (0 if command == "parse" else 1), (command, r.returncode, r.stderr[:300])
        assert r.peak_mib < limit, f"{command}: peak memory {r.peak_mib:.0f} MiB"


@case
def config_not_yaml(c):
    needs_check(c)
    config = c.write(".nos.yaml", "rules: [unclosed\n")
    c.write("doc.txt", SAMPLE_TXT.read_bytes())
    c.expect(c.run("check", "doc.txt"), 2, f"nos: error: {config}:2:1: end of sequence flow not found")


@case
def config_wrong_types(c):
    needs_check(c)
    config = c.write(".nos.yaml", "rules: 5\n")
    c.write("doc.txt", SAMPLE_TXT.read_bytes())
    c.expect(c.run("check", "doc.txt"), 2, f"nos: error: {config}:1:8: expected a map of rule ids")


@case
def config_alias_bomb(c):
    needs_check(c)
    lines = ["ignore_findings:", "  X1:", '    a0: &a0 ["whitespace"]']
    for i in range(1, 9):
        lines.append(f"    a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    config = c.write(".nos.yaml", "\n".join(lines) + "\n")
    c.write("doc.txt", SAMPLE_TXT.read_bytes())
    r = c.run("check", "doc.txt")
    c.expect(r, 2, f"nos: error: {config}: its YAML aliases expand it past 16 MiB (--max-yaml-size): refused")
    assert r.elapsed < 10, f"took {r.elapsed:.1f} s"


# ---- output ---------------------------------------------------------------------------------------

@case
def output_into_a_missing_directory(c):
    shutil.copy(SAMPLE_TXT, c.path("doc.txt"))
    c.expect(c.run("parse", "doc.txt", "-o", "no/such/dir/out.yaml"), 2,
             "nos: error: no/such/dir/out.yaml: cannot create a temporary file: No such file or directory")
    assert c.files() == ["doc.txt"], c.files()


@case
def output_into_a_read_only_directory(c):
    prefix = unprivileged()
    c.dir.chmod(0o755)
    shutil.copy(SAMPLE_TXT, c.path("doc.txt"))
    c.path("ro").mkdir()
    c.path("ro").chmod(0o555)
    r = c.run("parse", "doc.txt", "-o", "ro/out.yaml", prefix=prefix)
    c.expect(r, 2, "nos: error: ro/out.yaml: cannot create a temporary file: Permission denied")
    assert c.files() == ["doc.txt", "ro"], c.files()


@case
def failed_run_keeps_the_old_output(c):
    c.write("bad.txt", b"\0")
    c.write("out.yaml", b"previous model\n")
    c.expect(c.run("parse", "bad.txt", "-o", "out.yaml"), 2,
             "nos: error: bad.txt: binary data (a NUL byte at offset 0): not text, nor a document nos reads")
    assert c.path("out.yaml").read_bytes() == b"previous model\n"
    assert c.files() == ["bad.txt", "out.yaml"], c.files()


@case
def interrupted_parse_leaves_no_temporary_file(c):
    # Best effort: stop nos with SIGINT and SIGTERM at many points of a large parse and its write, and
    # look for temporary files left beside the output.
    body = "".join(f"P{i % 999 + 1} criterion number {i} with some words to write out\n" for i in range(60_000))
    c.write("big.txt", "ABC123\nTitle\nPerformance criteria\n" + body)
    full = c.run("parse", "big.txt", "-o", "out.yaml")
    c.expect_ok(full)
    total = full.elapsed
    left = []
    # Most tries fall in the last third, where the output is written.
    for k, sig in enumerate([signal.SIGINT, signal.SIGTERM] * 8):
        p = subprocess.Popen([c.nos, "parse", "big.txt", "-o", f"o{k}.yaml"], cwd=c.dir,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(total * (0.5 + 0.55 * k / 16))
        p.send_signal(sig)
        p.wait(timeout=TIMEOUT)
        left += [f for f in c.files() if ".tmp-" in f]
    assert not left, "temporary files left behind: " + ", ".join(left)


# ---- special files, races and foreign files (issue 14) ----------------------------------------------------

def reader_of(path, into):
    """Opens the FIFO `path` for reading in a thread and appends what it reads to `into`."""
    def read():
        with open(path, "rb") as f:
            into.append(f.read())
    t = threading.Thread(target=read, daemon=True)
    t.start()
    return t


@case
def output_onto_a_character_device(c):
    # Regression: -o renamed a temporary file over the target, so '-o /dev/null' as root replaced the
    # system's /dev/null with a regular file. A device of our own stands in for /dev/null here.
    needs_check(c)
    shutil.copy(SAMPLE_TXT, c.path("doc.txt"))
    try:
        os.mknod(c.path("null"), stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except OSError as e:
        raise Skip(f"cannot make a device node here: {e}")
    for args in (("parse", "doc.txt", "-o", "null"), ("check", "doc.txt", "-o", "null"),
                 ("check", "doc.txt", "--write-baseline", "null")):
        r = c.run(*args)
        assert r.returncode in (0, 1) and b"error" not in r.stderr, (args, r.returncode, r.stderr)
        assert stat.S_ISCHR(c.path("null").stat().st_mode), f"{args}: the device was replaced"
    c.expect_ok(c.run("convert", "doc.txt", "--out-dir", "out", "--report", "null", "-q"))
    assert stat.S_ISCHR(c.path("null").stat().st_mode), "--report replaced the device"


@case
def report_that_fills_the_disk(c):
    # The reports are written as they are made, so a full disk stops them midway, past the first 64 KiB
    # written: the error and the exit code are still the write's, and nothing is half-written.
    if not os.path.exists("/dev/full"):
        raise Skip("/dev/full is missing")
    c.write("many.txt", "P1 x\n" * 20000)
    every = ("--max-findings", "0", "--max-findings-per-rule", "0")
    full = "nos: error: /dev/full: write failed: No space left on device"
    for fmt in ("text", "json", "sarif", "junit", "github"):
        c.expect(c.run("check", "many.txt", *every, "--format", fmt, "-o", "/dev/full"), 2, full)
    c.expect(c.run("check", "many.txt", *every, "-o", "out.txt", "--write-baseline", "/dev/full"), 2, full)
    c.expect(c.run("convert", "many.txt", "--out-dir", "models", "-q", "--report", "/dev/full"), 2, full)
    assert not any(".tmp-" in f for f in c.files()), c.files()


@case
def output_onto_a_fifo(c):
    # Written through when someone reads it; refused at once, not waited on, when nobody does.
    shutil.copy(SAMPLE_TXT, c.path("doc.txt"))
    os.mkfifo(c.path("pipe"))
    got = []
    t = reader_of(c.path("pipe"), got)
    time.sleep(0.3)  # the reader is waiting in open() by now
    c.expect_ok(c.run("parse", "doc.txt", "-o", "pipe", timeout=20))
    t.join(10)
    assert got and got[0].startswith(b"schema: "), got[:1]
    assert stat.S_ISFIFO(c.path("pipe").stat().st_mode)
    c.expect(c.run("parse", "doc.txt", "-o", "pipe", timeout=20), 2,
             "nos: error: pipe: is a FIFO that nobody reads; refusing to wait for a reader")


@case
def output_onto_a_socket_or_a_directory(c):
    shutil.copy(SAMPLE_TXT, c.path("doc.txt"))
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(c.path("sock")))
    c.path("out.yaml").mkdir()
    try:
        c.expect(c.run("parse", "doc.txt", "-o", "sock"), 2, "nos: error: sock: is a socket; refusing to replace it")
        c.expect(c.run("parse", "doc.txt", "-o", "out.yaml"), 2,
                 "nos: error: out.yaml: is a directory; refusing to replace it")
    finally:
        sock.close()
    assert c.files() == ["doc.txt", "out.yaml", "sock"], c.files()


@case
def convert_a_fifo_among_the_inputs(c):
    # Regression: the FIFO was opened blocking, so the run waited for a writer forever, and SIGTERM did
    # not end it. Now it is refused at once and the other input is converted.
    shutil.copy(SAMPLE_TXT, c.path("good.txt"))
    os.mkfifo(c.path("pipe.txt"))
    r = c.run("convert", "good.txt", "pipe.txt", "--out-dir", "out", "-q", "-j", "1", timeout=20)
    c.expect(r, 1, "nos: error: pipe.txt: not a regular file")
    assert c.path("out/good.yaml").exists()
    r = c.run("convert", "-", "--out-dir", "out2", "-q", stdin=b"pipe.txt\ngood.txt\n", timeout=20)
    c.expect(r, 1, "nos: error: pipe.txt: not a regular file")


@case
def convert_with_a_fifo_as_the_manifest(c):
    shutil.copy(SAMPLE_TXT, c.path("good.txt"))
    c.path("out").mkdir()
    os.mkfifo(c.path("out/.nos-manifest.json"))
    c.expect(c.run("convert", "good.txt", "--out-dir", "out", "--incremental", "-q", timeout=20), 2,
             "nos: error: out/.nos-manifest.json: is not a regular file; refusing to read or replace it")
    assert stat.S_ISFIFO(c.path("out/.nos-manifest.json").stat().st_mode)


@case
def convert_onto_special_outputs(c):
    # An output path that holds a FIFO or a directory is refused in the plan, before anything is written.
    c.write("src/a.txt", SAMPLE_TXT.read_bytes())
    c.write("src/b.txt", SAMPLE_TXT.read_bytes())
    c.path("out").mkdir()
    os.mkfifo(c.path("out/a.yaml"))
    c.path("out/b.yaml").mkdir()
    c.expect(c.run("convert", "src", "--out-dir", "out", "-q", timeout=20), 2,
             "nos: error: out/a.yaml: exists and is not a regular file; refusing to replace it\n"
             "nos: error: out/b.yaml: exists and is not a regular file; refusing to replace it\n"
             "nos: error: nothing written: 2 problems in the plan")


@case
def convert_output_directory_swapped_for_a_symlink(c):
    # Regression: the check that an output directory stays inside --out-dir ran only when planning, and
    # writes went by path, so a subdirectory swapped for a symlink mid-run had 300 of 300 models written
    # into the symlink's target. Now each directory below --out-dir is opened without following symlinks.
    for i in range(300):
        c.write(f"src/a/doc{i:03}.txt", SAMPLE_TXT.read_bytes())
    c.write("victim/keep.txt", b"victim\n")
    stop = threading.Event()
    swaps = [0]

    def swap():
        out, parked = c.path("out/a"), c.path("out/a.parked")
        while not stop.is_set() and not any(out.iterdir()):  # the plan is made: the run is writing
            time.sleep(0.0005)
        while not stop.is_set():
            try:
                out.rename(parked)
                out.symlink_to(c.path("victim"))
                time.sleep(0.0005)
                out.unlink()
                parked.rename(out)
                swaps[0] += 1
            except OSError:
                time.sleep(0.0005)

    c.path("out/a").mkdir(parents=True)
    t = threading.Thread(target=swap, daemon=True)
    t.start()
    try:
        r = c.run("convert", "src", "--out-dir", "out", "-q", "-j", "2", timeout=60)
    finally:
        stop.set()
        t.join(10)
    if swaps[0] == 0:
        raise Skip("the run finished before the race could begin")
    assert sorted(p.name for p in c.path("victim").iterdir()) == ["keep.txt"], "a model was written through the symlink"
    assert c.path("victim/keep.txt").read_bytes() == b"victim\n"
    # An input whose directory was a symlink (or parked away) at that moment fails, naming it.
    errors = [line for line in r.stderr.decode().splitlines() if line]
    assert all(e in ("nos: error: out/a: is a symlink or not a directory; refusing to write through it",
                     "nos: error: out/a: cannot open the directory: No such file or directory") for e in errors), errors[:3]


@case
def convert_case_only_twins(c):
    # A.txt and a.txt both became "converted" into a case-insensitive folder, and one model was lost.
    c.write("src/A.txt", SAMPLE_TXT.read_bytes())
    c.write("src/a.txt", SAMPLE_TXT.read_bytes())
    c.expect(c.run("convert", "src", "--out-dir", "out", "-q"), 2,
             "nos: error: out/a.yaml: differs from out/A.yaml only in case, so src/A.txt and src/a.txt would be "
             "written to one file on a case-insensitive file system; rename one, or leave one out with --exclude\n"
             "nos: error: nothing written: 1 problem in the plan")
    assert not c.path("out").exists()


@case
def names_of_243_to_255_bytes(c):
    # Regression: the temporary name adds 12 bytes, so an output name over 243 bytes could not be written.
    shutil.copy(SAMPLE_TXT, c.path("doc.txt"))
    for n in (243, 250, 255):
        name = "n" * (n - 5) + ".yaml"
        c.expect_ok(c.run("parse", "doc.txt", "-o", name))
        assert c.path(name).read_bytes().startswith(b"schema: ")
    c.write("src/" + "d" * 246 + ".txt", SAMPLE_TXT.read_bytes())
    c.expect_ok(c.run("convert", "src", "--out-dir", "out", "-q"))
    assert c.path("out/" + "d" * 246 + ".yaml").exists()
    assert not [f for f in c.files() if ".tmp-" in f]


@case
def file_name_that_is_not_utf8(c):
    # Regression: the name went into the model as it was: invalid YAML, and 'internal error' with JSON.
    name = b"caf\xe9.txt"
    with open(os.path.join(os.fsencode(c.dir), name), "wb") as f:
        f.write(SAMPLE_TXT.read_bytes())
    r = subprocess.run([c.nos, "parse", name, "--format", "json"], cwd=c.dir, capture_output=True, timeout=TIMEOUT)
    c.expect_ok(r)
    assert '"path": "caf\ufffd.txt"' in r.stdout.decode(), r.stdout[:300]
    r = subprocess.run([c.nos, "parse", name], cwd=c.dir, capture_output=True, timeout=TIMEOUT)
    c.expect_ok(r)
    assert 'path: "caf\ufffd.txt"' in r.stdout.decode(), r.stdout[:300]
    for fmt in ("json", "sarif"):
        r = subprocess.run([c.nos, "check", name, "--format", fmt], cwd=c.dir, capture_output=True, timeout=TIMEOUT)
        assert r.returncode in (0, 1) and not r.stderr, (fmt, r.returncode, r.stderr)
        assert ("caf\ufffd.txt" if fmt == "json" else "caf%E9.txt").encode() in r.stdout, r.stdout[:300]
    # Regression: --write-baseline ended in 'internal error: ... invalid UTF-8 byte' and exit 2. The name is
    # recorded with U+FFFD, and the baseline then matches the file it was written from.
    r = subprocess.run([c.nos, "check", name, "--write-baseline", "b.json"], cwd=c.dir, capture_output=True,
                       timeout=TIMEOUT)
    c.expect_ok(r)
    assert '"path": "caf\ufffd.txt"' in c.path("b.json").read_text(), c.path("b.json").read_text()[:300]
    r = subprocess.run([c.nos, "check", name, "--baseline", "b.json", "--format", "json"], cwd=c.dir,
                       capture_output=True, timeout=TIMEOUT)
    c.expect_ok(r)
    assert b'"findings": []' in r.stdout, r.stdout[:300]
    # Its entries are judged against that file too: once its findings are fixed, they are stale.
    with open(os.path.join(os.fsencode(c.dir), name), "wb") as f:
        f.write(b"P1 Check the work area.\n")
    r = subprocess.run([c.nos, "check", name, "--baseline", "b.json"], cwd=c.dir, capture_output=True,
                       timeout=TIMEOUT)
    assert r.returncode in (0, 1) and not r.stderr, (r.returncode, r.stderr)  # 1: the new text's own findings
    assert "baseline entry caf\ufffd.txt [".encode() in r.stdout and b"write the baseline again" in r.stdout, \
        r.stdout[:300]


@case
def check_upper_case_extensions(c):
    # Regression: 'check DIR' skipped X.TXT and X.DOCX, which convert takes, and exited 0.
    needs_check(c)
    c.write("dir/X.TXT", "ABC123\nTitle\nPerformance criteria\nP1 one\nP3 three\n")
    shutil.copy(SAMPLE_DOCX, c.path("dir/Y.DOCX"))
    r = c.run("check", "dir", "--format", "json")
    assert r.returncode == 1, (r.returncode, r.stderr)
    assert b'"path": "dir/X.TXT"' in r.stdout and b'"path": "dir/Y.DOCX"' in r.stdout, r.stdout[:300]


@case
def convert_path_over_path_max(c):
    # Regression: a file whose path is over 4,096 bytes was skipped with a note, so with -q nothing was
    # said and the exit code was 0.
    deep = "src/" + "/".join(["d" * 250] * 16)
    os.makedirs(c.path(deep))
    dir_fd = os.open(c.path(deep), os.O_RDONLY)
    try:
        fd = os.open("f" * 96 + ".txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=dir_fd)
        os.write(fd, SAMPLE_TXT.read_bytes())
        os.close(fd)
    finally:
        os.close(dir_fd)
    try:
        c.expect(c.run("convert", "src", "--out-dir", "out", "-q"), 2,
                 f"nos: error: {deep}/{'f' * 96}.txt: cannot read: File name too long\n"
                 "nos: error: nothing written: 1 problem in the plan")
    finally:
        shutil.rmtree(c.path("src"))  # by descriptor: the runner's clean-up goes by path


@case
def docx_with_two_document_parts(c):
    # Python's zipfile reads the last of two entries of one name, libzip the first: refused.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        data = zip_bytes([("[Content_Types].xml", CONTENT_TYPES),
                          ("word/document.xml", f'<w:document {W_NS}><w:body><w:p><w:r><w:t>one</w:t></w:r></w:p></w:body></w:document>'),
                          ("word/document.xml", f'<w:document {W_NS}><w:body><w:p><w:r><w:t>two</w:t></w:r></w:p></w:body></w:document>')])
    c.write("twice.docx", data)
    c.expect(c.run("parse", "twice.docx"), 2,
             "nos: error: twice.docx: the zip container has two entries named word/document.xml: not a valid DOCX")


@case
def config_of_another_user_is_not_adopted(c):
    # Regression: discovery walked up to / and took a .nos.yaml of any owner, so one left in a shared
    # folder with 'ignore: ["**"]' turned a failing check into "0 files", exit 0.
    needs_check(c)
    bad = "ABC123\nTitle\nPerformance criteria\nP1 one\nP3 three\n"
    config = c.write("shared/.nos.yaml", 'ignore: ["**"]\n')
    os.chown(config, 65534, 65534)
    c.write("shared/work/doc.txt", bad)
    r = c.run("check", "shared/work/doc.txt")
    assert r.returncode == 1, (r.returncode, r.stdout[-200:])
    assert r.stderr.decode() == f"nos: warning: {config}: not used: another user owns it (pass --config to use it)\n", r.stderr
    r = c.run("check", "shared/work/doc.txt", "--format", "sarif")
    assert re.search(rb'"nosConfigs": \[\s*"built-in defaults"\s*\]', r.stdout), r.stdout[-400:]
    # The search stops at the repository root.
    c.write("outer/.nos.yaml", 'ignore: ["**"]\n')
    c.path("outer/repo/.git").mkdir(parents=True)
    c.write("outer/repo/doc.txt", bad)
    r = c.run("check", "outer/repo/doc.txt", "--verbose")
    assert r.returncode == 1 and r.stderr == b"nos: config: built-in defaults\n", (r.returncode, r.stderr)


@case
def escape_sequences_and_bidi_controls_in_a_document(c):
    # Regression: check printed a document's escape sequences raw to the terminal, and kept bidi
    # controls unreported. Now they are shown as visible characters, and a bidi control is a finding.
    needs_check(c)
    c.write("doc.txt", "ABC123\nTitle\nPerformance criteria\n"
            "P1 agree the plan \x1b]0;owned\x07\x1b[2J with the \u202etneilc\nP2 two\n")
    r = c.run("check", "doc.txt", "--color", "never")
    assert b"\x1b" not in r.stdout and b"\x07" not in r.stdout and "\u202e".encode() not in r.stdout, r.stdout
    assert b"[bidi-control]" in r.stdout and r.returncode == 1, (r.returncode, r.stdout)


@case
def check_does_not_follow_a_file_symlink_out_of_the_tree(c):
    # Regression: a symlink in a checked tree that led to a file outside it had that file's lines quoted.
    needs_check(c)
    c.write("secret.txt", "ABC123\nTitle\nPerformance criteria\nP1 the secret  line\n")
    c.path("tree").mkdir()
    c.path("tree/link.txt").symlink_to(c.path("secret.txt"))
    r = c.run("check", "tree")
    assert b"secret" not in r.stdout and r.returncode == 0, (r.returncode, r.stdout)
    assert r.stderr == (b"nos: warning: tree/link.txt: skipped: a symlink to a file outside tree "
                        b"(--follow-symlinks checks it)\n"), r.stderr
    r = c.run("check", "tree", "--follow-symlinks")
    assert b"tree/link.txt" in r.stdout and r.returncode == 1, (r.returncode, r.stdout)


# ---- committed cases: tests/hostile/cases/NAME.EXT + NAME.expect ------------------------------------------

def committed_cases():
    out = []
    for expect in sorted((HERE / "cases").glob("*.expect")):
        inputs = [p for p in expect.parent.glob(expect.stem + ".*") if p.suffix != ".expect"]
        fields = dict(line.split(": ", 1) for line in expect.read_text().splitlines() if ": " in line)

        def run_committed(c, expect=expect, inputs=inputs, fields=fields):
            shutil.copy(inputs[0], c.path(inputs[0].name))
            args = fields.get("args", "parse {input}").replace("{input}", inputs[0].name).split()
            stderr = fields.get("stderr", "").replace("{input}", inputs[0].name)
            c.expect(c.run(*args), int(fields.get("exit", "2")), stderr) if stderr else c.expect_ok(c.run(*args))

        run_committed.__name__ = "case_" + expect.stem
        out.append(run_committed)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nos", required=True)
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    nos = str(pathlib.Path(args.nos).resolve())
    failed = 0
    with tempfile.TemporaryDirectory(prefix="nos-hostile-") as tmp:
        tmp = pathlib.Path(tmp)
        tmp.chmod(0o755)
        shared = tmp / "shared"
        shared.mkdir()
        for i, fn in enumerate(CASES + committed_cases()):
            name = fn.__name__
            if args.only not in name:
                continue
            work = tmp / f"{i:02d}-{name}"
            work.mkdir()
            start = time.monotonic()
            known = getattr(fn, "known_bug", None)
            try:
                fn(Case(nos, work, shared))
                if known:
                    failed += 1
                    print(f"FIXED {name}: passes now; remove its known_bug mark ({known})")
                else:
                    print(f"ok    {name} ({time.monotonic() - start:.1f} s)")
            except Skip as e:
                print(f"skip  {name}: {e}")
            except Exception as e:  # noqa: BLE001 - every failure is reported the same way
                if known:
                    print(f"known {name}: {known}: {type(e).__name__}: {str(e).splitlines()[0][:200]}")
                else:
                    failed += 1
                    print(f"FAIL  {name}: {type(e).__name__}: {e}")
            finally:
                for p in [work, *work.rglob("*")]:
                    if p.is_dir() and not p.is_symlink():
                        p.chmod(stat.S_IRWXU)
                shutil.rmtree(work, ignore_errors=True)
    print(f"hostile: {len(CASES)} generated cases, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
