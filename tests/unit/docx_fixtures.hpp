// Building small DOCX files in memory for tests: parts zipped with libzip into a std::string.
#pragma once

#include <zip.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace nos::test {

using Parts = std::vector<std::pair<std::string, std::string>>;

/// Zips `parts` (name, bytes) in order, deflated, into an in-memory archive.
inline std::string make_zip(const Parts& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) throw std::runtime_error("zip_source_buffer_create failed");
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) {
    zip_source_free(buffer);
    throw std::runtime_error("zip_open_from_source failed");
  }
  for (const auto& [name, data] : parts) {
    zip_source_t* s = zip_source_buffer(archive, data.data(), data.size(), 0);
    if (s == nullptr || zip_file_add(archive, name.c_str(), s, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(s);
      zip_discard(archive);
      zip_source_free(buffer);
      throw std::runtime_error("zip_file_add failed for " + name);
    }
  }
  if (zip_close(archive) < 0) {
    zip_discard(archive);
    zip_source_free(buffer);
    throw std::runtime_error("zip_close failed");
  }
  std::string out;
  if (zip_source_open(buffer) == 0) {
    zip_source_seek(buffer, 0, SEEK_END);
    zip_int64_t size = zip_source_tell(buffer);
    zip_source_seek(buffer, 0, SEEK_SET);
    out.resize(static_cast<std::size_t>(size));
    zip_int64_t got = zip_source_read(buffer, out.data(), out.size());
    zip_source_close(buffer);
    out.resize(got < 0 ? 0 : static_cast<std::size_t>(got));
  }
  zip_source_free(buffer);
  return out;
}

inline const char* const kWordNamespaces =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
    "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" "
    "xmlns:v=\"urn:schemas-microsoft-com:vml\"";

inline const char* const kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "</Types>";

/// word/document.xml around `body` (the children of w:body).
inline std::string document_xml(const std::string& body) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document ") +
         kWordNamespaces + "><w:body>" + body + "</w:body></w:document>";
}

/// word/numbering.xml or word/styles.xml around `inner`.
inline std::string word_part(const std::string& root, const std::string& inner) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:" + root + " " + kWordNamespaces + ">" + inner +
         "</w:" + root + ">";
}

/// A DOCX whose body is `body`; numbering.xml and styles.xml only when given; `extra` parts after them.
inline std::string make_docx(const std::string& body, const std::string& numbering = "",
                             const std::string& styles = "", const Parts& extra = {}) {
  Parts parts = {{"[Content_Types].xml", kContentTypes}, {"word/document.xml", document_xml(body)}};
  if (!numbering.empty()) parts.emplace_back("word/numbering.xml", word_part("numbering", numbering));
  if (!styles.empty()) parts.emplace_back("word/styles.xml", word_part("styles", styles));
  parts.insert(parts.end(), extra.begin(), extra.end());
  return make_zip(parts);
}

/// word/_rels/document.xml.rels relating each (id, target) pair.
inline std::string relationships(const Parts& targets) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (const auto& [id, target] : targets)
    out += "<Relationship Id=\"" + id +
           "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
           "relationships/header\" Target=\"" +
           target + "\"/>";
  return out + "</Relationships>";
}

/// A paragraph of one run per piece of `text`.
inline std::string para(const std::string& text, const std::string& ppr = "") {
  std::string p = "<w:p>";
  if (!ppr.empty()) p += "<w:pPr>" + ppr + "</w:pPr>";
  if (!text.empty()) p += "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>";
  return p + "</w:p>";
}

}  // namespace nos::test
