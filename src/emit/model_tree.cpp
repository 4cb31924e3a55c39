#include "emit/model_tree.hpp"

#include <fmt/format.h>

#include <set>
#include <utility>

#include "nos/nos.hpp"
#include "util/text.hpp"

namespace nos {

namespace {

using Json = nlohmann::ordered_json;

Json optional_string(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

// `line`, and for DOCX the Word location beside it.
void put_location(Json& j, const SourceLocation& loc) {
  j["line"] = loc.line;
  if (loc.in_pdf()) j["location"] = {{"page", loc.page}, {"page_line", loc.page_line}};
  if (!loc.in_docx()) return;
  Json where;
  where["paragraph"] = loc.paragraph;
  if (loc.table > 0) {
    where["table"] = loc.table;
    where["row"] = loc.row;
    where["cell"] = loc.cell;
  }
  j["location"] = where;
}

Json section_value(const Section& s) {
  switch (s.kind) {
    case SectionKind::Items: {
      Json groups = Json::array();
      for (const auto& g : s.groups) {
        Json group;
        group["heading"] = optional_string(g.heading);
        if (g.heading) put_location(group, g.location);
        Json items = Json::array();
        for (const auto& item : g.items) {
          Json j;
          j["id"] = item.numbered() ? Json(item.id) : Json(nullptr);
          if (!item.numbered()) j["unnumbered"] = true;
          if (item.numbered() && item.label != item.id) j["label"] = item.label;
          j["text"] = item.text;
          put_location(j, item.location);
          items.push_back(std::move(j));
        }
        group["items"] = std::move(items);
        groups.push_back(std::move(group));
      }
      return groups;
    }
    case SectionKind::Glossary: {
      Json entries = Json::array();
      for (const auto& e : s.entries) {
        Json j;
        j["term"] = optional_string(e.term);
        j["definition"] = e.definition;
        put_location(j, e.location);
        entries.push_back(std::move(j));
      }
      return entries;
    }
    case SectionKind::Prose:
      return s.present && !s.paragraphs.empty() ? Json(s.text()) : Json(nullptr);
  }
  return nullptr;
}

// "scope_range.performance_criteria" -> tree["scope_range"]["performance_criteria"].
void put_dotted(Json& tree, const std::string& key, Json value) {
  Json* node = &tree;
  std::size_t start = 0;
  for (std::size_t dot; (dot = key.find('.', start)) != std::string::npos; start = dot + 1) {
    Json& child = (*node)[key.substr(start, dot - start)];
    if (!child.is_object()) child = Json::object();
    node = &child;
  }
  (*node)[key.substr(start)] = std::move(value);
}

bool is_flat(const Json& j) {
  if (!j.is_object()) return false;
  for (const auto& [k, v] : j.items())
    if (v.is_structured() && !(v.is_object() && is_flat(v))) return false;
  return true;
}

// The YAML is written by hand rather than with YAML::Emitter: its layout is fixed (block mappings, flow
// mappings for list entries, every string double-quoted), and yaml-cpp's emitter spent a third of a
// conversion's CPU deciding, for each string, whether it could be written plain.

// A YAML double-quoted scalar. Escapes what YAML 1.2 does not allow raw (C0 and C1 controls, DEL, the
// BOM); the rest of the UTF-8 is written as it is.
void write_quoted(std::string& out, std::string_view s) {
  out += '"';
  for (std::size_t i = 0; i < s.size(); ++i) {
    // A run of printable ASCII that needs no escape (most of any text) is copied whole.
    std::size_t plain = i;
    while (plain < s.size() && s[plain] >= 0x20 && s[plain] < 0x7F && s[plain] != '"' && s[plain] != '\\')
      ++plain;
    if (plain > i) {
      out.append(s.data() + i, plain - i);
      i = plain - 1;
      continue;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\r':
        out += "\\r";
        continue;
    }
    if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02x}", c);
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0xA0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(s[++i]));  // U+0080..U+00A0: C2 80..C2 A0
    } else if (s.substr(i, 3) == "\xEF\xBB\xBF") {
      out += "\\ufeff";
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

// Keys are the grammar's section and field names: plain when they are a simple word, quoted otherwise.
void write_key(std::string& out, const std::string& key) {
  static const std::set<std::string> kReserved = {"true", "false", "null", "yes", "no",
                                                  "on",   "off",   "y",    "n"};
  bool plain = !key.empty() && (std::isalpha(static_cast<unsigned char>(key[0])) || key[0] == '_') &&
               key.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") ==
                   std::string::npos &&
               !kReserved.count(text::lower(key));
  if (plain)
    out += key;
  else
    write_quoted(out, key);
  out += ':';
}

void write_flow(std::string& out, const Json& j) {
  if (j.is_string()) return write_quoted(out, j.get_ref<const std::string&>());
  if (!j.is_structured()) {
    out += j.dump();  // numbers, true/false and null are written the same in JSON and YAML
    return;
  }
  const bool map = j.is_object();
  out += map ? '{' : '[';
  bool first = true;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!first) out += ", ";
    first = false;
    if (map) {
      write_key(out, it.key());
      out += ' ';
    }
    write_flow(out, it.value());
  }
  out += map ? '}' : ']';
}

void write_block_seq(std::string& out, const Json& seq, int indent);

// A block mapping whose first key goes where the output stands (after "- " or at a line start); the
// other keys start their own lines at `indent`.
void write_block_map(std::string& out, const Json& map, int indent) {
  bool first = true;
  for (const auto& [key, value] : map.items()) {
    if (!first) out.append(static_cast<std::size_t>(indent), ' ');
    first = false;
    write_key(out, key);
    if (!value.is_structured() || value.empty()) {
      out += ' ';
      write_flow(out, value);
      out += '\n';
      continue;
    }
    out += '\n';
    out.append(static_cast<std::size_t>(indent + 2), ' ');
    if (value.is_object())
      write_block_map(out, value, indent + 2);
    else
      write_block_seq(out, value, indent + 2);
  }
}

// A block sequence: entries that are scalars or flat mappings in flow style, one per line.
void write_block_seq(std::string& out, const Json& seq, int indent) {
  bool first = true;
  for (const auto& entry : seq) {
    if (!first) out.append(static_cast<std::size_t>(indent), ' ');
    first = false;
    out += "- ";
    if (!entry.is_structured() || entry.empty() || is_flat(entry)) {
      write_flow(out, entry);
      out += '\n';
    } else if (entry.is_object()) {
      write_block_map(out, entry, indent + 2);
    } else {
      write_block_seq(out, entry, indent + 2);
    }
  }
}

}  // namespace

Json model_tree(const Document& d) {
  // An ordered map's entries are copied, deep, each time it grows (their keys are const, so they cannot
  // move): room for every top-level key up front, and subtrees moved in, keep the sections from being
  // copied again and again.
  Json tree = Json::object();
  tree.get_ref<Json::object_t&>().reserve(d.sections.size() + 8);
  tree["schema"] = Document::kSchema;
  Json source;
  source["path"] = text::replace_invalid_utf8(d.source.path);  // file names need not be UTF-8
  source["format"] = d.source.format;
  source["encoding"] = d.source.encoding;
  source["dialect"] = d.source.dialect;
  tree["source"] = std::move(source);
  tree["urn"] = optional_string(d.urn);
  tree["title"] = optional_string(d.title);
  for (const auto& s : d.sections) put_dotted(tree, s.key, section_value(s));
  Json metadata = Json::object();
  for (const auto& f : d.metadata) {
    if (f.is_list) {
      metadata[f.key] = f.values;
    } else {
      metadata[f.key] = optional_string(f.value);
    }
  }
  tree["metadata"] = std::move(metadata);
  Json unplaced = Json::array();
  for (const auto& u : d.unplaced) {
    Json j;
    j["text"] = u.text;
    put_location(j, u.location);
    unplaced.push_back(std::move(j));
  }
  tree["unplaced"] = std::move(unplaced);
  // How each section was found: the evidence the validator's missing-label and duplicate-label rules read.
  Json structure = Json::array();
  for (const auto& s : d.sections) {
    if (!s.present) continue;
    Json j;
    j["section"] = s.key;
    j["found_by"] = found_by_name(s.found_by);
    if (!s.reason.empty()) j["reason"] = s.reason;
    put_location(j, s.location);
    Json labels = Json::array();
    for (const auto& l : s.labels) {
      Json lj;
      lj["text"] = l.text;
      if (l.stem) lj["stem"] = true;
      put_location(lj, l.location);
      labels.push_back(std::move(lj));
    }
    j["labels"] = std::move(labels);
    structure.push_back(std::move(j));
  }
  tree["structure"] = std::move(structure);
  return tree;
}

std::string tree_to_yaml(const Json& tree) {
  std::string out;
  if (!tree.is_structured() || tree.empty()) {
    write_flow(out, tree);
    return out + "\n";
  }
  if (tree.is_object())
    write_block_map(out, tree, 0);
  else
    write_block_seq(out, tree, 0);
  return out;
}

std::string emit_model(const Document& document, ModelFormat format) {
  Json tree = model_tree(document);
  if (format == ModelFormat::Json) return tree.dump(2) + "\n";
  return tree_to_yaml(tree);
}

}  // namespace nos
