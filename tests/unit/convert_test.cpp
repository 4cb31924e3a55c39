// The conversion library: planning (filters, mapping, collisions, safety), running, the manifest.
#include "nos/convert.hpp"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "batch/manifest.hpp"
#include "test_support.hpp"
#include "util/glob.hpp"

namespace {

namespace fs = std::filesystem;

const std::string kSample = std::string(NOS_SOURCE_DIR) + "/samples/hospitality-PPLHSL12.txt";

// A scratch directory, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "nos-convert-test-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path); }
  std::string operator/(const std::string& rel) const { return (path / rel).string(); }
};

void write(const std::string& path, const std::string& bytes) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> relatives(const nos::ConvertPlan& plan) {
  std::vector<std::string> out;
  for (const auto& in : plan.inputs) out.push_back(in.relative);
  return out;
}

}  // namespace

TEST_CASE("content_hash is FNV-1a 64") {
  CHECK(nos::content_hash("") == 0xcbf29ce484222325ull);
  CHECK(nos::content_hash("a") == 0xaf63dc4c8601ec8cull);
  CHECK(nos::content_hash("foobar") == 0x85944171f73967e8ull);
}

TEST_CASE("plan: walks in name order, takes .txt and .docx, skips hidden files, mirrors the tree") {
  TempDir t;
  write(t / "src/b/y.TXT", "x");
  write(t / "src/a/x.docx", "x");
  write(t / "src/a/notes.md", "x");
  write(t / "src/.git/z.txt", "x");
  write(t / "src/a/~$lock.docx", "x");
  nos::ConvertOptions o;
  o.sources = {t / "src"};
  o.out_dir = t / "out/";
  nos::ConvertPlan plan = nos::plan_conversion(o);
  CHECK(plan.errors.empty());
  CHECK(relatives(plan) == std::vector<std::string>{"a/x.docx", "b/y.TXT"});
  CHECK(plan.inputs[0].output == t / "out/a/x.yaml");
  CHECK(plan.ignored == 1);

  o.include = {"*.md"};
  o.exclude = {"b"};
  CHECK(relatives(nos::plan_conversion(o)) == std::vector<std::string>{"a/notes.md"});
  o.include = {"b/*"};
  o.exclude = {};
  o.format = nos::ModelFormat::Json;
  plan = nos::plan_conversion(o);
  CHECK(relatives(plan) == std::vector<std::string>{"b/y.TXT"});
  CHECK(plan.inputs[0].output == t / "out/b/y.json");
}

TEST_CASE("plan: --include and --exclude take the globs of .nos.yaml") {
  TempDir t;
  write(t / "src/a/x.txt", "x");
  write(t / "src/a/deep/y.txt", "x");
  write(t / "src/z.txt", "x");
  nos::ConvertOptions o;
  o.sources = {t / "src"};
  o.out_dir = t / "out";
  o.include = {"a/*.txt"};  // "*" stays within one name (fnmatch's would cross "/")
  CHECK(relatives(nos::plan_conversion(o)) == std::vector<std::string>{"a/x.txt"});
  o.include = {"a/**/*.txt"};  // "**/" is zero or more folders
  CHECK(relatives(nos::plan_conversion(o)) == std::vector<std::string>{"a/deep/y.txt", "a/x.txt"});
  o.include = {"**/z.txt"};
  CHECK(relatives(nos::plan_conversion(o)) == std::vector<std::string>{"z.txt"});
  o.include = {};
  o.exclude = {"a/*"};  // prunes a/deep as well as a/x.txt
  CHECK(relatives(nos::plan_conversion(o)) == std::vector<std::string>{"z.txt"});
  for (const char* name : {"a/x.txt", "y.txt"}) CHECK(nos::glob_match("*.txt", name));
  CHECK_FALSE(nos::glob_match("[ab]/x.txt", "a/x.txt"));  // no bracket classes
}

TEST_CASE("plan: collisions, listed paths and unsafe output directories are refused before writing") {
  TempDir t;
  write(t / "src/a/x.txt", "x");
  write(t / "src/a/x.docx", "x");
  nos::ConvertOptions o;
  o.sources = {t / "src"};
  o.out_dir = t / "out";
  nos::ConvertPlan plan = nos::plan_conversion(o);
  REQUIRE(plan.errors.size() == 1);
  CHECK(plan.errors[0].find("both") != std::string::npos);
  CHECK(!fs::exists(t / "out"));

  o.sources = {};
  o.listed = {"../x.txt", "/etc/passwd"};
  CHECK(nos::plan_conversion(o).errors.size() == 2);

  o.listed = {};
  o.sources = {t / "src"};
  o.out_dir = t / "src/out";
  CHECK_THROWS_AS(nos::plan_conversion(o), nos::Error);
  o.exclude = {"*.docx", "out"};
  CHECK(nos::plan_conversion(o).errors.empty());
}

TEST_CASE("run: models carry the path relative to the source, failures are isolated, -j does not matter") {
  TempDir t;
  write(t / "src/a/good.txt", read(kSample));
  write(t / "src/a/empty.txt", "");
  write(t / "src/b/good.txt", read(kSample));
  nos::ConvertOptions o;
  o.sources = {t / "src"};
  o.out_dir = t / "out1";
  o.jobs = 1;
  nos::ConvertPlan plan = nos::plan_conversion(o);
  std::size_t seen = 0;
  nos::ConvertRun run = nos::run_conversion(plan, o, [&](auto&, auto&, auto&) { ++seen; });
  CHECK(seen == 3);
  CHECK(run.counts.converted == 2);
  CHECK(run.counts.failed == 1);
  CHECK(run.results[0].status == nos::ConvertStatus::Failed);
  CHECK(run.results[0].error.starts_with(t / "src/a/empty.txt: "));
  CHECK(run.results[1].performance_criteria > 0);
  std::string model = read(t / "out1/a/good.yaml");
  CHECK(model.find("path: \"a/good.txt\"") != std::string::npos);

  o.out_dir = t / "out2";
  o.jobs = 2;
  nos::run_conversion(nos::plan_conversion(o), o);
  CHECK(read(t / "out2/a/good.yaml") == model);

  std::ostringstream written;
  nos::write_conversion_report(written, plan, run);
  const std::string report = written.str();
  CHECK(report.find("\"status\": \"failed\"") != std::string::npos);
  CHECK(report.find("\"converted\": 2") != std::string::npos);
}

TEST_CASE("run: --incremental skips what is unchanged") {
  TempDir t;
  write(t / "src/x.txt", read(kSample));
  write(t / "src/y.txt", read(kSample));
  nos::ConvertOptions o;
  o.sources = {t / "src"};
  o.out_dir = t / "out";
  o.incremental = true;
  CHECK(nos::run_conversion(nos::plan_conversion(o), o).counts.converted == 2);
  auto again = nos::run_conversion(nos::plan_conversion(o), o);
  CHECK(again.counts.skipped == 2);
  CHECK(again.results[0].performance_criteria > 0);  // counts come from the manifest
  write(t / "src/y.txt", read(kSample) + "\nK99 one more thing\n");
  again = nos::run_conversion(nos::plan_conversion(o), o);
  CHECK(again.counts.skipped == 1);
  CHECK(again.counts.converted == 1);
}

TEST_CASE("manifest: round trip, and another fingerprint discards it") {
  TempDir t;
  nos::batch::Manifest m;
  m.fingerprint = "f1";
  m.entries["a/x.yaml"] = {"a/x.txt", 10, 20, 0xfeedull, 30, 40, 1, 2, 3, 4};
  m.entries["b \"q\".yaml"] = {"b \"q\".txt", 1, 2, 3, 4, 5, 0, 0, 0, 0};
  write(t / "m.json", m.to_json());
  auto back = nos::batch::Manifest::load(t / "m.json", "f1");
  REQUIRE(back.entries.size() == 2);
  CHECK(back.entries["a/x.yaml"].hash == 0xfeedull);
  CHECK(back.entries["a/x.yaml"].unnumbered == 4);
  CHECK(back.entries["b \"q\".yaml"].relative == "b \"q\".txt");
  CHECK(nos::batch::Manifest::load(t / "m.json", "f2").entries.empty());
  write(t / "m.json", "{ not json");
  CHECK(nos::batch::Manifest::load(t / "m.json", "f1").entries.empty());
}
