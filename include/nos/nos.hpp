// Entry points: read a document, parse it into the model, write the model out.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nos/diagnostic.hpp"
#include "nos/error.hpp"
#include "nos/grammar.hpp"
#include "nos/limits.hpp"
#include "nos/model.hpp"
#include "nos/model_loader.hpp"
#include "nos/source.hpp"

namespace nos {

/// Reads a text export, DOCX, PDF, ODT, RTF, HTML or Word 97 .doc file (told apart by content, not by
/// extension) into lines.
/// `path` "-" reads standard input. Throws nos::Error (ErrorKind::Input) with a one-line reason.
Source read_source(const std::string& path, const Limits& limits = {});

/// The bytes of a file (`path` "-": standard input), refused when over limits.max_input_bytes.
/// Throws nos::Error (ErrorKind::Input) with a one-line reason.
std::string read_input_bytes(const std::string& path, const Limits& limits = {});

/// Whether a lower-case file extension (".docx") names a document some reader takes: the files that
/// `nos check` and `nos convert` pick from a directory by default.
bool is_document_extension(std::string_view extension);

/// Reads already-loaded bytes; `path` is only used to name the document.
Source read_source_bytes(std::string bytes, const std::string& path, const Limits& limits = {});

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

enum class ModelFormat { Yaml, Json };

/// Writes the model in the documented key order (schema nos/1). Deterministic: same model, same bytes.
std::string emit_model(const Document& document, ModelFormat format);
/// The same, written to `out` as it is made rather than held whole.
void emit_model(const Document& document, ModelFormat format, std::ostream& out);

}  // namespace nos
