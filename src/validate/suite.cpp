// The suite pass: a summary of each checked document, then the suite rules over all of them.
#include "validate/suite.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>

#include "grammar/patterns.hpp"
#include "util/text.hpp"
#include "validate/helpers.hpp"
#include "validate/rule.hpp"

namespace nos {

const DocumentSummary::Text* DocumentSummary::field(std::string_view key) const {
  for (const auto& f : metadata)
    if (f.subject == key) return &f;
  return nullptr;
}

DocumentSummary summarise(const Document& document, const Grammar& grammar, std::string path) {
  DocumentSummary out;
  out.path = std::move(path);
  if (document.urn) out.urn = {*document.urn, document.urn_location, "urn"};
  for (const auto& f : document.metadata) {
    if (!f.value) continue;
    if (f.key == "original_urn")
      out.original_urn = {*f.value, f.location, f.key};
    else if (std::find(rules::kOutlierFields.begin(), rules::kOutlierFields.end(), f.key) !=
             rules::kOutlierFields.end())
      out.metadata.push_back({*f.value, f.location, f.key});
  }
  // Links are lists of URNs separated by commas, semicolons or spaces, sometimes with titles between.
  if (const Section* links = document.section("links"); links && links->present) {
    const RE2& urn = *grammar.patterns().urn;
    for (std::size_t i = 0; i < links->paragraphs.size(); ++i) {
      const SourceLocation& at =
          i < links->paragraph_locations.size() ? links->paragraph_locations[i] : links->location;
      std::string_view rest = links->paragraphs[i];
      while (!rest.empty()) {
        std::size_t start = rest.find_first_not_of(" \t,;()");
        if (start == std::string_view::npos) break;
        rest.remove_prefix(start);
        std::string_view token = rest.substr(0, rest.find_first_of(" \t,;()"));
        rest.remove_prefix(token.size());
        while (!token.empty() && (token.back() == '.' || token.back() == ':')) token.remove_suffix(1);
        if (RE2::FullMatch(token, urn)) out.links.push_back({std::string(token), at, "links"});
      }
    }
  }
  for (const auto& ref : rules::all_items(document)) {
    out.criteria.push_back({std::string(ref.item->text()), ref.item->location, std::string(ref.item->id())});
    out.knowledge.push_back(ref.section->key.find("knowledge") != std::string::npos);
  }
  return out;
}

bool suite_rules_enabled(const RuleSettings& settings) {
  for (const auto* rule : rules::all_rules())
    if (rule->check_suite)
      if (auto it = settings.find(rule->info.id); it == settings.end() || it->second.enabled) return true;
  return false;
}

std::vector<std::vector<Diagnostic>> validate_suite(const std::vector<SuiteDocument>& documents) {
  std::vector<std::vector<Diagnostic>> out(documents.size());
  if (documents.size() < 2) return out;
  const RuleSettings defaults = default_settings();
  const RuleSettings& first = documents.front().settings ? *documents.front().settings : defaults;
  std::optional<rules::CriteriaIndex> index;  // built for the first rule that asks, freed after the pass
  const std::function<const rules::CriteriaIndex&()> criteria = [&]() -> const rules::CriteriaIndex& {
    if (!index) index = rules::index_criteria(documents, first.at("cross-near-duplicate-criterion"));
    return *index;
  };
  for (const auto* rule : rules::all_rules()) {
    if (!rule->check_suite) continue;
    const std::string id(rule->info.id);
    bool enabled = std::any_of(documents.begin(), documents.end(), [&](const SuiteDocument& d) {
      return !d.settings || d.settings->at(id).enabled;
    });
    if (!enabled) continue;
    const rules::SuiteContext ctx{documents, first.at(id), criteria};
    rule->check_suite(ctx, [&](std::size_t document, rules::Finding f) {
      Diagnostic d;
      d.rule = id;
      d.severity = rule->info.severity;
      d.message = std::move(f.message);
      d.location = f.location;
      d.hint = std::move(f.hint);
      d.subject = std::move(f.subject);
      d.related = std::move(f.related);
      out[document].push_back(std::move(d));
    });
  }
  return out;
}

}  // namespace nos

namespace nos::rules {

double SuiteContext::number(std::string_view option) const { return number_of(setting, option); }

std::string document_name(const DocumentSummary& summary) {
  return summary.urn ? summary.urn->text + " (" + summary.path + ")" : summary.path;
}

std::string criterion_name(const DocumentSummary::Text& criterion) {
  return criterion.subject.empty() ? "unnumbered item" : criterion.subject;
}

std::string compared(std::string_view value) { return text::lower(text::clean(value)); }

bool same_urn(const DocumentSummary& a, const DocumentSummary& b) {
  return a.urn && b.urn && compared(a.urn->text) == compared(b.urn->text);
}

void report_shared_value(const SuiteContext& ctx, const SuiteReport& report, Value value,
                         std::string_view what, std::string_view hint,
                         bool (*reported)(const DocumentSummary&, const DocumentSummary&)) {
  std::map<std::string, std::size_t> first;  // the value, as compared, to the first document with it
  for (std::size_t i = 0; i < ctx.documents.size(); ++i) {
    const DocumentSummary& doc = ctx.documents[i].summary;
    const DocumentSummary::Text* v = value(doc);
    if (!v) continue;
    std::string key = compared(v->text);
    if (key.empty()) continue;
    auto [it, fresh] = first.emplace(std::move(key), i);
    if (fresh) continue;
    const DocumentSummary& earlier = ctx.documents[it->second].summary;
    if (reported && reported(earlier, doc)) continue;
    const DocumentSummary::Text& there = *value(earlier);
    report(i, {v->location,
               fmt::format("{} {} is also the {} of {}", what, quoted(v->text), what, document_name(earlier)),
               v->subject,
               std::string(hint),
               std::nullopt,
               {{earlier.path, there.location, fmt::format("{} {}, also here", what, quoted(there.text))}}});
  }
}

namespace {

// Each wording's earliest earlier wording at least `threshold` similar (word_similarity), kNone for
// none. Candidates come from an inverted index with prefix filtering: two wordings that similar share at
// least threshold x (words in the longer) words, so each shares one of its rarest n - ceil(threshold x n)
// + 1 words with the other (rarest over the whole set, a repeated word counted once per repeat). Each
// wording is listed under those words only and compared only with the earlier wordings listed there; a
// list is read, and so kept, up to `max_candidates` entries, which bounds time and memory.
std::vector<std::uint32_t> near_wordings(const CriteriaIndex& index, double threshold, std::size_t min_words,
                                         std::size_t max_candidates) {
  const auto& wordings = index.wordings;
  std::vector<std::uint32_t> frequency(index.vocabulary);
  for (const auto& w : wordings)
    for (std::uint32_t word : w.words) ++frequency[word];
  std::vector<std::vector<std::uint32_t>> sorted(wordings.size());
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> postings;  // a word and its repeat
  std::vector<std::uint32_t> like(wordings.size(), CriteriaIndex::kNone);
  std::vector<std::uint64_t> tokens;
  std::vector<std::uint32_t> candidates;
  for (std::uint32_t t = 0; t < wordings.size(); ++t) {
    const auto& words = wordings[t].words;
    sorted[t] = words;
    std::sort(sorted[t].begin(), sorted[t].end());
    if (words.size() < min_words) continue;
    tokens.clear();
    for (std::size_t i = 0, repeat = 0; i < sorted[t].size(); ++i) {
      repeat = i > 0 && sorted[t][i - 1] == sorted[t][i] ? repeat + 1 : 0;
      tokens.push_back(std::uint64_t{repeat} << 32 | sorted[t][i]);
    }
    std::sort(tokens.begin(), tokens.end(), [&](std::uint64_t a, std::uint64_t b) {
      const auto fa = frequency[a & UINT32_MAX], fb = frequency[b & UINT32_MAX];
      return fa != fb ? fa < fb : a < b;
    });
    const auto shared =
        static_cast<std::size_t>(std::ceil(threshold * static_cast<double>(words.size()) - 1e-9));
    const std::size_t prefix = std::min(tokens.size(), words.size() - std::min(shared, words.size()) + 1);
    candidates.clear();
    for (std::size_t p = 0; p < prefix; ++p)
      if (auto it = postings.find(tokens[p]); it != postings.end())
        candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (std::uint32_t c : candidates)
      if (word_similarity(wordings[c].words, words, sorted[c], sorted[t], threshold).value >= threshold) {
        like[t] = c;
        break;
      }
    for (std::size_t p = 0; p < prefix; ++p)
      if (auto& list = postings[tokens[p]]; list.size() < max_candidates) list.push_back(t);
  }
  return like;
}

// Where a wording stands in a document other than `document`, or an empty Place.
CriteriaIndex::Place elsewhere(const CriteriaIndex::Wording& wording, std::uint32_t document) {
  return wording.first.document != document ? wording.first : wording.other;
}

}  // namespace

CriteriaIndex index_criteria(const std::vector<SuiteDocument>& documents, const RuleSetting& near) {
  CriteriaIndex out;
  std::unordered_map<std::string, std::uint32_t> vocabulary;
  std::map<std::vector<std::uint32_t>, std::uint32_t> ids;  // a wording to its place in out.wordings
  std::vector<std::vector<std::uint32_t>> wording_of(documents.size());  // per criterion; kNone: no words
  for (std::uint32_t d = 0; d < documents.size(); ++d) {
    const auto& criteria = documents[d].summary.criteria;
    for (std::uint32_t c = 0; c < criteria.size(); ++c) {
      std::vector<std::uint32_t> words;
      for (auto& w : words_of(criteria[c].text))
        words.push_back(vocabulary.try_emplace(std::move(w), static_cast<std::uint32_t>(vocabulary.size()))
                            .first->second);
      if (words.empty()) {
        wording_of[d].push_back(CriteriaIndex::kNone);
        continue;
      }
      auto [it, fresh] = ids.try_emplace(words, static_cast<std::uint32_t>(out.wordings.size()));
      if (fresh) {
        out.wordings.push_back({std::move(words), {d, c}, {}});
      } else if (auto& w = out.wordings[it->second];
                 w.other.document == CriteriaIndex::kNone && w.first.document != d) {
        w.other = {d, c};
      }
      if (auto& w = out.wordings[it->second]; w.last != d) ++w.documents, w.last = d;
      wording_of[d].push_back(it->second);
    }
  }
  ids.clear();
  out.vocabulary = vocabulary.size();
  const double threshold = number_of(near, "threshold");
  const std::vector<std::uint32_t> like =
      near_wordings(out, threshold, static_cast<std::size_t>(number_of(near, "min_words")),
                    static_cast<std::size_t>(number_of(near, "max_candidates")));

  // Each criterion's match in another document: the first to say it word for word, else the first to
  // say the earliest similar wording. Then how many of its criteria each document shares with that one.
  out.matches.resize(documents.size());
  for (std::uint32_t d = 0; d < documents.size(); ++d) {
    std::map<std::uint32_t, std::uint32_t> shared;  // other document to criteria matched there
    for (std::uint32_t c = 0; c < wording_of[d].size(); ++c) {
      CriteriaIndex::Match m;
      const std::uint32_t w = wording_of[d][c];
      if (w != CriteriaIndex::kNone && out.wordings[w].first.document != d) {
        m.place = out.wordings[w].first;
        m.wording = w;
      } else if (w != CriteriaIndex::kNone && like[w] != CriteriaIndex::kNone) {
        m.place = elsewhere(out.wordings[like[w]], d);
        m.wording = w;
        m.near = like[w];
      }
      if (m.place.document != CriteriaIndex::kNone) ++shared[m.place.document];
      out.matches[d].push_back(m);
    }
    for (auto& m : out.matches[d])
      if (m.place.document != CriteriaIndex::kNone) m.shared = shared[m.place.document];
  }
  return out;
}

void report_criterion_matches(const SuiteContext& ctx, const SuiteReport& report, bool near) {
  const CriteriaIndex& index = ctx.criteria();
  const auto min_words = static_cast<std::size_t>(ctx.number("min_words"));
  const bool knowledge = ctx.number("knowledge") > 0;
  for (std::uint32_t d = 0; d < ctx.documents.size(); ++d) {
    const DocumentSummary& doc = ctx.documents[d].summary;
    for (std::size_t c = 0; c < index.matches[d].size(); ++c) {
      const CriteriaIndex::Match& m = index.matches[d][c];
      if (m.place.document == CriteriaIndex::kNone || (m.near != CriteriaIndex::kNone) != near ||
          m.shared != 1 || (doc.knowledge[c] && !knowledge) ||
          index.wordings[m.wording].documents != (near ? 1u : 2u) ||
          (near && index.wordings[m.near].documents != 1) ||
          index.wordings[m.wording].words.size() < min_words)
        continue;
      const DocumentSummary& there = ctx.documents[m.place.document].summary;
      const DocumentSummary::Text &item = doc.criteria[c], &original = there.criteria[m.place.criterion];
      std::string how = "repeats";
      if (near) {
        auto a = index.wordings[m.near].words, b = index.wordings[m.wording].words;
        auto sorted_a = a, sorted_b = b;
        std::sort(sorted_a.begin(), sorted_a.end());
        std::sort(sorted_b.begin(), sorted_b.end());
        how = fmt::format("nearly repeats ({:.0f}% similar)",
                          word_similarity(a, b, sorted_a, sorted_b, 0).value * 100);
      }
      report(d, {item.location,
                 fmt::format("{} {} {} of {}: {}", criterion_name(item), how, criterion_name(original),
                             document_name(there), quoted(item.text)),
                 item.subject,
                 near ? "say it in one standard and link to it, or make the difference clear"
                      : "say it in one standard and link to it, or say what differs here",
                 std::nullopt,
                 {{there.path, original.location,
                   fmt::format("{} {}, also here", criterion_name(original), quoted(original.text))}}});
    }
  }
}

}  // namespace nos::rules
