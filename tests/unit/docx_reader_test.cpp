// The DOCX reader: Tika-compatible rendering of word/document.xml, locations, and every bad-DOCX error.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "docx_fixtures.hpp"
#include "nos/error.hpp"
#include "reader/docx_trace.hpp"
#include "reader/readers.hpp"
#include "reader/xml_part.hpp"

namespace {

using nos::test::make_docx;
using nos::test::para;

std::vector<std::string> texts(const nos::Source& s) {
  std::vector<std::string> out;
  for (const auto& l : s.lines) out.push_back(l.text);
  return out;
}

std::vector<std::string> read(const std::string& body, const std::string& numbering = "",
                              const std::string& styles = "") {
  return texts(nos::detail::read_docx_bytes(make_docx(body, numbering, styles), "t.docx", nos::Limits{}));
}

/// The message read_docx_bytes throws for `bytes`, or "" when it throws nothing.
std::string error_of(const std::string& bytes, const nos::Limits& limits = {}) {
  try {
    nos::detail::read_docx_bytes(bytes, "bad.docx", limits);
  } catch (const nos::Error& e) {
    CHECK(e.kind() == nos::ErrorKind::Input);
    CHECK(e.path() == "bad.docx");
    return e.what();
  }
  return "";
}

std::string run(const std::string& text) {
  return "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("docx: source fields") {
  nos::Source s = nos::detail::read_docx_bytes(make_docx(para("Hello")), "in/x.docx", nos::Limits{});
  CHECK(s.path == "in/x.docx");
  CHECK(s.format == "docx");
  CHECK(s.encoding == "utf-8");
  REQUIRE(s.lines.size() == 1);
  CHECK(s.lines[0].text == "Hello");
  CHECK(s.lines[0].location == nos::SourceLocation{.line = 1, .column = 1, .paragraph = 1});
}

TEST_CASE("docx: runs, tabs, breaks and special characters") {
  SUBCASE("runs split mid-word join up; proofErr and rsid noise are ignored") {
    CHECK(
        read("<w:p w:rsidR=\"00A1\"><w:r><w:rPr><w:b/></w:rPr><w:t>Perf</w:t></w:r><w:proofErr "
             "w:type=\"spellStart\"/><w:r><w:t xml:space=\"preserve\">orm </w:t></w:r>"
             "<w:proofErr w:type=\"spellEnd\"/><w:r><w:lastRenderedPageBreak/><w:t>ance</w:t></w:r></w:p>") ==
        V{"Perform ance"});
  }
  SUBCASE("tab, ptab, noBreakHyphen, softHyphen") {
    CHECK(
        read(
            "<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:ptab w:relativeTo=\"margin\" w:alignment=\"right\" "
            "w:leader=\"none\"/><w:t>well</w:t><w:noBreakHyphen/><w:t>be</w:t><w:softHyphen/><w:t>ing</w:t>"
            "</w:r></w:p>") == V{"a\tb\twell-being"});
  }
  SUBCASE("br and cr start a new line of the same paragraph") {
    nos::Source s = nos::detail::read_docx_bytes(
        make_docx(
            "<w:p><w:r><w:t>one</w:t><w:br/><w:t>two</w:t><w:br w:type=\"page\"/><w:t>three</w:t><w:cr/>"
            "</w:r></w:p>" +
            para("next")),
        "t.docx", nos::Limits{});
    CHECK(texts(s) == V{"one", "two", "three", "", "next"});
    CHECK(s.lines[2].location.paragraph == 1);
    CHECK(s.lines[2].location.line == 3);
    CHECK(s.lines[4].location.paragraph == 2);
  }
  SUBCASE("w:sym: Unicode characters kept, symbol-font characters mapped or dropped") {
    CHECK(read("<w:p><w:r><w:sym w:font=\"Symbol\" w:char=\"F0B7\"/><w:t>x</w:t>"
               "<w:sym w:font=\"Arial\" w:char=\"2013\"/><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/>"
               "<w:sym w:font=\"Wingdings 3\" w:char=\"F021\"/><w:sym w:font=\"Symbol\" w:char=\"zz\"/>"
               "<w:sym w:font=\"Symbol\" w:char=\"F0B3\"/></w:r></w:p>") == V{"\u2022x\u2013\u2713\u2265"});
  }
  SUBCASE("smart quotes, NBSP, entities and inner spaces are kept exactly") {
    CHECK(read(para("It\u2019s \u201cquoted\u201d.\u00a0 Then  two &amp; &#x2014; &lt;end&gt; ")) ==
          V{"It\u2019s \u201cquoted\u201d.\u00a0 Then  two & \u2014 <end> "});
  }
  SUBCASE("a whitespace-only run is kept") {
    CHECK(read("<w:p>" + run("a") + run(" ") + run("b") + "</w:p>") == V{"a b"});
  }
}

TEST_CASE("docx: containers keep their text") {
  SUBCASE("hyperlink, smartTag, customXml, inline and block sdt") {
    CHECK(read("<w:p><w:hyperlink r:id=\"rId9\" xmlns:r=\"r\">" + run("link") +
               "</w:hyperlink><w:smartTag w:uri=\"u\" w:element=\"place\"><w:smartTagPr/>" + run(" town") +
               "</w:smartTag><w:customXml w:element=\"x\">" + run(" custom") +
               "</w:customXml><w:sdt><w:sdtPr>" + "<w:alias w:val=\"Title\"/></w:sdtPr><w:sdtContent>" +
               run(" control") + "</w:sdtContent></w:sdt></w:p>" + "<w:sdt><w:sdtPr/><w:sdtContent>" +
               para("block control") + "</w:sdtContent></w:sdt><w:customXml w:element=\"y\">" +
               para("block custom") + "</w:customXml>") ==
          V{"link town custom control", "block control", "block custom"});
  }
  SUBCASE("fldSimple shows its result") {
    CHECK(read("<w:p>" + run("page ") + "<w:fldSimple w:instr=\" PAGE \">" + run("3") +
               "</w:fldSimple></w:p>") == V{"page 3"});
  }
  SUBCASE("complex fields show only the result") {
    CHECK(read("<w:p>" + run("see ") +
               "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> REF "
               "_Ref1 \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" +
               run("section 2") + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" + run(" below") +
               "</w:p>") == V{"see section 2 below"});
  }
  SUBCASE("a field nested in an instruction, and a field spanning paragraphs") {
    CHECK(read("<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>"
               "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
               "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" +
               run("hidden") +
               "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:instrText> = 1 \"x\"</w:instrText></w:r>"
               "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" +
               run("shown") + "</w:p>" + para("still the result") +
               "<w:p><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" + run("after") + "</w:p>") ==
          V{"shown", "still the result", "after"});
  }
  SUBCASE("tracked changes: insertions kept, deletions dropped") {
    CHECK(read("<w:p>" + run("keep ") + "<w:ins w:id=\"1\" w:author=\"a\">" + run("inserted ") +
               "</w:ins><w:del w:id=\"2\" w:author=\"a\"><w:r><w:delText>deleted </w:delText></w:r></w:del>" +
               "<w:r><w:delText>stray </w:delText></w:r>" + run("end") + "</w:p>") == V{"keep inserted end"});
  }
  SUBCASE("moves: moveFrom dropped, moveTo kept") {
    CHECK(read("<w:p><w:moveFromRangeStart w:id=\"1\" w:name=\"move1\"/><w:moveFrom>" + run("old place ") +
               "</w:moveFrom><w:moveFromRangeEnd w:id=\"1\"/>" + run("text") + "<w:moveTo>" +
               run(" new place") + "</w:moveTo></w:p>") == V{"text new place"});
  }
  SUBCASE("AlternateContent: the Choice when it has text, else the Fallback, never both") {
    std::string box = "<w:txbxContent>" + para("boxed") + "</w:txbxContent>";
    CHECK(read("<w:p>" + run("anchor") + "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>" +
               "<wps:txbx>" + box + "</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>" +
               box + "</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>") ==
          V{"anchor", "boxed"});
    CHECK(read("<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"w14\"><w:drawing/></mc:Choice>"
               "<mc:Fallback>" +
               run("fallback") + "</mc:Fallback></mc:AlternateContent></w:r></w:p>") == V{"fallback"});
  }
  SUBCASE("text boxes: their paragraphs follow the anchoring paragraph") {
    nos::Source s = nos::detail::read_docx_bytes(
        make_docx("<w:p>" + run("before ") + "<w:r><w:pict><v:shape><v:textbox><w:txbxContent>" +
                  para("in box 1") + para("in box 2") +
                  "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>" + run("after") + "</w:p>" +
                  para("next")),
        "t.docx", nos::Limits{});
    CHECK(texts(s) == V{"before after", "in box 1", "in box 2", "next"});
    CHECK(s.lines[1].location.paragraph == 2);
    CHECK(s.lines[3].location.paragraph == 4);
  }
  SUBCASE("math and other unknown markup is walked through; rPr/pPr never give text") {
    CHECK(read("<w:p><w:pPr><w:rPr><w:t>not text</w:t></w:rPr></w:pPr><w:r><w:rPr><w:t>nor this</w:t>"
               "</w:rPr><w:t>yes</w:t></w:r></w:p>") == V{"yes"});
  }
}

TEST_CASE("docx: tables, nested tables and locations") {
  auto cell = [](const std::string& inner) {
    return "<w:tc><w:tcPr><w:tcW w:w=\"1\"/></w:tcPr>" + inner + "</w:tc>";
  };
  std::string nested = "<w:tbl><w:tblPr/><w:tblGrid/><w:tr>" + cell(para("n1") + para("n2")) +
                       "</w:tr><w:tr>" + cell(para("n3")) + "</w:tr></w:tbl>";
  std::string body = para("title") + "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:trPr/>" +
                     cell(para("Overview")) + cell(para("text a") + para("text b")) + "</w:tr><w:tr>" +
                     cell(para("Criteria")) + cell(para("intro") + nested + para("")) + "</w:tr></w:tbl>" +
                     para("between") + "<w:tbl><w:tr>" + cell(para("second")) + "</w:tr></w:tbl>" +
                     para("end");
  nos::Source s = nos::detail::read_docx_bytes(make_docx(body), "t.docx", nos::Limits{});
  CHECK(texts(s) == V{"title", "\tOverview", "\ttext a", "text b", "\tCriteria", "\tintro", "\tn1", "n2",
                      "\tn3", "", "between", "\tsecond", "end"});
  auto loc = [&](std::size_t i) {
    const auto& l = s.lines[i].location;
    return std::vector<int>{l.line, l.paragraph, l.table, l.row, l.cell};
  };
  CHECK(loc(0) == std::vector<int>{1, 1, 0, 0, 0});
  CHECK(loc(1) == std::vector<int>{2, 2, 1, 1, 1});
  CHECK(loc(3) == std::vector<int>{4, 4, 1, 1, 2});
  CHECK(loc(4) == std::vector<int>{5, 5, 1, 2, 1});
  CHECK(loc(6) == std::vector<int>{7, 7, 1, 2, 2});  // inside the nested table: the top-level cell
  CHECK(loc(8) == std::vector<int>{9, 9, 1, 2, 2});
  CHECK(loc(10) == std::vector<int>{11, 11, 0, 0, 0});
  CHECK(loc(11) == std::vector<int>{12, 12, 2, 1, 1});
  CHECK(loc(12) == std::vector<int>{13, 13, 0, 0, 0});
  for (const auto& l : s.lines) CHECK(l.location.column == 1);
}

TEST_CASE("docx: bookmarks") {
  SUBCASE("in a paragraph, where they start") {
    CHECK(read("<w:p><w:bookmarkStart w:id=\"1\" w:name=\"Overview\"/>" + run("Over") +
               "<w:bookmarkEnd w:id=\"1\"/>" + run("view") +
               "<w:bookmarkStart w:id=\"2\" w:name=\"EndOverview\"/><w:bookmarkEnd w:id=\"2\"/></w:p>") ==
          V{"[bookmark: Overview]Overview[bookmark: EndOverview]"});
  }
  SUBCASE("between paragraphs they open the next paragraph; _GoBack and _Toc are skipped") {
    CHECK(read(para("a") + "<w:bookmarkStart w:id=\"1\" w:name=\"StartSkills\"/><w:bookmarkEnd w:id=\"1\"/>" +
               "<w:bookmarkStart w:id=\"2\" w:name=\"_GoBack\"/><w:bookmarkEnd w:id=\"2\"/>" +
               "<w:p><w:bookmarkStart w:id=\"3\" w:name=\"_Toc123\"/>" + run("b") + "</w:p>" +
               "<w:tbl><w:tr><w:bookmarkStart w:id=\"4\" w:name=\"InRow\"/><w:tc>" + para("c") +
               "<w:bookmarkStart w:id=\"5\" w:name=\"AfterCell\"/></w:tc></w:tr></w:tbl>" + para("d") +
               "<w:bookmarkStart w:id=\"6\" w:name=\"Last\"/>") ==
          V{"a", "[bookmark: StartSkills]b", "\t[bookmark: InRow]c", "[bookmark: AfterCell]d",
            "[bookmark: Last]"});
  }
}

namespace {

std::string level(int ilvl, const std::string& text, const std::string& fmt = "decimal", int start = 1,
                  const std::string& extra = "") {
  return "<w:lvl w:ilvl=\"" + std::to_string(ilvl) + "\"><w:start w:val=\"" + std::to_string(start) +
         "\"/><w:numFmt w:val=\"" + fmt + "\"/>" + extra + "<w:lvlText w:val=\"" + text + "\"/></w:lvl>";
}

std::string num_pr(int num_id, int ilvl = 0) {
  return "<w:numPr><w:ilvl w:val=\"" + std::to_string(ilvl) + "\"/><w:numId w:val=\"" +
         std::to_string(num_id) + "\"/></w:numPr>";
}

const std::string kNumbering =
    "<w:abstractNum w:abstractNumId=\"0\">" + level(0, "P%1") + "</w:abstractNum>" +
    "<w:abstractNum w:abstractNumId=\"1\">" + level(0, "K%1") + "</w:abstractNum>" +
    "<w:abstractNum w:abstractNumId=\"2\">" + level(0, "%1.") + level(1, "%1.%2", "lowerLetter") +
    level(2, "(%3)", "lowerRoman") + "</w:abstractNum>" + "<w:abstractNum w:abstractNumId=\"3\">" +
    level(0, "\xef\x82\xb7", "bullet") + "</w:abstractNum>" +
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
    "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/></w:num>"
    "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"3\"/></w:num>"
    "<w:num w:numId=\"5\"><w:abstractNumId w:val=\"0\"/></w:num>"
    "<w:num w:numId=\"6\"><w:abstractNumId w:val=\"2\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride "
    "w:val=\"1\"/></w:lvlOverride></w:num>"
    "<w:num w:numId=\"7\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride "
    "w:val=\"10\"/></w:lvlOverride></w:num>";

}  // namespace

TEST_CASE("docx: Word list numbering") {
  SUBCASE("P%1 and K%1 continue across group headings and nested tables") {
    std::string nested =
        "<w:tbl><w:tr><w:tc>" + para("Group heading") + para("second", num_pr(1)) + "</w:tc></w:tr></w:tbl>";
    CHECK(read(para("first", num_pr(1)) + para("Heading") + para("") + nested + para("third", num_pr(1)) +
                   para("know", num_pr(2)) + para("more", num_pr(2)),
               kNumbering) ==
          V{"P1 first", "Heading", "", "\tGroup heading", "P2 second", "P3 third", "K1 know", "K2 more"});
  }
  SUBCASE("a new w:num on the same abstract list continues it; a startOverride restarts") {
    CHECK(read(para("a", num_pr(1)) + para("b", num_pr(5)) + para("c", num_pr(1)) + para("x", num_pr(2)) +
                   para("y", num_pr(7)) + para("z", num_pr(7)),
               kNumbering) == V{"P1 a", "P2 b", "P3 c", "K1 x", "K10 y", "K11 z"});
    CHECK(read(para("a", num_pr(3)) + para("b", num_pr(3)) + para("c", num_pr(6)) + para("d", num_pr(6)),
               kNumbering) == V{"1. a", "2. b", "1. c", "2. d"});
  }
  SUBCASE("levels, letters, roman numerals and restarts of lower levels") {
    CHECK(read(para("one", num_pr(3)) + para("sub", num_pr(3, 1)) + para("sub2", num_pr(3, 1)) +
                   para("deep", num_pr(3, 2)) + para("two", num_pr(3)) + para("sub again", num_pr(3, 1)),
               kNumbering) == V{"1. one", "1.a sub", "1.b sub2", "(i) deep", "2. two", "2.a sub again"});
  }
  SUBCASE("bullets, numId 0, unknown lists render nothing") {
    CHECK(read(para("dot", num_pr(4)) + para("none", num_pr(0)) + para("unknown", num_pr(99)), kNumbering) ==
          V{"dot", "none", "unknown"});
  }
  SUBCASE("numbering through the paragraph style and its basedOn chain") {
    std::string styles =
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
        "w:val=\"Normal\"/></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"PC\"><w:basedOn w:val=\"Normal\"/><w:pPr>" +
        num_pr(1) +
        "</w:pPr></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"PCBold\"><w:basedOn w:val=\"PC\"/></w:style>";
    CHECK(read(para("a", "<w:pStyle w:val=\"PC\"/>") + para("plain") +
                   para("b", "<w:pStyle w:val=\"PCBold\"/>") +
                   para("c", "<w:pStyle w:val=\"PC\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr>"),
               kNumbering, styles) == V{"P1 a", "plain", "P2 b", "c"});
  }
  SUBCASE("a deleted paragraph is not counted; no numbering.xml means no numbers") {
    CHECK(
        read(para("a", num_pr(1)) + "<w:p><w:pPr>" + num_pr(1) +
                 "<w:rPr><w:del w:id=\"1\" w:author=\"x\"/></w:rPr></w:pPr><w:del w:id=\"2\" w:author=\"x\">"
                 "<w:r><w:delText>gone</w:delText></w:r></w:del></w:p>" +
                 para("b", num_pr(1)),
             kNumbering) == V{"P1 a", "", "P2 b"});
    CHECK(read(para("a", num_pr(1))) == V{"a"});
  }
  SUBCASE("the number comes after the cell tab and before bookmarks") {
    CHECK(read("<w:tbl><w:tr><w:tc><w:bookmarkStart w:id=\"1\" w:name=\"B\"/>" + para("a", num_pr(1)) +
                   "</w:tc></w:tr></w:tbl>",
               kNumbering) == V{"\tP1 [bookmark: B]a"});
  }
}

TEST_CASE("docx: names are matched by namespace, not by prefix") {
  const std::string word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  const std::string mc = "http://schemas.openxmlformats.org/markup-compatibility/2006";
  auto lines_of = [](const std::string& document) {
    return texts(
        nos::detail::read_docx_bytes(nos::test::make_zip({{"[Content_Types].xml", nos::test::kContentTypes},
                                                          {"word/document.xml", document}}),
                                     "t.docx", nos::Limits{}));
  };
  SUBCASE("another prefix, or the default namespace, for WordprocessingML") {
    CHECK(lines_of("<x:document xmlns:x=\"" + word +
                   "\"><x:body><x:p><x:r><x:t>prefixed</x:t></x:r></x:p></x:body></x:document>") ==
          V{"prefixed"});
    CHECK(lines_of("<document xmlns=\"" + word + "\"><body><p><r><t>default</t></r></p></body></document>") ==
          V{"default"});
  }
  SUBCASE("bound on a descendant, attributes too; mc: under another prefix") {
    CHECK(lines_of("<w:document xmlns:w=\"" + word + "\"><w:body><w:p><q:bookmarkStart xmlns:q=\"" + word +
                   "\" q:id=\"1\" q:name=\"Overview\"/><q:r xmlns:q=\"" + word +
                   "\"><q:t>inner</q:t></q:r></w:p><w:p><m:AlternateContent xmlns:m=\"" + mc +
                   "\"><m:Choice Requires=\"wps\">" + run("choice") + "</m:Choice><m:Fallback>" +
                   run("fallback") + "</m:Fallback></m:AlternateContent></w:p></w:body></w:document>") ==
          V{"[bookmark: Overview]inner", "choice"});
  }
  SUBCASE("w: bound to another namespace is not Word's") {
    CHECK(lines_of("<w:document xmlns:w=\"" + word + "\"><w:body><w:p>" + run("kept") +
                   "<w:r xmlns:w=\"urn:other\"><w:t>other</w:t></w:r></w:p></w:body></w:document>") ==
          V{"kept"});
  }
  SUBCASE("a part written back keeps its meaning") {
    const std::string document =
        "<x:document xmlns:x=\"" + word + "\"><x:body><x:p><x:r><x:t>a</x:t></x:r></x:p>" +
        "<x:p><w:r xmlns:w=\"urn:other\"><w:t>b</w:t></w:r></x:p></x:body></x:document>";
    const std::string bytes = nos::test::make_zip(
        {{"[Content_Types].xml", nos::test::kContentTypes}, {"word/document.xml", document}});
    const nos::detail::ZipArchive zip(bytes, "t.docx", nos::Limits{}.max_zip_entries, "DOCX");
    std::string data = document;
    pugi::xml_document doc;
    nos::detail::parse_part(doc, data, "word/document.xml", "t.docx", nos::Limits{}, nos::detail::kKeepXml);
    CHECK(nos::detail::trace_docx_body(zip, doc, "t.docx", nos::Limits{}).texts == V{"a", ""});
    std::ostringstream written;
    doc.save(written, "", pugi::format_raw | pugi::format_no_declaration);
    CHECK(written.str() ==
          "<w:document xmlns:x=\"" + word + "\" xmlns:w=\"" + word +
              "\"><w:body><w:p><w:r><w:t>a</w:t></w:r></w:p><w:p><nos.w:r "
              "xmlns:nos.w=\"urn:other\"><nos.w:t>b</nos.w:t></nos.w:r></w:p></w:body></w:document>");
  }
}

TEST_CASE("docx: format detection") {
  using nos::detail::describe_foreign_format;
  using nos::detail::looks_like_zip;
  using namespace std::string_literals;
  CHECK(looks_like_zip("PK\x03\x04rest"));
  CHECK(looks_like_zip("PK\x05\x06"s + std::string(18, '\0')));
  CHECK_FALSE(looks_like_zip("PK"));
  CHECK_FALSE(looks_like_zip("Overview"));
  CHECK(describe_foreign_format("%PDF-1.7\n") == "this is a PDF file, not a DOCX");
  std::string ole = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"s + std::string(600, '\0');
  CHECK(describe_foreign_format(ole) == "");  // the .doc reader takes it
  CHECK(nos::detail::looks_like_ole(ole));
  std::string encrypted = ole;
  for (char c : std::string("EncryptedPackage")) encrypted += std::string{c, '\0'};
  CHECK(describe_foreign_format(encrypted) ==
        "this is an encrypted (password-protected) Office file; remove the password in Word and save again");
  CHECK(describe_foreign_format("{\\rtf1\\ansi") == "");
  CHECK(nos::detail::looks_like_rtf("{\\rtf1\\ansi"));
  CHECK(nos::detail::looks_like_html("\xef\xbb\xbf\n <!DOCTYPE html>"));
  CHECK(nos::detail::looks_like_html("<HTML xmlns:v=\"urn:schemas-microsoft-com:vml\">"));
  CHECK(
      nos::detail::looks_like_html("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"));
  CHECK_FALSE(nos::detail::looks_like_html("Overview <html> in a sentence"));
  CHECK(describe_foreign_format("\x89PNG\r\n\x1a\n....") == "this is a PNG image, not a document nos reads");
  CHECK(describe_foreign_format("\xff\xd8\xff\xe0") == "this is a JPEG image, not a document nos reads");
  CHECK(describe_foreign_format("GIF89a") == "this is a GIF image, not a document nos reads");
  CHECK(describe_foreign_format("\x1f\x8b\x08") ==
        "this is a gzip-compressed file, not a document nos reads; decompress it first");
  CHECK(describe_foreign_format("\x7f"
                                "ELF\x02") == "this is an executable (ELF) file, not a document nos reads");
  CHECK(describe_foreign_format(" \tOverview\nP1 do things\n") == "");
  CHECK(describe_foreign_format("") == "");
  CHECK(describe_foreign_format("PK\x03\x04") == "");
}

TEST_CASE("docx: bad files give one clear error") {
  const std::string prefix = "bad.docx: ";
  std::string good = make_docx(para("text"));
  SUBCASE("foreign formats and empty input") {
    CHECK(error_of("%PDF-1.4\n%\xe2\xe3") == prefix + "this is a PDF file, not a DOCX");
    std::string encrypted = std::string("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) + std::string(100, '\0');
    for (char c : std::string("EncryptedPackage")) encrypted += std::string{c, '\0'};
    CHECK(error_of(encrypted) == prefix +
                                     "this is an encrypted (password-protected) Office file; remove the "
                                     "password in Word and save again");
    CHECK(error_of("") == prefix + "the file is empty, not a DOCX");
  }
  SUBCASE("not a zip, truncated zip") {
    const std::string damaged =
        prefix + "the file is not a valid DOCX: the zip container is damaged (truncated or corrupt)";
    CHECK(error_of(std::string("PK\x03\x04", 4) + std::string(200, 'x')) == damaged);
    CHECK(error_of(good.substr(0, good.size() / 2)) == damaged);
    CHECK(error_of(good.substr(0, good.size() - 10)) == damaged);
    std::string no_directory = good;
    no_directory.replace(no_directory.find(std::string("PK\x01\x02", 4)), 4, "PKxx");
    CHECK(error_of(no_directory) == damaged);
  }
  SUBCASE("a corrupt deflate stream is reported as damaged") {
    std::string doc = nos::test::document_xml(para(std::string(3000, 'a')));
    std::string zip =
        nos::test::make_zip({{"[Content_Types].xml", nos::test::kContentTypes}, {"word/document.xml", doc}});
    std::size_t at = zip.find("word/document.xml") + 17 + 40;  // into the compressed data
    zip[at] = static_cast<char>(zip[at] ^ 0xff);
    zip[at + 1] = static_cast<char>(zip[at + 1] ^ 0xff);
    CHECK(error_of(zip) ==
          prefix + "the file is not a valid DOCX: the zip container is damaged (truncated or corrupt)");
  }
  SUBCASE("missing parts") {
    std::string doc = nos::test::document_xml(para("x"));
    CHECK(error_of(nos::test::make_zip({{"[Content_Types].xml", nos::test::kContentTypes}})) ==
          prefix + "the zip file has no word/document.xml: not a Word document");
    CHECK(error_of(nos::test::make_zip({{"word/document.xml", doc}})) ==
          prefix + "the zip file has no [Content_Types].xml: not a Word document");
    CHECK(error_of(nos::test::make_zip({{"readme.txt", "hello"}})) ==
          prefix + "the zip file has no [Content_Types].xml and word/document.xml: not a Word document");
    CHECK(error_of(nos::test::make_zip({{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.xml", "<x/>"}})) ==
          prefix +
              "the zip file has no word/document.xml: it is an Excel workbook (.xlsx), not a Word document");
    CHECK(error_of(std::string("PK\x05\x06", 4) + std::string(18, '\0')) ==
          prefix + "the zip file has no [Content_Types].xml and word/document.xml: not a Word document");
  }
  SUBCASE("an OpenDocument file not told as an ODT says what it is, by its mimetype") {
    // make_zip compresses the mimetype entry, which ODF requires stored: so these are not told as ODT.
    auto odf = [](const std::string& mime) {
      return nos::test::make_zip(
          {{"mimetype", "application/vnd.oasis.opendocument." + mime}, {"content.xml", "<x/>"}});
    };
    const std::string none = prefix + "the zip file has no [Content_Types].xml and word/document.xml: ";
    CHECK(error_of(odf("text")) ==
          none +
              "it is an OpenDocument text whose mimetype is not its first entry, stored "
              "uncompressed, as ODF requires; save it again in LibreOffice");
    CHECK(error_of(odf("spreadsheet")) == none + "it is an OpenDocument spreadsheet, not a text document");
    CHECK(error_of(odf("chart")) == none + "it is an OpenDocument file, not a text document");
  }
  SUBCASE("entries are read by name only: odd names are ignored, never extracted") {
    std::string zip = nos::test::make_zip({{"[Content_Types].xml", nos::test::kContentTypes},
                                           {"../evil.xml", "x"},
                                           {"/etc/evil.xml", "y"},
                                           {"word/document.xml", nos::test::document_xml(para("fine"))}});
    CHECK(texts(nos::detail::read_docx_bytes(zip, "t.docx", nos::Limits{})) == V{"fine"});
  }
  SUBCASE("malformed XML names the part, the problem and the byte offset") {
    std::string doc = nos::test::document_xml(para("text"));
    doc = doc.substr(0, doc.size() - 20);
    CHECK(error_of(nos::test::make_zip(
              {{"[Content_Types].xml", nos::test::kContentTypes}, {"word/document.xml", doc}})) ==
          prefix + "word/document.xml is not well-formed XML: could not determine tag type at byte " +
              std::to_string(doc.size() - 1));
    CHECK(error_of(make_docx(para("a"), "<w:num><broken")) ==
          prefix + "word/numbering.xml is not well-formed XML: error parsing start element tag at byte 326");
    CHECK(error_of(nos::test::make_zip(
              {{"[Content_Types].xml", nos::test::kContentTypes}, {"word/document.xml", ""}})) ==
          prefix + "word/document.xml is not well-formed XML: no document element found at byte 0");
    CHECK(error_of(nos::test::make_zip({{"[Content_Types].xml", nos::test::kContentTypes},
                                        {"word/document.xml", "<root><body/></root>"}})) ==
          prefix + "word/document.xml has no w:document/w:body: not a Word document");
  }
  SUBCASE("an inflated part over the limit is refused: never trust the declared size") {
    nos::Limits small;
    small.max_part_bytes = 1024;
    std::string doc = nos::test::document_xml(para(std::string(2000, 'a')));
    std::string zip =
        nos::test::make_zip({{"[Content_Types].xml", nos::test::kContentTypes}, {"word/document.xml", doc}});
    const std::string bomb =
        prefix +
        "word/document.xml inflates to more than 1 KiB (limit --max-part-size): refusing a possible zip bomb";
    CHECK(error_of(zip, small) == bomb);
    // Lie about the size in the local header and the central directory: the cap still holds.
    auto patch = [&](std::string_view sig, std::size_t size_offset) {
      for (std::size_t at = zip.find(sig); at != std::string::npos; at = zip.find(sig, at + 1)) {
        std::size_t name_len_at = sig[2] == '\x01' ? at + 28 : at + 26;
        std::size_t name_at = sig[2] == '\x01' ? at + 46 : at + 30;
        std::size_t len = static_cast<unsigned char>(zip[name_len_at]) |
                          (static_cast<unsigned char>(zip[name_len_at + 1]) << 8);
        if (zip.compare(name_at, len, "word/document.xml") != 0) continue;
        zip[at + size_offset] = 10;
        zip[at + size_offset + 1] = zip[at + size_offset + 2] = zip[at + size_offset + 3] = 0;
      }
    };
    patch(std::string_view("PK\x03\x04", 4), 22);
    patch(std::string_view("PK\x01\x02", 4), 24);
    std::string lied = error_of(zip, small);
    CHECK((lied == bomb ||
           lied ==
               prefix + "the file is not a valid DOCX: the zip container is damaged (truncated or corrupt)"));
    nos::Limits exact;
    exact.max_part_bytes = doc.size();
    CHECK(error_of(nos::test::make_zip(
                       {{"[Content_Types].xml", nos::test::kContentTypes}, {"word/document.xml", doc}}),
                   exact) == "");
  }
  SUBCASE("too many entries") {
    nos::Limits small;
    small.max_zip_entries = 3;
    nos::test::Parts parts = {{"[Content_Types].xml", nos::test::kContentTypes},
                              {"word/document.xml", nos::test::document_xml(para("x"))},
                              {"a.xml", "<a/>"},
                              {"b.xml", "<b/>"}};
    CHECK(error_of(nos::test::make_zip(parts), small) ==
          prefix +
              "the zip container has more than 3 entries (limit --max-zip-entries): refusing a possible zip "
              "bomb");
    parts.pop_back();
    CHECK(error_of(nos::test::make_zip(parts), small) == "");
  }
  SUBCASE("nesting deeper than the limit") {
    nos::Limits small;
    small.max_xml_depth = 20;
    std::string deep;
    for (int i = 0; i < 30; ++i) deep += "<w:sdt><w:sdtContent>";
    deep += para("deep");
    for (int i = 0; i < 30; ++i) deep += "</w:sdtContent></w:sdt>";
    CHECK(error_of(make_docx(deep), small) ==
          prefix + "word/document.xml nests elements more than 20 deep (limit --max-xml-depth)");
    // The default limit is far above what Word writes, and far below what would exhaust the stack.
    std::string deeper;
    for (int i = 0; i < 100000; ++i) deeper += "<w:sdt>";
    for (int i = 0; i < 100000; ++i) deeper += "</w:sdt>";
    CHECK(error_of(make_docx(deeper)) ==
          prefix + "word/document.xml nests elements more than 256 deep (limit --max-xml-depth)");
  }
}

TEST_CASE("docx: the corpus twins (NOS_CORPUS=folder from make_corpus.py)") {
  const char* corpus = std::getenv("NOS_CORPUS");
  if (corpus == nullptr) return;
  namespace fs = std::filesystem;
  auto slurp = [](const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
  };
  auto trimmed = [](const std::string& s) {
    std::size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return std::string();
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
  };
  int compared = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(corpus) / "docx")) {
    if (entry.path().extension() != ".docx") continue;
    fs::path txt = fs::path(corpus) / "txt" / fs::relative(entry.path(), fs::path(corpus) / "docx");
    txt.replace_extension(".txt");
    if (!fs::exists(txt)) continue;
    std::vector<std::string> a, b;
    nos::Source s = nos::detail::read_docx_bytes(slurp(entry.path()), entry.path().string(), nos::Limits{});
    for (const auto& l : s.lines) {
      if (auto t = trimmed(l.text); !t.empty()) a.push_back(t);
    }
    std::istringstream in(slurp(txt));
    for (std::string line; std::getline(in, line);) {
      if (auto t = trimmed(line); !t.empty()) b.push_back(t);
    }
    INFO(entry.path().string());
    CHECK(a == b);
    ++compared;
  }
  MESSAGE("compared " << compared << " DOCX/text pairs");
}
