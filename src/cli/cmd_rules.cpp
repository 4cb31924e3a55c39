// nos rules: the rule catalogue (text or JSON); nos explain ID: one rule's full explanation.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "nos/config.hpp"
#include "nos/error.hpp"
#include "nos/validate.hpp"
#include "util/suggest.hpp"

namespace nos::cli {
namespace {

void print_rules(const std::string& format) {
  if (format == "json") {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const auto& r : rule_catalogue()) {
      nlohmann::ordered_json options = nlohmann::ordered_json::array();
      for (const auto& o : r.options) {
        nlohmann::ordered_json j = {{"name", o.name}, {"help", o.help}};
        if (o.kind == OptionSpec::Kind::Number) {
          j["default"] = o.default_number;
        } else if (o.kind == OptionSpec::Kind::Choice) {
          j["default"] = o.choices.front();
          j["choices"] = o.choices;
        } else
          j["default"] = nlohmann::ordered_json::array();
        options.push_back(j);
      }
      all.push_back({{"id", r.id},
                     {"severity", severity_name(r.severity)},
                     {"summary", r.summary},
                     {"explanation", r.explanation},
                     {"options", options}});
    }
    std::cout << all.dump(2) << "\n";
    return;
  }
  // The id column as wide as the longest id, so the summaries line up whatever rules there are.
  std::size_t width = 0;
  for (const auto& r : rule_catalogue()) width = std::max(width, r.id.size());
  for (const auto& r : rule_catalogue())
    std::cout << fmt::format("{:<{}} {:<8} {}\n", r.id, width, severity_name(r.severity), r.summary);
}

void explain(const std::string& id) {
  const RuleInfo* r = find_rule(id);
  if (!r) {
    std::vector<std::string> ids;
    for (const auto& x : rule_catalogue()) ids.emplace_back(x.id);
    throw Error(ErrorKind::Usage, "",
                "unknown rule '" + id + "'" + did_you_mean(id, ids) + "; 'nos rules' lists them");
  }
  std::cout << fmt::format("{} ({} by default): {}\n\n{}\n", r->id, severity_name(r->severity), r->summary,
                           r->explanation);
}

}  // namespace

void add_rules_commands(CLI::App& app) {
  auto format = std::make_shared<std::string>("text");
  CLI::App* rules =
      app.add_subcommand("rules", "List the rules nos check applies, with their default severity");
  rules->add_option("--format", *format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  rules->callback([format] { print_rules(*format); });

  auto id = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("explain", "Explain one rule, with a bad and a good example");
  cmd->add_option("RULE", *id, "Rule id, e.g. numbering-gap")->required();
  cmd->footer("Example: nos explain near-duplicate-criterion");
  cmd->callback([id] { explain(*id); });
}

}  // namespace nos::cli
