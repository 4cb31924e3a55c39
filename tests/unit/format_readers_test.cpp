// The ODT, RTF and HTML readers: the lines each renders, as the DOCX reader would for the same Word body.
// The .doc reader is checked on the committed samples (tests/formats/run.py and below).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "docx_fixtures.hpp"
#include "nos/error.hpp"
#include "reader/readers.hpp"
#include "test_support.hpp"

namespace {

using V = std::vector<std::string>;

V texts(const nos::Source& s) {
  V out;
  for (const auto& l : s.lines) out.push_back(l.text);
  return out;
}

std::string odt(const std::string& body, const std::string& styles = "") {
  const std::string ns =
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
      "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
      "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\"";
  return nos::test::make_zip(
      {{"mimetype", "application/vnd.oasis.opendocument.text"},
       {"content.xml", "<office:document-content " + ns + "><office:automatic-styles>" + styles +
                           "</office:automatic-styles><office:body><office:text>" + body +
                           "</office:text></office:body></office:document-content>"}});
}

V read_odt(const std::string& body, const std::string& styles = "") {
  return texts(nos::detail::read_odt_bytes(odt(body, styles), "t.odt", nos::Limits{}));
}

V read_rtf(const std::string& rtf) { return texts(nos::detail::read_rtf_bytes(rtf, "t.rtf", nos::Limits{})); }

V read_html(const std::string& html) {
  return texts(nos::detail::read_html_bytes(html, "t.html", nos::Limits{}));
}

const std::string kListStyle =
    "<text:list-style style:name=\"L1\"><text:list-level-style-number text:level=\"1\" "
    "style:num-prefix=\"P\" "
    "style:num-format=\"1\"/><text:list-level-style-number text:level=\"2\" style:num-suffix=\")\" "
    "style:num-format=\"a\"/></text:list-style>";

}  // namespace

TEST_CASE("odt: paragraphs, white space, tables, bookmarks and tracked changes") {
  CHECK(read_odt("<text:p>  a \n b<text:s "
                 "text:c=\"2\"/>c<text:tab/>d<text:line-break/>e</text:p><text:h>H</text:h>") ==
        V{"a b  c\td", "e", "H"});
  CHECK(read_odt(
            "<table:table><table:table-row><table:table-cell><text:p><text:bookmark text:name=\"Overview\"/>"
            "Overview</text:p></table:table-cell><table:covered-table-cell/><table:table-cell><text:p>x</"
            "text:p>"
            "<text:p>y</text:p></table:table-cell></table:table-row></table:table>") ==
        V{"\t[bookmark: Overview]Overview", "\tx", "y"});
  nos::Source s = nos::detail::read_odt_bytes(
      odt("<text:p>t</text:p><table:table><table:table-row><table:table-cell><text:p>a</text:p></"
          "table:table-cell>"
          "<table:table-cell><text:p>b</text:p></table:table-cell></table:table-row></table:table>"),
      "t.odt", nos::Limits{});
  REQUIRE(s.lines.size() == 3);
  CHECK(s.format == "odt");
  CHECK(s.lines[2].location.paragraph == 3);
  CHECK(s.lines[2].location.table == 1);
  CHECK(s.lines[2].location.row == 1);
  CHECK(s.lines[2].location.cell == 2);
  CHECK(read_odt(
            "<text:tracked-changes><text:changed-region><text:deletion><text:p>gone</text:p></text:deletion>"
            "</text:changed-region></text:tracked-changes><text:p>kept<text:bookmark text:name=\"_GoBack\"/>"
            "</text:p><text:p><text:bookmark text:name=\"End\"/></text:p>") == V{"kept", "[bookmark: End]"});
}

TEST_CASE("odt: list numbering from the list style") {
  std::string item = "<text:list-item><text:p>x</text:p></text:list-item>";
  CHECK(read_odt(
            "<text:list text:style-name=\"L1\">" + item + item +
                "</text:list><text:p>h</text:p>"
                "<text:list text:continue-numbering=\"true\" text:style-name=\"L1\">" +
                item + "<text:list-item><text:list>" + item + item +
                "</text:list></text:list-item></text:list>"
                "<text:list text:style-name=\"L1\"><text:list-item text:start-value=\"7\"><text:p>y</text:p>"
                "</text:list-item></text:list>",
            kListStyle) == V{"P1 x", "P2 x", "h", "P3 x", "a) x", "b) x", "P7 y"});
  CHECK(
      nos::test::error_of([] {
        nos::detail::read_odt_bytes(nos::test::make_zip({{"content.xml", "<a/>"}}), "t.odt", {});
      }) ==
      "t.odt: content.xml has no office:document-content/office:body/office:text: not an ODT text document");
}

TEST_CASE("odt: headings are numbered by the outline style and set as headings") {
  const std::string outline =
      "<text:outline-style style:name=\"Outline\"><text:outline-level-style text:level=\"1\" "
      "style:num-format=\"1\" style:num-suffix=\".\"/><text:outline-level-style text:level=\"2\" "
      "style:num-format=\"1\" text:display-levels=\"2\"/></text:outline-style>";
  nos::Source s = nos::detail::read_odt_bytes(
      odt("<text:h text:outline-level=\"1\">A</text:h><text:p>p</text:p><text:h text:outline-level=\"2\">B"
          "</text:h><text:h text:outline-level=\"2\">C</text:h><text:h>D</text:h><text:h "
          "text:outline-level=\"2\" text:is-list-header=\"true\">E</text:h><text:h text:outline-level=\"1\" "
          "text:restart-numbering=\"true\" text:start-value=\"7\">F</text:h>",
          outline),
      "t.odt", nos::Limits{});
  CHECK(texts(s) == V{"1. A", "p", "1.1 B", "1.2 C", "2. D", "E", "7. F"});
  CHECK(s.lines[0].heading_format);
  CHECK_FALSE(s.lines[1].heading_format);
}

TEST_CASE("odt, rtf: page headers and footers are read apart from the body") {
  const std::string ns =
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
      "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\"";
  std::string styles = "<office:document-styles " + ns +
                       "><office:master-styles><style:master-page style:name=\"Standard\"><style:header>"
                       "<text:p>SCDHSC0001</text:p><text:p>Title</text:p></style:header><style:footer "
                       "style:display=\"false\"><text:p>hidden</text:p></style:footer><style:footer-first>"
                       "<text:p>Page 1</text:p></style:footer-first></style:master-page>"
                       "</office:master-styles></office:document-styles>";
  std::string content = "<office:document-content " + ns +
                        "><office:body><office:text><text:p>body</text:p></office:text></office:body>"
                        "</office:document-content>";
  nos::Source o = nos::detail::read_odt_bytes(
      nos::test::make_zip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                           {"styles.xml", styles},
                           {"content.xml", content}}),
      "t.odt", nos::Limits{});
  nos::Source r = nos::detail::read_rtf_bytes(
      "{\\rtf1{\\*\\pgdsctbl{\\header copy\\par}}\\sectd{\\header\\pard SCDHSC0001\\par Title\\par}"
      "\\pard body\\par\\sect\\sectd{\\footerf Page 1\\par}more\\par}",
      "t.rtf", nos::Limits{});
  CHECK(texts(o) == V{"body"});
  CHECK(texts(r) == V{"body", "more"});
  for (const nos::Source* s : {&o, &r}) {
    REQUIRE(s->page_lines.size() == 3);
    CHECK(s->page_lines[0].text == "SCDHSC0001");
    CHECK(s->page_lines[1].text == "Title");
    CHECK(s->page_lines[1].location.page_part() == "header of section 1");
    CHECK(s->page_lines[1].location.paragraph == 2);
    CHECK(s->page_lines[1].location.line == static_cast<int>(s->lines.size()) + 2);
    CHECK(s->page_lines[2].text == "Page 1");
  }
  CHECK(o.page_lines[2].location.page_part() == "first-page footer of section 1");
  CHECK(r.page_lines[2].location.page_part() == "first-page footer of section 2");
}

TEST_CASE("rtf: the subset it reads") {
  CHECK(read_rtf(
            "{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}{\\*\\generator x;}{\\info{\\title T}}"
            "\\pard Over\\'92view\\par caf\\u233\\'3f\\uc2\\u8212 --x\\par\\pard{\\listtext P1\\tab}item\\par"
            "{\\field{\\*\\fldinst HYPERLINK \"x\"}{\\fldrslt shown}}\\line b{\\deleted gone}\\par}") ==
        V{"Over\u2019view", "caf\u00e9\u2014x", "P1 item", "shown", "b"});
  CHECK(read_rtf("{\\rtf1 \\pard\\intbl{\\*\\bkmkstart Overview}{\\*\\bkmkend Overview}Overview\\cell "
                 "\\pard\\intbl a\\par b\\cell\\row \\pard\\intbl\\cell c\\cell\\row\\pard after\\par}") ==
        V{"\t[bookmark: Overview]Overview", "\ta", "b", "\t", "\tc", "after"});
  CHECK(nos::test::error_of([] { nos::detail::read_rtf_bytes("{\\rtf1 {\\b x}", "t.rtf", {}); }) ==
        "t.rtf: the RTF file is truncated: it ends inside 1 open group");
}

TEST_CASE("html: blocks, lists, tables, bookmarks and charsets") {
  CHECK(read_html(
            "<!DOCTYPE html><html><head><title>T</title><style>p{}</style></head><body>"
            "<p>  a\n  b </p><p><br/>\n</p><p>c<br>d</p><h2>H</h2><ol start=\"3\"><li>x<li><p>y</p></ol>"
            "<ol type=\"a\"><li value=\"2\">z</ol><ul><li>u</ul><p>k<del>gone</del>ept</p></body></html>") ==
        V{"a b ", "", "c", "d", "H", "3. x", "4. y", "b. z", "u", "kept"});
  CHECK(
      read_html("<table><tr><td><p><a name=\"Overview\"></a>Overview</p></td><td>t</td></tr></table>after") ==
      V{"\t[bookmark: Overview]Overview", "\tt", "after"});
  CHECK(read_html("<html><meta charset=\"windows-1252\"><p>caf\xe9 \x93q\x94</p>") ==
        V{"caf\u00e9 \u201cq\u201d"});
  CHECK(nos::test::error_of([] {
          nos::detail::read_html_bytes("<html><meta charset=\"koi8-r\"><p>x", "t.html", {});
        }) == "t.html: the HTML page's charset koi8-r is not supported (only UTF-8 and Windows-1252)");
}

TEST_CASE("doc: the Word 97 twins of the DOCX samples give the DOCX's lines") {
  namespace fs = std::filesystem;
  fs::path samples = fs::path(NOS_SOURCE_DIR) / "samples";
  auto bytes = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  };
  // Samples whose bookmarks open a table cell: LibreOffice's .doc puts those at the end of the cell before,
  // which changes the lines but not the model (tests/formats/run.py).
  for (const char* name : {"hospitality-PPLHSL12", "custodial-SFJCC204"}) {
    CAPTURE(name);
    nos::Source docx = nos::detail::read_docx_bytes(bytes(samples / "docx" / (std::string(name) + ".docx")),
                                                    "t.docx", nos::Limits{});
    nos::Source doc = nos::detail::read_doc_bytes(bytes(samples / "doc" / (std::string(name) + ".doc")),
                                                  "t.doc", nos::Limits{});
    CHECK(doc.format == "doc");
    CHECK(texts(doc) == texts(docx));
  }
}
