// Writing the model out, the emit stage's entry point; nos/nos.hpp includes it beside reading and parsing.
#pragma once

#include <string>

#include "nos/model.hpp"

namespace nos {

enum class ModelFormat { Yaml, Json };

/// Writes the model in the documented key order (schema nos/1). Deterministic: same model, same bytes.
std::string emit_model(const Document& document, ModelFormat format);

}  // namespace nos
