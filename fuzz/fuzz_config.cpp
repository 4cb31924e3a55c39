// Fuzz target: the `.nos.yaml` loader, then what `nos check` asks of a config for each file (settings,
// ignore globs).
#include <cstddef>
#include <cstdint>
#include <string>

#include "nos/config.hpp"
#include "nos/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    nos::Config config =
        nos::Config::load_string(std::string(reinterpret_cast<const char*>(data), size), "fuzz/.nos.yaml");
    for (const char* file : {"fuzz/samples/water-EUSWWT05.txt", "fuzz/legacy/a/b/c.docx", "other.txt"}) {
      config.settings_for(file);
      config.ignores(file);
    }
  } catch (const nos::Error&) {
  }
  return 0;
}
