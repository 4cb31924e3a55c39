// An enum's names in one table of (value, name) pairs, looked up both ways: the one place each name is
// spelt, for the writer and the reader alike.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace nos {

template <class Enum, std::size_t N>
using NameTable = std::pair<Enum, const char*>[N];

/// The name of `value`; the first entry's for a value the table lacks.
template <class Enum, std::size_t N>
constexpr const char* name_of(const NameTable<Enum, N>& table, Enum value) {
  for (const auto& [e, name] : table)
    if (e == value) return name;
  return table[0].second;
}

/// The value named `name`; nullopt for a name the table lacks.
template <class Enum, std::size_t N>
constexpr std::optional<Enum> value_of(const NameTable<Enum, N>& table, std::string_view name) {
  for (const auto& [e, n] : table)
    if (name == n) return e;
  return std::nullopt;
}

}  // namespace nos
