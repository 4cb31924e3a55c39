// Reading a YAML (or JSON) model, schema nos/1, back into a Document: checked for shape against
// schemas/nos-model.schema.json first, so a wrong key or type is reported at its YAML line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "nos/diagnostic.hpp"
#include "nos/grammar.hpp"
#include "nos/limits.hpp"
#include "nos/model.hpp"
#include "nos/source.hpp"

namespace nos {

struct LoadedModel {
  Document document;                 ///< source.format "yaml"; locations are lines of the YAML file
  Source source;                     ///< the YAML file's own lines, for carets
  std::vector<Diagnostic> problems;  ///< model-schema findings; when not empty, `document` is not filled
};

/// True when `text` is a YAML map whose `schema` is "nos/1" (so not a text export or another YAML file).
bool is_model(std::string_view text);

/// Checks and loads a model. Sections are those of `grammar`; a key that is neither a section of the
/// grammar nor a key of the model is a model-schema finding. Throws nos::Error (Input) "FILE:LINE:COL: what"
/// on YAML syntax errors and strings that are not UTF-8, and when aliases expand it past
/// `limits.max_yaml_bytes`.
LoadedModel load_model(const std::string& text, const std::string& path, const Grammar& grammar,
                       const Limits& limits = {});

}  // namespace nos
