// Internal interface of the reader stage: bytes in, decoded lines with locations out.
#pragma once

#include <string>
#include <string_view>

#include "nos/limits.hpp"
#include "nos/source.hpp"

namespace nos::detail {

/// Decodes a text export (UTF-8 with or without BOM, or Windows-1252) and splits it at LF, CRLF or CR.
Source read_text_bytes(std::string bytes, const std::string& path, const Limits& limits);

/// Reads a DOCX container and renders its body as the lines a Tika text export of it would have:
/// one line per paragraph, "[bookmark: NAME]" where a Word bookmark starts, list numbers as text.
/// The shared tokenizer and parser then treat both inputs alike.
Source read_docx_bytes(const std::string& bytes, const std::string& path, const Limits& limits);

/// Reads a PDF with poppler and rebuilds, from the words' positions, the lines a Tika export of the
/// document's DOCX would have (pdf_reader.cpp says how). Running headers, footers and page numbers go.
Source read_pdf_bytes(const std::string& bytes, const std::string& path, const Limits& limits);

bool looks_like_pdf(std::string_view bytes);

/// Reads an OpenDocument text (.odt): content.xml rendered as the DOCX reader renders a Word body.
Source read_odt_bytes(const std::string& bytes, const std::string& path, const Limits& limits);

/// Reads an HTML page (saved NOS Finder pages, Word and LibreOffice HTML exports) with an HTML5 parser.
Source read_html_bytes(const std::string& bytes, const std::string& path, const Limits& limits);

/// Reads an RTF document (the subset the README lists).
Source read_rtf_bytes(const std::string& bytes, const std::string& path, const Limits& limits);

/// Reads a Word 97-2003 binary .doc: the OLE2 compound file, then the document's piece table.
Source read_doc_bytes(const std::string& bytes, const std::string& path, const Limits& limits);

/// Says what a file that no reader takes is ("a PDF file", "an old binary Excel .xls file",
/// "an encrypted (password-protected) Office file"), or "" when a reader may take it. `bytes` are the
/// first few KiB.
std::string describe_foreign_format(std::string_view bytes);

bool looks_like_zip(std::string_view bytes);
/// A zip whose first entry is an uncompressed mimetype of an OpenDocument text, as ODF requires.
bool looks_like_odt(std::string_view bytes);
/// An OLE2 compound file (Word 97-2003 and other old Office files).
bool looks_like_ole(std::string_view bytes);
bool looks_like_rtf(std::string_view bytes);
/// A doctype, <html> or a browser's "saved from" comment first (after a BOM and white space).
bool looks_like_html(std::string_view bytes);

}  // namespace nos::detail
