// Reading a YAML (or JSON) model, schema nos/1, back into a Document: checked for shape against
// schemas/nos-model.schema.json first, so a wrong key or type is reported at its YAML line.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "nos/diagnostic.hpp"
#include "nos/grammar.hpp"
#include "nos/limits.hpp"
#include "nos/model.hpp"
#include "nos/source.hpp"

namespace nos {

/// Where the locations of a loaded model's Document point.
enum class ModelLocations {
  /// The lines of the YAML file itself, so findings point where the author edits; source.format "yaml".
  Yaml,
  /// What the model records (`line`, `location`, `source`): those of the document it was parsed from, so
  /// emit_model writes the model it was loaded from back byte for byte.
  Recorded,
};

struct LoadedModel {
  Document document;                 ///< empty when `problems` is not
  Source source;                     ///< the YAML file's own lines, for carets
  std::vector<Diagnostic> problems;  ///< model-schema findings, at lines of the YAML file
};

/// Checks and loads `text` when it is a model: a YAML (or JSON) map whose `schema` is "nos/1". nullopt
/// when it is not (a text export, another YAML file), without parsing it as YAML unless a line of it reads
/// `schema: nos/1`. Sections are those of `grammar`; a key that is neither a section of the grammar nor a
/// key of the model is a model-schema finding. Throws nos::Error (Input) "FILE:LINE:COL: what" on YAML
/// syntax errors (the text said it was a model) and strings that are not UTF-8, and when aliases expand
/// it past `limits.max_yaml_bytes`.
std::optional<LoadedModel> load_model(const std::string& text, const std::string& path,
                                      const Grammar& grammar, const Limits& limits = {},
                                      ModelLocations locations = ModelLocations::Yaml);

}  // namespace nos
