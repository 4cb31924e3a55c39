// A standard as GitHub-flavoured Markdown: the title as a heading, the metadata as a table, each
// present section under its grammar title, items as a list led by their ids. The document's text is
// escaped so that none of it turns into markup.
#include <string_view>

#include "emit/escape.hpp"
#include "emit/export_formats.hpp"

namespace nos {
namespace {

// A paragraph's opening "-", "+", ">" or "1." also gets a backslash, as at a line start it would begin a
// list or a quote; line breaks become spaces, as one would end a table row.
std::string escaped(std::string_view text) {
  std::string out = markdown_escaped(text);
  for (char& c : out)
    if (c == '\n' || c == '\r') c = ' ';
  std::size_t digits = out.find_first_not_of("0123456789");
  if (!out.empty() && std::string_view("-+>").find(out[0]) != std::string_view::npos)
    out.insert(0, "\\");
  else if (digits > 0 && digits != std::string::npos && (out[digits] == '.' || out[digits] == ')'))
    out.insert(digits, "\\");
  return out;
}

std::string field_value(const MetadataField& f) {
  if (!f.is_list) return f.value.value_or("");
  std::string out;
  for (const auto& v : f.values) out += (out.empty() ? "" : "; ") + v;
  return out;
}

}  // namespace

std::string export_markdown(const Document& doc, const Grammar& grammar) {
  std::string out = "# ";
  if (doc.urn) out += escaped(*doc.urn) + (doc.title ? " " : "");
  out += doc.title ? escaped(*doc.title) : doc.urn ? "" : "Untitled standard";
  out += "\n\n";

  std::string table;
  for (const auto& f : doc.metadata)
    if (f.present())
      table += "| " + escaped(field_title(grammar, f.key)) + " | " + escaped(field_value(f)) + " |\n";
  if (!table.empty()) out += "| Field | Value |\n| --- | --- |\n" + table + "\n";

  for (const auto& s : doc.sections) {
    if (!s.present) continue;
    out += "## " + escaped(section_title(grammar, s.key)) + "\n\n";
    for (const auto& p : s.paragraphs) out += escaped(p) + "\n\n";
    for (const auto& g : s.groups) {
      if (g.heading) out += "### " + escaped(*g.heading) + "\n\n";
      for (const auto& item : g.items)
        out += "- " + (item.label().empty() ? "" : "**" + escaped(item.label()) + "** ") +
               escaped(item.text()) + "\n";
      out += "\n";
    }
    for (const auto& e : s.entries)
      out += (e.term ? "**" + escaped(*e.term) + "**: " : "") + escaped(e.definition) + "\n\n";
  }
  if (!doc.unplaced.empty()) {
    out += "## Text not placed in a section\n\n";
    for (const auto& u : doc.unplaced) out += escaped(u.text) + "\n\n";
  }
  out.pop_back();  // one newline at the end
  return out;
}

}  // namespace nos
