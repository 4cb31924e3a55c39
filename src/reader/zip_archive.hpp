// A read-only view of a zip container held in memory (libzip), for the DOCX and ODT readers, and the
// one change nos fix makes to a DOCX: an entry replaced.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

struct zip;

namespace nos::detail {

/// Opens `bytes` (which must outlive the archive) as a zip container of `kind` ("DOCX", "ODT": the name
/// messages about a damaged container give). Entries are only ever read by name
/// into memory: nothing is extracted to disk, so names such as "../x" or "/etc/x" are harmless.
/// Every failure throws nos::Error(ErrorKind::Input, path, ...).
class ZipArchive {
 public:
  ZipArchive(std::string_view bytes, const std::string& path, std::size_t max_entries, std::string_view kind);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  /// Whether an entry of that name exists (ASCII case-insensitive, as OPC part names are).
  bool contains(const std::string& name) const;

  /// The inflated bytes of entry `name`, or nullopt when there is none. Reads in chunks and stops with an
  /// error as soon as the data exceeds `max_bytes`: the size the container declares is never trusted.
  std::optional<std::string> read(const std::string& name, std::size_t max_bytes) const;

 private:
  std::string damaged() const;

  zip* archive_ = nullptr;
  std::string path_;
  std::string kind_;
};

/// The zip container `bytes` with entry `name` (which it holds) replaced by `data`, deflated; every other
/// entry is copied as it is stored, compressed bytes and all. Failures throw nos::Error(ErrorKind::Output).
std::string replace_zip_entry(std::string_view bytes, const std::string& name, std::string_view data,
                              const std::string& path);

/// "64 MiB", "512 KiB", "1000 bytes": a byte limit as a user wrote it.
std::string describe_byte_count(std::size_t bytes);

}  // namespace nos::detail
