// The rule table and the rule pass: settings per rule, the context rules read, and the sorting of what
// they report.
#include <algorithm>
#include <iterator>

#include "util/text.hpp"
#include "validate/rule.hpp"

namespace nos::rules {

#define NOS_RULE(name) extern const Rule name;
#include "validate/rules/rules.def"
#undef NOS_RULE

const std::vector<const Rule*>& all_rules() {
  static const std::vector<const Rule*> rules = {
#define NOS_RULE(name) &name,
#include "validate/rules/rules.def"
#undef NOS_RULE
  };
  return rules;
}

double number_of(const RuleSetting& setting, std::string_view option) {
  auto it = setting.numbers.find(option);
  return it == setting.numbers.end() ? 0 : it->second;
}

double RuleContext::number(std::string_view option) const { return number_of(setting, option); }

const std::vector<std::string>& RuleContext::words(std::string_view option) const {
  static const std::vector<std::string> none;
  auto it = setting.words.find(option);
  return it == setting.words.end() ? none : it->second;
}

const SourceLine* RuleContext::line(int number) const {
  if (!source || number <= 0) return nullptr;
  const auto& lines = source->lines;
  auto at = static_cast<std::size_t>(number - 1);
  if (at < lines.size() && lines[at].location.line == number) return &lines[at];
  // Page headers and footers are numbered after the body.
  const auto& page = source->page_lines;
  if (at >= lines.size() && at - lines.size() < page.size() &&
      page[at - lines.size()].location.line == number)
    return &page[at - lines.size()];
  for (const auto& l : lines)
    if (l.location.line == number) return &l;
  return nullptr;
}

SourceLocation RuleContext::span(SourceLocation where, std::string_view needle) const {
  const SourceLine* l = line(where.line);
  if (!l || needle.empty()) return where;
  // Search from the located column first, so a word that also occurs earlier is found in its place.
  std::size_t from = text::byte_of(l->text, where.column);
  std::size_t at = l->text.find(needle, from);
  if (at == std::string::npos) at = l->text.find(needle);
  if (at == std::string::npos) return where;
  where.column = text::column_of(l->text, at);
  where.end_column = text::column_of(l->text, at + needle.size());
  return where;
}

}  // namespace nos::rules

namespace nos {

using rules::all_rules;

const std::vector<RuleInfo>& rule_catalogue() {
  static const std::vector<RuleInfo> catalogue = [] {
    std::vector<RuleInfo> out;
    for (const auto* r : all_rules()) out.push_back(r->info);
    std::sort(out.begin(), out.end(), [](const RuleInfo& a, const RuleInfo& b) { return a.id < b.id; });
    return out;
  }();
  return catalogue;
}

const RuleInfo* find_rule(std::string_view id) {
  const auto& catalogue = rule_catalogue();
  auto at = std::lower_bound(catalogue.begin(), catalogue.end(), id,
                             [](const RuleInfo& r, std::string_view want) { return r.id < want; });
  return at != catalogue.end() && at->id == id ? &*at : nullptr;
}

RuleSettings default_settings() {
  RuleSettings settings;
  for (const auto& r : rule_catalogue()) {
    RuleSetting s;
    s.severity = r.severity;
    for (const auto& o : r.options) {
      if (o.kind == OptionSpec::Kind::Number)
        s.numbers[std::string(o.name)] = o.default_number;
      else if (o.kind == OptionSpec::Kind::Choice)
        s.words[std::string(o.name)] = {std::string(o.choices.front())};
      else
        s.words[std::string(o.name)] = {};
    }
    settings.emplace(std::string(r.id), std::move(s));
  }
  return settings;
}

std::vector<Diagnostic> validate(const Document& document, const Grammar& grammar, const Source* source,
                                 const RuleSettings& settings) {
  OmittedByRule omitted;
  return validate(document, grammar, source, settings, 0, omitted);
}

std::vector<Diagnostic> validate(const Document& document, const Grammar& grammar, const Source* source,
                                 const RuleSettings& settings, std::size_t per_rule, OmittedByRule& omitted,
                                 bool fixes) {
  std::vector<Diagnostic> out;
  const RuleSettings defaults = default_settings();
  bool layout_unrecognised = false;  // then the findings about the guessed structure are left out
  auto by_place = [](const Diagnostic& a, const Diagnostic& b) {
    if (a.location.line != b.location.line) return a.location.line < b.location.line;
    return a.location.column < b.location.column;
  };
  for (const auto* rule : all_rules()) {
    if (!rule->check) continue;
    auto it = settings.find(rule->info.id);
    const RuleSetting& setting = it != settings.end() ? it->second : defaults.at(std::string(rule->info.id));
    if (!setting.enabled || (layout_unrecognised && rule->reads_structure)) continue;
    const rules::RuleContext ctx{document, grammar, source, setting, fixes};
    // This rule's findings. Under a cap, the first `per_rule` in place order are kept whenever twice as
    // many are held: sorting stably keeps the order in which findings at one place were reported.
    std::vector<Diagnostic> found;
    auto keep_first = [&] {
      std::stable_sort(found.begin(), found.end(), by_place);
      OmittedFindings& o = omitted[std::string(rule->info.id)];
      o.count += found.size() - per_rule;
      o.severity = std::max(o.severity, setting.severity);
      found.erase(found.begin() + static_cast<std::ptrdiff_t>(per_rule), found.end());
    };
    rule->check(ctx, [&](rules::Finding f) {
      Diagnostic d;
      d.rule = std::string(rule->info.id);
      d.severity = setting.severity;
      d.message = std::move(f.message);
      d.location = f.location;
      d.hint = std::move(f.hint);
      d.subject = std::move(f.subject);
      if (fixes) d.fix = std::move(f.fix);
      if (const SourceLine* l = ctx.line(f.location.line)) d.source_line = l->text;
      found.push_back(std::move(d));
      if (per_rule > 0 && found.size() >= 2 * per_rule) keep_first();
    });
    if (per_rule > 0 && found.size() > per_rule) keep_first();
    out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    layout_unrecognised = layout_unrecognised || (rule == &rules::kUnrecognisedLayout && !out.empty());
  }
  std::stable_sort(out.begin(), out.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    if (by_place(a, b) || by_place(b, a)) return by_place(a, b);
    return a.rule < b.rule;
  });
  return out;
}

}  // namespace nos
