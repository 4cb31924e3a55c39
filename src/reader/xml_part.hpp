// XML parts of a zip container (DOCX, ODT): read under the size limit, parsed under the depth limit.
#pragma once

#include <pugixml.hpp>
#include <string>

#include "nos/limits.hpp"
#include "reader/zip_archive.hpp"

namespace nos::detail {

/// The inflated bytes of `part`; a missing part is an error naming it.
std::string part_bytes(const ZipArchive& zip, const std::string& part, const std::string& path,
                       const Limits& limits);

/// Parses `data` in place (it must outlive `doc`); ill-formed XML and nesting deeper than
/// limits.max_xml_depth are one-line errors naming the part. `keep` adds pugixml parse options (nos fix
/// keeps the declaration, comments and white space of a part it writes back).
void parse_part(pugi::xml_document& doc, std::string& data, const std::string& part, const std::string& path,
                const Limits& limits, unsigned keep = 0);

}  // namespace nos::detail
