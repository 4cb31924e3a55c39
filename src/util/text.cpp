#include "util/text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace nos::text {

namespace {

// Masks for testing eight bytes of a string at once: each byte's low seven bits, its high bit, and 1.
constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL, kHigh = 0x8080808080808080ULL;
constexpr std::uint64_t kEach = 0x0101010101010101ULL;

// Decodes one code point at s[i]; returns its byte length (1 for an invalid byte, which is kept).
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
  utf8proc_int32_t c = -1;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                            static_cast<utf8proc_ssize_t>(s.size() - i), &c);
  if (n <= 0) {
    cp = 0xFFFD;
    return 1;
  }
  cp = static_cast<char32_t>(c);
  return static_cast<std::size_t>(n);
}

bool is_space_cp(char32_t c) {
  switch (c) {
    case ' ':
    case '\t':
    case '\v':
    case '\f':
    case '\r':
    case '\n':
    case 0x00A0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

bool is_zero_width(char32_t c) { return c == 0x200B || c == 0x2060 || c == 0xFEFF || c == 0x00AD; }

// Code points NFC leaves as they are whatever surrounds them (no canonical decomposition, combining
// class 0): ASCII, Latin-1 and the Latin extensions below the combining marks at U+0300, and General
// Punctuation from U+2010 (curly quotes, dashes). Text holding only these skips utf8proc_NFC, which
// cost a tenth of a conversion's CPU.
bool nfc_stable(char32_t c) { return c < 0x0300 || (c >= 0x2010 && c <= 0x206F); }

// From `i`, just after a visible ASCII byte, skips eight bytes at a time while each eight are visible
// ASCII or single spaces and end in a visible byte: all of which `clean` copies as they are. Returns
// where the byte-by-byte scan must go on. Each test below is exact per byte (no carry crosses bytes).
std::size_t skip_clean_words(std::string_view s, std::size_t i) {
  if constexpr (std::endian::native != std::endian::little) return i;  // the masks assume memory order
  constexpr std::uint64_t kLastByte = 0x80ULL << 56;  // the highest byte is the last in memory
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    const std::uint64_t low7 = w & kLow7;
    // A byte below 0x20 (its low seven bits plus 0x60 stay under 0x80) or a non-ASCII one.
    const std::uint64_t unusual = (~(low7 + 0x60 * kEach) | w) & kHigh;
    const std::uint64_t x = w ^ (0x20 * kEach);
    const std::uint64_t spaces = ~(((x & kLow7) + kLow7) | x) & kHigh;
    if (unusual != 0 || (spaces & (spaces << 8)) != 0 || (spaces & kLastByte) != 0) break;
  }
  return i;
}

}  // namespace

std::size_t length(std::string_view s) {
  // Every byte but a continuation byte (10xxxxxx) starts a code point; counted eight bytes at a time.
  std::size_t continuations = 0, i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    std::uint64_t marks = (w & ~(w << 1) & kHigh) >> 7;                // 1 in each continuation byte
    continuations += static_cast<std::size_t>((marks * kEach) >> 56);  // their sum
  }
  for (; i < s.size(); ++i) continuations += (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
  return s.size() - continuations;
}

int column_of(std::string_view s, std::size_t byte_offset) {
  return static_cast<int>(length(s.substr(0, std::min(byte_offset, s.size())))) + 1;
}

std::size_t byte_of(std::string_view s, int column) {
  std::size_t at = 0;
  for (int c = 1; c < column && at < s.size(); ++c) do
      ++at;
    while (at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80);
  return at;
}

bool space_at(std::string_view s, std::size_t i, std::size_t& len) {
  char32_t c;
  len = decode(s, i, c);
  return is_space_cp(c);
}

std::string clean(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  bool needs_nfc = false;
  for (std::size_t i = 0; i < s.size();) {
    // A run of visible ASCII words with single spaces between them (most of any line) is copied whole:
    // none of it is zero-width or touched by NFC, and its spaces are already as clean leaves them.
    auto visible = [&](std::size_t k) { return k < s.size() && s[k] > ' ' && s[k] < 0x7F; };
    if (visible(i)) {
      std::size_t end = i + 1;
      for (;;) {  // eight bytes at a time where it can, else one visible byte or a space and one
        end = skip_clean_words(s, end);
        if (visible(end))
          ++end;
        else if (end < s.size() && s[end] == ' ' && visible(end + 1))
          end += 2;
        else
          break;
      }
      if (pending_space) out += ' ';
      pending_space = false;
      out.append(s.data() + i, end - i);
      i = end;
      continue;
    }
    char32_t c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : decode(s, i, c);  // most text is ASCII: no decoding needed
    if (is_space_cp(c)) {
      pending_space = !out.empty();
    } else if (!is_zero_width(c)) {
      if (pending_space) out += ' ';
      pending_space = false;
      out.append(s.data() + i, n);
      needs_nfc = needs_nfc || !nfc_stable(c);
    }
    i += n;
  }
  if (!needs_nfc) return out;
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> nfc(
      utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(out.c_str())), &std::free);
  return nfc ? std::string(reinterpret_cast<const char*>(nfc.get())) : out;
}

std::size_t find_digit(std::string_view s, std::size_t from) {
  std::size_t i = from;
  if constexpr (std::endian::native == std::endian::little) {  // the first flag is the lowest byte
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      const std::uint64_t low7 = w & kLow7;
      // An ASCII byte from '0' (low seven bits plus 0x50 reach 0x80) and not from ':' (plus 0x46).
      const std::uint64_t digits = (low7 + 0x50 * kEach) & ~(low7 + 0x46 * kEach) & ~w & kHigh;
      if (digits != 0) return i + static_cast<std::size_t>(std::countr_zero(digits)) / 8;
    }
  }
  for (; i < s.size(); ++i)
    if (s[i] >= '0' && s[i] <= '9') return i;
  return std::string_view::npos;
}

bool has_digit(std::string_view s) { return find_digit(s) != std::string_view::npos; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower_ascii(c);
  return out;
}

bool starts_with_upper(std::string_view s) {
  if (s.empty()) return false;
  char32_t c;
  decode(s, 0, c);
  return utf8proc_isupper(static_cast<utf8proc_int32_t>(c));
}

bool starts_with_lower(std::string_view s) {
  if (s.empty()) return false;
  char32_t c;
  decode(s, 0, c);
  return utf8proc_islower(static_cast<utf8proc_int32_t>(c));
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

bool valid_utf8(std::string_view s) { return invalid_utf8_at(s) == s.size(); }

std::size_t invalid_utf8_at(std::string_view s) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  auto left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    utf8proc_int32_t c = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);
    if (n <= 0) break;
    p += n;
    left -= n;
  }
  return s.size() - static_cast<std::size_t>(left);
}

namespace {

// Copies `s`, passing each code point (U+FFFD for an invalid byte) through `map`, which returns 0 to keep
// it as it was.
template <typename Map>
std::string rewrite(std::string_view s, Map map) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    std::size_t n = decode(s, i, cp);
    bool invalid = n == 1 && cp == 0xFFFD;
    if (char32_t to = map(invalid ? 0xFFFD : cp); to != 0 || invalid)
      append_utf8(out, to != 0 ? to : cp);
    else
      out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

}  // namespace

std::string replace_invalid_utf8(std::string_view s) {
  return valid_utf8(s) ? std::string(s) : rewrite(s, [](char32_t) -> char32_t { return 0; });
}

bool is_bidi_control(char32_t c) { return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); }

std::string printable(std::string_view s) {
  return rewrite(s, [](char32_t c) -> char32_t {
    if (c < 0x20) return 0x2400 + c;
    if (c == 0x7F) return 0x2421;
    if ((c >= 0x80 && c < 0xA0) || is_bidi_control(c)) return 0xFFFD;
    return 0;
  });
}

std::size_t valid_prefix(std::string_view s, std::size_t max_bytes) {
  std::size_t end = std::min(max_bytes, s.size());
  while (end > 0 && end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return end;
}

namespace {

// Windows-1252 bytes 0x80-0x9F; the five undefined ones map to U+FFFD.
constexpr std::array<char32_t, 32> kCp1252High = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

}  // namespace

char32_t cp1252_char(unsigned char c) { return c >= 0x80 && c < 0xA0 ? kCp1252High[c - 0x80] : char32_t{c}; }

void append_wrapped(std::string& head, std::string_view tail) {
  head += wrap_joint(head, tail);
  head += tail;
}

std::string_view wrap_joint(std::string_view head, std::string_view tail) {
  const bool hyphenated =
      head.size() >= 2 && head.back() == '-' && head[head.size() - 2] != ' ' && starts_with_lower(tail);
  return head.empty() || tail.empty() || hyphenated ? "" : " ";
}

}  // namespace nos::text
