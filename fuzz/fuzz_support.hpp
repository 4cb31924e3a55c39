// Shared by the fuzz targets: small limits (so a run stays fast and a hostile input hits a limit rather
// than the fuzzer's RSS cap), and a stored (uncompressed) zip writer for wrapping bytes as DOCX parts.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "nos/limits.hpp"

namespace nos::fuzz {

/// The defaults scaled down: every limit is still exercised, at a size a fuzzer reaches.
inline Limits small_limits() {
  Limits limits;
  limits.max_input_bytes = 4u << 20;
  limits.max_line_bytes = 64u << 10;
  limits.max_part_bytes = 8u << 20;
  limits.max_zip_entries = 64;
  limits.max_xml_depth = 64;
  return limits;
}

inline std::uint32_t crc32(std::string_view data) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : data) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

/// `input` cut at each NUL (which cannot occur in XML) into the parts `names` name, in order; the parts
/// after the last NUL are left out.
inline std::vector<std::pair<std::string, std::string>> split_parts(std::string_view input,
                                                                    const std::vector<std::string>& names) {
  std::vector<std::pair<std::string, std::string>> parts;
  for (const std::string& name : names) {
    std::size_t cut = input.find('\0');
    parts.emplace_back(name, std::string(input.substr(0, cut)));
    if (cut == std::string_view::npos) break;
    input.remove_prefix(cut + 1);
  }
  return parts;
}

/// A zip container of `parts` (name, bytes), stored without compression: valid by construction, so the
/// fuzzer's bytes reach the XML walker instead of the zip checks.
inline std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& parts) {
  std::string out, central;
  auto u16 = [](std::string& s, std::uint32_t v) {
    s.push_back(static_cast<char>(v & 0xFF));
    s.push_back(static_cast<char>((v >> 8) & 0xFF));
  };
  auto u32 = [&](std::string& s, std::uint32_t v) {
    u16(s, v & 0xFFFF);
    u16(s, v >> 16);
  };
  for (const auto& [name, data] : parts) {
    auto offset = static_cast<std::uint32_t>(out.size());
    std::uint32_t crc = crc32(data);
    auto size = static_cast<std::uint32_t>(data.size());
    auto name_size = static_cast<std::uint32_t>(name.size());
    u32(out, 0x04034b50);  // local file header
    u16(out, 20), u16(out, 0), u16(out, 0), u16(out, 0),
        u16(out, 0x21);  // version, flags, stored, time, date
    u32(out, crc), u32(out, size), u32(out, size), u16(out, name_size), u16(out, 0);
    out += name;
    out += data;
    u32(central, 0x02014b50);  // central directory entry
    u16(central, 20), u16(central, 20), u16(central, 0), u16(central, 0), u16(central, 0), u16(central, 0x21);
    u32(central, crc), u32(central, size), u32(central, size), u16(central, name_size);
    u16(central, 0), u16(central, 0), u16(central, 0), u16(central, 0), u32(central, 0), u32(central, offset);
    central += name;
  }
  auto central_offset = static_cast<std::uint32_t>(out.size());
  auto central_size = static_cast<std::uint32_t>(central.size());
  out += central;
  auto count = static_cast<std::uint32_t>(parts.size());
  u32(out, 0x06054b50);  // end of central directory
  u16(out, 0), u16(out, 0), u16(out, count), u16(out, count), u32(out, central_size),
      u32(out, central_offset);
  u16(out, 0);
  return out;
}

inline constexpr std::string_view kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" "
    "ContentType=\"application/xml\"/></Types>";

}  // namespace nos::fuzz
