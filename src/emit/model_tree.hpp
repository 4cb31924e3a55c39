// The model as an ordered JSON tree: the one description of the nos/1 layout, serialised as JSON or YAML.
#pragma once

#include <nlohmann/json.hpp>

#include "nos/model.hpp"

namespace nos {

nlohmann::ordered_json model_tree(const Document& document);

/// Writes a JSON tree as block YAML; list elements that are flat mappings (items,
/// glossary entries) are written in flow style, one per line.
std::string tree_to_yaml(const nlohmann::ordered_json& tree);

}  // namespace nos
