#include "emit/diff_formats.hpp"

#include <nlohmann/json.hpp>

#include "emit/escape.hpp"
#include "util/text.hpp"

namespace nos {

namespace {

// How a format marks words and headings; text and Markdown differ only in these.
struct Marks {
  std::string del_open, del_close, ins_open, ins_close, strong_open, strong_close;
  std::string (*escape)(std::string_view);
  std::string field_prefix, item_prefix, section_open, section_close;
};

std::string escape_text(std::string_view s) { return text::printable(s); }

Marks text_marks(bool color) {
  if (color)
    return {"\033[31m",  "\033[0m", "\033[32m", "\033[0m", "\033[1m", "\033[0m",
            escape_text, "",        "  ",       "\033[1m", "\033[0m"};
  return {"[-", "-]", "{+", "+}", "", "", escape_text, "", "  ", "", ""};
}

Marks markdown_marks() {
  return {"~~", "~~", "**", "**", "**", "**", markdown_escaped, "- ", "- ", "### ", ""};
}

std::string words(const std::vector<WordRun>& runs, const Marks& m) {
  std::string out;
  for (const WordRun& r : runs) {
    if (!out.empty()) out += ' ';
    const std::string t = m.escape(r.text);
    out += r.op == WordRun::Op::Same      ? t
           : r.op == WordRun::Op::Deleted ? m.del_open + t + m.del_close
                                          : m.ins_open + t + m.ins_close;
  }
  return out;
}

struct Summary {
  std::size_t unchanged = 0, reworded = 0, renumbered = 0, moved = 0, added = 0, removed = 0;
};

Summary summarise(const DocumentDiff& diff) {
  Summary s;
  for (const ItemDiff& d : diff.items) {
    s.unchanged += d.unchanged();
    s.added += d.added();
    s.removed += d.removed();
    s.reworded += d.reworded;
    s.renumbered += d.renumbered;
    s.moved += d.moved;
  }
  return s;
}

std::string summary_line(const DocumentDiff& diff) {
  if (!diff.changed()) return "no changes";
  const Summary s = summarise(diff);
  std::string out;
  auto add = [&](std::size_t n, const char* what) {
    if (n > 0) out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + what;
  };
  add(s.reworded, "reworded");
  add(s.renumbered, "renumbered");
  add(s.moved, "moved");
  add(s.added, "added");
  add(s.removed, "removed");
  add(s.unchanged, "unchanged");
  const std::size_t fields = diff.fields.size();
  if (fields > 0)
    out += (out.empty() ? "" : "; ") + std::to_string(fields) + (fields == 1 ? " field" : " fields") +
           " changed";
  return out;
}

std::string shown_id(const std::string& id) { return id.empty() ? "(unnumbered)" : id; }

std::string group_name(const ItemSide& side) { return side.group.empty() ? "(no heading)" : side.group; }

std::string render(const DocumentDiff& diff, const Marks& m, const std::string& fields_heading) {
  std::string out;
  if (!diff.fields.empty() && !fields_heading.empty())
    out += m.section_open + fields_heading + m.section_close + "\n";
  for (const FieldDiff& f : diff.fields) {
    out += m.field_prefix + m.strong_open + m.escape(f.field) + m.strong_close + ": ";
    if (!f.old_value)
      out += "added: " + m.ins_open + m.escape(*f.new_value) + m.ins_close;
    else if (!f.new_value)
      out += "removed: " + m.del_open + m.escape(*f.old_value) + m.del_close;
    else
      out += words(f.words, m);
    out += "\n";
  }
  const std::string* section = nullptr;
  for (const ItemDiff& d : diff.items) {
    if (d.unchanged()) continue;
    const ItemSide& now = d.new_item ? *d.new_item : *d.old_item;
    if (!section || *section != now.section) {
      section = &now.section;
      out += m.section_open + m.escape(now.section) + m.section_close + "\n";
    }
    std::string id = shown_id(now.id);
    if (d.renumbered) id = shown_id(d.old_item->id) + " -> " + id;
    out += m.item_prefix + m.strong_open + m.escape(id) + m.strong_close + " ";
    if (d.added()) {
      out += "added: " + m.ins_open + m.escape(now.text) + m.ins_close + "\n";
      continue;
    }
    if (d.removed()) {
      out += "removed: " + m.del_open + m.escape(now.text) + m.del_close + "\n";
      continue;
    }
    std::vector<std::string> what;
    if (d.renumbered) what.push_back("renumbered");
    if (d.moved) {
      const ItemSide& was = *d.old_item;
      what.push_back(was.section != now.section
                         ? "moved from " + m.escape(was.section) + " \"" + m.escape(group_name(was)) + "\""
                         : "moved from \"" + m.escape(group_name(was)) + "\" to \"" +
                               m.escape(group_name(now)) + "\"");
    }
    if (d.reworded) what.push_back("reworded");
    for (std::size_t k = 0; k < what.size(); ++k) out += (k ? ", " : "") + what[k];
    if (d.reworded) out += ": " + words(d.words, m);
    out += "\n";
  }
  return out;
}

nlohmann::ordered_json words_json(const std::vector<WordRun>& runs) {
  static constexpr const char* kOps[] = {"same", "deleted", "inserted"};
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const WordRun& r : runs) out.push_back({{"op", kOps[static_cast<int>(r.op)]}, {"text", r.text}});
  return out;
}

nlohmann::ordered_json side_json(const std::optional<ItemSide>& side) {
  if (!side) return nullptr;
  nlohmann::ordered_json out;
  out["section"] = side->section;
  out["group"] = side->group.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(side->group);
  out["id"] = side->id.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(side->id);
  out["text"] = side->text;
  return out;
}

}  // namespace

std::string format_diff_text(const DocumentDiff& diff, bool color) {
  return render(diff, text_marks(color), "") + summary_line(diff) + "\n";
}

std::string format_diff_markdown(const DocumentDiff& diff) {
  return "**" + summary_line(diff) + "**\n\n" + render(diff, markdown_marks(), "Fields");
}

std::string format_diff_json(const DocumentDiff& diff) {
  const Summary s = summarise(diff);
  nlohmann::ordered_json out;
  out["changed"] = diff.changed();
  out["summary"] = {{"reworded", s.reworded},
                    {"renumbered", s.renumbered},
                    {"moved", s.moved},
                    {"added", s.added},
                    {"removed", s.removed},
                    {"unchanged", s.unchanged},
                    {"fields", diff.fields.size()}};
  out["fields"] = nlohmann::ordered_json::array();
  for (const FieldDiff& f : diff.fields) {
    nlohmann::ordered_json j;
    j["field"] = f.field;
    j["old"] = f.old_value ? nlohmann::ordered_json(*f.old_value) : nlohmann::ordered_json(nullptr);
    j["new"] = f.new_value ? nlohmann::ordered_json(*f.new_value) : nlohmann::ordered_json(nullptr);
    j["words"] = words_json(f.words);
    out["fields"].push_back(std::move(j));
  }
  out["items"] = nlohmann::ordered_json::array();
  for (const ItemDiff& d : diff.items) {
    if (d.unchanged()) continue;
    nlohmann::ordered_json changes = nlohmann::ordered_json::array();
    if (d.added()) changes.push_back("added");
    if (d.removed()) changes.push_back("removed");
    if (d.renumbered) changes.push_back("renumbered");
    if (d.moved) changes.push_back("moved");
    if (d.reworded) changes.push_back("reworded");
    nlohmann::ordered_json j;
    j["changes"] = std::move(changes);
    j["old"] = side_json(d.old_item);
    j["new"] = side_json(d.new_item);
    j["words"] = words_json(d.words);
    out["items"].push_back(std::move(j));
  }
  return out.dump(2) + "\n";
}

}  // namespace nos
