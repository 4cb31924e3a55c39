#!/usr/bin/env bash
# Makes the PDF samples in samples/pdf/ with LibreOffice (a tool for making samples, never a dependency
# of nos or of its tests):
#   * one PDF per DOCX sample, as Writer prints it (`soffice --headless --convert-to pdf`);
#   * water-EUSWWT05.pdf, laid out like the official NOS PDFs (scripts/make_official_layout_docx.py)
#     from the model of samples/water-EUSWWT05.txt, so its model must be that sample's.
#   scripts/make_pdf_samples.sh [--nos build-test/nos]
set -euo pipefail
cd "$(dirname "$0")/.."
nos=build-test/nos
[ "${1:-}" = "--nos" ] && nos="$2"
command -v soffice >/dev/null || { echo "make_pdf_samples.sh: needs soffice (libreoffice-writer-nogui)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$nos" parse --format json samples/water-EUSWWT05.txt > "$work/water.json"
scripts/make_official_layout_docx.py "$work/water.json" -o "$work/water-EUSWWT05.docx"
# Writer prints tracked changes as marked-up text (deleted words struck through, changed numbers in
# brackets); the PDF of a DOCX shows its accepted view, as nos reads the DOCX, so changes are accepted
# first: deletions (w:del) dropped, insertions (w:ins) kept.
python3 - "$work" samples/docx/*.docx <<'PY'
import pathlib, re, sys, zipfile
out = pathlib.Path(sys.argv[1])
for path in map(pathlib.Path, sys.argv[2:]):
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out / path.name, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                xml = re.sub(r"<w:del\b[^>]*/>|<w:del\b[^>]*>.*?</w:del>", "", data.decode("utf-8"), flags=re.S)
                data = re.sub(r"</?w:ins\b[^>]*>", "", xml).encode("utf-8")
            dst.writestr(info, data)
PY
# A private profile, so a running LibreOffice or another user's settings change nothing.
soffice -env:UserInstallation=file://"$work/profile" --headless --convert-to pdf --outdir "$work" \
  "$work"/*.docx >/dev/null
mv "$work"/*.pdf samples/pdf/
ls -l samples/pdf
