// The section parser: one test per way of finding content.
#include <doctest/doctest.h>

#include "nos/nos.hpp"
#include "parse_helpers.hpp"
#include "test_support.hpp"

using nos::FoundBy;
using nos::test::ids;
using nos::test::parse_text;

namespace {

const nos::Section& sec(const nos::Document& d, const char* key) { return *d.section(key); }

std::vector<std::string> items_text(const nos::Document& d, const char* key) {
  std::vector<std::string> out;
  for (const auto& g : sec(d, key).groups)
    for (const auto& item : g.items) out.emplace_back(item.text());
  return out;
}

}  // namespace

TEST_CASE("labels place content, and a label printed twice is kept twice") {
  auto d = parse_text(
      "ABC123\nKeep the yard tidy\n Overview\nThis standard is about yards.\n Performance criteria\n"
      "You must be able to:\n You must be able to:\nSweeping\n\nP1 sweep the yard\nP2 empty the bins\n"
      " Knowledge and understanding\nYou need to know and understand:\nK1 why tidy yards matter\n");
  CHECK(d.urn == "ABC123");
  CHECK(d.title == "Keep the yard tidy");
  CHECK(sec(d, "overview").text() == "This standard is about yards.");
  CHECK(ids(d, "performance_criteria") == "P1 P2");
  CHECK(sec(d, "performance_criteria").groups[0].heading == "Sweeping");
  REQUIRE(sec(d, "performance_criteria").labels.size() == 3);
  CHECK(sec(d, "performance_criteria").labels[2].stem);
  CHECK(sec(d, "performance_criteria").labels[2].location.line == 7);
  CHECK(sec(d, "knowledge_and_understanding").found_by == FoundBy::Label);
}

TEST_CASE("a missing label: the numbering finds the list, a heading before it moves with it") {
  auto d = parse_text("Performance criteria\nP1 sweep\nP2 mop\n Rights\n\nK1 the law\nK2 the rules\n");
  CHECK(ids(d, "knowledge_and_understanding") == "K1 K2");
  CHECK(sec(d, "knowledge_and_understanding").found_by == FoundBy::Numbering);
  CHECK(sec(d, "knowledge_and_understanding").groups[0].heading == "Rights");
  CHECK(sec(d, "knowledge_and_understanding").labels.empty());
}

TEST_CASE("plain numbers: a second run starting at 1 is the next list") {
  auto d =
      parse_text("Performance criteria\n1.    check\n2.    clean\nKnowledge and understanding\n1.    law\n");
  CHECK(ids(d, "performance_criteria") == "P1 P2");
  CHECK(ids(d, "knowledge_and_understanding") == "K1");
  auto no_label = parse_text("Performance criteria\n1. check\n2. clean\n1. law\n2. rules\n");
  CHECK(ids(no_label, "knowledge_and_understanding") == "K1 K2");
}

TEST_CASE("a stray K number among performance criteria stays where it is, for the validator") {
  auto d = parse_text("Performance criteria\nP1 a\nK2 b\nP3 c\nKnowledge and understanding\nK1 d\n");
  CHECK(ids(d, "performance_criteria") == "P1 K2 P3");
  CHECK(ids(d, "knowledge_and_understanding") == "K1");
}

TEST_CASE("an unnumbered line inside a Tika list is an unnumbered item") {
  auto d = parse_text(
      "Knowledge and understanding\nK1 a\nK2 theories about b\ntheories about c\n\nTheme\n\nK3 d\n");
  CHECK(ids(d, "knowledge_and_understanding") == "K1 K2 ? | K3");
  CHECK(sec(d, "knowledge_and_understanding").groups[0].items[2].text() == "theories about c");
  CHECK(sec(d, "knowledge_and_understanding").groups[0].items[2].location.line == 4);
}

TEST_CASE(
    "a capitalised line between two items is an unnumbered item; one set off by blank lines is a heading") {
  auto d = parse_text("Knowledge and understanding\nK1 a\nTheories about b\nK2 c\n\nYour practice:\nK3 d\n");
  CHECK(ids(d, "knowledge_and_understanding") == "K1 ? K2 | K3");
  CHECK(sec(d, "knowledge_and_understanding").groups[1].heading == "Your practice:");
}

TEST_CASE("cues place prose whose label is missing; a fresh label outranks a cue") {
  auto d = parse_text(
      "Knowledge and understanding\nK1 a\n\t[bookmark: StartSkills][bookmark: EndSkills]The details in this "
      "field "
      "are explanatory statements of scope.\nMore scope.\n Scope/range related to knowledge and "
      "understanding\n"
      "\t[bookmark: StartGlossary]All knowledge statements must be applied in context.\n"
      " \t[bookmark: StartLinks][bookmark: EndLinks]Adherence to codes of practice.\nTo be respected\n");
  CHECK(sec(d, "scope_range.performance_criteria").found_by == FoundBy::Cue);
  CHECK(sec(d, "scope_range.performance_criteria").paragraphs.size() == 2);
  CHECK_FALSE(sec(d, "skills").present);
  CHECK(sec(d, "scope_range.knowledge_and_understanding").text() ==
        "All knowledge statements must be applied in context.");
  CHECK_FALSE(sec(d, "glossary").present);
  CHECK(sec(d, "values").text() == "Adherence to codes of practice.\nTo be respected");
  CHECK_FALSE(sec(d, "links").present);
}

TEST_CASE("a cue phrase inside running prose does not start a new section") {
  auto d = parse_text(
      "Values\nAdherence to codes of practice.\nThe details in this field are explanatory statements "
      "of scope, said again.\n");
  CHECK(sec(d, "values").paragraphs.size() == 2);
  CHECK_FALSE(sec(d, "scope_range.performance_criteria").present);
}

TEST_CASE("an open Start bookmark finds a section with no label and no cue") {
  auto d =
      parse_text("Values\nTo be respected\n[bookmark: StartBehaviours]Listen before acting\nBe on time\n");
  CHECK(sec(d, "behaviours").found_by == FoundBy::Bookmark);
  CHECK(sec(d, "behaviours").text() == "Listen before acting\nBe on time");
}

TEST_CASE("a Start/End pair names the field of the unidentified text just before it") {
  auto d = parse_text(
      "Knowledge and understanding\nK1 a\n\tOthers are colleagues\nRisk is a hazard\n"
      "[bookmark: StartScopeKU][bookmark: EndScopeKU]\n Developed by\n\tSkills Body\n");
  CHECK(sec(d, "scope_range.knowledge_and_understanding").text() ==
        "Others are colleagues\nRisk is a hazard");
  CHECK(d.unplaced.empty());
  CHECK(d.field("developed_by")->value == "Skills Body");
}

TEST_CASE("glossary lines split into term and definition") {
  auto d = parse_text(
      "Glossary\nCarer Any person who cares\nKey people: those who matter\n\u201CDanger zone\u201D The "
      "range\n"
      "just one long sentence with no term\n");
  const auto& e = sec(d, "glossary").entries;
  REQUIRE(e.size() == 4);
  CHECK(e[0].term == "Carer");
  CHECK(e[0].definition == "Any person who cares");
  CHECK(e[1].term == "Key people");
  CHECK(e[2].term == "Danger zone");
  CHECK_FALSE(e[3].term.has_value());
}

TEST_CASE("metadata: value lines, inline values, lists") {
  auto d = parse_text(
      "Overview\nThis standard is about x.\n Developed by\n\tSkills Body\nVersion Number "
      "3\nStatus\nOriginal\n"
      "Keywords\nsafety; hygiene;\nfood\n");
  CHECK(d.field("developed_by")->value == "Skills Body");
  CHECK(d.field("version")->value == "3");
  CHECK(d.field("status")->value == "Original");
  CHECK(d.field("keywords")->values == std::vector<std::string>{"safety", "hygiene", "food"});
}

TEST_CASE("PDF text: headers and page numbers vanish, wrapped lines join") {
  const std::string header = "ABC123 \nOperate the widget press safely at all\ntimes\n";
  auto d = parse_text(
      header + header +
      "Overview\nThis standard is about pressing widgets in a factory setting where the\n"
      "presses run all day.\n1\n" +
      header +
      "Performance criteria\nYou must be able to:\n"
      "1.    check the guard is in place and that the emergency stop works before\n"
      "      starting the press\n2.    report faults to the Health and Safety\n"
      "2\n" +
      header +
      "Executive when required by law\nKnowledge and understanding\nYou need to know and understand:\n"
      "1.    the law\nAdditional Information\nValues\nWork safely.\nVersion Number\n2\nOriginal "
      "URN\nABC123\n3\n" +
      header);
  CHECK(d.source.dialect == "pdf");
  CHECK(d.title == "Operate the widget press safely at all times");
  CHECK(sec(d, "overview").text() ==
        "This standard is about pressing widgets in a factory setting where the presses run all day.");
  REQUIRE(ids(d, "performance_criteria") == "P1 P2");
  CHECK(sec(d, "performance_criteria").groups[0].items[0].text() ==
        "check the guard is in place and that the emergency stop works before starting the press");
  CHECK(sec(d, "performance_criteria").groups[0].items[1].text() ==
        "report faults to the Health and Safety Executive when required by law");
  CHECK(ids(d, "knowledge_and_understanding") == "K1");
  CHECK(sec(d, "values").text() == "Work safely.");
  CHECK(d.field("version")->value == "2");
  CHECK(d.field("original_urn")->value == "ABC123");
  CHECK(d.unplaced.empty());
}

TEST_CASE("PDF text laid out side by side: labels and values on one line") {
  auto d = parse_text(
      "Overview This standard is about widgets.\nPerformance criteria You must be able to: 1. check the "
      "press\n"
      "2. clean the press\nDeveloped by Widget Skills\nVersion Number 4\nStatus Tailored\n");
  CHECK(sec(d, "overview").text() == "This standard is about widgets.");
  CHECK(ids(d, "performance_criteria") == "P1 P2");
  CHECK(d.field("developed_by")->value == "Widget Skills");
  CHECK(d.field("status")->value == "Tailored");
}

TEST_CASE("a user grammar adds a section and an item style without code changes") {
  auto grammar = nos::Grammar::load_string(R"(
name: custom
urn_pattern: '[A-Z]{3}[0-9]+'
markers: {bookmark: '\[bookmark: ?([^\]]*)\]'}
plain_item_pattern: '(\d+)\.\s+'
sections:
  - {key: overview, kind: prose, required: true, labels: [Summary]}
  - {key: tasks, kind: items, labels: [Tasks], items: [{pattern: 'T-(\d+)\s+', id: T}]}
  - {key: safety_notes, kind: prose, labels: [Safety notes]}
)",
                                           "custom.yaml");
  auto d = nos::parse(
      nos::test::source_of("Summary\nAbout tasks.\nTasks\nT-1 lift\nT-2 carry\nSafety notes\nBend knees.\n"),
      grammar);
  CHECK(ids(d, "tasks") == "T1 T2");
  CHECK(d.section("safety_notes")->text() == "Bend knees.");
  CHECK(nos::emit_model(d, nos::ModelFormat::Yaml).find("safety_notes: \"Bend knees.\"") !=
        std::string::npos);
}

TEST_CASE("grammar errors name the file, the line and the fault") {
  auto error_of = [](const std::string& yaml) {
    try {
      nos::Grammar::load_string(yaml, "g.yaml");
    } catch (const nos::Error& e) {
      CHECK(e.kind() == nos::ErrorKind::Grammar);
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(error_of("name: [unclosed").starts_with("g.yaml:1:"));
  CHECK(error_of("name: x\nurn_pattern: 'A'\nmarkers: {bookmark: '(x)'}\nplain_item_pattern: 'x'\nsections: "
                 "[]\nbogus: 1\n") ==
        "g.yaml:6:1: unknown key 'bogus' in the grammar (allowed: name, version, urn_pattern, "
        "urn_head_pattern, urn_header_pattern, page_number_pattern, structural_labels, "
        "markers, plain_item_pattern, continuation_endings, continuation_starts, placement, sections, "
        "metadata)");
  CHECK(error_of("name: x\nurn_pattern: '(('\nmarkers: {bookmark: '(x)'}\nplain_item_pattern: 'x'\nsections: "
                 "[{key: a, kind: prose}]\n")
            .starts_with("g.yaml:2:14: urn_pattern: invalid pattern '((': missing )"));
  CHECK(error_of("name: x\nurn_pattern: 'A'\nmarkers: {bookmark: '(x)'}\nplain_item_pattern: 'x'\nsections: "
                 "[{key: a, kind: table}]\n") ==
        "g.yaml:5:27: section kind 'table' is not one of prose, items, glossary");
}

TEST_CASE("a label wrapped over two or three lines is still a label") {
  auto d = parse_text(
      "Overview\nThis standard is about x.\nScope/range related to\nperformance\ncriteria\nThe area may be "
      "indoors.\n"
      "Knowledge and\nunderstanding\nK1 the law\n");
  CHECK(d.section("scope_range.performance_criteria")->text() == "The area may be indoors.");
  CHECK(d.section("scope_range.performance_criteria")->found_by == FoundBy::Label);
  CHECK(d.section("scope_range.performance_criteria")->labels[0].text ==
        "Scope/range related to performance criteria");
  CHECK(d.section("knowledge_and_understanding")->labels.size() == 1);
}

TEST_CASE("text after the metadata block is not glued to the last value") {
  auto d = parse_text(
      "Overview\nThis standard is about x.\n Keywords\n\tsafety; hygiene\n\nNOT PROTECTIVELY MARKED\n");
  CHECK(d.field("keywords")->values == std::vector<std::string>{"safety", "hygiene"});
  REQUIRE(d.unplaced.size() == 1);
  CHECK(d.unplaced[0].text == "NOT PROTECTIVELY MARKED");
  auto spaced = parse_text(
      "Overview\nThis standard is about x.\nDeveloped by\n\nWidget Skills\n\nVersion Number\n\n2\n");
  CHECK(spaced.field("developed_by")->value == "Widget Skills");
  CHECK(spaced.field("version")->value == "2");
}

TEST_CASE("a form feed marks PDF text even without a running header") {
  auto d = parse_text(
      "Performance criteria\n1.    check the press and the guard and the\nstop button\n\f2.    clean it\n");
  CHECK(d.source.dialect == "pdf");
  CHECK(d.section("performance_criteria")->groups[0].items[0].text() ==
        "check the press and the guard and the stop button");
}

TEST_CASE("an oddly shaped URN on the first line is kept as printed, for the validator") {
  auto d = parse_text("SCD HSC0390\nPromote communication\nOverview\nThis standard is about x.\n");
  CHECK(d.urn == "SCD HSC0390");
  CHECK(d.title == "Promote communication");
  auto prose = parse_text("Work safely at all times on site\nOverview\nThis standard is about x.\n");
  CHECK_FALSE(prose.urn.has_value());
  CHECK(prose.title == "Work safely at all times on site");
}

TEST_CASE("labels first: a numbered list in the overview stays there; one under a prose label is prose") {
  auto d = parse_text(
      "This standard is for everyone on site. It makes sure that:\n\n"
      "  1. nobody is hurt\n  2. the yard stays open\n\nPerformance criteria\n\nYou must be able to:\n\n"
      "  1. sweep the yard\n  2. lock the gate\n\nScope/range\n1. Tools1.1 brooms\n");
  REQUIRE(sec(d, "overview").paragraphs.size() == 3);
  CHECK(sec(d, "overview").paragraphs[1] == "1. nobody is hurt");
  CHECK(ids(d, "performance_criteria") == "P1 P2");
  CHECK(sec(d, "performance_criteria").groups[0].items[0].text() == "sweep the yard");
  CHECK(ids(d, "knowledge_and_understanding").empty());
  CHECK(sec(d, "scope_range.performance_criteria").text() == "1. Tools1.1 brooms");
}

TEST_CASE("a web page head: title without a URN, the NOS Finder header read as metadata") {
  auto d = parse_text(
      "Keep the yard safe\n\nBusiness Sectors (Suites): Yards\nDeveloped by: Yard Council\n"
      "Approved on: 30 Mar 2023\n\n\nThis standard is about yards.\n\nPerformance criteria\n\n"
      "You must be able to:\n\n  1. sweep the yard and\n\nthe path\n  2. lock the gate\n");
  CHECK(!d.urn);
  CHECK(d.title == "Keep the yard safe");
  CHECK(d.field("suite")->values.empty());
  CHECK(d.field("suite")->value == "Yards");
  CHECK(d.field("developed_by")->value == "Yard Council");
  CHECK(d.field("date_approved")->value == "30 Mar 2023");
  CHECK(sec(d, "overview").text() == "This standard is about yards.");
  CHECK(ids(d, "performance_criteria") == "P1 P2");
  CHECK(sec(d, "performance_criteria").groups[0].items[0].text() == "sweep the yard and the path");
  CHECK(d.unplaced.empty());
}

TEST_CASE("a web page's metadata tail: the SOC code is a row of its own, not part of the occupations") {
  auto d = parse_text(
      "Keep the yard safe\n\nOverview\nThis standard is about yards.\n\nRelevant occupations\n"
      "Yard keepers\nSOC code\n9229\nKeywords\nyards; gates\n");
  CHECK(d.field("relevant_occupations")->value == "Yard keepers");
  REQUIRE(d.field("soc_code"));
  CHECK(d.field("soc_code")->value == "9229");
  CHECK(d.field("keywords")->values == std::vector<std::string>{"yards", "gates"});
  CHECK(d.unplaced.empty());
}

TEST_CASE("a site transcript: text before the document is unplaced, the URN may carry a version") {
  auto d = parse_text(
      "ABC12Keep the yard safe and tidy\nShare this document\n\nABC12 v8 141011\nKeep the yard safe\n"
      "Overview\nThis standard is about yards.\n");
  CHECK(d.urn == "ABC12");
  CHECK(d.title == "Keep the yard safe");
  REQUIRE(d.unplaced.size() == 2);
  CHECK(d.unplaced[0].text == "ABC12Keep the yard safe and tidy");
  CHECK(sec(d, "overview").text() == "This standard is about yards.");
}

TEST_CASE("a site transcript's pages: a versioned header alone, one header line, a footer they repeat") {
  // A dozen lines of the site's own before the head; a versioned header with no title after it.
  const std::string site =
      "Documents\nUpload\nSign in\nExplore\nKeep the yard safe\nViews and pages\nDownload\nEmbed\nShare\n"
      "Report\n";
  auto d = parse_text(
      site +
      "ABC12 v2 090521\nKeep the yard safe\nPerformance criteria\nYou must be able to:\n"
      "P1 sweep the yard and the paths around\nABC12 v2 090521\n2\nthe sheds\nP2 empty the bins\n");
  CHECK(d.urn == "ABC12");
  CHECK(d.title == "Keep the yard safe");
  CHECK(d.unplaced.size() == 10);
  CHECK(items_text(d, "performance_criteria") ==
        std::vector<std::string>{"sweep the yard and the paths around the sheds", "empty the bins"});

  // The URN and the title on one page-header line; an approval line the pages print beside it; the
  // site's text after the document is no part of the last item.
  auto one = parse_text(
      "Share this file\nABC12 Keep the yard safe\nOverview\nThis standard is about yards.\n"
      "Performance criteria\nYou must be able to:\n1. sweep the yard\nABC12 Keep the yard safe Page 1 of 2\n"
      "Approved March 2019\nABC12 Keep the yard safe\n2. empty the bins\nABC12 Keep the yard safe Page 2 of "
      "2\n"
      "Approved March 2019\nRelated documents\n");
  CHECK(one.urn == "ABC12");
  CHECK(one.title == "Keep the yard safe");
  CHECK(items_text(one, "performance_criteria") ==
        std::vector<std::string>{"sweep the yard", "empty the bins"});
  REQUIRE(one.unplaced.size() == 2);
  CHECK(one.unplaced[1].text == "Related documents");
}

// ---- placement: each evidence strategy speaks on its evidence and names it; the order settles conflicts

TEST_CASE("each kind of evidence places a section and says why") {
  auto d = parse_text(
      "ABC123\nKeep the yard tidy\nThis standard is about yards.\nPerformance criteria\nYou must be able "
      "to:\n"
      "P1 sweep\nK1 the law\nValues\nBe kind\n[bookmark: StartBehaviours]Listen first\n");
  CHECK(sec(d, "overview").found_by == FoundBy::Cue);
  CHECK(sec(d, "overview").reason == "cue \"This standard is about\"");
  CHECK(sec(d, "performance_criteria").reason == "label \"Performance criteria\"");
  CHECK(sec(d, "knowledge_and_understanding").found_by == FoundBy::Numbering);
  CHECK(sec(d, "knowledge_and_understanding").reason == "numbering K1");
  CHECK(sec(d, "behaviours").found_by == FoundBy::Bookmark);
  CHECK(sec(d, "behaviours").reason == "bookmark StartBehaviours");

  auto stem = parse_text("ABC123\nKeep the yard tidy\nYou must be able to:\nP1 sweep\n");
  CHECK(sec(stem, "performance_criteria").reason == "stem \"You must be able to:\"");
  auto position =
      parse_text("ABC123\nKeep the yard tidy\nYards need care.\nPerformance criteria\nP1 sweep\n");
  CHECK(sec(position, "overview").found_by == FoundBy::Position);
  CHECK(sec(position, "overview").reason == "first text, before any label");
  auto restart = parse_text("Performance criteria\n1. check\n2. clean\n1. law\n");
  CHECK(sec(restart, "knowledge_and_understanding").reason ==
        "numbering 1. starts again after the performance_criteria");
}

TEST_CASE(
    "a label outranks numbering: a list under Performance criteria is criteria, one in the overview "
    "stays there") {
  auto d = parse_text(
      "ABC123\nKeep the yard tidy\nOverview\nThis standard covers three tasks:\n1. sweeping\n2. mopping\n"
      "Performance criteria\nYou must be able to:\n1. sweep the yard\n2. empty the bins\n");
  CHECK(sec(d, "overview").paragraphs.size() == 3);
  CHECK(sec(d, "overview").paragraphs[1] == "1. sweeping");
  CHECK(ids(d, "performance_criteria") == "P1 P2");
  CHECK(sec(d, "performance_criteria").found_by == FoundBy::Label);
  CHECK_FALSE(sec(d, "knowledge_and_understanding").present);
}

TEST_CASE("the grammar's placement order decides between a cue and a bookmark") {
  const std::string text =
      "Values\nBe kind\n\t[bookmark: StartBehaviours]The details in this field are explanatory statements of "
      "scope.\n";
  auto by_default = parse_text(text);
  CHECK(sec(by_default, "scope_range.performance_criteria").found_by == FoundBy::Cue);
  CHECK_FALSE(sec(by_default, "behaviours").present);

  std::string yaml = nos::Grammar::builtin().source_text;
  const std::string order = "placement: [label, cue, numbering, bookmark, position]";
  REQUIRE(yaml.find(order) != std::string::npos);
  yaml.replace(yaml.find(order), order.size(), "placement: [label, bookmark, cue, numbering, position]");
  auto grammar = nos::Grammar::load_string(yaml, "bookmarks-first.yaml");
  auto d = nos::parse(nos::test::source_of(text), grammar);
  CHECK(sec(d, "behaviours").found_by == FoundBy::Bookmark);
  CHECK(sec(d, "behaviours").reason == "bookmark StartBehaviours");
  CHECK_FALSE(sec(d, "scope_range.performance_criteria").present);
}

TEST_CASE("a grammar's placement names every kind of evidence once") {
  auto error_of = [](const std::string& placement) {
    std::string yaml = "name: x\nurn_pattern: 'A'\nmarkers: {bookmark: '(x)'}\nplain_item_pattern: 'x'\n" +
                       placement + "\nsections: [{key: a, kind: prose}]\n";
    try {
      nos::Grammar::load_string(yaml, "g.yaml");
    } catch (const nos::Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(error_of("placement: [label, cue, numbering, bookmark, position]").empty());
  CHECK(error_of("placement: [label, cue, numbering, bookmark, guess]") ==
        "g.yaml:5:12: placement: 'guess' is not one of label, cue, numbering, bookmark, position");
  CHECK(error_of("placement: [label, cue, cue, bookmark, position]") ==
        "g.yaml:5:12: placement: 'cue' appears twice");
  CHECK(error_of("placement: [label, cue]") ==
        "g.yaml:5:12: placement must name each of label, cue, numbering, bookmark, position once");
}
