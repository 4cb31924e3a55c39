#include "cli/cli_docs.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "cli/exit_codes.hpp"
#include "nos/config.hpp"
#include "nos/validate.hpp"

namespace nos::cli {
namespace {

// Text set as roff: backslashes and hyphens escaped, a control character at a line start neutralised.
std::string roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\')
      out += "\\e";
    else if (c == '-')
      out += "\\-";
    else
      out += c;
    line_start = c == '\n';
  }
  return out;
}

std::vector<const CLI::Option*> flags_of(const CLI::App& command) {
  return command.get_options([](const CLI::Option* o) { return o->nonpositional(); });
}

std::vector<const CLI::Option*> positionals_of(const CLI::App& command) {
  return command.get_options([](const CLI::Option* o) { return !o->nonpositional(); });
}

// "-o, --output FILE": every name of the option, then its argument as CLI11's help shows it.
std::string option_heading(const CLI::Option& o) {
  std::string names;
  for (const auto& s : o.get_snames()) names += (names.empty() ? "-" : ", -") + s;
  for (const auto& l : o.get_lnames()) names += (names.empty() ? "--" : ", --") + l;
  std::string heading = "\\fB" + roff(names) + "\\fR";
  if (o.get_expected_max() > 0 && !o.get_type_name().empty())
    heading += " \\fI" + roff(o.get_type_name()) + "\\fR";
  return heading;
}

std::string synopsis(const CLI::App& command) {
  std::string s = ".B nos " + command.get_name() + "\n[\\fIOPTIONS\\fR]";
  for (const auto* p : positionals_of(command)) {
    std::string name = "\\fI" + roff(p->get_name(true)) + "\\fR" + (p->get_expected_max() > 1 ? "..." : "");
    s += p->get_required() ? " " + name : " [" + name + "]";
  }
  return s + "\n";
}

std::string exit_status_section() {
  std::string s = ".SH EXIT STATUS\n";
  for (const auto& e : kExitCodes)
    s += fmt::format(".TP\n.B {}\n{}\n", static_cast<int>(e.code), roff(std::string(e.meaning)));
  return s;
}

std::string command_page(const CLI::App& command) {
  std::string name = "nos-" + command.get_name();
  std::string s = fmt::format(".TH {} 1 \"\" \"nos {}\" \"nos manual\"\n", roff(name), NOS_VERSION);
  s += ".SH NAME\n" + roff(name) + " \\- " + roff(command.get_description()) + "\n";
  s += ".SH SYNOPSIS\n" + synopsis(command);
  if (auto positionals = positionals_of(command); !positionals.empty()) {
    s += ".SH ARGUMENTS\n";
    for (const auto* p : positionals)
      s += ".TP\n\\fI" + roff(p->get_name(true)) + "\\fR\n" + roff(p->get_description()) + "\n";
  }
  s += ".SH OPTIONS\n";
  for (const auto* o : flags_of(command))
    s += ".TP\n" + option_heading(*o) + "\n" + roff(o->get_description()) + "\n";
  if (command.get_name() == "check" || command.get_name() == "explain") {
    s +=
        ".SH RULES\nThe rules, with their default severity; \\fBnos explain\\fR \\fIRULE\\fR explains one.\n";
    for (const auto& r : rule_catalogue())
      s += fmt::format(".TP\n.B {}\n({}) {}\n", roff(std::string(r.id)), severity_name(r.severity),
                       roff(std::string(r.summary)));
  }
  if (!command.get_footer().empty()) s += ".SH EXAMPLES\n.nf\n" + roff(command.get_footer()) + "\n.fi\n";
  s += exit_status_section();
  return s + ".SH SEE ALSO\n\\fBnos\\fR(1)\n";
}

std::string overview_page(const CLI::App& app) {
  std::string s = fmt::format(".TH NOS 1 \"\" \"nos {}\" \"nos manual\"\n", NOS_VERSION);
  s += ".SH NAME\nnos \\- " + roff(app.get_description()) + "\n";
  s += ".SH SYNOPSIS\n.B nos\n\\fICOMMAND\\fR [\\fIOPTIONS\\fR]\n.br\n.B nos \\-\\-version\n";
  s += ".SH COMMANDS\n";
  std::string see_also;
  for (const auto* c : visible_commands(app)) {
    s += ".TP\n\\fBnos " + roff(c->get_name()) + "\\fR\n" + roff(c->get_description()) + "\n";
    see_also += (see_also.empty() ? "" : ",\n") + ("\\fBnos\\-" + roff(c->get_name()) + "\\fR(1)");
  }
  s += exit_status_section();
  s += ".SH ENVIRONMENT\n.TP\n.B NO_COLOR\nWhen set and not empty, no colour in text output.\n"
       ".TP\n.B FORCE_COLOR\nWhen set and not \"0\", colour even when the output is not a terminal.\n";
  s += ".SH FILES\n.TP\n.I .nos.yaml\nThe configuration of a repository: rules, severities, ignores. "
       "Found by walking up from each input to the repository root.\n";
  return s + ".SH SEE ALSO\n" + see_also + "\n";
}

std::string joined(const std::vector<std::string>& words) {
  std::string s;
  for (const auto& w : words) s += (s.empty() ? "" : " ") + w;
  return s;
}

std::vector<std::string> rule_ids() {
  std::vector<std::string> ids;
  for (const auto& r : rule_catalogue()) ids.emplace_back(r.id);
  return ids;
}

// What follows a command's name on the line: rule ids for explain, command names for help, shells for
// completion; files for every other command.
std::vector<std::string> argument_words(const CLI::App& app, const std::string& command) {
  if (command == "explain") return rule_ids();
  if (command == "completion") return {"bash", "zsh", "fish"};
  if (command == "help") {
    std::vector<std::string> names;
    for (const auto* c : visible_commands(app)) names.push_back(c->get_name());
    return names;
  }
  return {};
}

std::string bash_script(const CLI::App& app) {
  std::string commands, cases;
  for (const auto* c : visible_commands(app)) {
    commands += (commands.empty() ? "" : " ") + c->get_name();
    auto words = argument_words(app, c->get_name());
    cases += fmt::format("    {}) options=\"{}\" words=\"{}\" ;;\n", c->get_name(),
                         joined(option_names(*c, false)), joined(words));
  }
  return fmt::format(
      "# bash completion for nos (generated by 'nos completion bash')\n"
      "_nos() {{\n"
      "  local cur=${{COMP_WORDS[COMP_CWORD]}} options words\n"
      "  if ((COMP_CWORD == 1)); then\n"
      "    COMPREPLY=($(compgen -W \"{} --help --version\" -- \"$cur\"))\n"
      "    return\n"
      "  fi\n"
      "  case ${{COMP_WORDS[1]}} in\n{}"
      "    *) return ;;\n"
      "  esac\n"
      "  if [[ $cur == -* ]]; then\n"
      "    COMPREPLY=($(compgen -W \"$options\" -- \"$cur\"))\n"
      "  elif [[ -n $words ]]; then\n"
      "    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
      "  else\n"
      "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
      "  fi\n"
      "}}\n"
      "complete -o filenames -F _nos nos\n",
      commands, cases);
}

// Single quotes in a description end the quoted word in zsh and fish: both read '\'' as one quote.
std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string zsh_script(const CLI::App& app) {
  std::string commands, cases;
  for (const auto* c : visible_commands(app)) {
    std::string description = c->get_description();
    std::replace(description.begin(), description.end(), ':', ' ');  // ':' separates name and description
    commands += "    " + quoted(c->get_name() + ":" + description) + "\n";
    std::string specs;
    for (const auto& o : option_names(*c, false)) specs += " '" + o + "'";
    auto words = argument_words(app, c->get_name());
    specs += words.empty() ? " '*:file:_files'" : " '*:argument:(" + joined(words) + ")'";
    cases += "    " + c->get_name() + ") _arguments" + specs + " ;;\n";
  }
  return "#compdef nos\n# zsh completion for nos (generated by 'nos completion zsh')\n"
         "_nos() {\n  local -a commands\n  commands=(\n" +
         commands +
         "  )\n  if (( CURRENT == 2 )); then\n    _describe command commands\n    return\n  fi\n"
         "  words=(\"${(@)words[2,-1]}\"); (( CURRENT-- ))\n  case $words[1] in\n" +
         cases + "  esac\n}\n_nos \"$@\"\n";
}

std::string fish_script(const CLI::App& app) {
  std::string s = "# fish completion for nos (generated by 'nos completion fish')\ncomplete -c nos -f\n";
  std::string names;
  for (const auto* c : visible_commands(app)) names += (names.empty() ? "" : " ") + c->get_name();
  for (const auto* c : visible_commands(app)) {
    s += fmt::format("complete -c nos -n 'not __fish_seen_subcommand_from {}' -a {} -d {}\n", names,
                     c->get_name(), quoted(c->get_description()));
    std::string when = "'__fish_seen_subcommand_from " + c->get_name() + "'";
    for (const auto* o : flags_of(*c))
      for (const auto& l : o->get_lnames())
        s += fmt::format("complete -c nos -n {} -l {} -d {}\n", when, l, quoted(o->get_description()));
    auto words = argument_words(app, c->get_name());
    s += words.empty() ? fmt::format("complete -c nos -n {} -F\n", when)
                       : fmt::format("complete -c nos -n {} -a {}\n", when, quoted(joined(words)));
  }
  return s;
}

}  // namespace

std::vector<const CLI::App*> visible_commands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* c) { return !c->get_group().empty(); });
}

std::vector<std::string> option_names(const CLI::App& command, bool with_short) {
  std::vector<std::string> names{"--help"};
  for (const auto* o : flags_of(command)) {
    for (const auto& l : o->get_lnames())
      if (l != "help") names.push_back("--" + l);
    if (with_short)
      for (const auto& s : o->get_snames()) names.push_back("-" + s);
  }
  return names;
}

std::string man_page(const CLI::App& app, const CLI::App* command) {
  return command ? command_page(*command) : overview_page(app);
}

std::string completion_script(const CLI::App& app, const std::string& shell) {
  if (shell == "bash") return bash_script(app);
  if (shell == "zsh") return zsh_script(app);
  return fish_script(app);
}

}  // namespace nos::cli
