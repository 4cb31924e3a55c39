// Fuzz target: bytes -> reader (text or DOCX, told apart by content) -> tokenizer -> parser -> emitters.
// Only nos::Error may escape the library; any other exception, crash, leak or hang is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "nos/nos.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    nos::Source source = nos::read_source_bytes(std::string(reinterpret_cast<const char*>(data), size),
                                                "fuzz", nos::fuzz::small_limits());
    nos::Document document = nos::parse(source);
    nos::emit_model(document, nos::ModelFormat::Yaml);
    nos::emit_model(document, nos::ModelFormat::Json);
  } catch (const nos::Error&) {
  }
  return 0;
}
