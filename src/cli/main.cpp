// nos: read, check and convert UK National Occupational Standards.
#include <iostream>

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
