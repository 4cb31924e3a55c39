// Shared helpers for the unit tests.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "nos/error.hpp"

namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& v) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", \"" : "\"") + v[i] + "\"";
    return (out + "]").c_str();
  }
};
}  // namespace doctest

namespace nos::test {

/// The message of the nos::Error `f` throws, or "" when it throws nothing (any other exception fails).
template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const nos::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace nos::test
