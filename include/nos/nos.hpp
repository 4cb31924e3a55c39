// Entry points: read a document, parse it into the model, write the model out. Writing is the emit
// stage's; reading and parsing come from nos/reader.hpp and nos/parser.hpp, which the stages below emit
// include instead of this header.
#pragma once

#include <iosfwd>
#include <string>

#include "nos/model.hpp"
#include "nos/parser.hpp"
#include "nos/reader.hpp"

namespace nos {

enum class ModelFormat { Yaml, Json };

/// Writes the model in the documented key order (schema nos/1). Deterministic: same model, same bytes.
std::string emit_model(const Document& document, ModelFormat format);
/// The same, written to `out` as it is made rather than held whole.
void emit_model(const Document& document, ModelFormat format, std::ostream& out);

}  // namespace nos
