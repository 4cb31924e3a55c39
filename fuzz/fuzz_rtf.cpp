// Fuzz target: bytes as RTF (groups, control words, destinations, \\uN skipping, tables), then the parser.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "nos/nos.hpp"
#include "reader/readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    nos::Source source = nos::detail::read_rtf_bytes(bytes, "fuzz.rtf", nos::fuzz::small_limits());
    nos::emit_model(nos::parse(source), nos::ModelFormat::Json);
  } catch (const nos::Error&) {
  }
  return 0;
}
