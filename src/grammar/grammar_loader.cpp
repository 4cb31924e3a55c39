// Loading a grammar from YAML: strict about keys and types, so a typo is an error and not a silent no-op.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "grammar/patterns.hpp"
#include "nos/error.hpp"
#include "util/text.hpp"
#include "util/yaml_file.hpp"

namespace nos {

namespace {

constexpr std::size_t kMaxGrammarBytes = 1u << 20;
constexpr int64_t kMaxPatternMemory = 8 << 20;  // RE2 runs in linear time; this caps a program's size

const char kBuiltinGrammar[] =
#include "builtin_grammar.inc"
    ;

class Loader {
 public:
  explicit Loader(YamlFile file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const YAML::Node& node, const std::string& what) const { file_.fail(node, what); }

  void check_keys(const YAML::Node& map, const std::string& where, const std::vector<std::string>& allowed) {
    file_.check_keys(map, where, allowed);
  }

  std::string scalar(const YAML::Node& node, const std::string& where) {
    if (!node || !node.IsScalar()) fail(node, fmt::format("{} must be a string", where));
    return file_.string(node);  // every string may reach the model
  }

  bool boolean(const YAML::Node& node, const std::string& where) {
    if (!node) return false;
    try {
      return node.as<bool>();
    } catch (const YAML::Exception&) {
      fail(node, fmt::format("{} must be true or false", where));
    }
  }

  std::vector<std::string> strings(const YAML::Node& node, const std::string& where) {
    std::vector<std::string> out;
    if (!node) return out;
    if (!node.IsSequence()) fail(node, fmt::format("{} must be a list of strings", where));
    for (const auto& item : node) out.push_back(scalar(item, where));
    return out;
  }

  std::unique_ptr<RE2> compile(const std::string& pattern, const YAML::Node& node, const std::string& where) {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(kMaxPatternMemory);
    auto re = std::make_unique<RE2>(pattern, options);
    if (!re->ok()) {
      // A pattern can be kilobytes long: the message names its start, the line number finds the rest.
      constexpr std::size_t kShown = 60;
      std::string shown =
          pattern.size() <= kShown ? pattern : pattern.substr(0, text::valid_prefix(pattern, kShown)) + "…";
      fail(node, fmt::format("{}: invalid pattern '{}': {}", where, shown, re->error()));
    }
    return re;
  }

  Grammar load(CompiledPatterns& compiled);

 private:
  YamlFile file_;
};

SectionKind section_kind(Loader& loader, const YAML::Node& node) {
  auto kind = loader.scalar(node, "section kind");
  if (kind == "prose") return SectionKind::Prose;
  if (kind == "items") return SectionKind::Items;
  if (kind == "glossary") return SectionKind::Glossary;
  loader.fail(node, fmt::format("section kind '{}' is not one of prose, items, glossary", kind));
}

}  // namespace

std::string normalise_label(std::string_view text) {
  // Lower-cased and rewritten in place, as every line may be asked about: out[0, kept) is the result.
  std::string out = text::clean(text);
  std::size_t kept = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    char c = out[i];
    if (c == ' ' && ((i + 1 < out.size() && out[i + 1] == '/') || (kept > 0 && out[kept - 1] == '/')))
      continue;
    out[kept++] = text::lower_ascii(c);
  }
  while (kept > 0 && (out[kept - 1] == ':' || out[kept - 1] == ' ')) --kept;
  out.resize(kept);
  return out;
}

bool may_be_label(std::string_view text, std::size_t longest) {
  if (text.size() <= longest) return true;
  // Counted a block at a time, without a branch per byte.
  constexpr std::size_t kBlock = 16;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < text.size(); i += kBlock) {
    for (std::size_t k = i; k < std::min(text.size(), i + kBlock); ++k) {
      char c = text[k];
      kept += c > ' ' && c < 0x7F && c != ':';
    }
    if (kept > longest) return false;
  }
  return true;
}

FirstBytes::FirstBytes(const RE2& re) {
  std::string lowest, highest;
  // Bounds of a few bytes keep the first byte exact (a bound cut short is rounded up to the next
  // byte). Where the lowest is "", a match may be empty, and any text may start one.
  constexpr int kBoundBytes = 8;
  if (!re.PossibleMatchRange(&lowest, &highest, kBoundBytes) || lowest.empty() || highest.empty()) return;
  known = true;
  min = static_cast<unsigned char>(lowest.front());
  max = static_cast<unsigned char>(highest.front());
}

RequiredAtoms::RequiredAtoms(const std::string& pattern) {
  // Shorter strings ("of", a digit) are in too many lines to rule any out.
  constexpr int kMinAtomLength = 3;
  auto filter = std::make_unique<re2::FilteredRE2>(kMinAtomLength);
  int id = 0;
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(kMaxPatternMemory);
  if (filter->Add(pattern, options, &id) != RE2::NoError) return;
  std::vector<std::string> atoms;
  filter->Compile(&atoms);
  // A pattern that text without any of the strings may match is searched in every line.
  std::vector<int> unfiltered;
  filter->AllPotentials({}, &unfiltered);
  if (atoms.empty() || !unfiltered.empty()) return;
  atoms_ = std::move(atoms);
  filter_ = std::move(filter);
}

namespace {

/// Where the first word of normalised text ends: normalise_label keeps a space, slash or colon there (or
/// drops a space beside a slash, which ends the word as well).
bool ends_word(char c) { return c == ' ' || c == '/' || c == ':'; }

/// True when every byte of `s` is ASCII.
bool is_ascii(std::string_view s) {
  // Eight bytes at a time: a byte is ASCII when its top bit is clear.
  constexpr std::uint64_t kTopBits = 0x8080808080808080ULL;
  std::size_t i = 0;
  for (std::uint64_t block = 0; i + sizeof block <= s.size(); i += sizeof block) {
    std::memcpy(&block, s.data() + i, sizeof block);
    if (block & kTopBits) return false;
  }
  return std::all_of(s.begin() + static_cast<std::ptrdiff_t>(i), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

/// True when `text` holds `atom` (lower case) in any ASCII case. Only where the atom's first byte stands
/// (found with memchr, one case at a time) is the rest compared.
bool holds_folded(std::string_view text, std::string_view atom) {
  const char first = atom[0];
  const char cases[2] = {first, first >= 'a' && first <= 'z' ? static_cast<char>(first - 'a' + 'A') : first};
  std::size_t next[2] = {text.find(cases[0]), text.find(cases[1])};
  for (;;) {
    std::size_t at = std::min(next[0], next[1]);
    if (at == std::string_view::npos || at + atom.size() > text.size()) return false;
    if (std::equal(atom.begin() + 1, atom.end(), text.begin() + static_cast<std::ptrdiff_t>(at) + 1,
                   [](char a, char c) { return text::lower_ascii(c) == a; }))
      return true;
    for (int k = 0; k < 2; ++k)
      if (next[k] == at) next[k] = text.find(cases[k], at + 1);
  }
}

}  // namespace

bool RequiredAtoms::may_match(std::string_view text) const {
  if (!filter_) return true;
  std::vector<int> found;
  for (std::size_t i = 0; i < atoms_.size(); ++i)
    if (holds_folded(text, atoms_[i])) found.push_back(static_cast<int>(i));
  // RE2 compares the strings with text lower-cased as Unicode folds case, where a non-ASCII letter may
  // become an ASCII one (the Kelvin sign a "k"): text that is not ASCII is searched.
  if (found.empty()) return !is_ascii(text);
  std::vector<int> potential;
  filter_->AllPotentials(found, &potential);
  return !potential.empty() || !is_ascii(text);
}

void LabelFirstWords::add(std::string_view normalised_label) {
  std::string_view word = normalised_label.substr(
      0, static_cast<std::size_t>(std::find_if(normalised_label.begin(), normalised_label.end(), ends_word) -
                                  normalised_label.begin()));
  longest_ = std::max(longest_, word.size());
  words_.emplace(word);
}

bool LabelFirstWords::may_start(std::string_view text) const {
  constexpr std::size_t kMaxWord = 64;
  char word[kMaxWord];
  std::size_t n = 0;
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;  // cleaning trims them
  for (; i < text.size() && !ends_word(text[i]); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c <= ' ' || c >= 0x7F) return true;  // white space, a control or non-ASCII: cleaning may change it
    // Longer than the first word of any label: what follows cannot shorten the word.
    if (n == longest_) return false;
    if (n == kMaxWord) return true;
    word[n++] = text::lower_ascii(static_cast<char>(c));
  }
  return n == 0 || words_.contains(std::string_view(word, n));
}

const LabelRef* find_label_past_first_word(std::string_view text, const CompiledPatterns& p) {
  // inline_labels is sorted longest first.
  if (!may_be_label(text, p.inline_labels.empty() ? 0 : p.inline_labels.front().first.size())) return nullptr;
  auto it = p.labels.find(normalise_label(text));
  return it == p.labels.end() ? nullptr : &it->second;
}

const LabelRef* find_label(std::string_view text, const CompiledPatterns& p) {
  return p.label_first_words.may_start(text) ? find_label_past_first_word(text, p) : nullptr;
}

Grammar Loader::load(CompiledPatterns& c) {
  Grammar g;
  file_.refuse_repeated_keys();
  const YAML::Node& root = file_.root();
  check_keys(root, "the grammar",
             {"name", "version", "urn_pattern", "urn_head_pattern", "urn_header_pattern",
              "page_number_pattern", "structural_labels", "markers", "plain_item_pattern",
              "continuation_endings", "continuation_starts", "placement", "sections", "metadata"});
  g.name = scalar(root["name"], "name");
  if (root["version"]) {
    try {
      g.version = root["version"].as<int>();
    } catch (const YAML::Exception&) {
      fail(root["version"], "version must be a whole number");
    }
  }
  g.urn_pattern = scalar(root["urn_pattern"], "urn_pattern");
  c.urn = compile(g.urn_pattern, root["urn_pattern"], "urn_pattern");
  c.urn_first = FirstBytes(*c.urn);
  if (root["urn_head_pattern"]) {
    g.urn_head_pattern = scalar(root["urn_head_pattern"], "urn_head_pattern");
    c.urn_head = compile(g.urn_head_pattern, root["urn_head_pattern"], "urn_head_pattern");
  }
  if (root["urn_header_pattern"]) {
    g.urn_header_pattern = scalar(root["urn_header_pattern"], "urn_header_pattern");
    c.urn_header = compile(g.urn_header_pattern, root["urn_header_pattern"], "urn_header_pattern");
    if (c.urn_header->NumberOfCapturingGroups() < 1)
      fail(root["urn_header_pattern"], "urn_header_pattern needs a group ( ) around the URN");
    c.urn_header_first = FirstBytes(*c.urn_header);
  }
  if (root["page_number_pattern"]) {
    g.page_number_pattern = scalar(root["page_number_pattern"], "page_number_pattern");
    c.page_number = compile(g.page_number_pattern, root["page_number_pattern"], "page_number_pattern");
    c.page_number_atoms = RequiredAtoms(g.page_number_pattern);
  }
  g.structural_labels = strings(root["structural_labels"], "structural_labels");
  for (const auto& label : g.structural_labels) {
    c.labels[normalise_label(label)] = {LabelRef::Kind::Structural, -1};
    c.inline_labels.push_back({normalise_label(label), {LabelRef::Kind::Structural, -1}});
  }

  const YAML::Node markers = root["markers"];
  if (!markers) fail(root, "missing key 'markers'");
  check_keys(markers, "markers", {"bookmark", "other"});
  g.bookmark_marker = scalar(markers["bookmark"], "markers.bookmark");
  c.bookmark = compile(g.bookmark_marker, markers["bookmark"], "markers.bookmark");
  if (c.bookmark->NumberOfCapturingGroups() < 1)
    fail(markers["bookmark"], "markers.bookmark needs a group for the name");
  g.other_markers = strings(markers["other"], "markers.other");
  for (const auto& p : g.other_markers)
    c.other_markers.push_back(compile(p, markers["other"], "markers.other"));

  g.plain_item_pattern = scalar(root["plain_item_pattern"], "plain_item_pattern");
  c.plain_item = compile(g.plain_item_pattern, root["plain_item_pattern"], "plain_item_pattern");
  c.plain_item_first = FirstBytes(*c.plain_item);
  g.continuation_endings = strings(root["continuation_endings"], "continuation_endings");
  for (const auto& w : g.continuation_endings) c.continuation_endings.insert(text::lower(w));
  g.continuation_starts = strings(root["continuation_starts"], "continuation_starts");
  for (const auto& w : g.continuation_starts) c.continuation_starts.insert(text::lower(w));
  if (const YAML::Node placement = root["placement"]) {
    // A reordering, never a subset: the parser asks every kind of evidence.
    std::vector<FoundBy> order;
    for (const auto& name : strings(placement, "placement")) {
      auto how = parse_found_by(name);
      if (!how)
        fail(placement,
             fmt::format("placement: '{}' is not one of label, cue, numbering, bookmark, position", name));
      if (std::find(order.begin(), order.end(), *how) != order.end())
        fail(placement, fmt::format("placement: '{}' appears twice", name));
      order.push_back(*how);
    }
    if (order.size() != g.placement.size())
      fail(placement, "placement must name each of label, cue, numbering, bookmark, position once");
    g.placement = std::move(order);
  }

  const YAML::Node sections = root["sections"];
  if (!sections || !sections.IsSequence() || sections.size() == 0)
    fail(root, "'sections' must be a non-empty list");
  std::set<std::string> keys;
  for (const auto& node : sections) {
    check_keys(node, "a section",
               {"key", "kind", "required", "labels", "stems", "bookmarks", "cues", "cue_patterns", "items"});
    SectionSpec spec;
    spec.key = scalar(node["key"], "section key");
    if (!keys.insert(spec.key).second)
      fail(node["key"], fmt::format("section key '{}' appears twice", spec.key));
    spec.kind = section_kind(*this, node["kind"]);
    spec.required = boolean(node["required"], "required");
    spec.labels = strings(node["labels"], spec.key + ".labels");
    spec.stems = strings(node["stems"], spec.key + ".stems");
    spec.bookmarks = strings(node["bookmarks"], spec.key + ".bookmarks");
    spec.cues = strings(node["cues"], spec.key + ".cues");
    spec.cue_patterns = strings(node["cue_patterns"], spec.key + ".cue_patterns");
    int index = static_cast<int>(g.sections.size());
    for (const auto& pattern : spec.cue_patterns) {
      auto re = compile(pattern, node["cue_patterns"], spec.key + ".cue_patterns");
      FirstBytes first(*re);
      c.cue_patterns.push_back({std::move(re), index, first});
    }
    if (const YAML::Node items = node["items"]) {
      if (spec.kind != SectionKind::Items)
        fail(items, fmt::format("{}: only items sections take item patterns", spec.key));
      if (!items.IsSequence()) fail(items, fmt::format("{}.items must be a list", spec.key));
      for (const auto& item : items) {
        check_keys(item, spec.key + ".items", {"pattern", "id"});
        ItemPatternSpec ip{scalar(item["pattern"], "pattern"), scalar(item["id"], "id")};
        auto re = compile(ip.pattern, item["pattern"], spec.key + ".items");
        if (re->NumberOfCapturingGroups() < 1)
          fail(item, fmt::format("{}: an item pattern needs a group for the number", spec.key));
        FirstBytes first(*re);
        c.items.push_back({std::move(re), index, ip.id, first});
        spec.items.push_back(std::move(ip));
      }
    }
    for (const auto& label : spec.labels) {
      c.labels[normalise_label(label)] = {LabelRef::Kind::Section, index};
      c.inline_labels.push_back({normalise_label(label), {LabelRef::Kind::Section, index}});
    }
    for (const auto& stem : spec.stems) {
      c.labels[normalise_label(stem)] = {LabelRef::Kind::Stem, index};
      c.inline_labels.push_back({normalise_label(stem), {LabelRef::Kind::Stem, index}});
    }
    for (const auto& cue : spec.cues) c.cues.push_back({text::lower(text::clean(cue)), index});
    for (const auto& bm : spec.bookmarks) c.bookmarks[text::lower(bm)] = index;
    g.sections.push_back(std::move(spec));
  }

  if (const YAML::Node metadata = root["metadata"]) {
    if (!metadata.IsSequence()) fail(metadata, "'metadata' must be a list");
    for (const auto& node : metadata) {
      check_keys(node, "a metadata field", {"key", "labels", "required", "list"});
      MetadataSpec spec;
      spec.key = scalar(node["key"], "metadata key");
      if (!keys.insert(spec.key).second) fail(node["key"], fmt::format("key '{}' appears twice", spec.key));
      spec.labels = strings(node["labels"], spec.key + ".labels");
      spec.required = boolean(node["required"], "required");
      if (node["list"]) spec.list_separator = scalar(node["list"], spec.key + ".list");
      int index = static_cast<int>(g.metadata.size());
      for (const auto& label : spec.labels) {
        c.labels[normalise_label(label)] = {LabelRef::Kind::Metadata, index};
        c.inline_labels.push_back({normalise_label(label), {LabelRef::Kind::Metadata, index}});
      }
      g.metadata.push_back(std::move(spec));
    }
  }
  std::stable_sort(c.inline_labels.begin(), c.inline_labels.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  for (const auto& [label, ref] : c.labels) c.label_first_words.add(label);
  return g;
}

Grammar Grammar::load_string(std::string_view yaml, const std::string& origin, const Limits& limits) {
  if (yaml.size() > kMaxGrammarBytes)
    throw Error(ErrorKind::Grammar, origin, "the grammar is larger than 1 MiB");
  auto compiled = std::make_shared<CompiledPatterns>();
  Grammar g = Loader(YamlFile(yaml, origin, ErrorKind::Grammar, limits.max_yaml_bytes)).load(*compiled);
  g.patterns_ = std::move(compiled);
  g.source_text = yaml;
  return g;
}

Grammar Grammar::load_file(const std::string& path, const Limits& limits) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw Error(ErrorKind::Grammar, path, "no such grammar file");
  if (std::filesystem::file_size(path, ec) > kMaxGrammarBytes)
    throw Error(ErrorKind::Grammar, path, "the grammar is larger than 1 MiB");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::Grammar, path, "cannot open the grammar file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return load_string(buffer.str(), path, limits);
}

const Grammar& Grammar::builtin() {
  static const Grammar grammar = load_string(kBuiltinGrammar, "grammars/nos.yaml (built in)");
  return grammar;
}

int Grammar::section_index(std::string_view key) const {
  for (std::size_t i = 0; i < sections.size(); ++i)
    if (sections[i].key == key) return static_cast<int>(i);
  return -1;
}

}  // namespace nos
