// Text exports: detect the encoding, decode to UTF-8, split into lines at LF, CRLF or CR.
#include <fmt/format.h>

#include "nos/error.hpp"
#include "reader/readers.hpp"
#include "util/text.hpp"

namespace nos::detail {

namespace {

// Length of the valid UTF-8 sequence at s[i] (strict: no overlongs, no surrogates), 0 if invalid.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (n == 0 || c > 0xF4 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  if (c == 0xE0 && b(i + 1) < 0xA0) return 0;
  if (c == 0xED && b(i + 1) >= 0xA0) return 0;
  if (c == 0xF0 && b(i + 1) < 0x90) return 0;
  if (c == 0xF4 && b(i + 1) >= 0x90) return 0;
  return n;
}

struct Utf8Scan {
  std::size_t first_invalid = std::string::npos;
  std::size_t multibyte = 0;
};

Utf8Scan scan_utf8(std::string_view s) {
  Utf8Scan scan;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = utf8_sequence(s, i);
    // The whole input is scanned: valid UTF-8 after a bad byte still makes the file damaged UTF-8.
    if (n == 0) {
      if (scan.first_invalid == std::string::npos) scan.first_invalid = i;
      ++i;
      continue;
    }
    scan.multibyte += n > 1;
    i += n;
  }
  return scan;
}

std::string decode_cp1252(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (unsigned char c : s) {
    if (c < 0x80)
      out.push_back(static_cast<char>(c));
    else
      text::append_utf8(out, text::cp1252_char(c));
  }
  return out;
}

std::string decode_utf16(std::string_view s, bool little_endian, const std::string& path) {
  if (s.size() % 2) throw Error(ErrorKind::Input, path, "invalid UTF-16: odd number of bytes");
  std::string out;
  out.reserve(s.size());
  auto unit = [&](std::size_t i) {
    auto a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]);
    return static_cast<char32_t>(little_endian ? a | (b << 8) : (a << 8) | b);
  };
  for (std::size_t i = 0; i < s.size(); i += 2) {
    char32_t c = unit(i);
    if (c >= 0xD800 && c < 0xDC00 && i + 3 < s.size()) {
      char32_t low = unit(i + 2);
      if (low >= 0xDC00 && low < 0xE000) {
        c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
        i += 2;
      }
    }
    if (c >= 0xD800 && c < 0xE000) c = 0xFFFD;  // an unpaired surrogate encodes no character
    text::append_utf8(out, c);
  }
  return out;
}

// Line and column (1-based, in bytes) of a byte offset, for error messages.
std::pair<std::size_t, std::size_t> position_of(std::string_view s, std::size_t offset) {
  std::size_t line = 1, start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n'))) line++, start = i + 1;
  return {line, offset - start + 1};
}

}  // namespace

Source read_text_bytes(std::string bytes, const std::string& path, const Limits& limits) {
  Source source;
  source.path = path;
  source.format = "text";
  std::string_view view(bytes);
  std::string decoded;

  if (view.starts_with("\xEF\xBB\xBF")) {
    source.encoding = "utf-8-bom";
    view.remove_prefix(3);
  } else if (view.starts_with("\xFF\xFE") || view.starts_with("\xFE\xFF")) {
    bool le = view[0] == '\xFF';
    source.encoding = le ? "utf-16le" : "utf-16be";
    decoded = decode_utf16(view.substr(2), le, path);
    view = decoded;
  } else {
    source.encoding = "utf-8";
  }

  if (auto nul = view.find('\0'); nul != std::string_view::npos)
    throw Error(
        ErrorKind::Input, path,
        fmt::format("binary data (a NUL byte at offset {}): not text, nor a document nos reads", nul));

  if (source.encoding.starts_with("utf-8")) {
    Utf8Scan scan = scan_utf8(view);
    if (scan.first_invalid != std::string::npos) {
      // Valid multi-byte UTF-8 anywhere and a bad byte anywhere is damaged UTF-8, not Windows-1252.
      if (scan.multibyte > 0 || source.encoding == "utf-8-bom") {
        auto [line, col] = position_of(view, scan.first_invalid);
        throw Error(ErrorKind::Input, path,
                    fmt::format("invalid UTF-8 at line {}, byte {} (0x{:02X}); re-save the file as UTF-8",
                                line, col, static_cast<unsigned char>(view[scan.first_invalid])));
      }
      decoded = decode_cp1252(view);
      view = decoded;
      source.encoding = "windows-1252";
    }
  }

  bool any_text = false;
  std::size_t start = 0;
  int line_no = 0;
  auto push = [&](std::size_t end) {
    ++line_no;
    if (end - start > limits.max_line_bytes)
      throw Error(ErrorKind::Input, path,
                  fmt::format("line {} is {} bytes long, over the limit of {} bytes (--max-line-bytes)",
                              line_no, end - start, limits.max_line_bytes));
    SourceLine line;
    line.text.assign(view.substr(start, end - start));
    line.location.line = line_no;
    line.location.column = 1;
    any_text = any_text || line.text.find_first_not_of(" \t\f\v") != std::string::npos;
    source.lines.push_back(std::move(line));
  };
  for (std::size_t i = 0; i < view.size(); ++i) {
    if (view[i] == '\n' || view[i] == '\r') {
      push(i);
      if (view[i] == '\r' && i + 1 < view.size() && view[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < view.size()) push(view.size());
  if (!any_text)
    throw Error(ErrorKind::Input, path, bytes.empty() ? "the file is empty" : "the file has no text");
  return source;
}

}  // namespace nos::detail
