#!/usr/bin/env python3
"""Write small PDFs by hand, for hostile cases.

pdf_bytes(pages) takes, for each page, a list of (x, y, text) lines in points from the top left, and
returns a PDF using the standard Helvetica font (nothing embedded). Options make the odd files a reader
must refuse: an image instead of text, a password, a page count the page tree lies about.
"""

PAGE_W, PAGE_H = 595, 842


def esc(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def content(lines, size=11):
    ops = [f"BT /F1 {size} Tf 1 0 0 1 {x} {PAGE_H - y} Tm ({esc(t)}) Tj ET" for x, y, t in lines]
    return "\n".join(ops).encode("latin-1")


def pdf_bytes(pages, image_only=False, encrypt=False, claimed_pages=None):
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    kids = []
    for i, lines in enumerate(pages):
        page_id, content_id = 4 + 2 * i, 5 + 2 * i
        kids.append(f"{page_id} 0 R")
        stream = b"q 100 0 0 100 50 600 cm BI /W 2 /H 2 /BPC 8 /CS /G ID \x00\xff\xff\x00 EI Q" if image_only \
            else content(lines)
        objects[page_id] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
                            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content_id} 0 R >>").encode()
        objects[content_id] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    count = len(pages) if claimed_pages is None else claimed_pages
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {count} >>".encode()
    trailer_extra = ""
    if encrypt:
        # Standard security handler, RC4 40-bit; /U matches no password, so a reader must ask for one.
        encrypt_id = max(objects) + 1
        objects[encrypt_id] = (b"<< /Filter /Standard /V 1 /R 2 /P -4 /O <" + b"41" * 32 + b"> /U <"
                               + b"42" * 32 + b"> >>")
        trailer_extra = f" /Encrypt {encrypt_id} 0 R /ID [<0123456789abcdef0123456789abcdef> " \
                        "<0123456789abcdef0123456789abcdef>]"
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += f"trailer\n<< /Size {size} /Root 1 0 R{trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
