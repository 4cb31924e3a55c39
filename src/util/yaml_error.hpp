// What a yaml-cpp parse error says, in words a user can act on, and the UTF-8 check of its strings.
#pragma once

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/exceptions.h>

#include <optional>
#include <string>

#include "util/text.hpp"

namespace nos {

/// yaml-cpp stops at 2,000 levels of nesting but words that error "bad file"; every other message is
/// its own.
inline std::string yaml_problem(const YAML::Exception& e) {
  if (dynamic_cast<const YAML::DeepRecursion*>(&e)) return "nested more than 2,000 levels deep";
  return e.msg;
}

/// A scalar's text, or nullopt when it is not valid UTF-8. Checking the file as a whole is not enough:
/// yaml-cpp passes a stray byte of a quoted string through and decodes escapes such as "\_" into lone
/// bytes. Every string the grammar, config and model loaders keep goes through here.
inline std::optional<std::string> utf8_scalar(const YAML::Node& scalar) {
  if (!text::valid_utf8(scalar.Scalar())) return std::nullopt;
  return scalar.Scalar();
}

}  // namespace nos
