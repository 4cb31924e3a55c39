// The two real exports in ../shared/seeds (kept outside the repository): every item, heading and section
// in its place. Skipped when the folder is not beside the repository.
#include <doctest/doctest.h>

#include <filesystem>
#include <optional>

#include "nos/nos.hpp"
#include "parse_helpers.hpp"

namespace {

namespace fs = std::filesystem;

fs::path seed(const char* prefix) {
  fs::path dir = fs::path(NOS_SOURCE_DIR) / ".." / "shared" / "seeds";
  if (!fs::is_directory(dir)) return {};
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().starts_with(prefix)) return e.path();
  return {};
}

// The seed's model, or nothing (with a message) when the seeds are not beside the repository.
std::optional<nos::Document> parse_seed(const char* prefix) {
  fs::path path = seed(prefix);
  if (path.empty()) {
    MESSAGE("../shared/seeds not found: skipped");
    return std::nullopt;
  }
  return nos::parse_file(path.string());
}

std::string range(char letter, int from, int to) {
  std::string out;
  for (int n = from; n <= to; ++n)
    out += (out.empty() ? "" : " ") + std::string(1, letter) + std::to_string(n);
  return out;
}

std::size_t headings(const nos::Section& s) {
  std::size_t n = 0;
  for (const auto& g : s.groups) n += g.heading.has_value();
  return n;
}

}  // namespace

TEST_CASE("seed 000: early years leadership export") {
  auto parsed = parse_seed("000_");
  if (!parsed) return;
  const nos::Document& d = *parsed;
  using nos::test::ids;
  CHECK(ids(d, "performance_criteria") ==
        range('P', 1, 7) + " | " + range('P', 8, 13) + " | " + range('P', 14, 22));
  const std::string k = ids(d, "knowledge_and_understanding");
  CHECK(k.starts_with(range('K', 1, 6) + " | " + range('K', 7, 21) + " | K22 K23 K24 ? | K25 K26 | "));
  CHECK(k.ends_with("K53 K54 | K55 K56"));
  CHECK(headings(*d.section("performance_criteria")) == 3);
  CHECK(headings(*d.section("knowledge_and_understanding")) == 12);
  CHECK(d.section("overview")->text().starts_with("This standard identifies the requirements"));
  CHECK(d.section("scope_range.performance_criteria")->text().starts_with("The details in this field"));
  CHECK(d.section("scope_range.knowledge_and_understanding")->text().starts_with("All knowledge statements"));
  CHECK(d.section("values")->text().starts_with("Adherence to codes of practice"));
  CHECK(d.section("values")->paragraphs.size() == 10);
  for (const char* absent : {"skills", "glossary", "links", "behaviours"})
    CHECK_FALSE(d.section(absent)->present);
  CHECK(d.unplaced.empty());
  CHECK_FALSE(d.urn.has_value());
  CHECK_FALSE(d.title.has_value());
}

TEST_CASE("seed 001: health and social care export") {
  auto parsed = parse_seed("001_");
  if (!parsed) return;
  const nos::Document& d = *parsed;
  using nos::test::ids;
  CHECK(ids(d, "performance_criteria") ==
        range('P', 1, 8) + " | " + range('P', 9, 15) + " | " + range('P', 16, 26));
  CHECK(ids(d, "knowledge_and_understanding")
            .starts_with(range('K', 1, 5) + " | " + range('K', 6, 20) + " | K21 K22 | "));
  CHECK(ids(d, "knowledge_and_understanding").ends_with(range('K', 35, 43)));
  CHECK(headings(*d.section("knowledge_and_understanding")) == 9);
  CHECK(d.section("knowledge_and_understanding")->found_by == nos::FoundBy::Numbering);
  CHECK(d.section("knowledge_and_understanding")->groups[0].heading == "Rights");
  CHECK(d.section("scope_range.performance_criteria")->found_by == nos::FoundBy::Cue);
  CHECK(
      d.section("scope_range.knowledge_and_understanding")->text().starts_with("The details in this field"));
  CHECK(d.section("values")->text().starts_with("Adherence to codes of practice"));
  CHECK(d.unplaced.empty());
}
