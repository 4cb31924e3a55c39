// The floor for DOCX: one process inflating word/document.xml from every file with libzip, parsing it
// with pugixml and visiting every w:t. No per-file process start, which would dominate (unzip -p).
#include <zip.h>

#include <cstring>
#include <pugixml.hpp>

#include "floor_common.hpp"

namespace {

std::string visit(const std::string& path) {
  int err = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (!archive) return {};
  std::string text;
  zip_stat_t st;
  if (zip_stat(archive, "word/document.xml", 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
    if (zip_file_t* f = zip_fopen(archive, "word/document.xml", 0)) {
      std::string xml(static_cast<std::size_t>(st.size), '\0');
      zip_int64_t n = zip_fread(f, xml.data(), xml.size());
      zip_fclose(f);
      pugi::xml_document doc;
      if (n == static_cast<zip_int64_t>(xml.size()) && doc.load_buffer_inplace(xml.data(), xml.size())) {
        struct Walker : pugi::xml_tree_walker {
          std::string* text;
          bool for_each(pugi::xml_node& node) override {
            if (std::strcmp(node.name(), "w:t") == 0) *text += node.child_value();
            return true;
          }
        } walker;
        walker.text = &text;
        doc.traverse(walker);
      }
    }
  }
  zip_close(archive);
  return text;
}

}  // namespace

int main(int argc, char** argv) { return floor_bench::main_with(argc, argv, ".docx", visit); }
