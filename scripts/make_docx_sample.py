#!/usr/bin/env python3
"""Write a DOCX twin of a Tika-style NOS text export, laid out like the official template.

The text export (UTF-8, or Windows-1252 as a fallback, as in samples/*.txt) is read line by line and written as Word would hold it:
  * lines before the first field label (URN, title) are body paragraphs;
  * then a two-column table, one row per field: label cell | content cell (every line up to the next
    label, blank lines included, as empty paragraphs);
  * "[bookmark: X]" markers become w:bookmarkStart/w:bookmarkEnd pairs at the same place;
  * text is split into runs mid-word at a few deterministic points, tabs become w:tab;
  * --auto-numbering: "P1 text" / "K1 text" items become list paragraphs (numbering.xml, lvlText "P%1"
    and "K%1"); a number that does not follow on starts a new w:num with a w:startOverride;
  * --tracked-changes: some paragraphs get a deleted run (w:del, text that must not be read back) and
    have a few existing words wrapped in w:ins;
  * --misplace-bookmarks: bookmarks that open a line are written between paragraphs (before the w:p,
    directly in the cell or body), as some Word versions store them; a reader attaches them to the
    next paragraph.
Reading the DOCX back (nos, Tika) gives the same lines once leading/trailing whitespace is ignored.
Output is deterministic: fixed zip timestamps and a fixed pseudo-random seed (--seed).

Usage: make_docx_sample.py IN.txt [IN2.txt ...] (-o OUT.docx | --out-dir DIR)
                           [--auto-numbering] [--tracked-changes] [--misplace-bookmarks] [--seed N]
"""
import argparse
import pathlib
import random
import re
import sys
import zipfile

LABELS = [
    "Overview", "Performance criteria", "Knowledge and understanding",
    "Scope/range related to performance criteria", "Scope/range related to knowledge and understanding",
    "Values", "Behaviours", "Skills", "Glossary", "Links to other NOS", "External links",
    "Developed by", "Version number", "Date approved", "Indicative review date", "Validity", "Status",
    "Originating organisation", "Original URN", "Relevant occupations", "Suite", "Keywords",
]
LABEL_SET = {x.lower() for x in LABELS}
BOOKMARK_RE = re.compile(r"\[bookmark: ([^\]]*)\]")
ITEM_RE = re.compile(r"^([PK])(\d+) (\S.*)$", re.S)
INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def esc(s):
    s = INVALID_XML.sub("", s)
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def is_label(line):
    return BOOKMARK_RE.sub("", line).strip().lower() in LABEL_SET


class Writer:
    def __init__(self, args, seed):
        self.args = args
        self.rng = random.Random(seed)
        self.bm_id = 0
        self.nums = []            # (numId, abstractId, start override or None)
        self.lists = {}           # letter -> [numId, next number]
        self.paragraph_no = 0

    # --- runs ------------------------------------------------------------
    def run(self, text, bold=False):
        rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
        parts = text.split("\t")
        out = []
        for i, part in enumerate(parts):
            if i:
                out.append(f"<w:r>{rpr}<w:tab/></w:r>")
            if part:
                sp = ' xml:space="preserve"' if part != part.strip() else ""
                out.append(f"<w:r>{rpr}<w:t{sp}>{esc(part)}</w:t></w:r>")
        return "".join(out)

    def split_runs(self, text, bold=False):
        """A few mid-word cuts, as Word leaves after edits; deterministic for a given seed."""
        cuts = []
        if len(text) > 6 and self.rng.random() < 0.6:
            cuts = sorted(self.rng.sample(range(1, len(text)), min(len(text) - 1, self.rng.randint(1, 3))))
        out, prev = [], 0
        for c in cuts + [len(text)]:
            out.append(self.run(text[prev:c], bold))
            prev = c
        return "".join(out)

    def bookmark(self, name):
        self.bm_id += 1
        return (f'<w:bookmarkStart w:id="{self.bm_id}" w:name="{esc(name)}"/>'
                f'<w:bookmarkEnd w:id="{self.bm_id}"/>')

    def tracked(self, text, bold):
        """Some words wrapped in w:ins, and a deleted run that must not be read back."""
        words = text.split(" ")
        if len(words) < 4:
            return self.split_runs(text, bold)
        a = self.rng.randrange(1, len(words) - 2)
        b = a + self.rng.randint(1, 2)
        before = " ".join(words[:a]) + " "
        middle = " ".join(words[a:b]) + " "
        after = " ".join(words[b:])
        date = 'w:author="Editor" w:date="2020-01-01T00:00:00Z"'
        self.bm_id += 1
        ins = f'<w:ins w:id="{self.bm_id}" {date}>{self.run(middle, bold)}</w:ins>'
        self.bm_id += 1
        dele = (f'<w:del w:id="{self.bm_id}" {date}><w:r><w:delText xml:space="preserve">'
                f'DELETED-TEXT-MUST-NOT-APPEAR </w:delText></w:r></w:del>')
        return self.split_runs(before, bold) + dele + ins + self.split_runs(after, bold)

    # --- paragraphs ---------------------------------------------------------
    def number(self, letter, n):
        state = self.lists.get(letter)
        if state and state[1] == n:
            state[1] += 1
            return state[0]
        num_id = len(self.nums) + 1
        self.nums.append((num_id, "PK".index(letter), None if n == 1 and not state else n))
        self.lists[letter] = [num_id, n + 1]
        return num_id

    def para(self, line, bold=False):
        """One text line as a w:p; returns (XML before the paragraph, paragraph XML)."""
        text = line.rstrip("\r\n").lstrip(" \t")
        self.paragraph_no += 1
        ppr = ""
        m = ITEM_RE.match(text)
        if m and self.args.auto_numbering:
            num_id = self.number(m.group(1), int(m.group(2)))
            ppr = (f'<w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/>'
                   f'<w:numId w:val="{num_id}"/></w:numPr></w:pPr>')
            text = m.group(3)
        before = ""
        if self.args.misplace_bookmarks:
            while True:
                b = BOOKMARK_RE.match(text)
                if not b:
                    break
                before += self.bookmark(b.group(1))
                text = text[b.end():]
        body = []
        pos = 0
        track = self.args.tracked_changes and self.paragraph_no % 5 == 3
        for b in BOOKMARK_RE.finditer(text):
            if b.start() > pos:
                body.append(self.tracked(text[pos:b.start()], bold) if track else self.split_runs(text[pos:b.start()], bold))
                track = False
            body.append(self.bookmark(b.group(1)))
            pos = b.end()
        if pos < len(text):
            body.append(self.tracked(text[pos:], bold) if track else self.split_runs(text[pos:], bold))
        return before, f"<w:p>{ppr}{''.join(body)}</w:p>"

    def paras(self, lines, bold=False):
        return "".join(b + p for b, p in (self.para(x, bold) for x in lines))

    # --- document ------------------------------------------------------------
    def document(self, lines):
        head, rows = [], []
        for line in lines:
            if is_label(line):
                rows.append([line, []])
            elif rows:
                rows[-1][1].append(line)
            else:
                head.append(line)
        out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:document xmlns:w="{W}"><w:body>']
        out.append(self.paras(head, bold=True))
        if rows:
            out.append('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
                       '<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid><w:gridCol w:w="2600"/>'
                       '<w:gridCol w:w="7000"/></w:tblGrid>')
            for label, content in rows:
                out.append('<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="2600" w:type="dxa"/>'
                           '</w:tcPr>')
                out.append(self.paras([label], bold=True))
                out.append('</w:tc><w:tc><w:tcPr><w:tcW w:w="7000" w:type="dxa"/></w:tcPr>')
                out.append(self.paras(content) if content else "")
                if not content:
                    out.append("<w:p/>")   # a cell must hold a paragraph
                out.append("</w:tc></w:tr>")
            out.append("</w:tbl>")
        out.append('<w:p/><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1080" '
                   'w:bottom="1440" w:left="1080" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>'
                   "</w:body></w:document>")
        return "".join(out)

    def numbering(self):
        out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:numbering xmlns:w="{W}">']
        for i, letter in enumerate("PK"):
            out.append(f'<w:abstractNum w:abstractNumId="{i}"><w:multiLevelType w:val="singleLevel"/>'
                       f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:suff w:val="space"/>'
                       f'<w:lvlText w:val="{letter}%1"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" '
                       f'w:hanging="567"/></w:pPr></w:lvl></w:abstractNum>')
        for num_id, abstract, start in self.nums:
            over = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                    if start is not None else "")
            out.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>{over}</w:num>')
        out.append("</w:numbering>")
        return "".join(out)


STYLES = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:styles xmlns:w="{W}">'
          '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/>'
          '<w:sz w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault></w:docDefaults>'
          '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/>'
          '<w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>'
          '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/></w:style>'
          '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
          '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
          '<w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
          '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
          '<w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
          '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
          '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>'
          '</w:styles>')


def content_types(numbering):
    ct = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    num = f'<Override PartName="/word/numbering.xml" ContentType="{ct}.numbering+xml"/>' if numbering else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{ct}.document.main+xml"/>'
            f'<Override PartName="/word/styles.xml" ContentType="{ct}.styles+xml"/>{num}</Types>')


def rels(entries):
    body = "".join(f'<Relationship Id="rId{i + 1}" Type="{t}" Target="{target}"/>'
                   for i, (t, target) in enumerate(entries))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}'
            '</Relationships>')


REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def write_docx(text, path, args):
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    wr = Writer(args, args.seed)
    document = wr.document(lines)
    auto = bool(wr.nums)
    doc_rels = [(REL + "styles", "styles.xml")] + ([(REL + "numbering", "numbering.xml")] if auto else [])
    parts = [("[Content_Types].xml", content_types(auto)),
             ("_rels/.rels", rels([(REL + "officeDocument", "word/document.xml")])),
             ("word/document.xml", document),
             ("word/_rels/document.xml.rels", rels(doc_rels)),
             ("word/styles.xml", STYLES)]
    if auto:
        parts.append(("word/numbering.xml", wr.numbering()))
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            zi = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data.encode("utf-8"))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+", help="Tika-style text exports (UTF-8)")
    ap.add_argument("-o", "--output", help="output .docx (one input only)")
    ap.add_argument("--out-dir", help="output folder: IN.txt -> DIR/IN.docx")
    ap.add_argument("--auto-numbering", action="store_true", help="P/K numbers from numbering.xml lists")
    ap.add_argument("--tracked-changes", action="store_true", help="add w:del runs and w:ins wrappers")
    ap.add_argument("--misplace-bookmarks", action="store_true",
                    help="write bookmarks that open a line between paragraphs")
    ap.add_argument("--seed", type=int, default=1, help="seed for the run split points (default 1)")
    args = ap.parse_args(argv)
    if bool(args.output) == bool(args.out_dir):
        ap.error("give exactly one of -o/--output and --out-dir")
    if args.output and len(args.inputs) != 1:
        ap.error("-o takes one input; use --out-dir for several")
    for name in args.inputs:
        src = pathlib.Path(name)
        try:
            data = src.read_bytes()
        except OSError as e:
            sys.exit(f"make_docx_sample: {src}: {e}")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")   # older exports are Windows-1252
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        out = pathlib.Path(args.output) if args.output else pathlib.Path(args.out_dir) / (src.stem + ".docx")
        write_docx(text, out, args)


if __name__ == "__main__":
    main()
