// The nos/1 layout, described once (write_model_layout) and written through a ModelWriter: straight to
// YAML or JSON text, or into an ordered JSON tree for code that wants to look at the model as data.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "nos/model.hpp"

namespace nos {

/// Receives a model as a stream of events: a key comes before each value of a mapping.
class ModelWriter {
 public:
  virtual ~ModelWriter() = default;
  virtual void begin_map() = 0;
  virtual void end_map() = 0;
  virtual void begin_list() = 0;
  virtual void end_list() = 0;
  virtual void key(std::string_view key) = 0;
  virtual void string(std::string_view value) = 0;
  virtual void number(long long value) = 0;
  virtual void boolean(bool value) = 0;
  virtual void null() = 0;
};

/// Writes `document` in the nos/1 layout.
void write_model_layout(const Document& document, ModelWriter& writer);

/// The model as an ordered JSON tree, built by write_model_layout.
nlohmann::ordered_json model_tree(const Document& document);

/// Writes a JSON tree as block YAML, as models are written; list elements that are flat mappings
/// (items, glossary entries) are written in flow style, one per line.
std::string tree_to_yaml(const nlohmann::ordered_json& tree);

}  // namespace nos
