// Small UTF-8 helpers shared by the stages.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace nos::text {

/// Number of code points in a valid UTF-8 string.
std::size_t length(std::string_view utf8);

/// Byte offset -> 1-based column in code points.
int column_of(std::string_view utf8, std::size_t byte_offset);
/// The inverse: 1-based column in code points -> byte offset (0 for a column before the first; the
/// string's size for one past its end).
std::size_t byte_of(std::string_view utf8, int column);

/// Replaces tabs, NBSP and the other Unicode space characters with a plain space, drops zero-width
/// characters, collapses runs of spaces, trims both ends and applies Unicode NFC.
std::string clean(std::string_view utf8);

/// True for an ASCII or Unicode white-space code point starting at `s[i]`; sets `len` to its byte length.
bool space_at(std::string_view s, std::size_t i, std::size_t& len);

/// Where the first ASCII digit of `s` at or after byte `from` is; npos when there is none.
std::size_t find_digit(std::string_view s, std::size_t from = 0);
/// True when `s` holds an ASCII digit.
bool has_digit(std::string_view s);

/// ASCII lower case (labels and cues are compared this way; non-ASCII letters are kept as they are).
std::string lower(std::string_view s);
constexpr char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_upper(std::string_view s);
bool starts_with_lower(std::string_view s);

/// Joins a line wrapped in the middle of a phrase to its continuation, in place (a paragraph may grow
/// by thousands of lines): with a space, or with nothing after a hyphen ending a word ("self-" +
/// "assessment" gives "self-assessment"), or with nothing to an empty head; an empty tail adds nothing.
void append_wrapped(std::string& head, std::string_view tail);
/// What append_wrapped puts between `head` and `tail`: " " or nothing.
std::string_view wrap_joint(std::string_view head, std::string_view tail);

/// Appends code point `c` encoded as UTF-8.
void append_utf8(std::string& out, char32_t c);

/// The character a Windows-1252 byte stands for (U+FFFD for the five bytes it leaves undefined).
char32_t cp1252_char(unsigned char c);

/// True when `s` is valid UTF-8 (no overlong forms, surrogates or truncated sequences).
bool valid_utf8(std::string_view s);

/// Offset of the first byte where `s` stops being valid UTF-8; `s.size()` when it is valid throughout.
std::size_t invalid_utf8_at(std::string_view s);

/// `s` with every byte that does not start a valid UTF-8 sequence replaced by U+FFFD (file names need
/// not be UTF-8, a model and JSON must be).
std::string replace_invalid_utf8(std::string_view s);

/// True for a bidirectional formatting control (U+202A–U+202E, U+2066–U+2069), which can make text
/// display in another order than it is read (the "Trojan Source" trick).
bool is_bidi_control(char32_t c);

/// `s` made safe to print on a terminal, one code point for one so columns still line up: C0 controls
/// and DEL become their control pictures (ESC is "␛"), C1 controls, bidi controls and invalid bytes
/// become U+FFFD.
std::string printable(std::string_view s);

/// Length in bytes of the longest valid UTF-8 prefix, so a message never cuts a character in two.
std::size_t valid_prefix(std::string_view s, std::size_t max_bytes);

}  // namespace nos::text
