// Items as CSV (RFC 4180): one row per item of every item section, CRLF line ends, a field quoted when
// it holds a comma, a quote, CR or LF, its quotes doubled.
#include <string_view>

#include "emit/export_formats.hpp"

namespace nos {
namespace {

void field(std::string& out, std::string_view value, bool last) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += value;
  } else {
    out += '"';
    for (char c : value) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += last ? "\r\n" : ",";
}

}  // namespace

std::string export_csv(const std::vector<Document>& docs, bool bom) {
  std::string out = bom ? "\xEF\xBB\xBF" : "";
  out += "urn,title,section,group,id,text\r\n";
  for (const auto& doc : docs)
    for (const auto& section : doc.sections) {
      if (section.kind != SectionKind::Items || !section.present) continue;
      for (const auto& group : section.groups)
        for (const auto& item : group.items) {
          field(out, doc.urn.value_or(""), false);
          field(out, doc.title.value_or(""), false);
          field(out, section.key, false);
          field(out, group.heading.value_or(""), false);
          field(out, item.id(), false);
          field(out, item.text(), true);
        }
    }
  return out;
}

}  // namespace nos
