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

/// Says what a file that is not a text export or a DOCX is ("a PDF file", "an old binary Word .doc file",
/// "an encrypted (password-protected) Office file"), or "" when it may be text. `bytes` are the first few
/// KiB.
std::string describe_foreign_format(std::string_view bytes);

bool looks_like_zip(std::string_view bytes);

}  // namespace nos::detail
