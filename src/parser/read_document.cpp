// From a path to a Document: reading and parsing a document, or loading a model that was written before.
#include <string>

#include "nos/nos.hpp"

namespace nos {

Document parse_file(const std::string& path, const Grammar& grammar, const Limits& limits) {
  return parse(read_source(path, limits), grammar);
}

Document read_document(const std::string& path, const Grammar& grammar, const Limits& limits,
                       ModelLocations locations) {
  const std::string name = path == "-" ? "<stdin>" : path;
  std::string bytes = read_input_bytes(path, limits);
  std::optional<LoadedModel> model = load_model(bytes, name, grammar, limits, locations);
  if (!model) return parse(read_source_bytes(std::move(bytes), name, limits), grammar);
  if (!model->problems.empty()) {
    const Diagnostic& first = model->problems.front();
    throw Error(ErrorKind::Input, name,
                "line " + std::to_string(first.location.line) + ": not a valid model: " + first.message);
  }
  return std::move(model->document);
}

}  // namespace nos
