// text::clean against its definition: white space (ASCII and Unicode) becomes one space between words
// and none at either end, zero-width characters go, and the result is in NFC. The definition is written
// here a code point at a time, so the fast paths in text.cpp (runs of visible ASCII copied whole, eight
// bytes tested at once) are checked against something that has none.
#include "util/text.hpp"

#include <doctest/doctest.h>
#include <utf8proc.h>

#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

bool is_space(utf8proc_int32_t c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == '\n' || c == 0x00A0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

bool is_zero_width(utf8proc_int32_t c) { return c == 0x200B || c == 0x2060 || c == 0xFEFF || c == 0x00AD; }

// Valid UTF-8 only: clean keeps an invalid byte as it is, which a case below checks on its own.
std::string clean_by_definition(const std::string& s) {
  std::string out;
  bool pending_space = false;
  for (std::size_t i = 0; i < s.size();) {
    utf8proc_int32_t c = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                              static_cast<utf8proc_ssize_t>(s.size() - i), &c);
    REQUIRE(n > 0);
    if (is_space(c)) {
      pending_space = !out.empty();
    } else if (!is_zero_width(c)) {
      if (pending_space) out += ' ';
      pending_space = false;
      out.append(s, i, static_cast<std::size_t>(n));
    }
    i += static_cast<std::size_t>(n);
  }
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> nfc(
      utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(out.c_str())), &std::free);
  REQUIRE(nfc);
  return reinterpret_cast<const char*>(nfc.get());
}

}  // namespace

TEST_CASE("clean: spaces, zero-width characters and NFC") {
  CHECK(nos::text::clean("  Work  safely\tand\u00A0well \r") == "Work safely and well");
  CHECK(nos::text::clean("hand\u200Bover") == "handover");
  CHECK(nos::text::clean("caf\x65\xCC\x81 menu") == "caf\xC3\xA9 menu");  // e + combining acute
  CHECK(nos::text::clean("\t\t") == "");
  CHECK(nos::text::clean("abcdefgh  ijklmnop") == "abcdefgh ijklmnop");  // two spaces inside eight bytes
  CHECK(nos::text::clean("abcdefg ijklmnop") == "abcdefg ijklmnop");
  CHECK(nos::text::clean("abcdefg  ijklmnop") == "abcdefg ijklmnop");  // the pair across eight bytes
  CHECK(nos::text::clean("abcdefghijklmno\x7F") == "abcdefghijklmno\x7F");
  CHECK(nos::text::clean("abcdefghijkl\xFFmnop ") == "abcdefghijkl\xFFmnop");  // an invalid byte is kept
}

TEST_CASE("clean equals its definition on random text") {
  // Pieces chosen so that every eight-byte window of the fast path meets each case: single and double
  // spaces at every offset, tabs, controls, DEL, non-ASCII letters and spaces, zero-width characters
  // and a combining mark that NFC composes.
  const std::vector<std::string> pieces = {
      "a",        "Zq",           "work",      "safely",       "12.", " ",        "  ",
      "\t",       "\r",           "\x01",      "\x7F",         "~",   "\xC3\xA9", "\xE2\x80\x99",
      "\xC2\xA0", "\xE2\x80\x8B", "e\xCC\x81", "\xE3\x80\x80", "!?"};
  std::mt19937 random(20261201);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1), count(0, 40);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    for (std::size_t n = count(random); n > 0; --n) s += pieces[pick(random)];
    INFO("input: " << s);
    CHECK(nos::text::clean(s) == clean_by_definition(s));
  }
}

TEST_CASE("find_digit finds the first ASCII digit from a byte on") {
  CHECK(nos::text::find_digit("") == std::string_view::npos);
  CHECK(nos::text::find_digit("no digits in this line at all") == std::string_view::npos);
  CHECK(nos::text::find_digit("abcdefghijklmnop9") == 16);  // after two whole eight-byte words
  CHECK(nos::text::find_digit("P1 text 2", 2) == 8);
  CHECK(nos::text::find_digit("\xD9\xA3\xEF\xBC\x91/:") == std::string_view::npos);  // non-ASCII digits
  // Every byte value at every offset of an eight-byte word, against a plain loop.
  for (int b = 0; b < 256; ++b)
    for (std::size_t at = 0; at < 12; ++at) {
      std::string s(12, 'x');
      s[at] = static_cast<char>(b);
      for (std::size_t from = 0; from <= s.size(); ++from) {
        std::size_t expected = std::string_view::npos;
        for (std::size_t i = from; i < s.size(); ++i)
          if (s[i] >= '0' && s[i] <= '9') {
            expected = i;
            break;
          }
        INFO("byte " << b << " at " << at << " from " << from);
        REQUIRE(nos::text::find_digit(s, from) == expected);
      }
    }
}
