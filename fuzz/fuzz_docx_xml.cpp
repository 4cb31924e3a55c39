// Fuzz target: the WordprocessingML walker. The input is word/document.xml, optionally followed by a NUL
// and word/numbering.xml, and another NUL and word/styles.xml (NUL cannot occur in XML, so it separates
// them); they are wrapped in a valid container so every byte reaches the XML code.
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
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml", std::string(nos::fuzz::kContentTypes)}};
  for (auto& part :
       nos::fuzz::split_parts(input, {"word/document.xml", "word/numbering.xml", "word/styles.xml"}))
    parts.push_back(std::move(part));
  try {
    nos::Source source =
        nos::detail::read_docx_bytes(nos::fuzz::stored_zip(parts), "fuzz.docx", nos::fuzz::small_limits());
    nos::emit_model(nos::parse(source), nos::ModelFormat::Json);
  } catch (const nos::Error&) {
  }
  return 0;
}
