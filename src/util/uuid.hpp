// Name-based identifiers (RFC 9562 UUID version 5): the same name gives the same UUID on every run
// and machine, so an export can be imported again without duplicating what it made the first time.
#pragma once

#include <string>
#include <string_view>

namespace nos {

/// The RFC 9562 URL namespace, 6ba7b811-9dad-11d1-80b4-00c04fd430c8.
inline constexpr std::string_view kUuidUrlNamespace = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

/// UUID version 5 (SHA-1) of `name` in the namespace `ns` (a UUID in its text form), lower-case hex
/// with hyphens.
std::string uuid_v5(std::string_view ns, std::string_view name);

}  // namespace nos
