// Writing the model out, the emit stage's entry point; nos/nos.hpp includes it beside reading and parsing.
#pragma once

#include <iosfwd>
#include <string>

#include "nos/model.hpp"

namespace nos {

enum class ModelFormat { Yaml, Json };

/// Writes the model in the documented key order (schema nos/1). Deterministic: same model, same bytes.
std::string emit_model(const Document& document, ModelFormat format);
/// The same, written to `out` as it is made rather than held whole.
void emit_model(const Document& document, ModelFormat format, std::ostream& out);

}  // namespace nos
