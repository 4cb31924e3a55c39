// The pre-pass: each step on the shapes it serves, and the shapes it must leave alone.
#include "prepass/prepass.hpp"

#include <doctest/doctest.h>

#include <random>

#include "parse_helpers.hpp"
#include "test_support.hpp"

namespace {

const nos::Grammar& grammar() { return nos::Grammar::builtin(); }

nos::SourceLine line(const std::string& text, int number = 3) {
  return {text, {.line = number, .column = 1}};
}

/// The texts of a vector of lines or of the pre-pass's Lines.
template <class Sequence>
std::vector<std::string> texts(const Sequence& lines) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < lines.size(); ++i) out.push_back(lines[i].text);
  return out;
}

nos::prepass::Lines lines_of(const std::vector<std::string>& texts) {
  nos::prepass::Lines out;
  for (std::size_t i = 0; i < texts.size(); ++i) out.push_back(line(texts[i], static_cast<int>(i) + 1));
  return out;
}

const std::string kTitle = "Tend the orchard hives";

}  // namespace

TEST_CASE("the running header is the URN line and the title line after it, among the first lines") {
  auto h = nos::prepass::find_running_header(lines_of({"BEE12", kTitle, "Performance criteria"}), grammar());
  CHECK(h.urn == "BEE12");
  CHECK(h.title == kTitle);
  h = nos::prepass::find_running_header(lines_of({"Some site text", "", "BEE12", kTitle}), grammar());
  CHECK(h.title == kTitle);
  // A URN followed by a label has no title line.
  CHECK(nos::prepass::find_running_header(lines_of({"BEE12", "Overview"}), grammar()).title.empty());
  CHECK(nos::prepass::find_running_header(lines_of({"Overview", "text"}), grammar()).title.empty());
}

TEST_CASE("furniture: the title printed twice or with a page number is cut out of a line, with the number") {
  nos::prepass::RunningHeader h{"BEE12", kTitle};
  auto pieces = nos::prepass::remove_furniture(
      line("check the frames " + kTitle + "  " + kTitle + " 2 Performance criteria"), h);
  REQUIRE(texts(pieces) == std::vector<std::string>{"check the frames", "Performance criteria"});
  CHECK(pieces[0].location.column == 1);
  CHECK(pieces[0].location.end_column == 17);
  CHECK(pieces[1].location.column == 17 + 1 + 2 * static_cast<int>(kTitle.size()) + 2 + 3);
  CHECK(pieces[1].location.line == 3);
  // "URN title" with its page number.
  CHECK(texts(nos::prepass::remove_furniture(line("a BEE12 " + kTitle + " 14 B"), h)) ==
        std::vector<std::string>{"a", "B"});
  // The title once, in running text, stays: it is no header.
  auto prose = line("how to " + kTitle + " safely");
  CHECK(texts(nos::prepass::remove_furniture(prose, h)) == std::vector<std::string>{prose.text});
  CHECK(texts(nos::prepass::remove_furniture(line(kTitle), h)) == std::vector<std::string>{kTitle});
}

TEST_CASE(
    "furniture inside a text: the text is one piece again; a line of furniture leaves its page number") {
  nos::prepass::RunningHeader h{"BEE12", kTitle};
  auto split =
      line("P5 keep the smoker away from dry grass, BEE12 " + kTitle + " 2 straw and sacking P6 close up");
  auto pieces = nos::prepass::remove_furniture(split, h);
  REQUIRE(texts(pieces) ==
          std::vector<std::string>{"P5 keep the smoker away from dry grass, straw and sacking P6 close up"});
  CHECK(pieces[0].location.column == 1);
  CHECK(pieces[0].location.end_column == static_cast<int>(split.text.size()) + 1);
  // A capitalised piece, or one after a sentence or an item number ("text 4."), starts a text of its own.
  CHECK(texts(nos::prepass::remove_furniture(line("lift the lid BEE12 " + kTitle + " 3 Inspect the brood"),
                                             h)) ==
        std::vector<std::string>{"lift the lid", "Inspect the brood"});
  CHECK(texts(nos::prepass::remove_furniture(line("lift the lid 4. BEE12 " + kTitle + " 3 check the brood"),
                                             h)) ==
        std::vector<std::string>{"lift the lid 4.", "check the brood"});
  CHECK(texts(nos::prepass::remove_furniture(line("BEE12 " + kTitle + " 3"), h)) ==
        std::vector<std::string>{"3"});
  CHECK(texts(nos::prepass::remove_furniture(line(kTitle + " " + kTitle), h)).empty());
}

TEST_CASE("labels: a label and a stem at the start of a piece, and a stem with its colon anywhere") {
  CHECK(texts(nos::prepass::split_labels(line("Performance criteria You must be able to: P1 lift the lid"),
                                         grammar())) ==
        std::vector<std::string>{"Performance criteria", "You must be able to:", "P1 lift the lid"});
  CHECK(texts(nos::prepass::split_labels(
            line("K4 hive pests You need to know and understand: Seasonal knowledge K5 swarming"),
            grammar())) == std::vector<std::string>{"K4 hive pests", "You need to know and understand:",
                                                    "Seasonal knowledge K5 swarming"});
  // A label's words inside running text are no label.
  auto prose = line("how performance criteria are met");
  CHECK(texts(nos::prepass::split_labels(prose, grammar())) == std::vector<std::string>{prose.text});
}

TEST_CASE("items anywhere on a line: markers split it only when they continue a sequence") {
  nos::prepass::ItemSequences seq;
  auto items = nos::prepass::split_items(line("P1 lift the lid P2 smoke the bees gently P3 check 2. frames"),
                                         grammar(), seq);
  CHECK(texts(items) ==
        std::vector<std::string>{"P1 lift the lid", "P2 smoke the bees gently", "P3 check 2. frames"});
  CHECK(items[1].location.column == 17);
  CHECK(seq.last["P"] == 3);
  // Text before the first number is a heading of its own; a sequence goes on from the last line's number.
  CHECK(
      texts(nos::prepass::split_items(line("Winter care P4 feed the colony P5 insulate"), grammar(), seq)) ==
      std::vector<std::string>{"Winter care", "P4 feed the colony", "P5 insulate"});
  // A number that starts nothing and continues nothing is part of the text.
  nos::prepass::ItemSequences fresh;
  auto one = line("keep 3 hives at 4. metres apart");
  CHECK(texts(nos::prepass::split_items(one, grammar(), fresh)) == std::vector<std::string>{one.text});
}

TEST_CASE("items anywhere on a line: numbers read after their texts") {
  nos::prepass::ItemSequences seq;
  auto items = nos::prepass::split_items(line("lift the lid 1. smoke the bees 2. check the frames 3."),
                                         grammar(), seq);
  CHECK(texts(items) ==
        std::vector<std::string>{"1. lift the lid", "2. smoke the bees", "3. check the frames"});
  CHECK(items[1].location.column == 17);  // where the text starts
}

TEST_CASE("number columns: one text per number, ending at short lines that do not end mid-phrase") {
  auto out = nos::prepass::pair_number_columns(
      lines_of({"You must be able to:", "P1", "P2", "P3", "inspect each frame for signs of disease and",
                "pests", "clean the hive tools between colonies so that", "no infection is passed along",
                "record what you found in the hive book", "Feeding the colony", "You must be able to:"}),
      grammar());
  CHECK(texts(out) == std::vector<std::string>{
                          "You must be able to:", "P1 inspect each frame for signs of disease and pests",
                          "P2 clean the hive tools between colonies so that no infection is passed along",
                          "P3 record what you found in the hive book", "", "Feeding the colony",
                          "You must be able to:"});
  CHECK(out[1].location.line == 5);  // the text's first line
  // Fewer texts than numbers (a cut-off capture): the numbers left over stay bare.
  out =
      nos::prepass::pair_number_columns(lines_of({"P1", "P2", "P3", "lift the lid of the hive"}), grammar());
  CHECK(texts(out) == std::vector<std::string>{"P1 lift the lid of the hive", "P2", "P3"});
}

TEST_CASE("number columns: a short line ends a text whatever its last word, a long open one does not") {
  auto out = nos::prepass::pair_number_columns(
      lines_of({"P1", "P2", "P3", "label each jar with the name of the honey and the apiary it came", "from",
                "use the extractor and the settling tank in the order your method sets out to",
                "strain the wax and debris out of the honey", "store the filled jars in a cool dry place"}),
      grammar());
  CHECK(texts(out) ==
        std::vector<std::string>{
            "P1 label each jar with the name of the honey and the apiary it came from",
            "P2 use the extractor and the settling tank in the order your method sets out to strain the wax "
            "and debris out of the honey",
            "P3 store the filled jars in a cool dry place"});
  // As many lines as numbers: one text each, even where a line ends mid-phrase.
  out = nos::prepass::pair_number_columns(
      lines_of({"K1", "K2", "the records your association asks you to", "how to spot a queenless colony"}),
      grammar());
  CHECK(texts(out) == std::vector<std::string>{"K1 the records your association asks you to",
                                               "K2 how to spot a queenless colony"});
}

TEST_CASE("a run of numbers on one line: a verb after an open phrase is the weakest start") {
  nos::prepass::ItemSequences seq;
  auto items = nos::prepass::split_items(
      line("P1 P2 lift the frames out and check them for brood feed the colony with syrup"), grammar(), seq);
  CHECK(texts(items) == std::vector<std::string>{"P1 lift the frames out and check them for brood",
                                                 "P2 feed the colony with syrup"});
}

TEST_CASE("the pre-pass leaves one-item-per-line text alone") {
  auto in =
      lines_of({"BEE12", kTitle, "", "Performance criteria", "", "You must be able to:", "P1 lift the lid",
                "P2 smoke the bees", "", "1", "BEE12", kTitle});
  CHECK(texts(nos::prepass::run(in, grammar())) == texts(in));
}

TEST_CASE("a flattened document: one field per line, running headers glued in") {
  auto doc =
      nos::test::parse_text("BEE12\n" + kTitle + "\n" + kTitle + "  " + kTitle +
                            " 2 Performance criteria You must be able to: lift the lid 1. smoke the bees "
                            "2. check the frames 3. " +
                            kTitle + "  " + kTitle + " 3\n" +
                            "Knowledge and understanding You need to know and understand: K1 hive pests "
                            "K2 swarming " +
                            kTitle + " 4\n");
  CHECK(doc.urn == "BEE12");
  CHECK(doc.title == kTitle);
  CHECK(nos::test::ids(doc, "performance_criteria") == "P1 P2 P3");
  CHECK(doc.section("performance_criteria")->groups[0].items[2].text() == "check the frames");
  CHECK(nos::test::ids(doc, "knowledge_and_understanding") == "K1 K2");
  CHECK(doc.section("knowledge_and_understanding")->groups[0].items[1].text() == "swarming");
  CHECK(doc.unplaced.empty());
}

TEST_CASE("a flattened field whose label was lost: numbers that go back start the next list") {
  auto doc = nos::test::parse_text(
      "BEE12\n" + kTitle + "\n" +
      "Performance criteria You must be able to: lift the lid 1. smoke the bees 2. "
      "check the frames 3. " +
      kTitle + "  " + kTitle + " 2\n" + "hive pests 2. swarming 3. " + kTitle + "  " + kTitle + " 4\n");
  CHECK(nos::test::ids(doc, "performance_criteria") == "P1 P2 P3");
  CHECK(nos::test::ids(doc, "knowledge_and_understanding") == "K2 K3");
}

TEST_CASE("a run of numbers on one line shares the texts after it, cut where a criterion opens") {
  nos::prepass::ItemSequences seq;
  auto items = nos::prepass::split_items(
      line(
          "P1 P2 P3 P4 inspect each frame for signs of disease and pests agree the inspection dates with the "
          "owner where swarming is likely, check the queen cells weekly record each treatment given and any "
          "follow-up support to the owner Prepare the hives for winter"),
      grammar(), seq);
  // "support to the owner" is a noun there: with the numbers all given texts, it opens none.
  CHECK(texts(items) ==
        std::vector<std::string>{"P1 inspect each frame for signs of disease and pests",
                                 "P2 agree the inspection dates with the owner",
                                 "P3 where swarming is likely, check the queen cells weekly",
                                 "P4 record each treatment given and any follow-up support to the owner", "",
                                 "Prepare the hives for winter"});
  REQUIRE(items.size() == 6);
  CHECK(items[1].location.column == 63);
  CHECK(items[5].location.column == 227);
  CHECK(seq.last["P"] == 4);
  // A text cut off by the capture: the numbers after it stay bare.
  CHECK(texts(nos::prepass::split_items(line("P5 P6 P7 smoke the hive gen"), grammar(), seq)) ==
        std::vector<std::string>{"P5 smoke the hive gen", "P6", "P7"});
  // Capitalised texts open with a capitalised verb; a capital inside a text after "the" is no heading.
  seq = {};
  CHECK(texts(nos::prepass::split_items(
            line("1. 2. Lift the lid of the National hive Check the bees as the Code of Practice says"),
            grammar(), seq)) == std::vector<std::string>{"1. Lift the lid of the National hive",
                                                         "2. Check the bees as the Code of Practice says"});
}

TEST_CASE("a URN printed only in the page footers") {
  auto in = lines_of({"Overview This standard covers the care of hives. BEE12 1",
                      "Performance criteria You must be able to: P1 lift the lid BEE12 2"});
  auto footer = nos::prepass::find_footer_urn(in, grammar());
  REQUIRE(footer);
  CHECK(footer->text == "BEE12");
  CHECK(footer->location.line == 1);
  CHECK(footer->location.column == 50);
  // The head has the URN: there is no footer to read it from.
  CHECK_FALSE(nos::prepass::find_footer_urn(lines_of({"BEE12", kTitle, in[0].text}), grammar()));
  // A URN that ends a sentence, with no page number, is no footer.
  CHECK_FALSE(nos::prepass::find_footer_urn(lines_of({"Overview See also BEE12", "Performance criteria"}),
                                            grammar()));
  nos::prepass::RunningHeader h{"BEE12", ""};
  CHECK(texts(nos::prepass::remove_furniture(in[1], h)) ==
        std::vector<std::string>{"Performance criteria You must be able to: P1 lift the lid"});
  CHECK(texts(nos::prepass::remove_furniture(line("links to BEE12 and BEE13"), h)) ==
        std::vector<std::string>{"links to BEE12 and BEE13"});

  auto doc = nos::test::parse_text(in[0].text + "\n" + in[1].text + "\n");
  CHECK(doc.urn == "BEE12");
  CHECK(doc.urn_location.column == 50);
  CHECK(doc.section("overview")->text() == "This standard covers the care of hives.");
  CHECK(nos::test::ids(doc, "performance_criteria") == "P1");
  CHECK(doc.section("performance_criteria")->groups[0].items[0].text() == "lift the lid");
}

TEST_CASE("a versioned page footer gives the URN; the site's lines before the first label are set aside") {
  // With a page number glued to the end of a flattened line, and on a line of its own without one.
  auto glued = nos::prepass::find_footer_urn(
      lines_of({"Site name", "Overview This standard covers hives. HIVE4 v2 180321 1"}), grammar());
  REQUIRE(glued);
  CHECK(glued->text == "HIVE4 v2 180321");
  auto alone = nos::prepass::find_footer_urn(
      lines_of({"Site", "Menu", "Help", "Overview", "Hives.", "Performance criteria", "P1 lift the lid",
                "P2 check the brood", "HIVE4 v2 180321"}),
      grammar());
  REQUIRE(alone);
  CHECK(alone->text == "HIVE4 v2 180321");

  // A flattened transcript: its first line is the site's, not a title.
  auto flat = nos::test::parse_text(
      "Share documents free\nOverview This standard covers hives. HIVE4 v2 180321 1\n"
      "Performance criteria You must be able to: P1 P2 lift the lid check the brood HIVE4 v2 180321 2\n");
  CHECK(flat.urn == "HIVE4");
  CHECK_FALSE(flat.title);
  REQUIRE(flat.unplaced.size() == 1);
  CHECK(flat.unplaced[0].text == "Share documents free");
  CHECK(nos::test::ids(flat, "performance_criteria") == "P1 P2");

  // A transcript with a title after the site's lines; the footers are page furniture.
  auto paged = nos::test::parse_text(
      "Share documents free\nDownload | Print\nKeep bees\nOverview\n"
      "This standard covers the inspection of hives by beekeepers through the working year.\n"
      "Performance criteria\nYou must be able to:\nP1 lift the lid\nHIVE4 v2 180321\nP2 check the brood\n"
      "HIVE4 v2 180321\n");
  CHECK(paged.urn == "HIVE4");
  CHECK(paged.title == "Keep bees");
  CHECK(nos::test::ids(paged, "performance_criteria") == "P1 P2");
  CHECK(paged.section("performance_criteria")->groups[0].items[1].text() == "check the brood");
  CHECK(paged.unplaced.size() == 2);
}

TEST_CASE("a text in a run of numbers may end in a word ending in a: only a comma or dash is mid-phrase") {
  auto doc = nos::test::parse_text(
      "Overview This standard covers hives.\n"
      "Knowledge and understanding You need to know and understand: K1 K2 the signs of a queenless colony in "
      "the brood area the legal duties of a beekeeper\n");
  CHECK(nos::test::ids(doc, "knowledge_and_understanding") == "K1 K2");
  const auto& items = doc.section("knowledge_and_understanding")->groups[0].items;
  REQUIRE(items.size() == 2);
  CHECK(items[0].text() == "the signs of a queenless colony in the brood area");
  CHECK(items[1].text() == "the legal duties of a beekeeper");
}

TEST_CASE("a group heading printed before its stem moves after it") {
  auto out = nos::prepass::move_headings_after_stems(
      lines_of({"Overview", "This standard covers hives.", "Performance criteria", "Keep the apiary safe",
                "You must be able to:", "P1 lift the lid", "Handle the bees", "You must be able to",
                "P2 smoke"}),
      grammar());
  CHECK(texts(out) ==
        std::vector<std::string>{"Overview", "This standard covers hives.", "Performance criteria",
                                 "You must be able to:", "Keep the apiary safe", "P1 lift the lid",
                                 "You must be able to", "Handle the bees", "P2 smoke"});
  CHECK(out[4].location.line == 4);
  // Before the first label a line is the title; a sentence or an item is no heading.
  std::vector<std::string> in{kTitle,
                              "You must be able to:",
                              "Overview",
                              "It covers hives.",
                              "You must be able to:",
                              "P1 lift the lid",
                              "You must be able to:"};
  CHECK(texts(nos::prepass::move_headings_after_stems(lines_of(in), grammar())) == in);
  // A web page sets the heading off with blank lines; a line straight after an item's text stays.
  CHECK(texts(nos::prepass::move_headings_after_stems(
            lines_of({"Performance criteria", "", "Keep the apiary safe", "", "You must be able to:", "",
                      "  1. lift the lid", "the hive body", "", "You must be able to:"}),
            grammar())) == std::vector<std::string>{"Performance criteria", "", "You must be able to:", "",
                                                    "Keep the apiary safe", "", "  1. lift the lid",
                                                    "the hive body", "", "You must be able to:"});
}

TEST_CASE("a run of knowledge numbers splits where a knowledge item opens, the texts' lengths most even") {
  nos::prepass::ItemSequences seq;
  // "the" opens K1 and stands inside K2 ("affects the"); "how" and "why" open the others.
  CHECK(
      texts(nos::prepass::split_items(line("K1 K2 K3 the life cycle of the varroa mite how cold affects the "
                                           "brood nest why treatments are timed to the season"),
                                      grammar(), seq)) ==
      std::vector<std::string>{"K1 the life cycle of the varroa mite", "K2 how cold affects the brood nest",
                               "K3 why treatments are timed to the season"});
}

TEST_CASE("page numbers printed in words are furniture") {
  CHECK(
      texts(nos::prepass::remove_page_numbers(line("lift the lid Page 2 of 9 smoke the bees"), grammar())) ==
      std::vector<std::string>{"lift the lid", "smoke the bees"});
  CHECK(texts(nos::prepass::remove_page_numbers(line("Page 12 of 30"), grammar())).empty());
  auto prose = line("see the Page 2 of 9s");
  CHECK(texts(nos::prepass::remove_page_numbers(prose, grammar())) == std::vector<std::string>{prose.text});
}

TEST_CASE("number columns: over a page break, up to a wrapped label or the text after the list") {
  nos::prepass::RunningHeader h{"BEE12", kTitle};
  auto out = nos::prepass::pair_number_columns(
      lines_of({"P1", "P2", "lift the lid of the hive", "slowly", "BEE12 " + kTitle, "2", "BEE12", kTitle,
                "smoke the bees gently", "Knowledge and", "understanding"}),
      grammar(), h);
  CHECK(texts(out) == std::vector<std::string>{"BEE12 " + kTitle, "2", "BEE12", kTitle,
                                               "P1 lift the lid of the hive slowly",
                                               "P2 smoke the bees gently", "Knowledge and", "understanding"});
  // Lower-case texts end at a capitalised line after a finished one; a blank line marks the end.
  out = nos::prepass::pair_number_columns(
      lines_of({"K1", "K2", "hive pests", "swarming in the", "Spring months", "Related documents", "Share"}),
      grammar(), h);
  CHECK(texts(out) == std::vector<std::string>{"K1 hive pests", "K2 swarming in the Spring months", "",
                                               "Related documents", "Share"});
  CHECK(out[2].location.line == 6);
}

TEST_CASE("a capitalised line after a page break that ends a phrase is set apart from the text before it") {
  nos::prepass::RunningHeader h{"BEE12 v2 010203", ""};
  auto out = nos::prepass::set_apart_after_furniture(
      lines_of({"K3 swarm control", "BEE12 v2 010203", "", "More documents like this", "K4 varroa and",
                "BEE12 v2 010203", "Other mites", "K5 queen rearing", "BEE12 v2 010203", "K6 hive records"}),
      grammar(), h);
  CHECK(texts(out) == std::vector<std::string>{"K3 swarm control", "", "More documents like this",
                                               "BEE12 v2 010203", "", "K4 varroa and", "BEE12 v2 010203",
                                               "Other mites", "K5 queen rearing", "BEE12 v2 010203",
                                               "K6 hive records"});
  CHECK(out[1].location.line == 4);
}

TEST_CASE("a line hanging under a numbered item's text is part of it") {
  auto out = nos::prepass::join_hanging_lines(
      lines_of({"  1. lift the frames out one at a time and hand-", "     over each to your", "     mentor",
                "", "  2. smoke the bees", "    gently", " 10. close the hive",
                "     11. not an item's tail"}),
      grammar());
  CHECK(texts(out) ==
        std::vector<std::string>{"1. lift the frames out one at a time and hand-over each to your mentor", "",
                                 "  2. smoke the bees", "    gently", " 10. close the hive",
                                 "     11. not an item's tail"});
  CHECK(out[0].location.line == 1);
}

TEST_CASE("sub-bullets under a numbered item are part of it") {
  auto out = nos::prepass::join_sub_bullets(
      lines_of({"  2. the hive types, including:", "     • top bar hives", "     - National hives",
                "  3. pests", "-1 degrees", "Some prose.", "• a bullet after no item"}),
      grammar());
  CHECK(texts(out) ==
        std::vector<std::string>{"2. the hive types, including: • top bar hives - National hives",
                                 "  3. pests", "-1 degrees", "Some prose.", "• a bullet after no item"});
  CHECK(out[0].location.line == 1);
}

TEST_CASE("a group heading closing an item's text in a flattened list is set apart before the next item") {
  nos::prepass::ItemSequences seq;
  CHECK(
      texts(nos::prepass::split_items(
          line("1. lift the lid 2. smoke the bees gently Check the brood 3. count the frames Close the hive"),
          grammar(), seq)) == std::vector<std::string>{"1. lift the lid", "2. smoke the bees gently", "",
                                                       "Check the brood", "3. count the frames", "",
                                                       "Close the hive"});
  // A capital after an open phrase, or followed by more capitals, names something; a single item is
  // no flattened list.
  seq = {};
  auto named = line("1. follow the Code of Practice 2. record doses in the colony Health Record");
  CHECK(texts(nos::prepass::split_items(named, grammar(), seq)) ==
        std::vector<std::string>{"1. follow the Code of Practice",
                                 "2. record doses in the colony Health Record"});
  seq = {};
  auto single = line("1. lift the lid Check the brood");
  CHECK(texts(nos::prepass::split_items(single, grammar(), seq)) == std::vector<std::string>{single.text});
  auto doc = nos::test::parse_text(
      "Performance criteria You must be able to: Open the hive 1. lift the lid 2. smoke the bees gently "
      "Check the brood 3. count the frames\n");
  const auto& groups = doc.section("performance_criteria")->groups;
  REQUIRE(groups.size() == 2);
  CHECK(groups[1].heading == "Check the brood");
  CHECK(nos::test::ids(doc, "performance_criteria") == "P1 P2 | P3");
}

TEST_CASE("a run of criteria: a word that is no verb is weaker evidence than a verb after an open phrase") {
  nos::prepass::ItemSequences seq;
  CHECK(texts(nos::prepass::split_items(line("P1 P2 P3 lift the frames in a way that respects the brood "
                                             "pattern keep the colony as calm as you can watch for robbing"),
                                        grammar(), seq)) ==
        std::vector<std::string>{"P1 lift the frames in a way that respects the brood pattern",
                                 "P2 keep the colony as calm as you can", "P3 watch for robbing"});
}

TEST_CASE("a run of knowledge items opening with nouns: adverbs end them, objects and clauses go on") {
  nos::prepass::ItemSequences seq;
  // "what" is the object of "suffer"; "independently" ends K3; "feeding methods" opens K4 before its
  // head noun; "when" with no "to" after it goes on from "varroa".
  CHECK(
      texts(nos::prepass::split_items(
          line(
              "K1 K2 K3 K4 K5 the honey flow in each season hives that suffer what robbers take the colonies "
              "that forage independently feeding methods and why they work limits of treatment "
              "for varroa when brood is present"),
          grammar(), seq)) ==
      std::vector<std::string>{"K1 the honey flow in each season", "K2 hives that suffer what robbers take",
                               "K3 the colonies that forage independently",
                               "K4 feeding methods and why they work",
                               "K5 limits of treatment for varroa when brood is present"});
}

TEST_CASE("a run of criteria: a verb's object is no criterion, whether it follows two verbs or is a verb") {
  nos::prepass::ItemSequences seq;
  // "feed" is the object of "check and clean"; "water" after "drains" takes no object and is no verb.
  CHECK(texts(nos::prepass::split_items(line("P1 P2 P3 lift the crown board gently check and clean feed "
                                             "trays before the autumn replace any frame that is broken"),
                                        grammar(), seq)) ==
        std::vector<std::string>{"P1 lift the crown board gently",
                                 "P2 check and clean feed trays before the autumn",
                                 "P3 replace any frame that is broken"});
  CHECK(texts(nos::prepass::split_items(line("P4 P5 P6 stand the hives where the ground drains water check "
                                             "that the stands are level record where each hive stands"),
                                        grammar(), seq)) ==
        std::vector<std::string>{"P4 stand the hives where the ground drains water",
                                 "P5 check that the stands are level", "P6 record where each hive stands"});
}

TEST_CASE("a run of knowledge items: where a phrase is still open, no item starts") {
  nos::prepass::ItemSequences seq;
  // "ahead" is an adverb ending K1; "each" is the object of "to use"; "restricted" modifies "zones";
  // "how to" opens K5 after "to overwinter"; "if" leaves K6 open; "before" goes on from "queens".
  CHECK(texts(nos::prepass::split_items(
            line("K1 K2 K3 K4 K5 K6 K7 reasons an inspection may not go ahead smoker fuels and when to use "
                 "each kind moving colonies within restricted zones colonies too weak to overwinter how to "
                 "unite two weak colonies what to do if the queen is lost marking queens before they swarm"),
            grammar(), seq)) ==
        std::vector<std::string>{
            "K1 reasons an inspection may not go ahead", "K2 smoker fuels and when to use each kind",
            "K3 moving colonies within restricted zones", "K4 colonies too weak to overwinter",
            "K5 how to unite two weak colonies", "K6 what to do if the queen is lost",
            "K7 marking queens before they swarm"});
}

TEST_CASE("a run of knowledge items: no item starts at a noun a modifier or a question goes on from") {
  nos::prepass::ItemSequences seq;
  // "cells" is what "capped" modifies after "and"; "house" is what "how they are blocked" goes on from.
  CHECK(texts(nos::prepass::split_items(
            line("K1 K2 K3 K4 K5 signs of disease in brood and capped cells common hive pests and how they "
                 "spread the difference between wax moth, mites and beetles approved treatments for each "
                 "pest when to call the bee inspector"),
            grammar(), seq)) ==
        std::vector<std::string>{
            "K1 signs of disease in brood and capped cells", "K2 common hive pests and how they spread",
            "K3 the difference between wax moth, mites and beetles", "K4 approved treatments for each pest",
            "K5 when to call the bee inspector"});
  CHECK(texts(nos::prepass::split_items(
            line("K6 K7 K8 K9 routes of robbing in the honey house and how they are blocked the difference "
                 "between cleaning, scorching and fumigation suppliers instructions for extraction equipment "
                 "what to record after each inspection"),
            grammar(), seq)) ==
        std::vector<std::string>{"K6 routes of robbing in the honey house and how they are blocked",
                                 "K7 the difference between cleaning, scorching and fumigation",
                                 "K8 suppliers instructions for extraction equipment",
                                 "K9 what to record after each inspection"});
}

TEST_CASE("every step passes on the lines it does not change, all of them and in their order") {
  // Generated documents of several chunks' length: plain lines, each after a blank line, between the
  // shapes the steps change. No step changes a plain line, so each comes out of every step as it went in.
  const std::string plain = "the hive stays closed in cold weather";
  const std::vector<std::vector<std::string>> shapes = {
      {"Performance criteria You must be able to: P1 lift the lid P2 smoke the bees P3 check the frames"},
      {"P1", "P2", "P3", "lift the lid of the hive", "smoke the bees gently", "check the frames for brood"},
      {"P4 record the treatment", "BEE12 " + kTitle, "3", "Prepare the hives for winter"},
      {"lift the lid " + kTitle + " " + kTitle + " 4 smoke the bees", "Page 5 of 9"},
      {"  1. lift the frames out one at a time and hand-", "     over each to your", "     mentor"},
      {"  2. the hive types, including:", "     • top bar hives", "     - National hives"},
      {"Knowledge and understanding", "Model practice",
       "You need to know and understand:", "K1 hive pests K2 swarming"},
  };
  const nos::prepass::RunningHeader header{"BEE12", kTitle};
  for (unsigned seed : {1u, 2u, 3u}) {
    std::mt19937 random(seed);
    std::vector<std::string> in{"BEE12", kTitle};
    std::vector<int> plain_lines;
    // It ends in a plain line, so that a step that loses its last line is caught too.
    while (in.size() < 3 * 4096 || in.back() != plain) {
      if (random() % 2) {
        for (const auto& text : shapes[random() % shapes.size()]) in.push_back(text);
        continue;
      }
      in.push_back("");  // else a plain line after a column of numbers is one of its texts
      in.push_back(plain);
      plain_lines.push_back(static_cast<int>(in.size()));
    }
    auto plain_lines_in = [&](const nos::prepass::Lines& out) {
      std::vector<int> found;
      for (std::size_t i = 0; i < out.size(); ++i)
        if (out[i].text == plain) found.push_back(out[i].location.line);
      return found;
    };
    CAPTURE(seed);
    CHECK(plain_lines_in(nos::prepass::run(lines_of(in), grammar())) == plain_lines);
    CHECK(plain_lines_in(nos::prepass::pair_number_columns(lines_of(in), grammar(), header)) == plain_lines);
    CHECK(plain_lines_in(nos::prepass::set_apart_after_furniture(lines_of(in), grammar(), header)) ==
          plain_lines);
    CHECK(plain_lines_in(nos::prepass::join_hanging_lines(lines_of(in), grammar())) == plain_lines);
    CHECK(plain_lines_in(nos::prepass::join_sub_bullets(lines_of(in), grammar())) == plain_lines);
    CHECK(plain_lines_in(nos::prepass::move_headings_after_stems(lines_of(in), grammar())) == plain_lines);
  }
}
