// From a path to a Document: reading and parsing a document, or loading a model that was written before.
#include <string>

#include "nos/parser.hpp"
#include "nos/reader.hpp"

namespace nos {

Document parse_file(const std::string& path, const Grammar& grammar, const Limits& limits) {
  return parse(read_source(path, limits), grammar);
}

namespace {

// read_input; without `keep_source` the reader's lines are let go while the model is built.
std::optional<InputDocument> input_from_bytes(std::string bytes, const std::string& path,
                                              const Grammar& grammar, const Limits& limits,
                                              ModelLocations locations, bool keep_source) {
  InputDocument out;
  if (std::optional<LoadedModel> model = load_model(bytes, path, grammar, limits, locations)) {
    out.document = std::move(model->document);
    out.source = std::move(model->source);
    out.problems = std::move(model->problems);
    return out;
  }
  if (path.ends_with(".yaml") || path.ends_with(".yml")) return std::nullopt;
  if (!keep_source) {
    out.document = parse(read_source_bytes(std::move(bytes), path, limits), grammar);
    return out;
  }
  out.source = read_source_bytes(std::move(bytes), path, limits);
  out.document = parse(out.source, grammar);
  return out;
}

}  // namespace

std::optional<InputDocument> read_input(std::string bytes, const std::string& path, const Grammar& grammar,
                                        const Limits& limits, ModelLocations locations) {
  return input_from_bytes(std::move(bytes), path, grammar, limits, locations, true);
}

Error not_a_model(const std::string& path) {
  return Error(ErrorKind::Input, path, "not a nos model (a YAML file needs 'schema: nos/1')");
}

Error not_a_valid_model(const std::string& path, const Diagnostic& first_problem) {
  return Error(ErrorKind::Input, path,
               "line " + std::to_string(first_problem.location.line) +
                   ": not a valid model: " + first_problem.message);
}

Document read_document(const std::string& path, const Grammar& grammar, const Limits& limits,
                       ModelLocations locations) {
  const std::string name = path == "-" ? "<stdin>" : path;
  std::optional<InputDocument> input =
      input_from_bytes(read_input_bytes(path, limits), name, grammar, limits, locations, false);
  if (!input) throw not_a_model(name);
  if (!input->problems.empty()) throw not_a_valid_model(name, input->problems.front());
  return std::move(input->document);
}

}  // namespace nos
