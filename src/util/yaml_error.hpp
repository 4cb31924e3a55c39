// What a yaml-cpp parse error says, in words a user can act on.
#pragma once

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/exceptions.h>

#include <string>

namespace nos {

/// yaml-cpp stops at 2,000 levels of nesting but words that error "bad file"; every other message is
/// its own.
inline std::string yaml_problem(const YAML::Exception& e) {
  if (dynamic_cast<const YAML::DeepRecursion*>(&e)) return "nested more than 2,000 levels deep";
  return e.msg;
}

}  // namespace nos
