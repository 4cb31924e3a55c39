// The floor for DOCX: one process inflating word/document.xml from every file with libzip, parsing it
// with pugixml and visiting every w:t. No per-file process start, which would dominate (unzip -p).
#include <zip.h>

#include <cstring>
#include <pugixml.hpp>

#include "floor_common.hpp"

namespace {

std::size_t visit(const std::string& path) {
  int err = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (!archive) return 0;
  std::size_t chars = 0;
  zip_stat_t st;
  if (zip_stat(archive, "word/document.xml", 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
    if (zip_file_t* f = zip_fopen(archive, "word/document.xml", 0)) {
      std::string xml(static_cast<std::size_t>(st.size), '\0');
      zip_int64_t n = zip_fread(f, xml.data(), xml.size());
      zip_fclose(f);
      pugi::xml_document doc;
      if (n == static_cast<zip_int64_t>(xml.size()) && doc.load_buffer_inplace(xml.data(), xml.size())) {
        struct Walker : pugi::xml_tree_walker {
          std::size_t chars = 0;
          bool for_each(pugi::xml_node& node) override {
            if (std::strcmp(node.name(), "w:t") == 0) chars += std::strlen(node.child_value());
            return true;
          }
        } walker;
        doc.traverse(walker);
        chars = walker.chars;
      }
    }
  }
  zip_close(archive);
  return chars;
}

}  // namespace

int main(int argc, char** argv) { return floor_bench::main_with(argc, argv, ".docx", "chars", visit); }
