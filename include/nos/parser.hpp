// The parser stage: lines into the model, and a model file loaded as the same Document.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "nos/diagnostic.hpp"
#include "nos/error.hpp"
#include "nos/grammar.hpp"
#include "nos/limits.hpp"
#include "nos/model.hpp"
#include "nos/model_loader.hpp"
#include "nos/source.hpp"

namespace nos {

/// Parses lines into the model, placing content by label, then cue and numbering, then bookmark.
Document parse(const Source& source, const Grammar& grammar = Grammar::builtin());
/// The same for a source not needed afterwards: its lines are let go before the model is built.
Document parse(Source&& source, const Grammar& grammar = Grammar::builtin());

/// Convenience: read_source then parse.
Document parse_file(const std::string& path, const Grammar& grammar = Grammar::builtin(),
                    const Limits& limits = {});

/// A document as an input gives it: a YAML model loaded, or a document read and parsed.
struct InputDocument {
  Document document;  ///< source.format "yaml" for a model; not filled when `problems` is not empty
  Source source;      ///< the lines locations point into (a model's own YAML lines)
  std::vector<Diagnostic> problems;  ///< a model's model-schema findings
};

/// Reads an input's bytes, a model (told apart by content; its locations taken as `locations` says) or
/// any document a reader takes; nullopt for a file named *.yaml or *.yml that is not a model. Throws
/// nos::Error (ErrorKind::Input) for what cannot be read.
std::optional<InputDocument> read_input(std::string bytes, const std::string& path, const Grammar& grammar,
                                        const Limits& limits,
                                        ModelLocations locations = ModelLocations::Yaml);

/// The one-line errors for an input read_input() gives no document for: a *.yaml file that is not a
/// model, and a model with problems (named by the first).
Error not_a_model(const std::string& path);
Error not_a_valid_model(const std::string& path, const Diagnostic& first_problem);

/// The Document of a file (`path` "-": standard input): a model (schema nos/1) is loaded, its locations
/// taken as `locations` says, and refused with its first problem when it does not fit the schema; any
/// other document is read and parsed. Throws nos::Error (ErrorKind::Input) with a one-line reason.
Document read_document(const std::string& path, const Grammar& grammar, const Limits& limits,
                       ModelLocations locations);

}  // namespace nos
