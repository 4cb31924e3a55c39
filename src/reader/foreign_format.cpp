// Recognising formats by content: those a reader takes, and those no reader takes, so the user gets told
// what they gave us.
#include <array>
#include <string>
#include <string_view>

#include "reader/readers.hpp"

namespace nos::detail {

namespace {

constexpr std::size_t kOleSearchBytes = 64u << 10;

bool starts_with(std::string_view bytes, std::string_view magic) {
  return bytes.substr(0, magic.size()) == magic;
}

/// Whether `bytes` contain `ascii` encoded as UTF-16LE (how OLE directory entries store stream names).
bool contains_utf16le(std::string_view bytes, std::string_view ascii) {
  std::string wide;
  wide.reserve(ascii.size() * 2);
  for (char c : ascii) {
    wide.push_back(c);
    wide.push_back('\0');
  }
  return bytes.find(wide) != std::string_view::npos;
}

struct Magic {
  std::string_view bytes;
  std::string_view message;
};

using namespace std::string_view_literals;

constexpr std::array kMagics = {
    Magic{"\x89PNG\r\n\x1a\n"sv, "this is a PNG image, not a document nos reads"sv},
    Magic{"\xff\xd8\xff"sv, "this is a JPEG image, not a document nos reads"sv},
    Magic{"GIF87a"sv, "this is a GIF image, not a document nos reads"sv},
    Magic{"GIF89a"sv, "this is a GIF image, not a document nos reads"sv},
    Magic{"\x1f\x8b"sv, "this is a gzip-compressed file, not a document nos reads; decompress it first"sv},
    Magic{"7z\xbc\xaf\x27\x1c"sv, "this is a 7-Zip archive, not a document nos reads"sv},
    Magic{"Rar!\x1a\x07"sv, "this is a RAR archive, not a document nos reads"sv},
    Magic{"\x7f"
          "ELF"sv,
          "this is an executable (ELF) file, not a document nos reads"sv},
};

}  // namespace

bool looks_like_ole(std::string_view bytes) {
  return starts_with(bytes, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"sv);
}

bool looks_like_rtf(std::string_view bytes) { return starts_with(bytes, "{\\rtf"); }

bool looks_like_html(std::string_view bytes) {
  if (starts_with(bytes, "\xef\xbb\xbf"sv)) bytes.remove_prefix(3);
  std::size_t start = bytes.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return false;
  std::string head;
  for (char c : bytes.substr(start, 1024))
    head.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  if (starts_with(head, "<?xml"))
    return head.find("<!doctype html") != std::string::npos || head.find("<html") != std::string::npos;
  return starts_with(head, "<!doctype html") || starts_with(head, "<html") ||
         starts_with(head, "<!-- saved from url");
}

bool looks_like_zip(std::string_view bytes) {
  return starts_with(bytes, "PK\x03\x04"sv) || starts_with(bytes, "PK\x05\x06"sv);
}

bool looks_like_pdf(std::string_view bytes) { return starts_with(bytes, "%PDF-"); }

std::string describe_foreign_format(std::string_view bytes) {
  if (looks_like_pdf(bytes)) return "this is a PDF file, not a DOCX";
  if (looks_like_ole(bytes)) {
    // An OLE compound file: Word 97-2003, or an OOXML file wrapped by password encryption.
    std::string_view head = bytes.substr(0, kOleSearchBytes);
    if (contains_utf16le(head, "EncryptedPackage")) {
      return "this is an encrypted (password-protected) Office file; remove the password in Word and save "
             "again";
    }
    if (!contains_utf16le(head, "WordDocument")) {
      if (contains_utf16le(head, "Workbook"))
        return "this is an old binary Excel .xls file, not a Word document";
      if (contains_utf16le(head, "PowerPoint Document")) {
        return "this is an old binary PowerPoint .ppt file, not a Word document";
      }
    }
    return "";  // the .doc reader tells a Word file from other compound files
  }
  std::string_view xml = starts_with(bytes, "\xef\xbb\xbf"sv) ? bytes.substr(3) : bytes;
  if (starts_with(xml, "<?xml")) {
    std::string_view head = xml.substr(0, 4096);
    if (head.find("schemas.microsoft.com/office/2006/xmlPackage") != std::string_view::npos ||
        head.find("schemas.microsoft.com/office/word/2003/wordml") != std::string_view::npos) {
      return "this is a Word XML file (Word 2003 XML or flat OPC), not a DOCX; save it as .docx in Word";
    }
  }
  for (const Magic& m : kMagics) {
    if (starts_with(bytes, m.bytes)) return std::string(m.message);
  }
  return "";
}

}  // namespace nos::detail
