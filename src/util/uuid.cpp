#include "util/uuid.hpp"

#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <stdexcept>

namespace nos {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  throw std::invalid_argument("not a UUID");
}

std::array<std::uint8_t, 16> uuid_bytes(std::string_view text) {
  std::array<std::uint8_t, 16> out{};
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '-') continue;
    if (n >= 32 || i + 1 >= text.size()) throw std::invalid_argument("not a UUID");
    out[n / 2] = static_cast<std::uint8_t>(hex_value(text[i]) << 4 | hex_value(text[i + 1]));
    n += 2;
    ++i;
  }
  if (n != 32) throw std::invalid_argument("not a UUID");
  return out;
}

}  // namespace

std::string uuid_v5(std::string_view ns, std::string_view name) {
  const auto ns_bytes = uuid_bytes(ns);
  std::string input(ns_bytes.begin(), ns_bytes.end());
  input += name;
  // The SHA-1 of the OpenSSL libcrypto that libzip already links, rather than one of our own; fetched
  // once, as an implicit fetch on every call took most of a CASE export's time.
  static EVP_MD* const sha1 = EVP_MD_fetch(nullptr, "SHA1", nullptr);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (!sha1 || EVP_Digest(input.data(), input.size(), digest.data(), &size, sha1, nullptr) != 1 || size < 16)
    throw std::runtime_error("SHA-1 is not available");
  digest[6] = static_cast<unsigned char>((digest[6] & 0x0f) | 0x50);  // version 5
  digest[8] = static_cast<unsigned char>((digest[8] & 0x3f) | 0x80);  // RFC 9562 variant
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

}  // namespace nos
