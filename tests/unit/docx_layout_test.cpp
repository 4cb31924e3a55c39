// DOCX laid out otherwise than the template's text export shows: page headers and footers (where the
// official template keeps the URN and the title), and group headings with no empty paragraph around
// them (as python-docx, pandoc and LibreOffice write a table cell).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "docx_fixtures.hpp"
#include "emit/diagnostics_formats.hpp"
#include "nos/nos.hpp"
#include "nos/validate.hpp"
#include "reader/readers.hpp"
#include "test_support.hpp"

namespace {

using nos::test::make_docx;
using nos::test::para;
using nos::test::Parts;
using nos::test::relationships;
using nos::test::word_part;
using V = std::vector<std::string>;

nos::Source read(const std::string& bytes) {
  return nos::detail::read_docx_bytes(bytes, "t.docx", nos::Limits{});
}

std::string ref(const std::string& kind, const std::string& type, const std::string& id) {
  return "<w:" + kind + "Reference w:type=\"" + type + "\" r:id=\"" + id + "\"/>";
}

/// A DOCX of `body` whose one section has a default page header of `header` paragraphs.
std::string with_header(const std::string& body, const std::string& header) {
  return make_docx(body + "<w:sectPr>" + ref("header", "default", "h1") + "</w:sectPr>", "", "",
                   {{"word/header1.xml", word_part("hdr", header)},
                    {"word/_rels/document.xml.rels", relationships({{"h1", "header1.xml"}})}});
}

const std::string kBody = para("Overview") + para("This standard is about testing.") +
                          para("Performance criteria") + para("P1 check the work") +
                          para("Knowledge and understanding") + para("K1 the rules");

std::vector<std::string> findings(const std::string& bytes, const std::string& rule) {
  nos::Source source = read(bytes);
  nos::Document doc = nos::parse(source);
  std::vector<std::string> out;
  for (const auto& d : nos::validate(doc, nos::Grammar::builtin(), &source, nos::default_settings()))
    if (d.rule == rule) out.push_back(d.message);
  return out;
}

std::string ids(const nos::Document& d, const std::string& key) {
  std::string out;
  for (const auto& g : d.section(key)->groups) {
    if (!out.empty()) out += " | ";
    if (g.heading) out += *g.heading + ": ";
    for (const auto& item : g.items) out += (item.numbered() ? std::string(item.id()) : "?") + " ";
  }
  return out;
}

}  // namespace

TEST_CASE("docx: page headers and footers, section by section, each part once") {
  const std::string body = para("Overview") + "<w:p><w:pPr><w:sectPr>" + ref("header", "default", "h2") +
                           "</w:sectPr></w:pPr></w:p>" + para("Second") + "<w:sectPr>" +
                           ref("header", "default", "h1") + ref("header", "first", "h3") +
                           ref("header", "even", "h2") + ref("footer", "default", "f1") +
                           ref("footer", "first", "gone") + "</w:sectPr>";
  const std::string footer = "<w:tbl><w:tr><w:tc>" + para("Page 1") + "</w:tc></w:tr></w:tbl>";
  Parts parts = {{"word/header1.xml",
                  word_part("hdr", para("ABC123") + "<w:p><w:bookmarkStart w:id=\"1\" w:name=\"Mark\"/>"
                                                    "<w:r><w:t>Title text</w:t></w:r></w:p>")},
                 {"word/header2.xml", word_part("hdr", para("Section one"))},
                 {"word/header3.xml", word_part("hdr", para("First page"))},
                 {"word/footer1.xml", word_part("ftr", footer)},
                 {"word/_rels/document.xml.rels", relationships({{"h1", "header1.xml"},
                                                                 {"h2", "/word/header2.xml"},
                                                                 {"h3", "./sub/../header3.xml"},
                                                                 {"f1", "footer1.xml"},
                                                                 {"gone", "missing.xml"}})}};
  nos::Source s = read(make_docx(body, "", "", parts));
  REQUIRE(s.lines.size() == 3);
  V texts, places;
  for (const auto& l : s.page_lines) {
    texts.push_back(l.text);
    places.push_back(l.location.page_part() + " para " + std::to_string(l.location.paragraph) + " line " +
                     std::to_string(l.location.line));
  }
  CHECK(texts == V{"Section one", "ABC123", "Title text", "First page", "\tPage 1"});
  CHECK(places == V{"header of section 1 para 1 line 4", "header of section 2 para 1 line 5",
                    "header of section 2 para 2 line 6", "first-page header of section 2 para 1 line 7",
                    "footer of section 2 para 1 line 8"});
  CHECK(s.page_lines.back().location.table == 1);
  CHECK(s.page_lines.back().location.cell == 1);
}

TEST_CASE(
    "docx: a header reference's id is read by its namespace, whatever its prefix and wherever declared") {
  const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  auto header = [](const std::string& sect_attributes, const std::string& ref_attributes) {
    const std::string body = kBody + "<w:sectPr" + sect_attributes +
                             "><w:headerReference w:type=\"default\" " + ref_attributes + "/></w:sectPr>";
    const Parts parts = {{"word/header1.xml", word_part("hdr", para("SCDHSC0390"))},
                         {"word/_rels/document.xml.rels", relationships({{"h1", "header1.xml"}})}};
    V texts;
    for (const auto& l : read(make_docx(body, "", "", parts)).page_lines) texts.push_back(l.text);
    return texts;
  };
  CHECK(header("", "xmlns:r=\"" + rel + "\" r:id=\"h1\"") == V{"SCDHSC0390"});
  CHECK(header("", "xmlns:rel=\"" + rel + "\" rel:id=\"h1\"") == V{"SCDHSC0390"});
  CHECK(header(" xmlns:x=\"http://purl.oclc.org/ooxml/officeDocument/relationships\"", "x:id=\"h1\"") ==
        V{"SCDHSC0390"});
  // An id in another namespace names no relationship, even under the prefix r.
  CHECK(header("", "xmlns:o=\"urn:other\" o:id=\"h1\"").empty());
  CHECK(header(" xmlns:r=\"urn:other\"", "r:id=\"h1\"").empty());
}

TEST_CASE("docx: a header part that is not well-formed is refused; headers share one size limit") {
  std::string bad = make_docx(kBody + "<w:sectPr>" + ref("header", "default", "h1") + "</w:sectPr>", "", "",
                              {{"word/header1.xml", "<w:hdr"},
                               {"word/_rels/document.xml.rels", relationships({{"h1", "header1.xml"}})}});
  CHECK(nos::test::error_of([&] { read(bad); }).find("word/header1.xml is not well-formed XML") !=
        std::string::npos);
  CHECK(read(make_docx(kBody)).page_lines.empty());

  std::string big = word_part("hdr", para(std::string(500, 'x')));
  std::string two = make_docx(
      kBody + "<w:sectPr>" + ref("header", "default", "h1") + ref("footer", "default", "f1") + "</w:sectPr>",
      "", "",
      {{"word/header1.xml", big},
       {"word/footer1.xml", big},
       {"word/_rels/document.xml.rels", relationships({{"h1", "header1.xml"}, {"f1", "footer1.xml"}})}});
  nos::Limits limits;
  limits.max_part_bytes = 1000;
  CHECK(nos::test::error_of([&] { nos::detail::read_docx_bytes(two, "t.docx", limits); }) ==
        "t.docx: the page headers and footers inflate to more than 1000 bytes together (limit "
        "--max-part-size): refusing a possible zip bomb");
}

TEST_CASE("docx: URN and title from the page header when the body has none") {
  nos::Document d = nos::parse(read(with_header(kBody, para("SCDHSC0390") + para("Promote communication"))));
  CHECK(d.urn == "SCDHSC0390");
  CHECK(d.title == "Promote communication");
  CHECK(d.title_location.page_part() == "header of section 1");
  CHECK(findings(with_header(kBody, para("SCDHSC0390") + para("Promote communication")), "missing-section") ==
        V{"the metadata block is missing (11 required rows)"});

  // On one line, as a header often has them; a page number is no title.
  d = nos::parse(read(with_header(kBody, para("SCDHSC0390\tPromote communication"))));
  CHECK(d.title == "Promote communication");
  d = nos::parse(read(with_header(kBody, para("Page 2 of 5") + para("SCDHSC0390") + para("Page 2 of 5"))));
  CHECK(d.urn == "SCDHSC0390");
  CHECK_FALSE(d.title);

  // The body's own URN and title win.
  d = nos::parse(read(with_header(para("ABC123") + para("Body title") + kBody,
                                  para("SCDHSC0390") + para("Promote communication"))));
  CHECK(d.urn == "ABC123");
  CHECK(d.title == "Body title");
}

TEST_CASE("header-placeholder: template text left in a page header") {
  CHECK(
      findings(with_header(kBody, para("[URN]") + para("[Unique Reference Number]")), "header-placeholder") ==
      V{"the header of section 1 still holds the template placeholder '[URN]'",
        "the header of section 1 still holds the template placeholder '[Unique Reference Number]'"});
  CHECK(findings(with_header(kBody, para("Document1")), "header-placeholder") ==
        V{"the header of section 1 still holds the template placeholder 'Document1'"});
  CHECK(findings(with_header(kBody, para("SCDHSC0390 draft v2.docx")), "header-placeholder") ==
        V{"the header of section 1 still holds the template placeholder 'v2.docx'"});
  CHECK(findings(with_header(kBody, para("SCDHSC0390") + para("Promote communication [draft 2]")),
                 "header-placeholder")
            .size() == 1);
  CHECK(
      findings(with_header(kBody, para("SCDHSC0390") + para("Page 1 of 2") + para("See www.example.org [1]")),
               "header-placeholder")
          .empty());
  std::string footer =
      make_docx(kBody + "<w:sectPr>" + ref("footer", "default", "f1") + "</w:sectPr>", "", "",
                {{"word/footer1.xml", word_part("ftr", para("Document1"))},
                 {"word/_rels/document.xml.rels", relationships({{"f1", "footer1.xml"}})}});
  CHECK(findings(footer, "header-placeholder").empty());

  // Located in the header, with the line and a caret in the text report.
  nos::Source source = read(with_header(kBody, para("SCDHSC0390") + para("[Title]")));
  nos::Document doc = nos::parse(source);
  auto all = nos::validate(doc, nos::Grammar::builtin(), &source, nos::default_settings());
  std::vector<nos::Diagnostic> placeholder;
  for (const auto& f : all)
    if (f.rule == "header-placeholder") placeholder.push_back(f);
  REQUIRE(placeholder.size() == 1);
  std::string text = nos::format_text({{"t.docx", placeholder}}, {});
  CHECK(
      text.starts_with("t.docx:header of section 1, para 2: warning: the header of section 1 still holds "
                       "the template placeholder '[Title]' [header-placeholder]\n[Title]\n^~~~~~~\n"));
  CHECK(nos::document_location(placeholder[0].location).dump() ==
        R"({"part":"header of section 1","paragraph":2})");
}

TEST_CASE("docx: paragraphs set as headings by style or bold") {
  const std::string styles =
      R"(<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/></w:style>)"
      R"(<w:style w:type="paragraph" w:styleId="Group"><w:name w:val="Group"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>)"
      R"(<w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>)"
      R"(<w:style w:type="paragraph" w:styleId="Under"><w:name w:val="Under"/><w:basedOn w:val="Group"/></w:style>)"
      R"(<w:style w:type="paragraph" w:styleId="Loud"><w:name w:val="Loud"/><w:rPr><w:b/></w:rPr></w:style>)"
      R"(<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>)";
  auto bold = [](const std::string& t, const std::string& b = "<w:b/>") {
    return "<w:r><w:rPr>" + b + "</w:rPr><w:t xml:space=\"preserve\">" + t + "</w:t></w:r>";
  };
  const std::string body =
      para("Styled", "<w:pStyle w:val=\"Heading3\"/>") + para("Outline", "<w:pStyle w:val=\"Group\"/>") +
      para("Body level", "<w:pStyle w:val=\"Body\"/>") + para("Based on", "<w:pStyle w:val=\"Under\"/>") +
      "<w:p>" + bold("All ") + bold("bold") + "</w:p>" + "<w:p>" + bold("Half ") +
      "<w:r><w:t>plain</w:t></w:r></w:p>" + "<w:p>" +
      bold("By character style", "<w:rStyle w:val=\"Strong\"/>") + "</w:p>" +
      para("Loud style", "<w:pStyle w:val=\"Loud\"/>") + "<w:p><w:pPr><w:pStyle w:val=\"Loud\"/></w:pPr>" +
      bold("Turned off", "<w:b w:val=\"0\"/>") + "</w:p>" + para("Plain") + "<w:p>" + bold(" ") +
      "<w:r><w:t>space in bold</w:t></w:r></w:p>";
  nos::Source s = read(make_docx(body, "", styles));
  V marked;
  for (const auto& l : s.lines)
    if (l.heading_format) marked.push_back(l.text);
  CHECK(marked == V{"Styled", "Outline", "Based on", "All bold", "By character style", "Loud style"});
}

TEST_CASE("docx: group headings with no empty paragraph around them") {
  const std::string styles =
      R"(<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/></w:style>)";
  const std::string cell = para("You must be able to:") + para("Prepare the area") +
                           para("P1 check the area") + para("Clean the tools") + para("P2 wash the tools") +
                           "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Store the tools, then the materials, in the "
                           "places the site manager "
                           "has marked for them</w:t></w:r></w:p>" +
                           para("P3 dry the tools") + para("Report", "<w:pStyle w:val=\"Heading3\"/>") +
                           para("P4 tell the manager");
  const std::string k = para("K1 The rules of the site") + para("Rules for visitors") + para("K2 The signs") +
                        para("how visitors sign in") + para("K3 the permits");
  const std::string body = "<w:tbl><w:tr><w:tc>" + para("Performance criteria") + "</w:tc><w:tc>" + cell +
                           "</w:tc></w:tr><w:tr><w:tc>" + para("Knowledge and understanding") +
                           "</w:tc><w:tc>" + k + "</w:tc></w:tr></w:tbl>";
  nos::Document d = nos::parse(read(make_docx(body, "", styles)));
  CHECK(
      ids(d, "performance_criteria") ==
      "Prepare the area: P1  | Clean the tools: P2  | Store the tools, then the materials, in the places the "
      "site manager has marked for them: P3  | Report: P4 ");
  // Items written with a capital: a capitalised line among them lost its number; a lower-case one did.
  CHECK(ids(d, "knowledge_and_understanding") == "K1 ? K2 ? K3 ");
}
