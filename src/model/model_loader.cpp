// YAML model -> Document. Two passes: the whole model is converted to JSON and checked with valijson
// against the JSON Schema (each error mapped back to the YAML node it names); then the YAML is walked
// into the Document, every location being the YAML line, so findings point where the author edits.
#define VALIJSON_USE_EXCEPTIONS 1
#include "nos/model_loader.hpp"

#include <fmt/format.h>
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <nlohmann/json.hpp>
#include <numeric>
#include <set>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "nos/error.hpp"
#include "nos/rule_ids.hpp"
#include "util/suggest.hpp"
#include "util/yaml_file.hpp"

namespace nos {
namespace {

using Json = nlohmann::json;

const char kSchema[] =
#include "nos_model_schema.inc"
    ;

// A YAML scalar as JSON: quoted scalars are strings; plain ones may be null, booleans or numbers (a number
// too large for its type stays a string, which the schema then reports).
Json to_json(const YamlFile& file, const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      Json j = Json::object();
      for (const auto& kv : n) j[file.string(kv.first)] = to_json(file, kv.second);
      return j;
    }
    case YAML::NodeType::Sequence: {
      Json j = Json::array();
      for (const auto& v : n) j.push_back(to_json(file, v));
      return j;
    }
    case YAML::NodeType::Scalar: {
      const std::string s = file.string(n);
      if (n.Tag() == "!") return s;
      // RE2, not std::regex: its matcher recurses once per character, and a long scalar overflowed the stack.
      static const RE2 integer(R"([-+]?\d+)"), real(R"([-+]?(?:\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?)");
      if (s == "true" || s == "false") return s == "true";
      if (s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
      try {
        if (RE2::FullMatch(s, integer)) return std::stoll(s);
        if (RE2::FullMatch(s, real)) return std::stod(s);
      } catch (const std::out_of_range&) {
      }
      return s;
    }
    default:
      return nullptr;
  }
}

SourceLocation where(const YAML::Node& n) {
  SourceLocation l;
  l.line = n.Mark().line + 1;
  l.column = n.Mark().column + 1;
  return l;
}

// The YAML node that a valijson context ("<root>", "[performance_criteria]", "[0]", …) names.
YAML::Node node_at(YAML::Node n, const std::vector<std::string>& context) {
  for (std::size_t i = 1; i < context.size(); ++i) {
    std::string key = context[i].substr(1, context[i].size() - 2);
    bool index = !key.empty() && key.find_first_not_of("0123456789") == std::string::npos;
    if (index ? !n.IsSequence() : !n.IsMap()) break;  // a scalar has no child to name
    const YAML::Node& parent = n;                     // const access: a missing key must not be inserted
    YAML::Node child = index ? parent[std::stoul(key)] : parent[key];
    if (!child.IsDefined()) break;
    n.reset(child);
  }
  return n;
}

// A key of the map `n` (the key node itself, for its line), or `n` when it is not there.
YAML::Node key_node(const YAML::Node& n, const std::string& key) {
  if (n.IsMap())
    for (const auto& kv : n)
      if (kv.first.Scalar() == key) return kv.first;
  return n;
}

std::string dotted(const std::vector<std::string>& context) {
  std::string out;
  for (std::size_t i = 1; i < context.size(); ++i) {
    std::string part = context[i].substr(1, context[i].size() - 2);
    bool index = !part.empty() && std::isdigit(static_cast<unsigned char>(part[0]));
    out += index ? "[" + part + "]" : (out.empty() ? "" : ".") + part;
  }
  return out.empty() ? "the model" : "'" + out + "'";
}

// For each error, whether another one lies strictly below it. Sorted by context, every extension of a
// context follows it directly, so one look at the next different context answers: n log n, where
// comparing each pair took seconds on a model with tens of thousands of bad entries.
std::vector<bool> has_deeper_error(const std::vector<valijson::ValidationResults::Error>& errors) {
  std::vector<std::size_t> order(errors.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return errors[a].context < errors[b].context; });
  std::vector<bool> deeper(errors.size(), false);
  std::size_t next = 0;  // first position in `order` whose context differs from the current one
  for (std::size_t k = 0; k < order.size(); ++k) {
    const auto& context = errors[order[k]].context;
    if (next <= k) {
      next = k + 1;
      while (next < order.size() && errors[order[next]].context == context) ++next;
    }
    if (next == order.size()) continue;
    const auto& after = errors[order[next]].context;
    deeper[order[k]] =
        after.size() > context.size() && std::equal(context.begin(), context.end(), after.begin());
  }
  return deeper;
}

Diagnostic model_schema_error(const YAML::Node& at, std::string message) {
  Diagnostic d;
  d.rule = rule_ids::kModelSchema;
  d.severity = Severity::Error;
  d.location = where(at);
  d.message = std::move(message);
  return d;
}

std::vector<Diagnostic> check_shape(const YamlFile& file) {
  const YAML::Node& root = file.root();
  // A repeated key splits the model: the schema's JSON view keeps its last value, the loader would read
  // its first. Which one the author meant would be a guess, so the rest of the check waits for the fix.
  if (std::vector<YamlFile::RepeatedKey> repeated = file.repeated_keys(); !repeated.empty()) {
    std::vector<Diagnostic> out;
    for (auto& r : repeated) out.push_back(model_schema_error(r.key, std::move(r.message)));
    return out;
  }
  static const auto schema = [] {
    auto s = std::make_unique<valijson::Schema>();
    Json doc = Json::parse(kSchema);
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    parser.populateSchema(adapter, *s);
    return s;
  }();
  Json model = to_json(file, root);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(model);
  validator.validate(*schema, target, &results);
  std::vector<valijson::ValidationResults::Error> errors(results.begin(), results.end());
  const std::vector<bool> has_deeper = has_deeper_error(errors);
  std::vector<Diagnostic> out;
  std::set<int> lines;
  for (std::size_t i = 0; i < errors.size(); ++i) {
    // Keep the deepest errors: a parent fails because a child did, and saying so again adds nothing.
    if (has_deeper[i]) continue;
    const auto& e = errors[i];
    YAML::Node node = node_at(root, e.context);
    std::string message = fmt::format("{}: {}", dotted(e.context), e.description);
    static const RE2 unknown(R"(.*'additionalProperties' constraints: '(.*)'\.)");
    if (std::string key; RE2::FullMatch(e.description, unknown, &key)) {
      node = key_node(node, key);
      message = fmt::format("unknown key '{}' in {}", key, dotted(e.context));
    }
    Diagnostic d = model_schema_error(node, std::move(message));
    if (lines.insert(d.location.line).second) out.push_back(std::move(d));
  }
  return out;
}

// ---- YAML -> Document ---------------------------------------------------------------------------

std::optional<std::string> optional_string(const YAML::Node& n) {
  if (!n || n.IsNull() || !n.IsScalar()) return std::nullopt;
  return n.Scalar();
}

// "scope_range.performance_criteria" -> root["scope_range"]["performance_criteria"]
YAML::Node dotted_node(const YAML::Node& root, const std::string& key) {
  // reset(), not operator=: assigning to a yaml-cpp node overwrites the node it shares with root.
  YAML::Node n;
  n.reset(root);
  std::size_t start = 0;
  for (std::size_t dot; (dot = key.find('.', start)) != std::string::npos; start = dot + 1) {
    n.reset(n[key.substr(start, dot - start)]);
    if (!n || !n.IsMap()) return YAML::Node();
  }
  return n[key.substr(start)];
}

// The locations of the Document: the YAML file's lines, or those the model records.
class Locator {
 public:
  explicit Locator(ModelLocations from) : from_(from) {}

  SourceLocation operator()(const YAML::Node& n) const {
    return from_ == ModelLocations::Yaml ? where(n) : recorded(n);
  }

  // `line`, `column` and `location` as model_tree writes them (the schema holds each index of `location`
  // to what a SourceLocation's field takes).
  static SourceLocation recorded(const YAML::Node& n) {
    SourceLocation l;
    l.line = n["line"].as<int>(0);
    l.column = n["column"].as<int>(0);
    if (const YAML::Node at = n["location"]) {
      l.paragraph = at["paragraph"].as<int>(0);
      l.table = at["table"].as<int>(0);
      l.row = at["row"].as<int>(0);
      l.cell = at["cell"].as<int>(0);
      l.page = at["page"].as<int>(0);
      l.page_line = at["page_line"].as<int>(0);
    }
    return l;
  }

  bool recorded() const { return from_ == ModelLocations::Recorded; }

 private:
  ModelLocations from_;
};

Item read_item(const YAML::Node& n, const Locator& locate) {
  const std::string text = n["text"].as<std::string>("");
  const SourceLocation location = locate(n);
  const auto id = optional_string(n["id"]);
  if (!id) return Item("", "", text, location);
  const std::string label = n["label"] ? n["label"].as<std::string>() : *id;
  int number = 0;
  std::size_t at = id->find_first_of("0123456789");
  if (at != std::string::npos &&
      std::from_chars(id->data() + at, id->data() + id->size(), number).ec != std::errc())
    number = 0;  // not a number nos can count with: treated as unnumbered
  return Item(*id, label, text, location, number);
}

void read_section(Section& s, const YAML::Node& n, const Locator& locate) {
  if (!n || n.IsNull()) return;
  if (!locate.recorded()) s.location = where(n);  // else the structure entry's
  if (s.kind == SectionKind::Prose && n.IsScalar()) {
    std::string text = n.Scalar();
    for (std::size_t start = 0; start <= text.size();) {
      std::size_t end = std::min(text.find('\n', start), text.size());
      s.paragraphs.push_back(text.substr(start, end - start));
      start = end + 1;
    }
    s.present = true;
  } else if (s.kind == SectionKind::Items && n.IsSequence()) {
    for (const auto& g : n) {
      Group group;
      group.heading = optional_string(g["heading"]);
      group.location = locate(g);
      for (const auto& i : g["items"]) {
        group.items.push_back(read_item(i, locate));
        // Findings point into the YAML file; the pieces' order is still the parsed document's.
        if (!locate.recorded()) s.recorded_item_positions.push_back(Locator::recorded(i).position());
      }
      // The parser places a group without a heading at its first item; the model records no line for it.
      if (locate.recorded() && !group.heading && !group.items.empty())
        group.location = group.items.front().location;
      s.groups.push_back(std::move(group));
    }
    s.present = n.size() > 0;
  } else if (s.kind == SectionKind::Glossary && n.IsSequence()) {
    for (const auto& e : n)
      s.entries.push_back({optional_string(e["term"]), e["definition"].as<std::string>(""), locate(e)});
    s.present = n.size() > 0;
  }
}

// Keys of the model that are not sections; everything else at the top level must be a grammar section.
const std::set<std::string> kModelKeys = {"schema",   "source",   "urn",      "title",
                                          "metadata", "unplaced", "structure"};

std::vector<Diagnostic> unknown_sections(const YAML::Node& root, const Grammar& grammar) {
  std::vector<std::string> known(kModelKeys.begin(), kModelKeys.end());
  std::set<std::string> tops;
  for (const auto& s : grammar.sections) {
    tops.insert(s.key.substr(0, s.key.find('.')));
    known.push_back(s.key.substr(0, s.key.find('.')));
  }
  std::vector<Diagnostic> out;
  for (const auto& kv : root) {
    std::string key = kv.first.Scalar();
    if (kModelKeys.count(key) || tops.count(key)) continue;
    out.push_back(model_schema_error(
        kv.first, "unknown key '" + key + "': not a section of the grammar" + did_you_mean(key, known)));
  }
  return out;
}

}  // namespace

std::optional<LoadedModel> load_model(const std::string& text, const std::string& path,
                                      const Grammar& grammar, const Limits& limits,
                                      ModelLocations locations) {
  // Bytes of any kind come here (DOCX, Windows-1252): matched as Latin-1, so each byte is a character.
  // Only a text with a `schema: nos/1` line is parsed as YAML: a text export is often not YAML at all.
  static const RE2 schema_line(R"((?:^|\n)\s*"?schema"?\s*:\s*["']?nos/1["']?\s*,?\s*(?:\r?\n|$))",
                               RE2::Latin1);
  if (!RE2::PartialMatch(text, schema_line)) return std::nullopt;
  // It says it is a model: a YAML error is named here rather than read as "not a model".
  const YamlFile file(text, path, ErrorKind::Input, limits.max_yaml_bytes);
  const YAML::Node& root = file.root();
  if (!root.IsMap() || !root["schema"] || !root["schema"].IsScalar() || root["schema"].Scalar() != "nos/1")
    return std::nullopt;
  LoadedModel out;
  out.source = {path, "yaml", "utf-8", {}, {}};
  for (std::size_t start = 0, n = 1; start < text.size(); ++n) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    SourceLocation l;
    l.line = static_cast<int>(n);
    out.source.lines.push_back({line, l});
    start = end + 1;
  }
  out.problems = check_shape(file);
  for (auto& d : unknown_sections(root, grammar)) out.problems.push_back(std::move(d));
  std::stable_sort(out.problems.begin(), out.problems.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.location.line < b.location.line;
  });
  for (auto& d : out.problems)
    if (d.location.line > 0 && d.location.line <= static_cast<int>(out.source.lines.size()))
      d.source_line = out.source.lines[static_cast<std::size_t>(d.location.line - 1)].text;
  if (!out.problems.empty()) return out;

  const Locator locate(locations);
  Document& doc = out.document;
  const YAML::Node source = root["source"];
  auto source_field = [&](const char* key) { return source ? source[key].as<std::string>("") : ""; };
  if (locate.recorded())
    doc.source = {source_field("path"), source_field("format"), source_field("encoding"),
                  source_field("dialect")};
  else
    doc.source = {path, "yaml", "utf-8", source_field("dialect")};
  doc.urn = optional_string(root["urn"]);
  doc.title = optional_string(root["title"]);
  if (!locate.recorded()) {  // the model records neither line
    if (root["urn"]) doc.urn_location = where(root["urn"]);
    if (root["title"]) doc.title_location = where(root["title"]);
  }
  const YAML::Node structure = root["structure"];
  for (const auto& spec : grammar.sections) {
    Section s;
    s.key = spec.key;
    s.kind = spec.kind;
    s.required = spec.required;
    read_section(s, dotted_node(root, spec.key), locate);
    if (s.present && !structure)
      s.labels.push_back({spec.key, s.location, false, s.location.position()});  // the key is its label
    doc.sections.push_back(std::move(s));
  }
  for (const auto& entry : structure) {
    Section* s = doc.section(entry["section"].as<std::string>());
    if (!s) continue;
    s->present = true;
    if (locate.recorded()) s->location = Locator::recorded(entry);
    if (auto how = parse_found_by(entry["found_by"].as<std::string>(""))) s->found_by = *how;
    s->reason = entry["reason"].as<std::string>("");
    for (const auto& l : entry["labels"])
      s->labels.push_back({l["text"].as<std::string>(), locate(l), l["stem"].as<bool>(false),
                           Locator::recorded(l).position()});
  }
  const YAML::Node metadata = root["metadata"];
  for (const auto& spec : grammar.metadata) {
    MetadataField f;
    f.key = spec.key;
    f.required = spec.required;
    f.is_list = spec.list_separator.has_value();
    if (metadata && metadata[spec.key]) {
      const YAML::Node v = metadata[spec.key];
      if (!locate.recorded()) f.location = where(v);  // the model records none
      if (v.IsSequence())
        for (const auto& x : v) f.values.push_back(x.as<std::string>());
      else
        f.value = optional_string(v);
    }
    doc.metadata.push_back(std::move(f));
  }
  for (const auto& u : root["unplaced"]) doc.unplaced.push_back({u["text"].as<std::string>(), locate(u)});
  return out;
}

}  // namespace nos
