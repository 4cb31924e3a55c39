#include "emit/model_tree.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <ostream>
#include <set>
#include <utility>
#include <vector>

#include "nos/emit.hpp"
#include "util/text.hpp"

namespace nos {

namespace {

using Json = nlohmann::ordered_json;

void put_optional(ModelWriter& w, const std::optional<std::string>& s) {
  if (s)
    w.string(*s);
  else
    w.null();
}

void put_number(ModelWriter& w, std::string_view key, long long value) {
  w.key(key);
  w.number(value);
}

// The lines on which the model's pieces stand at more than one column, as a flattened list prints a stem
// and its items on one line. Only there is a piece's `column` needed to put the pieces in the document's
// order (the duplicate-label rule asks whether items stand between two stems), so only there is it written.
// Sorted. Found by sorting every piece's (line, column), 8 bytes a piece: a map of lines took 64 bytes a
// node, a third of what a file of many one-item lines holds at its peak, beside the items themselves.
std::vector<int> shared_lines(const Document& d) {
  std::vector<std::pair<int, int>> places;
  auto see = [&](const SourceLocation& l) { places.emplace_back(l.line, l.column); };
  for (const auto& s : d.sections) {
    for (const auto& g : s.groups) {
      if (g.heading) see(g.location);
      for (const auto& item : g.items) see(item.location);
    }
    for (const auto& e : s.entries) see(e.location);
    if (!s.present) continue;
    see(s.location);
    for (const auto& l : s.labels) see(l.location);
  }
  for (const auto& u : d.unplaced) see(u.location);
  std::sort(places.begin(), places.end());
  std::vector<int> shared;
  for (std::size_t i = 1; i < places.size(); ++i)
    if (places[i].first == places[i - 1].first && places[i].second != places[i - 1].second &&
        (shared.empty() || shared.back() != places[i].first))
      shared.push_back(places[i].first);
  return shared;
}

// `line` (and `column` on a shared line), and for DOCX (or PDF) the location beside it.
void put_location(ModelWriter& w, const SourceLocation& loc, const std::vector<int>& shared) {
  put_number(w, "line", loc.line);
  if (loc.column > 0 && std::binary_search(shared.begin(), shared.end(), loc.line))
    put_number(w, "column", loc.column);
  if (loc.in_docx()) {
    w.key("location");
    w.begin_map();
    put_number(w, "paragraph", loc.paragraph);
    if (loc.table > 0) {
      put_number(w, "table", loc.table);
      put_number(w, "row", loc.row);
      put_number(w, "cell", loc.cell);
    }
    w.end_map();
  } else if (loc.in_pdf()) {
    w.key("location");
    w.begin_map();
    put_number(w, "page", loc.page);
    put_number(w, "page_line", loc.page_line);
    w.end_map();
  }
}

void section_value(ModelWriter& w, const Section& s, const std::vector<int>& shared) {
  switch (s.kind) {
    case SectionKind::Items:
      w.begin_list();
      for (const auto& g : s.groups) {
        w.begin_map();
        w.key("heading");
        put_optional(w, g.heading);
        if (g.heading) put_location(w, g.location, shared);
        w.key("items");
        w.begin_list();
        for (const auto& item : g.items) {
          w.begin_map();
          w.key("id");
          if (item.numbered())
            w.string(item.id());
          else
            w.null();
          if (!item.numbered()) {
            w.key("unnumbered");
            w.boolean(true);
          }
          if (item.numbered() && item.label() != item.id()) {
            w.key("label");
            w.string(item.label());
          }
          w.key("text");
          w.string(item.text());
          put_location(w, item.location, shared);
          w.end_map();
        }
        w.end_list();
        w.end_map();
      }
      w.end_list();
      return;
    case SectionKind::Glossary:
      w.begin_list();
      for (const auto& e : s.entries) {
        w.begin_map();
        w.key("term");
        put_optional(w, e.term);
        w.key("definition");
        w.string(e.definition);
        put_location(w, e.location, shared);
        w.end_map();
      }
      w.end_list();
      return;
    case SectionKind::Prose:
      if (s.present && !s.paragraphs.empty())
        w.string(s.text());
      else
        w.null();
      return;
  }
}

// The top-level mapping, its keys in the order they are first put: a dotted key
// ("scope_range.performance_criteria") nests, a value in its way becomes a mapping, and a key put again
// keeps its place and takes the new value. Values are written when the whole is.
class TopLevel {
 public:
  void put(std::string_view dotted, std::function<void()> value) {
    Node* node = &root_;
    std::size_t start = 0;
    for (std::size_t dot; (dot = dotted.find('.', start)) != std::string_view::npos; start = dot + 1) {
      node = &node->child(dotted.substr(start, dot - start));
      node->value = nullptr;
    }
    Node& leaf = node->child(dotted.substr(start));
    leaf.value = std::move(value);
    leaf.children.clear();
  }
  void write(ModelWriter& w) const { write(root_, w); }

 private:
  struct Node {
    std::string name;
    std::function<void()> value;  ///< empty for a mapping of `children`
    std::vector<Node> children;
    Node& child(std::string_view name) {
      for (auto& c : children)
        if (c.name == name) return c;
      return children.emplace_back(Node{std::string(name), nullptr, {}});
    }
  };
  static void write(const Node& node, ModelWriter& w) {
    if (node.value) return node.value();
    w.begin_map();
    for (const auto& c : node.children) {
      w.key(c.name);
      write(c, w);
    }
    w.end_map();
  }
  Node root_;
};

}  // namespace

void write_model_layout(const Document& d, ModelWriter& w) {
  const std::vector<int> shared = shared_lines(d);
  TopLevel tree;
  tree.put("schema", [&] { w.string(Document::kSchema); });
  // file names need not be UTF-8
  tree.put("source.path", [&] { w.string(text::replace_invalid_utf8(d.source.path)); });
  tree.put("source.format", [&] { w.string(d.source.format); });
  tree.put("source.encoding", [&] { w.string(d.source.encoding); });
  tree.put("source.dialect", [&] { w.string(d.source.dialect); });
  tree.put("urn", [&] { put_optional(w, d.urn); });
  tree.put("title", [&] { put_optional(w, d.title); });
  for (const auto& s : d.sections) tree.put(s.key, [&w, &s, &shared] { section_value(w, s, shared); });
  tree.put("metadata", [&] {
    w.begin_map();
    for (const auto& f : d.metadata) {
      w.key(f.key);
      if (f.is_list) {
        w.begin_list();
        for (const auto& v : f.values) w.string(v);
        w.end_list();
      } else {
        put_optional(w, f.value);
      }
    }
    w.end_map();
  });
  tree.put("unplaced", [&] {
    w.begin_list();
    for (const auto& u : d.unplaced) {
      w.begin_map();
      w.key("text");
      w.string(u.text);
      put_location(w, u.location, shared);
      w.end_map();
    }
    w.end_list();
  });
  // How each section was found: the evidence the validator's missing-label and duplicate-label rules read.
  tree.put("structure", [&] {
    w.begin_list();
    for (const auto& s : d.sections) {
      if (!s.present) continue;
      w.begin_map();
      w.key("section");
      w.string(s.key);
      w.key("found_by");
      w.string(found_by_name(s.found_by));
      if (!s.reason.empty()) {
        w.key("reason");
        w.string(s.reason);
      }
      put_location(w, s.location, shared);
      w.key("labels");
      w.begin_list();
      for (const auto& l : s.labels) {
        w.begin_map();
        w.key("text");
        w.string(l.text);
        if (l.stem) {
          w.key("stem");
          w.boolean(true);
        }
        put_location(w, l.location, shared);
        w.end_map();
      }
      w.end_list();
      w.end_map();
    }
    w.end_list();
  });
  tree.write(w);
}

namespace {

// Text as it is written: handed on to `stream`, when there is one, a buffer's worth at a time, so a
// large model is never held whole.
class Output {
 public:
  explicit Output(std::ostream* stream) : stream_(stream) {}
  std::string text;
  void flush(bool all = false) {
    if (stream_ == nullptr || (!all && text.size() < kBuffer)) return;
    stream_->write(text.data(), static_cast<std::streamsize>(text.size()));
    text.clear();
  }

 private:
  static constexpr std::size_t kBuffer = std::size_t{1} << 16;
  std::ostream* stream_;
};

// --- YAML ------------------------------------------------------------------------------------------------
// The YAML is written by hand rather than with YAML::Emitter: its layout is fixed (block mappings, flow
// mappings for list entries, every string double-quoted), and yaml-cpp's emitter spent a third of a
// conversion's CPU deciding, for each string, whether it could be written plain.

// Appends the run of bytes of `s` from `i` that need no escape (`plain`) and returns where it ends: the
// string writers copy most of any text this way, a byte at a time only where it must be escaped.
template <class Plain>
std::size_t copy_plain_run(std::string& out, std::string_view s, std::size_t i, Plain plain) {
  std::size_t end = i;
  while (end < s.size() && plain(static_cast<unsigned char>(s[end]))) ++end;
  out.append(s.data() + i, end - i);
  return end;
}

// `s` double-quoted, as YAML and JSON both write it: the bytes `plain` accepts as they are; a quote, a
// backslash, LF, CR and tab as the short escapes the two share; any other byte by `escape_other`, which
// gets its index and moves it to the last byte it wrote for.
template <class Plain, class EscapeOther>
void write_escaped(std::string& out, std::string_view s, Plain plain, EscapeOther escape_other) {
  out += '"';
  for (std::size_t i = copy_plain_run(out, s, 0, plain); i < s.size();
       i = copy_plain_run(out, s, i + 1, plain)) {
    switch (s[i]) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        escape_other(i);
    }
  }
  out += '"';
}

// A YAML double-quoted scalar. Escapes what YAML 1.2 does not allow raw (C0 and C1 controls, DEL, the
// BOM); the rest of the UTF-8 is written as it is.
void write_quoted(std::string& out, std::string_view s) {
  // A run of printable ASCII that needs no escape (most of any text) is copied whole.
  auto plain = [](unsigned char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; };
  write_escaped(out, s, plain, [&out, s](std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i]);
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
  });
}

// Keys are the grammar's section and field names: plain when they are a simple word, quoted otherwise.
void write_key(std::string& out, std::string_view key) {
  static const std::set<std::string, std::less<>> kReserved = {"true", "false", "null", "yes", "no",
                                                               "on",   "off",   "y",    "n"};
  bool plain = !key.empty() && (std::isalpha(static_cast<unsigned char>(key[0])) || key[0] == '_') &&
               key.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") ==
                   std::string_view::npos &&
               (key.size() > 5 || !kReserved.count(text::lower(key)));
  if (plain)
    out += key;
  else
    write_quoted(out, key);
  out += ':';
}

// Block mappings, and block sequences whose entries are scalars or, one per line, flow mappings. A
// mapping entry is flow when nothing in it is a list: its events are kept until that is known.
class YamlWriter final : public ModelWriter {
 public:
  explicit YamlWriter(Output& out) : out_(out) {}

  void begin_map() override {
    if (recording_) {
      ++depth_;
      return record(Event::BeginMap);
    }
    Frame* parent = top();
    if (parent != nullptr && parent->kind == Kind::BlockSeq) {
      start_entry(*parent);
      recording_ = true;  // flow or block: known at its end, or at the first list inside
      depth_ = 1;
      events_.clear();
      arena_.clear();
      return;
    }
    open(Kind::BlockMap, Kind::FlowMap, '{');
  }
  void end_map() override {
    if (recording_ && --depth_ > 0) return record(Event::EndMap);
    if (recording_) {  // nothing in the entry is a list: one line in flow style
      const int indent = top()->indent;
      frames_.push_back({Kind::FlowMap, indent, false});
      out_.text += '{';
      replay();
    }
    close();
  }
  void begin_list() override {
    if (recording_) {  // a list inside the entry: block style, its keys on lines of their own
      frames_.push_back({Kind::BlockMap, top()->indent + 2, true});
      replay();
    }
    open(Kind::BlockSeq, Kind::FlowSeq, '[');
  }
  void end_list() override { close(); }
  void key(std::string_view key) override {
    if (recording_) return record(Event::Key, key);
    Frame& map = *top();
    if (map.kind == Kind::FlowMap) {
      if (!map.empty) out_.text += ", ";
      map.empty = false;
      write_key(out_.text, key);
      out_.text += ' ';
      return;
    }
    start_line(map);
    write_key(out_.text, key);
  }
  void string(std::string_view value) override {
    if (recording_) return record(Event::String, value);
    before_scalar();
    write_quoted(out_.text, value);
    after_scalar();
  }
  void number(long long value) override {
    if (recording_) return record(Event::Number, {}, value);
    before_scalar();
    const fmt::format_int digits(value);
    out_.text.append(digits.data(), digits.size());
    after_scalar();
  }
  void boolean(bool value) override {
    if (recording_) return record(Event::Boolean, {}, value);
    before_scalar();
    out_.text += value ? "true" : "false";
    after_scalar();
  }
  void null() override {
    if (recording_) return record(Event::Null);
    before_scalar();
    out_.text += "null";
    after_scalar();
  }

 private:
  enum class Kind { BlockMap, BlockSeq, FlowMap, FlowSeq };
  struct Frame {
    Kind kind;
    int indent;
    bool inline_start;  ///< the first entry goes where the output stands, not on a new line
    bool empty = true;
  };
  struct Event {
    enum Type { BeginMap, EndMap, Key, String, Number, Boolean, Null } type;
    std::size_t offset, size;  ///< a key's or string's bytes in arena_
    long long value;
  };

  Frame* top() { return frames_.empty() ? nullptr : &frames_.back(); }
  static bool flow(const Frame* f) {
    return f != nullptr && (f->kind == Kind::FlowMap || f->kind == Kind::FlowSeq);
  }

  // A block mapping's key or a block sequence's entry begins its line.
  void start_line(Frame& f) {
    if (f.empty && !f.inline_start) out_.text += '\n';
    if (!f.empty || !f.inline_start) out_.text.append(static_cast<std::size_t>(f.indent), ' ');
    f.empty = false;
  }
  void start_entry(Frame& seq) {
    start_line(seq);
    out_.text += "- ";
  }
  // A value's separator in a flow sequence, or its "- " in a block one.
  void start_value() {
    Frame* parent = top();
    if (parent == nullptr) return;
    if (parent->kind == Kind::BlockSeq) return start_entry(*parent);
    if (parent->kind == Kind::FlowSeq && !parent->empty) out_.text += ", ";
    parent->empty = false;
  }
  void before_scalar() {
    const Frame* parent = top();
    if (parent != nullptr && parent->kind == Kind::BlockMap) out_.text += ' ';
    start_value();
  }
  void after_scalar() {
    if (flow(top())) return;
    out_.text += '\n';
    out_.flush();
  }
  void open(Kind block, Kind in_flow, char bracket) {
    Frame* parent = top();
    if (flow(parent)) {
      start_value();
      out_.text += bracket;
      frames_.push_back({in_flow, 0, false});
      return;
    }
    if (parent == nullptr) return frames_.push_back({block, 0, true});
    const bool entry = parent->kind == Kind::BlockSeq;
    if (entry) start_entry(*parent);
    frames_.push_back({block, parent->indent + 2, entry});
  }
  void close() {
    const Frame f = frames_.back();
    frames_.pop_back();
    if (f.kind == Kind::FlowMap || f.kind == Kind::FlowSeq) {
      out_.text += f.kind == Kind::FlowMap ? '}' : ']';
      if (!flow(top())) after_scalar();
      return;
    }
    if (!f.empty) return;
    if (!f.inline_start) out_.text += ' ';
    out_.text += f.kind == Kind::BlockMap ? "{}" : "[]";
    after_scalar();
  }

  void record(Event::Type type, std::string_view text = {}, long long value = 0) {
    events_.push_back({type, arena_.size(), text.size(), value});
    arena_ += text;
  }
  void replay() {
    recording_ = false;
    for (const auto& e : events_) {
      const std::string_view text(arena_.data() + e.offset, e.size);
      switch (e.type) {
        case Event::BeginMap:
          begin_map();
          break;
        case Event::EndMap:
          end_map();
          break;
        case Event::Key:
          key(text);
          break;
        case Event::String:
          string(text);
          break;
        case Event::Number:
          number(e.value);
          break;
        case Event::Boolean:
          boolean(e.value != 0);
          break;
        case Event::Null:
          null();
          break;
      }
    }
  }

  Output& out_;
  std::vector<Frame> frames_;
  bool recording_ = false;
  int depth_ = 0;
  std::vector<Event> events_;
  std::string arena_;
};

// --- JSON ------------------------------------------------------------------------------------------------
// The layout of nlohmann::json's dump(2), which models were written with: two-space indents, ": " after
// a key, empty containers as "{}" and "[]".

void write_json_string(std::string& out, std::string_view s) {
  if (!text::valid_utf8(s)) {
    out += Json(std::string(s)).dump();  // throws type_error 316, as nlohmann::json always did here
    return;
  }
  // A run that needs no escape (all but controls, quotes and backslashes) is copied whole.
  auto plain = [](unsigned char c) { return c >= 0x20 && c != '"' && c != '\\'; };
  write_escaped(out, s, plain, [&out, s](std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\b') {
      out += "\\b";
    } else if (c == '\f') {
      out += "\\f";
    } else {
      out += fmt::format("\\u{:04x}", c);
    }
  });
}

class JsonWriter final : public ModelWriter {
 public:
  explicit JsonWriter(Output& out) : out_(out) {}
  void begin_map() override { open('{'); }
  void end_map() override { close('}'); }
  void begin_list() override { open('['); }
  void end_list() override { close(']'); }
  void key(std::string_view key) override {
    start_line();
    write_json_string(out_.text, key);
    out_.text += ": ";
  }
  void string(std::string_view value) override {
    start_value();
    write_json_string(out_.text, value);
  }
  void number(long long value) override {
    start_value();
    const fmt::format_int digits(value);
    out_.text.append(digits.data(), digits.size());
  }
  void boolean(bool value) override {
    start_value();
    out_.text += value ? "true" : "false";
  }
  void null() override {
    start_value();
    out_.text += "null";
  }

 private:
  struct Frame {
    bool map;
    bool empty = true;
  };
  void start_line() {
    Frame& f = frames_.back();
    out_.text += f.empty ? "\n" : ",\n";
    f.empty = false;
    out_.text.append(2 * frames_.size(), ' ');
  }
  // A list's entry starts its line; a mapping's value follows its key.
  void start_value() {
    if (!frames_.empty() && !frames_.back().map) start_line();
  }
  void open(char bracket) {
    start_value();
    out_.text += bracket;
    frames_.push_back({bracket == '{'});
  }
  void close(char bracket) {
    const bool empty = frames_.back().empty;
    frames_.pop_back();
    if (!empty) {
      out_.text += '\n';
      out_.text.append(2 * frames_.size(), ' ');
    }
    out_.text += bracket;
    out_.flush();
  }

  Output& out_;
  std::vector<Frame> frames_;
};

// --- a JSON tree -----------------------------------------------------------------------------------------

class TreeWriter final : public ModelWriter {
 public:
  Json root;
  void begin_map() override { open(Json::object()); }
  void end_map() override { frames_.pop_back(); }
  void begin_list() override { open(Json::array()); }
  void end_list() override { frames_.pop_back(); }
  void key(std::string_view key) override { key_ = key; }
  void string(std::string_view value) override { put(std::string(value)); }
  void number(long long value) override { put(value); }
  void boolean(bool value) override { put(value); }
  void null() override { put(nullptr); }

 private:
  Json& put(Json value) {
    if (frames_.empty()) return root = std::move(value);
    Json& parent = *frames_.back();
    if (parent.is_object()) return parent[key_] = std::move(value);
    parent.push_back(std::move(value));
    return parent.back();
  }
  void open(Json container) { frames_.push_back(&put(std::move(container))); }

  std::vector<Json*> frames_;
  std::string key_;
};

// The events that write `j`.
void replay_tree(const Json& j, ModelWriter& w) {
  switch (j.type()) {
    case Json::value_t::object:
      w.begin_map();
      for (auto it = j.begin(); it != j.end(); ++it) {
        w.key(it.key());
        replay_tree(it.value(), w);
      }
      w.end_map();
      return;
    case Json::value_t::array:
      w.begin_list();
      for (const auto& e : j) replay_tree(e, w);
      w.end_list();
      return;
    case Json::value_t::string:
      return w.string(j.get_ref<const std::string&>());
    case Json::value_t::boolean:
      return w.boolean(j.get<bool>());
    case Json::value_t::null:
      return w.null();
    default:
      return w.number(j.get<long long>());
  }
}

void write_model(const Document& document, ModelFormat format, Output& out) {
  if (format == ModelFormat::Json) {
    JsonWriter writer(out);
    write_model_layout(document, writer);
    out.text += '\n';
  } else {
    YamlWriter writer(out);
    write_model_layout(document, writer);
  }
  out.flush(true);
}

}  // namespace

Json model_tree(const Document& document) {
  TreeWriter writer;
  write_model_layout(document, writer);
  return std::move(writer.root);
}

std::string tree_to_yaml(const Json& tree) {
  Output out(nullptr);
  YamlWriter writer(out);
  replay_tree(tree, writer);
  return std::move(out.text);
}

std::string emit_model(const Document& document, ModelFormat format) {
  Output out(nullptr);
  write_model(document, format, out);
  return std::move(out.text);
}

void emit_model(const Document& document, ModelFormat format, std::ostream& stream) {
  Output out(&stream);
  write_model(document, format, out);
}

}  // namespace nos
