#include "cli/limit_options.hpp"

namespace nos::cli {

void add_limit_options(CLI::App* command, Limits& limits) {
  auto mib = [](std::size_t& target) { return [&target](std::size_t value) { target = value << 20; }; };
  command
      ->add_option_function<std::size_t>("--max-input-size", mib(limits.max_input_bytes),
                                         "Largest input file to read, in MiB (default 64)")
      ->check(CLI::Range(1, 4096))
      ->group("Limits");
  command
      ->add_option("--max-line-bytes", limits.max_line_bytes,
                   "Longest line of a text export, in bytes (default 1 MiB)")
      ->check(CLI::Range(1024, 1 << 30))
      ->group("Limits");
  command
      ->add_option_function<std::size_t>("--max-part-size", mib(limits.max_part_bytes),
                                         "Largest inflated part of a DOCX, in MiB (default 64)")
      ->check(CLI::Range(1, 4096))
      ->group("Limits");
  command
      ->add_option("--max-zip-entries", limits.max_zip_entries,
                   "Most entries in a DOCX container (default 10000)")
      ->check(CLI::Range(16, 1000000))
      ->group("Limits");
  command
      ->add_option("--max-xml-depth", limits.max_xml_depth,
                   "Deepest element nesting in a DOCX part (default 256)")
      ->check(CLI::Range(16, 100000))
      ->group("Limits");
  command->add_option("--max-pdf-pages", limits.max_pdf_pages, "Most pages in a PDF (default 5000)")
      ->check(CLI::Range(1, 1000000))
      ->group("Limits");
  command
      ->add_option_function<std::size_t>(
          "--max-yaml-size", mib(limits.max_yaml_bytes),
          "Largest YAML model, grammar or config with its aliases expanded, in MiB (default 16)")
      ->check(CLI::Range(1, 4096))
      ->group("Limits");
}

std::unique_ptr<const Grammar> grammar_option(const std::string& path, const Limits& limits) {
  if (path.empty()) return nullptr;
  return std::make_unique<const Grammar>(Grammar::load_file(path, limits));
}

}  // namespace nos::cli
