// The reader stage: a document's bytes, told apart by content, into lines with source locations.
#pragma once

#include <string>
#include <string_view>

#include "nos/limits.hpp"
#include "nos/source.hpp"

namespace nos {

/// Reads a text export, DOCX, PDF, ODT, RTF, HTML or Word 97 .doc file (told apart by content, not by
/// extension) into lines.
/// `path` "-" reads standard input. Throws nos::Error (ErrorKind::Input) with a one-line reason.
Source read_source(const std::string& path, const Limits& limits = {});

/// The bytes of a file (`path` "-": standard input), refused when over limits.max_input_bytes.
/// Throws nos::Error (ErrorKind::Input) with a one-line reason.
std::string read_input_bytes(const std::string& path, const Limits& limits = {});

/// Whether a lower-case file extension (".docx") names a document some reader takes: the files that
/// `nos check` and `nos convert` pick from a directory by default.
bool is_document_extension(std::string_view extension);

/// Reads already-loaded bytes; `path` is only used to name the document.
Source read_source_bytes(std::string bytes, const std::string& path, const Limits& limits = {});

}  // namespace nos
