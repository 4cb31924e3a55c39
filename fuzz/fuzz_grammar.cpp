// Fuzz target: the grammar loader (YAML, keys and types, RE2 patterns). A grammar that loads is then used
// to parse a small document, so its patterns and labels reach the tokenizer and the parser.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "nos/nos.hpp"

namespace {

constexpr std::string_view kDocument =
    "SCDHSC0390\nSupport individuals\nOverview\nThis standard is about support.\n"
    "Performance criteria\nYou must be able to:\nP1 encourage participation\nP2 record it\n"
    "[bookmark: StartValues]Values\n1. respect\nKnowledge and understanding\nK1 the law\n"
    "Glossary\nCarer: a person who cares\nKeywords\ncare; support\nVersion Number\n2\n12\n";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    nos::Grammar grammar =
        nos::Grammar::load_string(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
    nos::Source source = nos::read_source_bytes(std::string(kDocument), "doc.txt", nos::fuzz::small_limits());
    nos::emit_model(nos::parse(source, grammar), nos::ModelFormat::Json);
  } catch (const nos::Error&) {
  }
  return 0;
}
