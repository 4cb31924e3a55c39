// nos help, nos completion, the man pages, and usage errors: one line, with a suggestion.
#include <filesystem>
#include <iostream>

#include "cli/cli_docs.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "nos/error.hpp"
#include "util/atomic_file.hpp"
#include "util/suggest.hpp"

namespace nos::cli {
namespace {

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const auto* c : visible_commands(app)) names.push_back(c->get_name());
  return names;
}

const CLI::App* find_command(const CLI::App& app, const std::string& name) {
  for (const auto* c : visible_commands(app))
    if (c->get_name() == name) return c;
  throw Error(ErrorKind::Usage, "",
              "unknown command '" + name + "'" + did_you_mean(name, command_names(app)) +
                  "; 'nos --help' lists them");
}

void write_man_pages(const CLI::App& app, const std::string& dir) {
  std::filesystem::create_directories(dir);
  write_file_atomically(dir + "/nos.1", man_page(app, nullptr));
  for (const auto* c : visible_commands(app))
    write_file_atomically(dir + "/nos-" + c->get_name() + ".1", man_page(app, c));
}

// CLI11's message, on one line, and a pointer to the help of the command that was being read.
std::string one_line(std::string message) {
  for (char& c : message)
    if (c == '\n') c = ' ';
  while (!message.empty() && message.back() == ' ') message.pop_back();
  return message;
}

}  // namespace

void add_help_commands(CLI::App& app) {
  auto topic = std::make_shared<std::string>();
  CLI::App* help = app.add_subcommand("help", "Show the help of nos or of one command");
  help->add_option("COMMAND", *topic, "A command, e.g. check");
  // The help `nos --help` and `nos COMMAND --help` print; App::help() would show the help command's own.
  help->callback([&app, topic] {
    std::cout << (topic->empty()
                      ? app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal)
                      : find_command(app, *topic)->help(app.get_name()));
  });

  auto shell = std::make_shared<std::string>();
  CLI::App* completion = app.add_subcommand("completion", "Print a shell completion script");
  completion->add_option("SHELL", *shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  completion->footer("Example: nos completion bash > ~/.local/share/bash-completion/completions/nos");
  completion->callback([&app, shell] { std::cout << completion_script(app, *shell); });

  // Hidden (group ""): the build writes the man pages with it, from the same definitions as --help.
  auto dir = std::make_shared<std::string>();
  CLI::App* man = app.add_subcommand("man", "Write the man pages into a folder")->group("");
  man->add_option("DIR", *dir, "Output folder")->required();
  man->callback([&app, dir] { write_man_pages(app, *dir); });
}

int report_usage_error(const CLI::App& app, const CLI::ParseError& e, int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto word =
      std::find_if(args.begin(), args.end(), [](const std::string& a) { return !a.starts_with("-"); });
  if (word == args.end()) {
    print_error(args.empty() ? "no command given; 'nos --help' lists the commands" : one_line(e.what()));
    return kExitError;
  }
  const CLI::App* command = nullptr;
  for (const auto* c : visible_commands(app))
    if (c->get_name() == *word) command = c;
  if (!command) {
    print_error("unknown command '" + *word + "'" + did_you_mean(*word, command_names(app)) +
                "; 'nos --help' lists them");
    return kExitError;
  }
  for (auto a = word + 1; a != args.end(); ++a) {
    if (*a == "--") break;
    if (!a->starts_with("-") || *a == "-") continue;
    std::string name = a->substr(0, a->find('='));
    if (!name.starts_with("--")) name = name.substr(0, 2);  // -ofile is -o with its value
    if (!command->get_option_no_throw(name) && name != "--help" && name != "-h") {
      print_error("nos " + command->get_name() + ": unknown option '" + name + "'" +
                  did_you_mean(name, option_names(*command, true)) + "; 'nos help " + command->get_name() +
                  "' lists them");
      return kExitError;
    }
  }
  print_error("nos " + command->get_name() + ": " + one_line(e.what()) + "; 'nos help " +
              command->get_name() + "' shows its options");
  return kExitError;
}

}  // namespace nos::cli
