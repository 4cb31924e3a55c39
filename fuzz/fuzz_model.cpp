// Fuzz target: the YAML model loader (YAML, the JSON Schema check, YAML -> Document), then the rules
// over the loaded model and the emitters, as `nos check model.yaml` would run them.
#include <cstddef>
#include <cstdint>
#include <string>

#include "nos/model_loader.hpp"
#include "nos/nos.hpp"
#include "nos/validate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    for (auto locations : {nos::ModelLocations::Yaml, nos::ModelLocations::Recorded}) {
      auto loaded = nos::load_model(text, "fuzz.yaml", nos::Grammar::builtin(), {}, locations);
      if (!loaded || !loaded->problems.empty()) continue;
      nos::validate(loaded->document, nos::Grammar::builtin(), &loaded->source);
      nos::emit_model(loaded->document, nos::ModelFormat::Json);
    }
  } catch (const nos::Error&) {
  }
  return 0;
}
