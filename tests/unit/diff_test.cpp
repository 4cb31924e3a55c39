// nos diff's library stage: the word diff, and item alignment on small documents.
#include "nos/diff.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "emit/diff_formats.hpp"
#include "parse_helpers.hpp"

namespace {

using nos::WordRun;

// The runs as "=same -deleted +inserted", one per run.
std::string runs(const std::vector<WordRun>& words) {
  std::string out;
  for (const WordRun& r : words)
    out += std::string(out.empty() ? "" : " ") +
           (r.op == WordRun::Op::Same      ? "="
            : r.op == WordRun::Op::Deleted ? "-"
                                           : "+") +
           "[" + r.text + "]";
  return out;
}

// What each changed item became: "P3 reworded", "P5>P4 renumbered", "K2 moved", "+P9", "-P4".
std::string changes(const nos::DocumentDiff& diff) {
  std::string out;
  for (const nos::ItemDiff& d : diff.items) {
    if (d.unchanged()) continue;
    if (!out.empty()) out += ", ";
    if (d.added()) {
      out += "+" + d.new_item->id;
      continue;
    }
    if (d.removed()) {
      out += "-" + d.old_item->id;
      continue;
    }
    out += d.renumbered ? d.old_item->id + ">" + d.new_item->id : d.new_item->id;
    if (d.renumbered) out += " renumbered";
    if (d.moved) out += " moved";
    if (d.reworded) out += " reworded";
  }
  return out;
}

const std::string kHead =
    "ABC01\nServe customers at the counter\nOverview\nThis standard is about serving customers.\n"
    "Performance criteria\nYou must be able to:\nGreet customers\n";

std::string document(const std::string& greet, const std::string& serve, const std::string& tail = "") {
  return kHead + greet + "\nServe customers\n" + serve +
         "\nKnowledge and understanding\nYou need to know and understand:\n"
         "K1 the products your counter sells and their prices\n"
         "K2 how to deal with a customer who is unhappy with the service\n" +
         tail + "Version number\n2\nIndicative review date\n1 Jan 2030\n";
}

const std::string kGreet =
    "P1 greet each customer politely as soon as they reach the counter\n"
    "P2 ask customers what they would like and listen to the answer\n"
    "P3 tell customers how long they will have to wait when the counter is busy\n";
const std::string kServe =
    "P4 take payment in the ways your organisation accepts\n"
    "P5 give customers the correct change and a receipt when they ask for one\n";

nos::DocumentDiff diff(const std::string& old_text, const std::string& new_text) {
  return nos::diff_documents(nos::test::parse_text(old_text), nos::test::parse_text(new_text));
}

}  // namespace

TEST_CASE("the word diff keeps the longest run of common words and puts deletions before insertions") {
  CHECK(runs(nos::diff_words("a b c d", "a b c d")) == "=[a b c d]");
  CHECK(runs(nos::diff_words("a b c d", "a x c d")) == "=[a] -[b] +[x] =[c d]");
  CHECK(runs(nos::diff_words("check the stock", "check all the stock daily")) ==
        "=[check] +[all] =[the stock] +[daily]");
  CHECK(runs(nos::diff_words("", "new words")) == "+[new words]");
  CHECK(runs(nos::diff_words("old words", "")) == "-[old words]");
  CHECK(runs(nos::diff_words("a  b\tc", "a b c")) == "=[a b c]");  // white space is not a word
  CHECK(runs(nos::diff_words("x a y b z c", "a b c")) == "-[x] =[a] -[y] =[b] -[z] =[c]");
  CHECK(runs(nos::diff_words("a b c", "c b a")) == "-[a b] =[c] +[b a]");
}

TEST_CASE("the word diff of long texts is a longest common subsequence") {
  std::string a, b;
  for (int i = 0; i < 3000; ++i) {
    a += "w" + std::to_string(i) + " ";
    if (i % 7 != 0) b += "w" + std::to_string(i) + " ";
    if (i % 11 == 0) b += "new ";
  }
  std::size_t kept = 0, deleted = 0;
  for (const WordRun& r : nos::diff_words(a, b)) {
    std::size_t words = static_cast<std::size_t>(std::count(r.text.begin(), r.text.end(), ' ')) + 1;
    if (r.op == WordRun::Op::Same) kept += words;
    if (r.op == WordRun::Op::Deleted) deleted += words;
  }
  CHECK(deleted == 429);  // every seventh word of 3,000
  CHECK(kept == 3000 - 429);
}

TEST_CASE("a document against itself has no changes") {
  const auto d = diff(document(kGreet, kServe), document(kGreet, kServe));
  CHECK_FALSE(d.changed());
  CHECK(d.items.size() == 7);
  CHECK(nos::format_diff_text(d, false) == "no changes\n");
}

TEST_CASE("a deleted item is one removal and the items after it renumbered, not rewordings") {
  const std::string greet =
      "P1 greet each customer politely as soon as they reach the counter\n"
      "P2 tell customers how long they will have to wait when the counter is busy\n";
  const std::string serve =
      "P3 take payment in the ways your organisation accepts\n"
      "P4 give customers the correct change and a receipt when they ask for one\n";
  const auto d = diff(document(kGreet, kServe), document(greet, serve));
  CHECK(changes(d) == "-P2, P3>P2 renumbered, P4>P3 renumbered, P5>P4 renumbered");
}

TEST_CASE("a reworded item keeps its place and carries its word diff") {
  const std::string greet =
      "P1 greet each customer politely as soon as they reach the counter\n"
      "P2 ask customers what they would like and listen carefully to the answer\n"
      "P3 tell customers how long they will have to wait when the counter is busy\n";
  const auto d = diff(document(kGreet, kServe), document(greet, kServe));
  CHECK(changes(d) == "P2 reworded");
  CHECK(runs(d.items[1].words) ==
        "=[ask customers what they would like and listen] +[carefully] =[to the answer]");
}

TEST_CASE("an item moved to another group or section is moved, and an unrelated new item is added") {
  const std::string greet =
      "P1 greet each customer politely as soon as they reach the counter\n"
      "P3 tell customers how long they will have to wait when the counter is busy\n";
  const std::string serve =
      "P4 take payment in the ways your organisation accepts\n"
      "P5 give customers the correct change and a receipt when they ask for one\n"
      "P2 ask customers what they would like and listen to the answer\n"
      "P6 clean the counter at the end of each shift\n";
  const auto d = diff(document(kGreet, kServe), document(greet, serve));
  CHECK(changes(d) == "P2 moved, +P6");

  const auto across =
      diff(document(kGreet, kServe),
           document(kGreet, kServe, "K3 take payment in the ways your organisation accepts\n"));
  CHECK(changes(across) == "+K3");  // identical text already paired with P4 stays there
}

TEST_CASE("renumbered, moved and reworded at once") {
  const std::string greet =
      "P1 greet each customer politely as soon as they reach the counter\n"
      "P2 tell customers how long they will have to wait when the counter is busy\n";
  const std::string serve =
      "P3 ask customers what they would like and listen to their answer\n"
      "P4 take payment in the ways your organisation accepts\n"
      "P5 give customers the correct change and a receipt when they ask for one\n";
  const auto d = diff(document(kGreet, kServe), document(greet, serve));
  CHECK(changes(d) == "P3>P2 renumbered, P2>P3 renumbered moved reworded");
}

TEST_CASE("metadata, title and prose changes are fields with word diffs") {
  std::string changed = document(kGreet, kServe);
  changed.replace(changed.find("Version number\n2"), 16, "Version number\n3");
  changed.replace(changed.find("1 Jan 2030"), 10, "1 Jan 2033");
  changed.replace(changed.find("serving customers."), 18, "serving customers well.");
  const auto d = diff(document(kGreet, kServe), changed);
  REQUIRE(d.fields.size() == 3);
  CHECK(d.fields[0].field == "overview");
  CHECK(runs(d.fields[0].words) == "=[This standard is about serving] -[customers.] +[customers well.]");
  CHECK(d.fields[1].field == "metadata.version");
  CHECK(d.fields[2].field == "metadata.indicative_review_date");
  CHECK(changes(d).empty());
  CHECK(nos::format_diff_text(d, false) ==
        "overview: This standard is about serving [-customers.-] {+customers well.+}\n"
        "metadata.version: [-2-] {+3+}\n"
        "metadata.indicative_review_date: 1 Jan [-2030-] {+2033+}\n"
        "7 unchanged; 3 fields changed\n");
}
