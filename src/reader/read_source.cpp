// Reading a document from disk or standard input, and telling its format by content.
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "nos/error.hpp"
#include "nos/reader.hpp"
#include "reader/readers.hpp"

namespace nos {

namespace {

std::string read_stream(std::istream& in, const std::string& path, std::size_t max_bytes) {
  std::string bytes;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > max_bytes)
      throw Error(ErrorKind::Input, path,
                  fmt::format("the input is larger than {} MiB (--max-input-size)", max_bytes >> 20));
  }
  if (in.bad()) throw Error(ErrorKind::Input, path, "read error");
  return bytes;
}

}  // namespace

std::string read_input_bytes(const std::string& path, const Limits& limits) {
  if (path == "-") return read_stream(std::cin, "<stdin>", limits.max_input_bytes);
  namespace fs = std::filesystem;
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) throw Error(ErrorKind::Input, path, "no such file");
  if (fs::is_directory(status)) throw Error(ErrorKind::Input, path, "is a directory, not a document");
  if (!fs::is_regular_file(status) && !fs::is_character_file(status) && !fs::is_fifo(status))
    throw Error(ErrorKind::Input, path, "not a regular file");
  if (fs::is_regular_file(status)) {
    auto size = fs::file_size(path, ec);
    if (!ec && size > limits.max_input_bytes)
      throw Error(ErrorKind::Input, path,
                  fmt::format("the file is {} MiB, over the limit of {} MiB (--max-input-size)", size >> 20,
                              limits.max_input_bytes >> 20));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::Input, path, fmt::format("cannot open: {}", std::strerror(errno)));
  return read_stream(in, path, limits.max_input_bytes);
}

bool is_document_extension(std::string_view extension) {
  static constexpr std::string_view kExtensions[] = {".txt", ".docx", ".pdf",  ".doc",
                                                     ".odt", ".rtf",  ".html", ".htm"};
  return std::find(std::begin(kExtensions), std::end(kExtensions), extension) != std::end(kExtensions);
}

Source read_source_bytes(std::string bytes, const std::string& path, const Limits& limits) {
  if (bytes.size() > limits.max_input_bytes)
    throw Error(
        ErrorKind::Input, path,
        fmt::format("the input is larger than {} MiB (--max-input-size)", limits.max_input_bytes >> 20));
  if (detail::looks_like_zip(bytes)) {
    return detail::looks_like_odt(bytes) ? detail::read_odt_bytes(bytes, path, limits)
                                         : detail::read_docx_bytes(bytes, path, limits);
  }
  if (detail::looks_like_pdf(bytes)) return detail::read_pdf_bytes(bytes, path, limits);
  if (auto foreign = detail::describe_foreign_format(bytes); !foreign.empty())
    throw Error(ErrorKind::Input, path, foreign);
  if (detail::looks_like_ole(bytes)) return detail::read_doc_bytes(bytes, path, limits);
  if (detail::looks_like_rtf(bytes)) return detail::read_rtf_bytes(bytes, path, limits);
  if (detail::looks_like_html(bytes)) return detail::read_html_bytes(bytes, path, limits);
  return detail::read_text_bytes(std::move(bytes), path, limits);
}

Source read_source(const std::string& path, const Limits& limits) {
  return read_source_bytes(read_input_bytes(path, limits), path == "-" ? "<stdin>" : path, limits);
}

}  // namespace nos
