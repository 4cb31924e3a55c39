#!/usr/bin/env python3
"""Write a DOCX laid out like the official NOS PDFs, from a nos model (`nos parse --format json`).

The layout is the one the NOS database prints:
  * the URN and the title in the page header, so they stand at the top of every page, and the page
    number in the footer;
  * "Overview", "Performance criteria", "Knowledge and understanding" and "Additional Information" as
    bold headings with the text below them, not in a label column;
  * each list of items as a borderless two-column table: the item number ("1.") in a narrow column
    beside its text, which wraps within its own column; group headings span both columns;
  * the scope, values and links sections under "Additional Information", each under its label;
  * the metadata as a two-column table (label | value) at the end, on its own page.
Converted with `soffice --headless --convert-to pdf`, it gives a PDF a reader must parse back to the
same model. Output is deterministic (fixed zip timestamps).

Usage: make_official_layout_docx.py MODEL.json -o OUT.docx
"""
import argparse
import json
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

METADATA = [
    ("developed_by", "Developed by"), ("version", "Version Number"), ("date_approved", "Date Approved"),
    ("indicative_review_date", "Indicative Review Date"), ("validity", "Validity"), ("status", "Status"),
    ("originating_organisation", "Originating Organisation"), ("original_urn", "Original URN"),
    ("relevant_occupations", "Relevant Occupations"), ("suite", "Suite"), ("keywords", "Keywords"),
]
ADDITIONAL = [
    (("scope_range", "performance_criteria"), "Scope/range related to performance criteria"),
    (("scope_range", "knowledge_and_understanding"), "Scope/range related to knowledge and understanding"),
    (("values",), "Values"), (("behaviours",), "Behaviours"), (("skills",), "Skills"),
    (("links",), "Links to other NOS"), (("external_links",), "External Links"),
]


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def para(text, bold=False, page_break=False):
    ppr = '<w:pPr><w:pageBreakBefore/></w:pPr>' if page_break else ""
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{esc(text)}</w:t></w:r></w:p>'


def cell(width, content, span=1):
    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span_xml}</w:tcPr>{content}</w:tc>'


def table(widths, rows):
    """rows: lists of cell contents; a row of one cell spans every column."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    body = []
    for row in rows:
        if len(row) == 1:
            cells = cell(sum(widths), row[0], len(widths))
        else:
            cells = "".join(cell(w, c) for w, c in zip(widths, row))
        body.append(f"<w:tr>{cells}</w:tr>")
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            '<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>'
            '<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>'
            f'</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(body)}</w:tbl>')


def items_table(groups):
    rows = []
    for group in groups:
        if group.get("heading"):
            rows.append([para(group["heading"], bold=True)])
        for item in group["items"]:
            rows.append([para(item["label"]), para(item["text"])])
    return table([700, 8900], rows)


def section_value(model, path):
    value = model
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def document(model):
    body = [para("Overview", bold=True)]
    body += [para(p) for p in (model.get("overview") or "").split("\n") if p]
    body.append(para("Performance criteria", bold=True))
    body.append(para("You must be able to:"))
    body.append(items_table(model["performance_criteria"]))
    body.append(para("Knowledge and understanding", bold=True))
    body.append(para("You need to know and understand:"))
    body.append(items_table(model["knowledge_and_understanding"]))
    body.append(para("Additional Information", bold=True, page_break=True))
    for path, label in ADDITIONAL:
        value = section_value(model, path)
        if value:
            body.append(para(label, bold=True))
            body += [para(p) for p in value.split("\n")]
    rows = []
    for key, label in METADATA:
        value = model["metadata"].get(key)
        if value is None:
            continue
        if isinstance(value, list):
            value = "; ".join(value)
        rows.append([para(label, bold=True), para(value)])
    body.append('<w:p><w:pPr><w:pageBreakBefore/></w:pPr></w:p>')
    body.append(table([3000, 6600], rows))
    section = ('<w:sectPr><w:headerReference w:type="default" r:id="rHeader"/>'
               '<w:footerReference w:type="default" r:id="rFooter"/>'
               '<w:pgSz w:w="11906" w:h="16838"/>'
               '<w:pgMar w:top="1440" w:right="1080" w:bottom="1440" w:left="1080" w:header="567" '
               'w:footer="567" w:gutter="0"/></w:sectPr>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" '
            f'xmlns:r="{R}"><w:body>{"".join(body)}{section}</w:body></w:document>')


def header(model):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr xmlns:w="{W}">'
            f'{para(model["urn"], bold=True)}{para(model["title"], bold=True)}</w:hdr>')


FOOTER = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="{W}"><w:p>'
          '<w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
          '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
          '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
          '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>')

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/header1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/word/footer1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '</Types>')
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>')
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'header" Target="header1.xml"/>'
    '<Relationship Id="rFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'footer" Target="footer1.xml"/></Relationships>')


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model", help="a model from `nos parse --format json`")
    ap.add_argument("-o", "--out", required=True)
    args = ap.parse_args()
    with open(args.model, encoding="utf-8") as f:
        model = json.load(f)
    parts = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", PACKAGE_RELS),
             ("word/_rels/document.xml.rels", DOCUMENT_RELS), ("word/document.xml", document(model)),
             ("word/header1.xml", header(model)), ("word/footer1.xml", FOOTER)]
    with zipfile.ZipFile(args.out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            z.writestr(zipfile.ZipInfo(name, ZIP_DATE), data.encode("utf-8"))


if __name__ == "__main__":
    main()
