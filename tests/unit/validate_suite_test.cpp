// The suite rules: each with a set of documents that trips it and one that does not. Documents are
// parsed from text, summarised as `nos check` summarises them, and checked together.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "nos/validate.hpp"
#include "parse_helpers.hpp"
#include "test_support.hpp"

namespace {

// A standard of the suite "Health and social care": URN and title, criteria, metadata. {N} is its
// number; `links` goes under "Links to other NOS".
std::string standard(int n, const std::string& criteria, const std::string& links = "",
                     const std::string& review = "28 Feb 2029",
                     const std::string& developer = "Skills for Care") {
  std::string urn = "SCDHSC0" + std::to_string(390 + n);
  return urn + "\nStandard number " + std::to_string(n) + "\nOverview\nThis standard is about care.\n" +
         "Performance criteria\nYou must be able to:\n" + criteria +
         "Knowledge and understanding\nYou need to know and understand:\nK1 requirements of "
         "standard " +
         std::to_string(n) + "\n" + (links.empty() ? "" : "Links to other NOS\n" + links + "\n") +
         "Developed by\n" + developer + "\nVersion number\n" + std::to_string(1 + n % 3) +
         "\nDate approved\n13 Feb 2024\nIndicative review date\n" + review + "\nValidity\nCurrent\nStatus\n" +
         "Original\nOriginating organisation\nSkills for Care\nOriginal URN\n" + urn +
         "\nRelevant occupations\nCare workers\nSuite\nHealth and social care\nKeywords\ncare\n";
}

// Criteria of standard n that no other standard has, nor nearly.
std::string own_criteria(int n) {
  static const char* const kWords[] = {"water", "valves", "pumps",   "filters", "meters",  "sludge",
                                       "tanks", "pipes",  "sensors", "screens", "outfall", "chlorine"};
  auto word = [&](int k) { return std::string(kWords[(n + k) % 12]) + std::to_string(n); };
  return "P1 inspect the " + word(0) + " and " + word(1) + " before " + word(2) + "\nP2 record " + word(3) +
         " readings for " + word(4) + " at " + word(5) + "\n";
}

// "rule@DOCUMENT:LINE" for the suite findings of `rule`, documents numbered from 0; each finding's
// related locations as " -> PATH:LINE".
std::vector<std::string> suite_findings(const std::vector<std::string>& texts, const std::string& rule,
                                        bool complete = false) {
  std::vector<nos::SuiteDocument> documents;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::string path = "s" + std::to_string(i) + ".txt";
    nos::Document doc = nos::parse(nos::test::source_of(texts[i], path));
    documents.push_back({nos::summarise(doc, nos::Grammar::builtin(), path), nullptr, complete});
  }
  std::vector<std::string> out;
  auto found = nos::validate_suite(documents);
  for (std::size_t d = 0; d < found.size(); ++d)
    for (const auto& f : found[d]) {
      if (f.rule != rule) continue;
      std::string s = f.rule + "@" + std::to_string(d) + ":" + std::to_string(f.location.line);
      for (const auto& r : f.related) s += " -> " + r.path + ":" + std::to_string(r.location.line);
      out.push_back(s);
    }
  return out;
}

// Eight standards of one suite, each with its own criteria: no suite rule has anything to say.
std::vector<std::string> suite() {
  std::vector<std::string> out;
  for (int n = 0; n < 8; ++n) out.push_back(standard(n, own_criteria(n)));
  return out;
}

using V = std::vector<std::string>;

const char* const kSuiteRules[] = {"duplicate-urn",
                                   "duplicate-original-urn",
                                   "dangling-link",
                                   "cross-duplicate-criterion",
                                   "cross-near-duplicate-criterion",
                                   "suite-metadata-outlier"};

}  // namespace

TEST_CASE("a suite of distinct standards has no suite findings") {
  for (const char* rule : kSuiteRules) CHECK(suite_findings(suite(), rule, true) == V{});
}

TEST_CASE("one document is no suite") {
  CHECK(suite_findings({standard(0, own_criteria(0))}, "duplicate-urn") == V{});
  auto twice = suite_findings({standard(0, own_criteria(0)), standard(0, own_criteria(0))}, "duplicate-urn");
  CHECK(twice == V{"duplicate-urn@1:1 -> s0.txt:1"});
}

TEST_CASE("duplicate-urn: each later file, against the first") {
  auto docs = suite();
  docs[5] = standard(2, own_criteria(5));
  docs[7] = standard(2, own_criteria(7));
  CHECK(suite_findings(docs, "duplicate-urn") ==
        V{"duplicate-urn@5:1 -> s2.txt:1", "duplicate-urn@7:1 -> s2.txt:1"});
}

TEST_CASE("duplicate-original-urn: compared across documents; N/A is no URN") {
  auto docs = suite();
  const std::string own = "Original URN\nSCDHSC0394\n";
  docs[4].replace(docs[4].find(own), own.size(), "Original URN\nSCDHSC0391\n");
  auto found = suite_findings(docs, "duplicate-original-urn");
  REQUIRE(found.size() == 1);
  CHECK(found[0].starts_with("duplicate-original-urn@4:"));
  docs = suite();
  for (int n : {3, 4}) {
    const std::string row = "Original URN\nSCDHSC039" + std::to_string(n) + "\n";
    docs[n].replace(docs[n].find(row), row.size(), "Original URN\nN/A\n");
  }
  CHECK(suite_findings(docs, "duplicate-original-urn") == V{});
}

TEST_CASE("dangling-link: only in a complete suite, only URNs nobody has") {
  auto docs = suite();
  docs[1] = standard(1, own_criteria(1), "SCDHSC0390, SCDHSC0392; SCDHSC9999.");
  auto found = suite_findings(docs, "dangling-link", true);
  REQUIRE(found.size() == 1);
  CHECK(found[0].starts_with("dangling-link@1:"));
  CHECK(suite_findings(docs, "dangling-link", false) == V{});
}

TEST_CASE("cross-duplicate-criterion: the same wording in another standard, at the later one") {
  auto docs = suite();
  docs[6] = standard(6, own_criteria(6) + "P3 Inspect the pumps2 and filters2, before meters2.\n");
  CHECK(suite_findings(docs, "cross-duplicate-criterion") == V{"cross-duplicate-criterion@6:9 -> s2.txt:7"});
  CHECK(suite_findings(docs, "cross-near-duplicate-criterion") == V{});
}

TEST_CASE("cross-near-duplicate-criterion: a word changed, found through the index") {
  auto docs = suite();
  docs[6] =
      standard(6, own_criteria(6) + "P3 agree the care plan number 2 with the individual and key people\n");
  docs[3] = standard(3, own_criteria(3) + "P3 agree the care plan number 2 with the individual and others\n");
  CHECK(suite_findings(docs, "cross-near-duplicate-criterion") ==
        V{"cross-near-duplicate-criterion@6:9 -> s3.txt:9"});
  CHECK(suite_findings(docs, "cross-duplicate-criterion") == V{});
}

TEST_CASE("suite-metadata-outlier: a review date far off the suite's, a developer almost nobody names") {
  auto docs = suite();
  docs[3] = standard(3, own_criteria(3), "", "28 Feb 2024");
  auto found = suite_findings(docs, "suite-metadata-outlier");
  REQUIRE(found.size() == 1);
  CHECK(found[0].starts_with("suite-metadata-outlier@3:"));
  docs = suite();
  docs[5] = standard(5, own_criteria(5), "", "28 Feb 2029", "Skills for Health");
  found = suite_findings(docs, "suite-metadata-outlier");
  REQUIRE(found.size() == 1);
  CHECK(found[0].starts_with("suite-metadata-outlier@5:"));
}

TEST_CASE(
    "suite-metadata-outlier: review intervals of three to five years all agree; small suites say nothing") {
  auto docs = suite();
  for (int n = 0; n < 8; ++n)
    docs[n] = standard(n, own_criteria(n), "", "28 Feb 20" + std::to_string(27 + n % 3));
  CHECK(suite_findings(docs, "suite-metadata-outlier") == V{});
  docs = suite();
  docs.resize(4);
  docs[3] = standard(3, own_criteria(3), "", "28 Feb 2024");
  CHECK(suite_findings(docs, "suite-metadata-outlier") == V{});
}

TEST_CASE("the cross-document criterion rules leave shared knowledge and shared blocks alone") {
  auto docs = suite();
  const std::string copied =
      "P3 inspect the pumps2 and filters2 before meters2\nP4 record sludge2 readings for tanks2 at "
      "pipes2\n";
  docs[6] = standard(6, own_criteria(6) + copied);
  CHECK(suite_findings(docs, "cross-duplicate-criterion") == V{});
  docs = suite();
  const std::string k1 = "K1 requirements of standard 6\n";
  docs[6].replace(docs[6].find(k1), k1.size(),
                  "K1 requirements of standard 6\nK2 inspect the pumps2 and filters2 before meters2\n");
  CHECK(suite_findings(docs, "cross-duplicate-criterion") == V{});
}
