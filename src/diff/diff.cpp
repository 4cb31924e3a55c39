// Aligning two versions of a standard. Items are paired in two rounds: identical text (a hash lookup),
// then, for what is left, word similarity over candidates that share a word (an inverted index, so
// two 2,000-item documents never compare every pair), best pair first. A pair then tells whether the
// item was reworded, renumbered or moved.
#include "nos/diff.hpp"

#include <algorithm>
#include <unordered_map>

#include "diff/words.hpp"
#include "util/text.hpp"

namespace nos {

namespace {

// Items sharing fewer of their distinct words than this (Jaccard index) are different items.
constexpr double kMinSimilarity = 0.5;

struct Entry {
  ItemSide side;
  std::size_t section = 0;         ///< index in the grammar's sections
  std::string group_key;           ///< the heading, or the group's position when it has none
  std::string words_key;           ///< the text's words joined by single spaces
  std::vector<std::string> words;  ///< distinct lower-case words, sorted
};

std::vector<Entry> entries_of(const Document& doc) {
  std::vector<Entry> out;
  for (std::size_t s = 0; s < doc.sections.size(); ++s) {
    const Section& section = doc.sections[s];
    if (section.kind != SectionKind::Items) continue;
    for (std::size_t g = 0; g < section.groups.size(); ++g) {
      const Group& group = section.groups[g];
      for (const Item& item : group.items) {
        Entry e;
        e.side = {section.key, group.heading.value_or(""), std::string(item.id()), std::string(item.text()),
                  item.location};
        e.section = s;
        e.group_key = group.heading ? "h:" + *group.heading : "#" + std::to_string(g);
        for (std::string_view w : diff::split_words(item.text())) {
          e.words_key += (e.words_key.empty() ? "" : " ") + std::string(w);
          e.words.push_back(text::lower(w));
        }
        std::sort(e.words.begin(), e.words.end());
        e.words.erase(std::unique(e.words.begin(), e.words.end()), e.words.end());
        out.push_back(std::move(e));
      }
    }
  }
  return out;
}

constexpr int kNone = -1;

struct Alignment {
  std::vector<int> old_to_new, new_to_old;
  void pair(std::size_t i, std::size_t j) {
    old_to_new[i] = static_cast<int>(j);
    new_to_old[j] = static_cast<int>(i);
  }
};

// Identical text: the first unpaired new item with it, preferring the same section and group.
void pair_identical(const std::vector<Entry>& olds, const std::vector<Entry>& news, Alignment& al) {
  std::unordered_map<std::string_view, std::vector<std::size_t>> by_text;
  for (std::size_t j = 0; j < news.size(); ++j) by_text[news[j].words_key].push_back(j);
  for (std::size_t i = 0; i < olds.size(); ++i) {
    auto found = by_text.find(olds[i].words_key);
    if (found == by_text.end()) continue;
    int best = kNone, best_rank = 3;
    for (std::size_t j : found->second) {
      if (al.new_to_old[j] != kNone) continue;
      int rank = news[j].section != olds[i].section ? 2 : news[j].group_key != olds[i].group_key ? 1 : 0;
      if (rank < best_rank) best = static_cast<int>(j), best_rank = rank;
    }
    if (best != kNone) al.pair(i, static_cast<std::size_t>(best));
  }
}

// Similar text: every unpaired (old, new) pair sharing enough words, paired greedily, most similar first;
// among equals the same section, then the same group, then the nearest position.
void pair_similar(const std::vector<Entry>& olds, const std::vector<Entry>& news, Alignment& al) {
  std::unordered_map<std::string_view, std::vector<std::size_t>> by_word;
  for (std::size_t j = 0; j < news.size(); ++j)
    if (al.new_to_old[j] == kNone)
      for (const std::string& w : news[j].words) by_word[w].push_back(j);
  struct Candidate {
    double similarity;
    int rank;
    std::size_t distance, i, j;
  };
  std::vector<Candidate> candidates;
  std::vector<int> shared(news.size(), 0);
  std::vector<std::size_t> touched;
  for (std::size_t i = 0; i < olds.size(); ++i) {
    if (al.old_to_new[i] != kNone) continue;
    for (const std::string& w : olds[i].words) {
      auto found = by_word.find(w);
      if (found == by_word.end()) continue;
      for (std::size_t j : found->second)
        if (shared[j]++ == 0) touched.push_back(j);
    }
    for (std::size_t j : touched) {
      double similarity = static_cast<double>(shared[j]) /
                          static_cast<double>(olds[i].words.size() + news[j].words.size() - shared[j]);
      if (similarity >= kMinSimilarity) {
        int rank = news[j].section != olds[i].section ? 2 : news[j].group_key != olds[i].group_key ? 1 : 0;
        candidates.push_back({similarity, rank, i > j ? i - j : j - i, i, j});
      }
      shared[j] = 0;
    }
    touched.clear();
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.similarity != b.similarity) return a.similarity > b.similarity;
    if (a.rank != b.rank) return a.rank < b.rank;
    if (a.distance != b.distance) return a.distance < b.distance;
    return a.i != b.i ? a.i < b.i : a.j < b.j;
  });
  for (const Candidate& c : candidates)
    if (al.old_to_new[c.i] == kNone && al.new_to_old[c.j] == kNone) al.pair(c.i, c.j);
}

ItemDiff paired(const Entry& o, const Entry& n) {
  ItemDiff d;
  d.old_item = o.side;
  d.new_item = n.side;
  d.reworded = o.words_key != n.words_key;
  d.renumbered = o.side.id != n.side.id;
  d.moved = o.section != n.section || o.group_key != n.group_key;
  if (d.reworded) d.words = diff_words(o.words_key, n.words_key);
  return d;
}

std::vector<ItemDiff> diff_items(const Document& old_doc, const Document& new_doc) {
  const std::vector<Entry> olds = entries_of(old_doc), news = entries_of(new_doc);
  Alignment al{std::vector<int>(olds.size(), kNone), std::vector<int>(news.size(), kNone)};
  pair_identical(olds, news, al);
  pair_similar(olds, news, al);
  // A removed item is shown before the new place of the next old item that has one.
  std::vector<int> anchor(olds.size(), kNone);
  int next = kNone;
  for (std::size_t i = olds.size(); i-- > 0;) {
    if (al.old_to_new[i] != kNone)
      next = al.old_to_new[i];
    else
      anchor[i] = next;
  }
  std::vector<std::vector<std::size_t>> removed_before(news.size() + 1);
  for (std::size_t i = 0; i < olds.size(); ++i)
    if (al.old_to_new[i] == kNone)
      removed_before[anchor[i] == kNone ? news.size() : static_cast<std::size_t>(anchor[i])].push_back(i);
  std::vector<ItemDiff> out;
  for (std::size_t j = 0; j <= news.size(); ++j) {
    for (std::size_t i : removed_before[j]) {
      ItemDiff removed;
      removed.old_item = olds[i].side;
      out.push_back(std::move(removed));
    }
    if (j == news.size()) break;
    if (al.new_to_old[j] == kNone) {
      ItemDiff added;
      added.new_item = news[j].side;
      out.push_back(std::move(added));
    } else {
      out.push_back(paired(olds[static_cast<std::size_t>(al.new_to_old[j])], news[j]));
    }
  }
  return out;
}

// A prose or glossary section as one text, or nothing when the version lacks it.
std::optional<std::string> section_text(const Section* section) {
  if (!section || !section->present) return std::nullopt;
  if (section->kind == SectionKind::Prose) return section->text();
  std::string out;
  for (const GlossaryEntry& e : section->entries) {
    if (!out.empty()) out += '\n';
    out += e.term ? *e.term + ": " + e.definition : e.definition;
  }
  return out;
}

std::optional<std::string> field_text(const MetadataField* field) {
  if (!field || !field->present()) return std::nullopt;
  if (!field->is_list) return field->value;
  std::string out;
  for (const std::string& v : field->values) out += (out.empty() ? "" : "; ") + v;
  return out;
}

// White space is not compared: a text export and a DOCX of one version wrap and space prose differently.
void compare(std::vector<FieldDiff>& out, std::string field, std::optional<std::string> old_value,
             std::optional<std::string> new_value) {
  FieldDiff d{std::move(field), std::move(old_value), std::move(new_value), {}};
  if (d.old_value && d.new_value) {
    d.words = diff_words(*d.old_value, *d.new_value);
    bool same = std::all_of(d.words.begin(), d.words.end(),
                            [](const WordRun& r) { return r.op == WordRun::Op::Same; });
    if (same) return;
  } else if (!d.old_value && !d.new_value) {
    return;
  }
  out.push_back(std::move(d));
}

}  // namespace

bool DocumentDiff::changed() const {
  return !fields.empty() ||
         std::any_of(items.begin(), items.end(), [](const ItemDiff& d) { return !d.unchanged(); });
}

DocumentDiff diff_documents(const Document& old_doc, const Document& new_doc) {
  DocumentDiff out;
  compare(out.fields, "title", old_doc.title, new_doc.title);
  compare(out.fields, "urn", old_doc.urn, new_doc.urn);
  for (const Section& s : new_doc.sections)
    if (s.kind != SectionKind::Items)
      compare(out.fields, s.key, section_text(old_doc.section(s.key)), section_text(&s));
  for (const MetadataField& f : new_doc.metadata)
    compare(out.fields, "metadata." + f.key, field_text(old_doc.field(f.key)), field_text(&f));
  out.items = diff_items(old_doc, new_doc);
  return out;
}

}  // namespace nos
