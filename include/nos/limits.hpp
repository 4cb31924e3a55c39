// Explicit limits on what nos reads, so hostile input gets a clear error instead of exhausting memory.
#pragma once

#include <cstddef>

namespace nos {

struct Limits {
  std::size_t max_input_bytes = 64u << 20;  ///< a text file, or a DOCX container on disk
  std::size_t max_line_bytes = 1u << 20;    ///< one line of a text export
  std::size_t max_part_bytes = 64u << 20;   ///< one inflated part of a DOCX (zip-bomb guard)
  std::size_t max_zip_entries = 10000;      ///< entries in a DOCX container
  std::size_t max_xml_depth = 256;          ///< element nesting in a DOCX part
  std::size_t max_pdf_pages = 5000;         ///< pages in a PDF
  /// A YAML model, grammar or config with every alias expanded: its strings' bytes, each alias counted
  /// each time it is used, plus 16 bytes a node. A real model is a small multiple of its file's size.
  std::size_t max_yaml_bytes = 16u << 20;
};

}  // namespace nos
