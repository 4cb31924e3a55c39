// Fuzz target: bytes -> reader (text or DOCX, told apart by content) -> pre-pass -> tokenizer ->
// parser -> model emitters, then the rules and every diagnostics format, as `nos parse` and `nos check`
// run them. Only nos::Error may escape the library; any other exception, crash, leak or hang is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "emit/diagnostics_formats.hpp"
#include "fuzz_support.hpp"
#include "nos/check.hpp"
#include "nos/nos.hpp"
#include "nos/validate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    nos::Source source = nos::read_source_bytes(std::string(reinterpret_cast<const char*>(data), size),
                                                "fuzz", nos::fuzz::small_limits());
    nos::Document document = nos::parse(source);
    nos::emit_model(document, nos::ModelFormat::Yaml);
    nos::emit_model(document, nos::ModelFormat::Json);
    // Capped per rule as `nos check` caps them: a million findings are never held, so neither are they here.
    nos::OmittedByRule omitted;
    const std::vector<nos::FileFindings> findings = {
        {"fuzz", nos::validate(document, nos::Grammar::builtin(), &source, nos::default_settings(),
                               nos::CheckOptions{}.max_findings_per_rule, omitted)}};
    nos::format_text(findings, {true});
    nos::format_json(findings);
    nos::format_sarif(findings);
    nos::format_github(findings);
    nos::format_junit(findings);
  } catch (const nos::Error&) {
  }
  return 0;
}
