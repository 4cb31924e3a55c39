// The text reader: encodings, line ends and the errors a user sees.
#include <doctest/doctest.h>

#include "nos/nos.hpp"
#include "parse_helpers.hpp"

using nos::test::source_of;

namespace {

std::string error_of(const std::string& bytes) {
  try {
    source_of(bytes, "in.txt");
  } catch (const nos::Error& e) {
    CHECK(e.kind() == nos::ErrorKind::Input);
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("UTF-8 with and without a BOM") {
  auto plain = source_of("Overview\ncaf\xC3\xA9\n");
  CHECK(plain.encoding == "utf-8");
  CHECK(plain.lines[1].text == "caf\xC3\xA9");
  auto bom = source_of("\xEF\xBB\xBFOverview\n");
  CHECK(bom.encoding == "utf-8-bom");
  CHECK(bom.lines[0].text == "Overview");
}

TEST_CASE("Windows-1252 is detected and decoded") {
  auto s = source_of(
      "Overview\nthe customer\x92s \x93rights\x94 \x96 \xA3"
      "5\n");
  CHECK(s.encoding == "windows-1252");
  CHECK(s.lines[1].text ==
        "the customer\u2019s \u201Crights\u201D \u2013 \u00A3"
        "5");
}

TEST_CASE("UTF-16 with a BOM is decoded") {
  std::string le("\xFF\xFEO\0k\0\n\0", 8);
  auto s = source_of(le);
  CHECK(s.encoding == "utf-16le");
  CHECK(s.lines[0].text == "Ok");
}

TEST_CASE("LF, CRLF and CR line ends give the same lines and numbers") {
  for (const char* text : {"a\nb\n\nc", "a\r\nb\r\n\r\nc\r\n", "a\rb\r\rc\r"}) {
    auto s = source_of(text);
    REQUIRE(s.lines.size() == 4);
    CHECK(s.lines[1].text == "b");
    CHECK(s.lines[2].text.empty());
    CHECK(s.lines[3].text == "c");
    CHECK(s.lines[3].location.line == 4);
  }
}

TEST_CASE("bad text input gives one clear line") {
  CHECK(error_of("") == "in.txt: the file is empty");
  CHECK(error_of(" \n\t\n") == "in.txt: the file has no text");
  CHECK(error_of(std::string("ab\0cd", 5)) ==
        "in.txt: binary data (a NUL byte at offset 2): not text, nor a document nos reads");
  CHECK(error_of("caf\xC3\xA9\nbad \xFF here\n") ==
        "in.txt: invalid UTF-8 at line 2, byte 5 (0xFF); re-save the file as UTF-8");
  // A Windows-1252 byte before valid UTF-8 is mixed encodings, refused rather than read as Windows-1252.
  CHECK(error_of("caf\xE9 menu\nthe chef\xE2\x80\x99s way\n") ==
        "in.txt: invalid UTF-8 at line 1, byte 4 (0xE9); re-save the file as UTF-8");
  // A PDF is read as one whatever its name; this one is only a header.
  CHECK(error_of("%PDF-1.7\n...") == "in.txt: the PDF is damaged and cannot be read");
}

TEST_CASE("a line over the limit is refused, a long one under it is read") {
  nos::Limits limits;
  limits.max_line_bytes = 100;
  std::string ok(100, 'a');
  CHECK(nos::read_source_bytes(ok, "in.txt", limits).lines[0].text.size() == 100);
  try {
    nos::read_source_bytes(std::string(101, 'a'), "in.txt", limits);
    FAIL("expected an error");
  } catch (const nos::Error& e) {
    CHECK(std::string(e.what()) ==
          "in.txt: line 1 is 101 bytes long, over the limit of 100 bytes (--max-line-bytes)");
  }
}
