#include "reader/zip_archive.hpp"

#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <unordered_set>

#include "nos/error.hpp"
#include "util/text.hpp"

namespace nos::detail {

namespace {

constexpr std::size_t kChunk = 64u << 10;

struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

}  // namespace

std::string describe_byte_count(std::size_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return fmt::format("{} MiB", bytes >> 20);
  if (bytes >= (1u << 10) && bytes % (1u << 10) == 0) return fmt::format("{} KiB", bytes >> 10);
  return fmt::format("{} bytes", bytes);
}

ZipArchive::ZipArchive(std::string_view bytes, const std::string& path, std::size_t max_entries,
                       std::string_view kind)
    : path_(path), kind_(kind) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    throw Error(ErrorKind::Input, path_, "out of memory opening the zip container");
  }
  archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (archive_ == nullptr) {
    zip_source_free(source);
    throw Error(ErrorKind::Input, path_, damaged());
  }
  zip_int64_t entries = zip_get_num_entries(archive_, 0);
  if (entries < 0 || static_cast<std::uint64_t>(entries) > max_entries) {
    zip_discard(archive_);
    archive_ = nullptr;
    throw Error(
        ErrorKind::Input, path_,
        fmt::format("the zip container has more than {} entries (limit --max-zip-entries): refusing a "
                    "possible zip bomb",
                    max_entries));
  }
  // Two entries of one name: readers differ on which one they take (Python's zipfile the last, libzip
  // the first), so the document would depend on the reader.
  std::unordered_set<std::string> names;
  for (zip_int64_t i = 0; i < entries; ++i) {
    const char* name = zip_get_name(archive_, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
    if (name && !names.insert(text::lower(name)).second) {
      std::string shown = text::valid_utf8(name) ? name : "(a name that is not UTF-8)";
      zip_discard(archive_);
      archive_ = nullptr;
      throw Error(ErrorKind::Input, path_,
                  fmt::format("the zip container has two entries named {}: not a valid DOCX", shown));
    }
  }
}

std::string ZipArchive::damaged() const {
  return fmt::format("the file is not a valid {}: the zip container is damaged (truncated or corrupt)",
                     kind_);
}

ZipArchive::~ZipArchive() {
  if (archive_ != nullptr) zip_discard(archive_);
}

bool ZipArchive::contains(const std::string& name) const {
  return zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE) >= 0;
}

std::optional<std::string> ZipArchive::read(const std::string& name, std::size_t max_bytes) const {
  zip_int64_t index = zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return std::nullopt;
  auto idx = static_cast<zip_uint64_t>(index);
  std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen_index(archive_, idx, 0));
  if (!file) {
    int code = zip_error_code_zip(zip_get_error(archive_));
    if (code == ZIP_ER_COMPNOTSUPP || code == ZIP_ER_ENCRNOTSUPP) {
      throw Error(
          ErrorKind::Input, path_,
          fmt::format("the file is not a valid {}: {} uses an unsupported compression method", kind_, name));
    }
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD) {
      throw Error(
          ErrorKind::Input, path_,
          fmt::format("the file is not a valid {}: {} is encrypted inside the zip container", kind_, name));
    }
    throw Error(ErrorKind::Input, path_, damaged());
  }
  std::string data;
  zip_stat_t st;
  zip_stat_init(&st);
  // The declared size only sizes the first allocation, never the limit.
  if (zip_stat_index(archive_, idx, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) != 0) {
    data.reserve(static_cast<std::size_t>(std::min<zip_uint64_t>(st.size, max_bytes)) + 1);
  }
  for (;;) {
    std::size_t old = data.size();
    // Ask for one byte past the cap so that reaching it exactly is not mistaken for exceeding it.
    std::size_t room = max_bytes - old;
    std::size_t want = room >= kChunk ? kChunk : room + 1;
    data.resize(old + want);
    zip_int64_t got = zip_fread(file.get(), data.data() + old, want);
    if (got < 0) throw Error(ErrorKind::Input, path_, damaged());
    data.resize(old + static_cast<std::size_t>(got));
    if (data.size() > max_bytes) {
      throw Error(
          ErrorKind::Input, path_,
          fmt::format("{} inflates to more than {} (limit --max-part-size): refusing a possible zip bomb",
                      name, describe_byte_count(max_bytes)));
    }
    if (got == 0) break;
  }
  return data;
}

std::string replace_zip_entry(std::string_view bytes, const std::string& name, std::string_view data,
                              const std::string& path) {
  auto fail = [&](zip_error_t* error) {
    std::string why = error ? zip_error_strerror(error) : "out of memory";
    throw Error(ErrorKind::Output, path,
                fmt::format("could not rewrite the zip container: {}", text::lower(why)));
  };
  // libzip writes the new archive into the source it was opened from; kept, so it outlives zip_close.
  // The source owns a copy of the bytes: libzip may free the buffer it was opened from when it writes
  // (seen when the entry replaced is the archive's last), which must not be the caller's.
  zip_error_t error;
  zip_error_init(&error);
  void* copy = std::malloc(std::max<std::size_t>(bytes.size(), 1));
  if (copy == nullptr) fail(nullptr);
  std::memcpy(copy, bytes.data(), bytes.size());
  std::unique_ptr<zip_source_t, decltype(&zip_source_free)> source(
      zip_source_buffer_create(copy, bytes.size(), 1, &error), zip_source_free);
  if (!source) {
    std::free(copy);
    fail(&error);
  }
  zip_source_keep(source.get());
  zip_t* archive = zip_open_from_source(source.get(), 0, &error);
  if (archive == nullptr) {
    zip_source_free(source.get());
    fail(&error);
  }
  zip_error_fini(&error);
  zip_int64_t index = zip_name_locate(archive, name.c_str(), ZIP_FL_NOCASE);
  zip_source_t* entry = zip_source_buffer(archive, data.data(), data.size(), 0);
  const bool replaced = index >= 0 && entry != nullptr &&
                        zip_file_replace(archive, static_cast<zip_uint64_t>(index), entry, 0) == 0;
  if (!replaced && entry != nullptr) zip_source_free(entry);  // libzip owns it only once replaced
  if (!replaced ||
      zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 0) != 0 ||
      zip_close(archive) != 0) {
    zip_error_t why;
    zip_error_init(&why);
    zip_error_set(&why, zip_error_code_zip(zip_get_error(archive)),
                  zip_error_code_system(zip_get_error(archive)));
    zip_discard(archive);
    fail(&why);
  }
  zip_stat_t st;
  zip_stat_init(&st);
  std::string out;
  if (zip_source_stat(source.get(), &st) != 0 || zip_source_open(source.get()) != 0) fail(nullptr);
  out.resize(static_cast<std::size_t>(st.size));
  zip_int64_t got = zip_source_read(source.get(), out.data(), out.size());
  zip_source_close(source.get());
  if (got != static_cast<zip_int64_t>(out.size())) fail(nullptr);
  return out;
}

}  // namespace nos::detail
