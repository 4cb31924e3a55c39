#include "nos/diagnostic.hpp"

#include "util/name_table.hpp"

namespace nos {

namespace {

// Most severe first, as severity_names() lists them.
constexpr NameTable<Severity, 3> kSeverities = {
    {Severity::Error, "error"}, {Severity::Warning, "warning"}, {Severity::Info, "info"}};

}  // namespace

const char* severity_name(Severity severity) { return name_of(kSeverities, severity); }

std::optional<Severity> parse_severity(std::string_view name) { return value_of(kSeverities, name); }

const std::vector<std::string>& severity_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& [severity, name] : kSeverities) out.push_back(name);
    return out;
  }();
  return names;
}

}  // namespace nos
