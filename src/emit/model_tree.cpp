#include "emit/model_tree.hpp"

#include <yaml-cpp/yaml.h>

#include "nos/nos.hpp"

namespace nos {

namespace {

using Json = nlohmann::ordered_json;

const char* found_by_name(FoundBy f) {
  switch (f) {
    case FoundBy::Label:
      return "label";
    case FoundBy::Cue:
      return "cue";
    case FoundBy::Numbering:
      return "numbering";
    case FoundBy::Bookmark:
      return "bookmark";
    case FoundBy::Position:
      return "position";
  }
  return "label";
}

Json optional_string(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

// `line`, and for DOCX the Word location beside it.
void put_location(Json& j, const SourceLocation& loc) {
  j["line"] = loc.line;
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

void emit(YAML::Emitter& out, const Json& j, bool flow) {
  switch (j.type()) {
    case Json::value_t::object:
      out << (flow ? YAML::Flow : YAML::Block) << YAML::BeginMap;
      for (const auto& [k, v] : j.items()) {
        out << YAML::Key << k << YAML::Value;
        emit(out, v, flow);
      }
      out << YAML::EndMap;
      return;
    case Json::value_t::array:
      if (j.empty()) {
        out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
        return;
      }
      out << (flow ? YAML::Flow : YAML::Block) << YAML::BeginSeq;
      for (const auto& v : j) emit(out, v, flow || is_flat(v) || !v.is_structured());
      out << YAML::EndSeq;
      return;
    case Json::value_t::string:
      out << YAML::DoubleQuoted << j.get<std::string>();
      return;
    case Json::value_t::boolean:
      out << (j.get<bool>() ? "true" : "false");
      return;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      out << j.get<long long>();
      return;
    case Json::value_t::number_float:
      out << j.get<double>();
      return;
    default:
      out << YAML::Null;
      return;
  }
}

}  // namespace

Json model_tree(const Document& d) {
  Json tree;
  tree["schema"] = Document::kSchema;
  Json source;
  source["path"] = d.source.path;
  source["format"] = d.source.format;
  source["encoding"] = d.source.encoding;
  source["dialect"] = d.source.dialect;
  tree["source"] = source;
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
  tree["metadata"] = metadata;
  Json unplaced = Json::array();
  for (const auto& u : d.unplaced) {
    Json j;
    j["text"] = u.text;
    put_location(j, u.location);
    unplaced.push_back(std::move(j));
  }
  tree["unplaced"] = unplaced;
  // How each section was found: the evidence the validator's missing-label and duplicate-label rules read.
  Json structure = Json::array();
  for (const auto& s : d.sections) {
    if (!s.present) continue;
    Json j;
    j["section"] = s.key;
    j["found_by"] = found_by_name(s.found_by);
    put_location(j, s.location);
    Json labels = Json::array();
    for (const auto& l : s.labels) {
      Json lj;
      lj["text"] = l.text;
      if (l.stem) lj["stem"] = true;
      put_location(lj, l.location);
      labels.push_back(std::move(lj));
    }
    j["labels"] = labels;
    structure.push_back(std::move(j));
  }
  tree["structure"] = structure;
  return tree;
}

std::string tree_to_yaml(const Json& tree) {
  YAML::Emitter out;
  out.SetIndent(2);
  out.SetNullFormat(YAML::LowerNull);
  emit(out, tree, false);
  std::string s = out.c_str();
  s += '\n';
  return s;
}

std::string emit_model(const Document& document, ModelFormat format) {
  Json tree = model_tree(document);
  if (format == ModelFormat::Json) return tree.dump(2) + "\n";
  return tree_to_yaml(tree);
}

}  // namespace nos
