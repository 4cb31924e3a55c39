// Each DOCX sample gives the same model as its text twin, apart from `source` and locations.
#include <doctest/doctest.h>

#include <filesystem>

#include "emit/model_tree.hpp"
#include "nos/nos.hpp"

namespace {

using Json = nlohmann::ordered_json;

Json without_locations(const Json& j) {
  if (j.is_array()) {
    Json out = Json::array();
    for (const auto& v : j) out.push_back(without_locations(v));
    return out;
  }
  if (!j.is_object()) return j;
  Json out = Json::object();
  for (const auto& [k, v] : j.items())
    if (k != "line" && k != "location" && k != "source") out[k] = without_locations(v);
  return out;
}

}  // namespace

TEST_CASE("every DOCX sample equals its text twin") {
  namespace fs = std::filesystem;
  const fs::path samples = fs::path(NOS_SOURCE_DIR) / "samples";
  int pairs = 0;
  for (const auto& entry : fs::directory_iterator(samples / "docx")) {
    if (entry.path().extension() != ".docx") continue;
    fs::path twin = samples / entry.path().filename().replace_extension(".txt");
    REQUIRE_MESSAGE(fs::exists(twin), "no text twin for " << entry.path());
    nos::Document docx = nos::parse_file(entry.path().string());
    nos::Document text = nos::parse_file(twin.string());
    CHECK(docx.source.format == "docx");
    CHECK_MESSAGE(without_locations(nos::model_tree(docx)) == without_locations(nos::model_tree(text)),
                  entry.path().filename().string());
    ++pairs;
  }
  CHECK(pairs >= 6);
}

TEST_CASE("DOCX items carry Word locations") {
  nos::Document d = nos::parse_file(std::string(NOS_SOURCE_DIR) + "/samples/docx/hospitality-PPLHSL12.docx");
  const nos::Item& p1 = d.section("performance_criteria")->groups.at(0).items.at(0);
  CHECK(p1.location.paragraph > 0);
  CHECK(p1.location.table == 1);
  CHECK(p1.location.row > 0);
  CHECK(p1.location.cell == 2);
  CHECK(nos::model_tree(d)["performance_criteria"][0]["items"][0].contains("location"));
}
