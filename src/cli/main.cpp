// nos: read, check and convert UK National Occupational Standards.
#include <iostream>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "nos/error.hpp"
#include "nos_commit.hpp"
#include "util/text.hpp"

namespace nos::cli {

int exit_code = kExitOk;

// Messages name files and quote documents: no control character reaches the terminal.
void print_error(const std::string& message) {
  std::cerr << "nos: error: " << nos::text::printable(message) << "\n";
}

}  // namespace nos::cli

int main(int argc, char** argv) {
  using namespace nos::cli;
#if defined(__GLIBC__)
  // A parse frees its lines and tokens chunk by chunk (about 300 KB each) while the model grows. glibc's
  // sliding threshold moves such blocks onto the heap once one is freed, where the model's strings pin
  // their pages: a fixed threshold keeps them mapped apart and handed back when freed. The heap's top is
  // then trimmed only above 64 MiB (the chunks trim what they free), or every document of a batch would
  // grow and shrink it again.
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
  CLI::App app{
      "nos reads National Occupational Standards (Word, PDF, OpenDocument, RTF, HTML and text exports), "
      "turns "
      "them into a YAML model and validates them."};
  app.set_version_flag("--version", std::string("nos ") + NOS_VERSION + " (commit " + NOS_COMMIT + ")");
  app.require_subcommand(1);
  app.footer("Run 'nos help COMMAND' for a command's options.");
  add_parse_command(app);
  add_convert_command(app);
  add_check_command(app);
  add_rules_commands(app);
  add_diff_command(app);
  add_fix_command(app);
  add_export_command(app);
  add_lsp_command(app);
  add_help_commands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return report_usage_error(app, e, argc, argv);
  } catch (const nos::Error& e) {
    print_error(e.what());
    return kExitError;
  } catch (const std::exception& e) {
    print_error(std::string("internal error: ") + e.what());
    return kExitError;
  }
  return exit_code;
}
