// Output hardening: what reaches a terminal, a model or a file system from names and text nos does not
// control (issue 14).
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "test_support.hpp"
#include "util/atomic_file.hpp"
#include "util/text.hpp"

namespace {

namespace fs = std::filesystem;
using nos::test::error_of;

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("nos-output-test-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("text::printable: one visible character for each control, so columns still line up") {
  CHECK(nos::text::printable("a\x1b[2Jb") == "a\u241B[2Jb");
  CHECK(nos::text::printable("bell\x07 del\x7F") == "bell\u2407 del\u2421");
  CHECK(nos::text::printable("c1 \u009B and \u202Eevil") == "c1 \uFFFD and \uFFFDevil");
  CHECK(nos::text::printable("bad \xFF byte") == "bad \uFFFD byte");
  CHECK(nos::text::printable("caf\u00E9 \u2019quoted\u2019") == "caf\u00E9 \u2019quoted\u2019");
}

TEST_CASE("text::replace_invalid_utf8: only the bytes that are not UTF-8 change") {
  CHECK(nos::text::replace_invalid_utf8("caf\xE9.txt") == "caf\uFFFD.txt");
  CHECK(nos::text::replace_invalid_utf8("caf\u00E9\x1b.txt") == "caf\u00E9\x1b.txt");
  CHECK(nos::text::replace_invalid_utf8("\xED\xA0\x80") == "\uFFFD\uFFFD\uFFFD");  // a surrogate
}

TEST_CASE("write_file_atomically: a name of 255 bytes, and what its temporary file is called") {
  TempDir t;
  std::string name = std::string(250, 'n') + ".yaml";
  nos::write_file_atomically((t.path / name).string(), "model\n");
  CHECK(read(t.path / name) == "model\n");
  CHECK(std::distance(fs::directory_iterator(t.path), fs::directory_iterator()) == 1);
  CHECK(nos::temporary_file_target(".m.yaml.tmp-AbC123") == "m.yaml");
  CHECK(nos::temporary_file_target(".m.yaml.tmp-AbC12") == "");
  CHECK(nos::temporary_file_target("m.yaml.tmp-AbC123") == "");
}

TEST_CASE("write_file_atomically: a FIFO nobody reads is refused at once; a directory is not replaced") {
  TempDir t;
  std::string fifo = (t.path / "pipe").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(error_of([&] { nos::write_file_atomically(fifo, "x"); }) ==
        fifo + ": is a FIFO that nobody reads; refusing to wait for a reader");
  struct stat st {};
  CHECK((::stat(fifo.c_str(), &st) == 0 && S_ISFIFO(st.st_mode)));
  fs::create_directory(t.path / "dir");
  CHECK(error_of([&] { nos::write_file_atomically((t.path / "dir").string(), "x"); }) ==
        (t.path / "dir").string() + ": is a directory; refusing to replace it");
}

TEST_CASE("write_file_atomically: a streamed output replaces the target only when its writer ends") {
  TempDir t;
  const std::string target = (t.path / "model.yaml").string();
  nos::write_file_atomically(target, [](std::ostream& out) {
    for (int i = 0; i < 100000; ++i) out << "line " << i << "\n";  // past the 64 KiB buffer
  });
  const std::string written = read(target);
  CHECK(written.size() == 1088890);
  CHECK(written.ends_with("line 99999\n"));
  CHECK_THROWS_WITH(nos::write_file_atomically(target,
                                               [](std::ostream& out) {
                                                 out << std::string(200000, 'h');  // some written already
                                                 throw std::runtime_error("emitter failed");
                                               }),
                    "emitter failed");
  CHECK(read(target) == written);
  CHECK(std::distance(fs::directory_iterator(t.path), fs::directory_iterator()) == 1);  // no temporary left
  if (fs::exists("/dev/full"))
    CHECK(error_of([] { nos::write_file_atomically("/dev/full", [](std::ostream& out) { out << "x"; }); }) ==
          "/dev/full: write failed: No space left on device");
}

TEST_CASE("write_file_atomically: a directory removed while its output is written leaves nothing behind") {
  TempDir t;
  const fs::path dir = t.path / "reports";
  fs::create_directory(dir);
  const std::string target = (dir / "report.sarif").string();
  CHECK(error_of([&] {
          nos::write_file_atomically(target, [&](std::ostream& out) {
            out << std::string(200000, 'r');
            fs::remove_all(dir);
            out << std::string(200000, 'r');
          });
        }) == target + ": cannot move the output into place: No such file or directory");
  CHECK(!fs::exists(dir));
  CHECK(std::distance(fs::directory_iterator(t.path), fs::directory_iterator()) == 0);
}
