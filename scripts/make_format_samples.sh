#!/usr/bin/env bash
# Makes the ODT, RTF, HTML and Word 97 .doc twins of every DOCX sample with LibreOffice, as a user who
# saves a Word file in another format would get them:
#   scripts/make_format_samples.sh      writes samples/{odt,rtf,html,doc}/NAME.EXT from samples/docx/NAME.docx
# LibreOffice (soffice, Debian's libreoffice-writer-nogui) is only needed here, never to build or test nos.
# tests/formats/run.sh checks that each twin gives the same model as its DOCX.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v soffice >/dev/null || { echo "make_format_samples.sh: soffice not found (apt-get install libreoffice-writer-nogui)" >&2; exit 1; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
for format in odt rtf html doc; do
  mkdir -p "samples/$format"
  soffice -env:UserInstallation="file://$profile" --headless --convert-to "$format" \
    --outdir "samples/$format" samples/docx/*.docx >/dev/null
done
