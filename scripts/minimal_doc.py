#!/usr/bin/env python3
"""Write small Word 97 .doc files by hand, for hostile cases: an OLE2 compound file (version 3, 512-byte
sectors, no mini stream) holding a WordDocument stream and a 1Table stream.

doc_bytes(text, headers="", plcfhdd=()) takes the main text and the header document as 8-bit
(Windows-1252) characters, "\\r" ending each paragraph, and the header document's story starts (PlcfHdd
CPs, relative to its start); no formatting, lists or bookmarks.
"""
import struct

SECTOR = 512
END, FREE, FAT_SECTOR = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
MINI_CUTOFF = 4096  # streams shorter than this would live in the mini stream, which this writer has not


def fib(ccp_text, ccp_hdd, fc_text, pairs):
    """FibBase, FibRgW97, FibRgLw97 (ccpText, ccpHdd) and FibRgFcLcb97 with the given (index: (fc, lcb))."""
    base = struct.pack("<HHHHHHIIBBHH", 0xA5EC, 0xC1, 0, 0x409, 0, 0x0200, 0, 0, 0, 0, 0, 0)  # 1Table
    base += b"\0" * (32 - len(base))
    rg_w = struct.pack("<H", 14) + b"\0" * 28
    lw = [0] * 22
    lw[0] = fc_text  # cbMac: anything past the text
    lw[3], lw[5] = ccp_text, ccp_hdd
    rg_lw = struct.pack("<H", 22) + struct.pack("<22I", *lw)
    fc_lcb = [0] * (2 * 93)
    for index, (fc, lcb) in pairs.items():
        fc_lcb[2 * index], fc_lcb[2 * index + 1] = fc, lcb
    return base + rg_w + rg_lw + struct.pack("<H", 93) + struct.pack(f"<{2 * 93}I", *fc_lcb)


def doc_bytes(text, headers="", plcfhdd=()):
    body = (text + headers).encode("cp1252")
    fc_text = 1024
    # The CLX: one compressed piece holding every character (its fc is doubled, with bit 30 set).
    pcd = struct.pack("<HIH", 0, 0x40000000 | (fc_text * 2), 0)
    plcpcd = struct.pack("<II", 0, len(body)) + pcd
    table = b"\x02" + struct.pack("<I", len(plcpcd)) + plcpcd
    pairs = {33: (0, len(table))}
    if plcfhdd:
        pairs[11] = (len(table), 4 * len(plcfhdd))
        table += struct.pack(f"<{len(plcfhdd)}I", *plcfhdd)
    word = fib(len(text), len(headers), fc_text + len(body), pairs).ljust(fc_text, b"\0") + body
    return compound_file([("WordDocument", word.ljust(MINI_CUTOFF, b"\0")),
                          ("1Table", table.ljust(MINI_CUTOFF, b"\0"))])


def compound_file(streams):
    """[MS-CFB] version 3: header, FAT sectors, one directory sector, then each stream's sectors."""
    sizes = [-(-len(data) // SECTOR) for _, data in streams]
    data_sectors = 1 + sum(sizes)  # the directory, then the streams
    fat_sectors = 1
    while fat_sectors * (SECTOR // 4) < fat_sectors + data_sectors:
        fat_sectors += 1
    assert fat_sectors <= 109, "too large for a header-only DIFAT"
    fat = [FAT_SECTOR] * fat_sectors + [END]  # the FAT's own sectors, then the directory
    starts = []
    for n in sizes:
        starts.append(len(fat))
        fat += [len(fat) + k + 1 for k in range(n - 1)] + [END]
    fat += [FREE] * (fat_sectors * (SECTOR // 4) - len(fat))
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, fat_sectors, fat_sectors, 0, MINI_CUTOFF, END, 0, END, 0)
    difat = list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)
    header += struct.pack("<109I", *difat)

    def entry(name, kind, left, right, child, start, size):
        raw = name.encode("utf-16-le") + b"\0\0"
        return (raw.ljust(64, b"\0") + struct.pack("<HBBIII", len(raw), kind, 1, left, right, child)
                + b"\0" * 36 + struct.pack("<IQ", start, size))

    # The root's child is the first stream; the others are its left siblings, each shorter-named than it.
    ids = list(range(1, len(streams) + 1))
    directory = entry("Root Entry", 5, FREE, FREE, ids[0], END, 0)
    for k, (name, data) in enumerate(streams):
        left = ids[k + 1] if k + 1 < len(streams) else FREE
        directory += entry(name, 2, left, FREE, FREE, starts[k], len(data))
    directory = directory.ljust(SECTOR, b"\0")
    out = header + struct.pack(f"<{len(fat)}I", *fat) + directory
    for data in (d for _, d in streams):
        out += data.ljust(-(-len(data) // SECTOR) * SECTOR, b"\0")
    return out
