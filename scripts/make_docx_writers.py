#!/usr/bin/env python3
"""Write a DOCX of a Tika-style NOS text export the way python-docx or pandoc writes one.

scripts/make_docx_sample.py copies the official template's layout, empty paragraphs included. This
script hands the text to another writer instead, to test what such writers do differently:
  * a two-column table, one row per field: label cell | content cell;
  * each non-blank content line is one paragraph; blank lines are dropped, so nothing sets a group
    heading apart (python-docx, pandoc and LibreOffice write a table cell of paragraphs so);
  * bookmark markers and leading white space are dropped; items keep their typed numbers ("P1 ...");
  * --headings: group headings (a line directly followed by an item) are written as plain text, in
    bold, in the "Heading 3" style, or in turn ("mixed");
  * --page-header (python-docx only): the lines before the first label (URN, title) go into the page
    header instead of the body, as in the official template.
python-docx must be importable (Debian: python3-docx); pandoc must be on the PATH. Output is
deterministic apart from the writers' own time stamps.

Usage: make_docx_writers.py IN.txt -o OUT.docx --writer python-docx|pandoc
                            [--headings plain|bold|style|mixed] [--page-header]
"""
import argparse
import datetime
import html
import os
import pathlib
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from make_docx_sample import BOOKMARK_RE, ITEM_RE, is_label  # noqa: E402

STYLES = ("plain", "bold", "style")


def read_fields(text):
    """(head lines, [(label, [(kind, line)])]) where kind is 'heading' or 'text'."""
    head, rows = [], []
    for raw in text.split("\n"):
        line = BOOKMARK_RE.sub("", raw).strip()
        if is_label(raw):
            rows.append((line, []))
        elif not line:
            continue
        elif rows:
            rows[-1][1].append(line)
        else:
            head.append(line)
    fields = []
    for label, lines in rows:
        content = []
        for i, line in enumerate(lines):
            heading = (not ITEM_RE.match(line) and i + 1 < len(lines) and ITEM_RE.match(lines[i + 1])
                       and not line.startswith(("You must", "You need")))
            content.append(("heading" if heading else "text", line))
        fields.append((label, content))
    return head, fields


def heading_styles(mode):
    n = 0
    while True:
        yield STYLES[n % len(STYLES)] if mode == "mixed" else mode
        n += 1


def write_python_docx(head, fields, out, args):
    import docx  # python3-docx

    document = docx.Document()
    if args.page_header:
        header = document.sections[0].header
        header.paragraphs[0].text = head[0] if head else ""
        for line in head[1:]:
            header.add_paragraph(line)
    else:
        for line in head:
            document.add_paragraph(line)
    table = document.add_table(rows=0, cols=2)
    styles = heading_styles(args.headings)
    for label, content in fields:
        row = table.add_row().cells
        row[0].text = label
        cell = row[1]
        for n, (kind, line) in enumerate(content):
            paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
            style = next(styles) if kind == "heading" else "plain"
            if style == "style":
                paragraph.style = document.styles["Heading 3"]
            paragraph.add_run(line).bold = style == "bold" or None
    fixed = datetime.datetime(2020, 1, 1)
    document.core_properties.created = document.core_properties.modified = fixed
    document.save(out)


def write_pandoc(head, fields, out, args):
    if args.page_header:
        sys.exit("make_docx_writers: --page-header needs --writer python-docx")
    styles = heading_styles(args.headings)
    parts = [f"<p>{html.escape(line)}</p>" for line in head]
    parts.append("<table>")
    for label, content in fields:
        cells = []
        for kind, line in content:
            style = next(styles) if kind == "heading" else "plain"
            text = html.escape(line)
            cells.append(f"<h3>{text}</h3>" if style == "style" else
                         f"<p><strong>{text}</strong></p>" if style == "bold" else f"<p>{text}</p>")
        parts.append(f"<tr><td><p>{html.escape(label)}</p></td><td>{''.join(cells)}</td></tr>")
    parts.append("</table>")
    with tempfile.NamedTemporaryFile("w", suffix=".html", encoding="utf-8", delete=False) as f:
        f.write("<html><body>" + "\n".join(parts) + "</body></html>")
    try:
        subprocess.run(["pandoc", "--from", "html", "--to", "docx", "-o", str(out), f.name], check=True,
                       env=dict(os.environ, SOURCE_DATE_EPOCH="0"))
    finally:
        os.unlink(f.name)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", help="Tika-style text export (UTF-8)")
    ap.add_argument("-o", "--output", required=True, help="output .docx")
    ap.add_argument("--writer", choices=("python-docx", "pandoc"), required=True)
    ap.add_argument("--headings", choices=STYLES + ("mixed",), default="plain")
    ap.add_argument("--page-header", action="store_true", help="URN and title in the page header")
    args = ap.parse_args(argv)
    try:
        text = pathlib.Path(args.input).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        sys.exit(f"make_docx_writers: {args.input}: {e}")
    head, fields = read_fields(text.replace("\r\n", "\n").replace("\r", "\n"))
    write = write_python_docx if args.writer == "python-docx" else write_pandoc
    write(head, fields, pathlib.Path(args.output), args)


if __name__ == "__main__":
    main()
