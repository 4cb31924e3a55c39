#include "batch/manifest.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <nlohmann/json.hpp>
#include <vector>

#include "nos/convert.hpp"
#include "nos/error.hpp"

namespace nos {

std::uint64_t content_hash(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

}  // namespace nos

namespace nos::batch {

namespace {

constexpr const char* kManifestSchema = "nos-manifest/1";

}  // namespace

// The grammar's own bytes, not a list of its fields: a field added later cannot be forgotten here.
std::string run_fingerprint(const Grammar& grammar, ModelFormat format) {
  return fmt::format("nos {}; {}; grammar {:016x}", NOS_VERSION,
                     format == ModelFormat::Json ? "json" : "yaml", content_hash(grammar.source_text));
}

Manifest Manifest::load(const std::string& path, const std::string& fingerprint) {
  Manifest m;
  m.fingerprint = fingerprint;
  // Not blocking, and only a regular file: a FIFO in its place would hang the run.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return m;
  std::string text;
  struct stat st {};
  bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  for (char buffer[1 << 16]; regular;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  if (!regular) throw Error(ErrorKind::Output, path, "is not a regular file; refusing to read or replace it");
  try {
    auto doc = nlohmann::json::parse(text);
    if (doc.value("schema", "") != kManifestSchema || doc.value("fingerprint", "") != fingerprint) return m;
    for (const auto& [key, e] : doc.at("files").items()) {
      ManifestEntry entry;
      entry.relative = e.at("input").get<std::string>();
      entry.size = e.at("size").get<std::uint64_t>();
      entry.mtime_ns = e.at("mtime_ns").get<std::int64_t>();
      entry.hash = std::stoull(e.at("hash").get<std::string>(), nullptr, 16);
      entry.output_size = e.at("output_size").get<std::uint64_t>();
      entry.output_mtime_ns = e.at("output_mtime_ns").get<std::int64_t>();
      entry.performance_criteria = e.value("P", std::size_t{0});
      entry.knowledge = e.value("K", std::size_t{0});
      entry.unplaced = e.value("unplaced", std::size_t{0});
      entry.unnumbered = e.value("unnumbered", std::size_t{0});
      m.entries.emplace(key, std::move(entry));
    }
  } catch (const std::exception&) {
    m.entries.clear();  // damaged: convert everything again
  }
  return m;
}

std::string quote_json(std::string_view s) {
  // Paths need not be UTF-8; a bad byte becomes U+FFFD rather than an exception.
  return nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string Manifest::to_json() const {
  std::vector<const std::pair<const std::string, ManifestEntry>*> sorted;
  sorted.reserve(entries.size());
  for (const auto& kv : entries) sorted.push_back(&kv);
  std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->first < b->first; });

  std::string out = fmt::format("{{\n  \"schema\": \"{}\",\n  \"fingerprint\": {},\n  \"files\": {{",
                                kManifestSchema, quote_json(fingerprint));
  const char* sep = "\n";
  for (const auto* kv : sorted) {
    const ManifestEntry& e = kv->second;
    out += fmt::format(
        "{}    {}: {{\"input\": {}, \"size\": {}, \"mtime_ns\": {}, \"hash\": \"{:016x}\", \"output_size\": "
        "{}, "
        "\"output_mtime_ns\": {}, \"P\": {}, \"K\": {}, \"unplaced\": {}, \"unnumbered\": {}}}",
        sep, quote_json(kv->first), quote_json(e.relative), e.size, e.mtime_ns, e.hash, e.output_size,
        e.output_mtime_ns, e.performance_criteria, e.knowledge, e.unplaced, e.unnumbered);
    sep = ",\n";
  }
  out += sorted.empty() ? "}\n}\n" : "\n  }\n}\n";
  return out;
}

}  // namespace nos::batch
