// Every limit in the README's Limits table, through the public entry points: refused just past the limit
// with the documented message, accepted exactly at it. (The DOCX limits' details are in
// docx_reader_test.cpp; tests/hostile/run.py checks the same limits through the nos binary and its flags.)
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "docx_fixtures.hpp"
#include "nos/nos.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;

using nos::test::error_of;

struct TempFile {
  fs::path path;
  explicit TempFile(const std::string& bytes)
      : path(fs::temp_directory_path() / ("nos-limits-" + std::to_string(::getpid()) + ".txt")) {
    std::ofstream(path, std::ios::binary) << bytes;
  }
  ~TempFile() { fs::remove(path); }
};

std::string document_of(std::size_t bytes) {
  std::string s = "Overview\n";
  while (s.size() < bytes) s += "Some words of the overview, on a line of their own.\n";
  s.resize(bytes - 1);
  return s + "\n";
}

}  // namespace

TEST_CASE("limits: input file (--max-input-size)") {
  nos::Limits limits;
  limits.max_input_bytes = 1u << 20;
  TempFile exact(document_of(1u << 20));
  CHECK(error_of([&] { nos::read_source(exact.path.string(), limits); }) == "");
  TempFile over(document_of((2u << 20) + 10));
  CHECK(error_of([&] { nos::read_source(over.path.string(), limits); }) ==
        over.path.string() + ": the file is 2 MiB, over the limit of 1 MiB (--max-input-size)");
  // Bytes from a pipe or standard input have no size to look at first; the read stops at the limit.
  CHECK(error_of([&] { nos::read_source_bytes(document_of((1u << 20) + 1), "<stdin>", limits); }) ==
        "<stdin>: the input is larger than 1 MiB (--max-input-size)");
}

TEST_CASE("limits: one text line (--max-line-bytes)") {
  nos::Limits limits;
  limits.max_line_bytes = 1024;
  CHECK(error_of([&] {
          nos::read_source_bytes("Overview\n" + std::string(1024, 'x') + "\n", "t.txt", limits);
        }) == "");
  CHECK(error_of([&] {
          nos::read_source_bytes("Overview\n" + std::string(1025, 'x') + "\r\n", "t.txt", limits);
        }) == "t.txt: line 2 is 1025 bytes long, over the limit of 1024 bytes (--max-line-bytes)");
  // The last line, without a line end, counts too.
  CHECK(error_of([&] { nos::read_source_bytes("Overview\n" + std::string(2000, 'x'), "t.txt", limits); }) ==
        "t.txt: line 2 is 2000 bytes long, over the limit of 1024 bytes (--max-line-bytes)");
}

TEST_CASE("limits: DOCX part, entries and nesting") {
  using nos::test::make_docx;
  using nos::test::para;
  nos::Limits limits;
  limits.max_part_bytes = 1u << 20;
  limits.max_zip_entries = 16;
  limits.max_xml_depth = 16;
  std::string big = make_docx(para(std::string(1u << 20, 'x')));
  CHECK(error_of([&] { nos::read_source_bytes(big, "b.docx", limits); }) ==
        "b.docx: word/document.xml inflates to more than 1 MiB (limit --max-part-size): refusing a possible "
        "zip bomb");

  nos::test::Parts parts = {{"[Content_Types].xml", nos::test::kContentTypes},
                            {"word/document.xml", nos::test::document_xml(para("x"))}};
  for (int i = 0; i < 14; ++i) parts.emplace_back("extra/" + std::to_string(i), "");
  CHECK(error_of([&] { nos::read_source_bytes(nos::test::make_zip(parts), "e.docx", limits); }) == "");
  parts.emplace_back("extra/one-too-many", "");
  CHECK(error_of([&] { nos::read_source_bytes(nos::test::make_zip(parts), "e.docx", limits); }) ==
        "e.docx: the zip container has more than 16 entries (limit --max-zip-entries): refusing a possible "
        "zip bomb");

  std::string deep = "<w:p>";
  for (int i = 0; i < 20; ++i) deep += "<w:r>";
  deep += "<w:t>x</w:t>";
  for (int i = 0; i < 20; ++i) deep += "</w:r>";
  CHECK(error_of([&] { nos::read_source_bytes(make_docx(deep + "</w:p>"), "d.docx", limits); }) ==
        "d.docx: word/document.xml nests elements more than 16 deep (limit --max-xml-depth)");
}

TEST_CASE("limits: grammar file (1 MiB)") {
  std::string big = "name: big\n" + std::string(1u << 20, '#');
  CHECK(error_of([&] { nos::Grammar::load_string(big, "big.yaml"); }) ==
        "big.yaml: the grammar is larger than 1 MiB");
}
