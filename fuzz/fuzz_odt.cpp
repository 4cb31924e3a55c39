// Fuzz target: an ODT. Bytes that start as a zip are the whole container (zip checks, manifest, content.xml
// and styles.xml); other bytes are content.xml, optionally followed by a NUL and styles.xml, wrapped in a
// valid container (a deflated part the fuzzer mutates rarely inflates, so this is how its bytes reach the
// ODF walker, list numbering and page headers). Then the parser.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz_support.hpp"
#include "nos/nos.hpp"
#include "reader/readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  if (!bytes.starts_with("PK\x03\x04")) {
    std::vector<std::pair<std::string, std::string>> parts = {
        {"mimetype", "application/vnd.oasis.opendocument.text"}};
    for (auto& part : nos::fuzz::split_parts(bytes, {"content.xml", "styles.xml"}))
      parts.push_back(std::move(part));
    bytes = nos::fuzz::stored_zip(parts);
  }
  try {
    nos::Source source = nos::detail::read_odt_bytes(bytes, "fuzz.odt", nos::fuzz::small_limits());
    nos::emit_model(nos::parse(source), nos::ModelFormat::Json);
  } catch (const nos::Error&) {
  }
  return 0;
}
