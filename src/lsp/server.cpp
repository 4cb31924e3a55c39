#include "lsp/server.hpp"

#include <istream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>

#include "nos/error.hpp"
#include "nos/rule_ids.hpp"
#include "util/text.hpp"

namespace nos::lsp {
namespace {

using json = nlohmann::json;

// JSON-RPC and LSP error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kServerNotInitialized = -32002;

// Reads one message: "Content-Length: N" and other headers, an empty line, N bytes of JSON. Returns false
// at the end of the input. A message larger than the biggest document nos reads is refused unread.
bool read_message(std::istream& in, std::size_t max_bytes, std::string& body) {
  std::string line;
  std::size_t length = 0;
  bool has_length = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (!has_length) continue;  // stray blank lines between messages
      if (length > max_bytes)
        throw Error(ErrorKind::Input, "", "a message of " + std::to_string(length) + " bytes");
      body.resize(length);
      return static_cast<bool>(in.read(body.data(), static_cast<std::streamsize>(length)));
    }
    constexpr std::string_view kLength = "content-length:";
    if (text::lower(std::string_view(line).substr(0, kLength.size())) == kLength) {
      length = std::stoul(line.substr(kLength.size()));
      has_length = true;
    }
  }
  return false;
}

void write_message(std::ostream& out, const json& message) {
  std::string body = message.dump(-1, ' ', false, json::error_handler_t::replace);
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

// "file:///a%20b/c.txt" -> "/a b/c.txt"; another scheme (an unsaved "untitled:" buffer) is kept as it is.
std::string path_of(const std::string& uri) {
  if (!uri.starts_with("file://")) return uri;
  std::string path;
  for (std::size_t i = 7; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() && std::isxdigit(static_cast<unsigned char>(uri[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(uri[i + 2]))) {
      path += static_cast<char>(std::stoi(uri.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      path += uri[i];
    }
  }
  return path;
}

// The offset in `encoding` units ("utf-16" or "utf-32") of code point `column` (0-based) of `line`.
int position_in(std::string_view line, int column, const std::string& encoding) {
  int units = 0, points = 0;
  for (std::size_t i = 0; i < line.size() && points < column; ++points) {
    auto lead = static_cast<unsigned char>(line[i]);
    std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    units += encoding == "utf-16" && length == 4 ? 2 : 1;  // beyond the BMP: a surrogate pair in UTF-16
    i += length;
  }
  return units + (column - points);
}

std::string_view line_of(std::string_view text, int line) {
  std::size_t start = 0;
  for (int n = 1; n < line && start != std::string_view::npos; ++n) {
    start = text.find('\n', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start == std::string_view::npos || start > text.size()) return {};
  std::string_view rest = text.substr(start);
  rest = rest.substr(0, rest.find('\n'));
  if (!rest.empty() && rest.back() == '\r') rest.remove_suffix(1);
  return rest;
}

json range_of(const Diagnostic& d, std::string_view text, const std::string& encoding) {
  if (d.location.line <= 0)
    return {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}};
  std::string_view line = line_of(text, d.location.line);
  int first = d.location.column > 0 ? d.location.column - 1 : 0;
  int last = d.location.end_column > 0 ? d.location.end_column - 1 : static_cast<int>(text::length(line));
  int row = d.location.line - 1;
  return {{"start", {{"line", row}, {"character", position_in(line, first, encoding)}}},
          {"end", {{"line", row}, {"character", position_in(line, last, encoding)}}}};
}

// An error about the whole document (it cannot be read, its config cannot be loaded), shown at its top.
Diagnostic whole_document(std::string rule, std::string message) {
  Diagnostic d;
  d.rule = std::move(rule);
  d.severity = Severity::Error;
  d.message = std::move(message);
  return d;
}

struct OpenDocument {
  std::string text;
  std::vector<Diagnostic> fixable;  ///< its findings that carry a fix, offered as code actions
};

class Server {
 public:
  Server(std::ostream& out, const CheckOptions& options) : out_(out), options_(options) {}

  /// Handles one message; false when the client said `exit`.
  bool handle(const json& message) {
    std::string method = message.value("method", "");
    bool request = message.contains("id");
    if (method == "exit") return false;
    if (method == "initialize") {
      initialized_ = true;
      reply(message["id"], initialize_result(message.value("params", json::object())));
    } else if (!initialized_) {
      if (request) fail(message["id"], kServerNotInitialized, "initialize first");
    } else if (method == "shutdown") {
      shut_down_ = true;
      reply(message["id"], nullptr);
    } else if (method == "textDocument/didOpen") {
      const json& doc = message["params"]["textDocument"];
      open(doc["uri"].get<std::string>(), doc["text"].get<std::string>());
    } else if (method == "textDocument/didChange") {
      const json& changes = message["params"]["contentChanges"];
      if (!changes.empty())
        open(message["params"]["textDocument"]["uri"].get<std::string>(), changes.back()["text"]);
    } else if (method == "textDocument/codeAction") {
      reply(message["id"], code_actions(message["params"]));
    } else if (method == "textDocument/didClose") {
      std::string uri = message["params"]["textDocument"]["uri"].get<std::string>();
      documents_.erase(uri);
      publish(uri, json::array());
    } else if (request) {
      fail(message["id"], kMethodNotFound, "nos does not answer " + method);
    }
    return true;
  }

  bool shut_down() const { return shut_down_; }

  void fail(const json& id, int code, const std::string& message) {
    write_message(out_, {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
  }

 private:
  // Positions in code points when the client can take them (UTF-32), as nos counts columns; else UTF-16,
  // the protocol's default.
  json initialize_result(const json& params) {
    json offered = params.contains("capabilities") ? params["capabilities"]
                                                         .value("general", json::object())
                                                         .value("positionEncodings", json::array())
                                                   : json::array();
    for (const auto& e : offered)
      if (e == "utf-32") encoding_ = "utf-32";
    return {{"capabilities",
             {{"positionEncoding", encoding_},
              {"textDocumentSync", {{"openClose", true}, {"change", 1}}},
              {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}}}},
            {"serverInfo", {{"name", "nos"}, {"version", NOS_VERSION}}}};
  }

  void reply(const json& id, const json& result) {
    write_message(out_, {{"jsonrpc", "2.0"}, {"id", id}, {"result", result}});
  }

  void open(const std::string& uri, std::string text) {
    documents_[uri] = {std::move(text), {}};
    publish(uri, diagnostics(uri));
  }

  // The fixes `nos fix` would make for the findings on the requested lines, each a quick fix; an unsafe
  // one (renumbering) is offered but never preferred. A fix whose text has changed since is not offered.
  json code_actions(const json& params) {
    json actions = json::array();
    auto doc = documents_.find(params["textDocument"]["uri"].get<std::string>());
    if (doc == documents_.end()) return actions;
    int first = params["range"]["start"]["line"].get<int>(), last = params["range"]["end"]["line"].get<int>();
    for (const auto& d : doc->second.fixable) {
      if (d.location.line - 1 < first || d.location.line - 1 > last) continue;
      json edits = json::array();
      for (const auto& e : d.fix->edits)  // a model's edits name scalars, not spans of lines: not offered
        if (auto edit = e.scalar ? std::nullopt : text_edit(e, doc->second.text)) edits.push_back(*edit);
      if (edits.size() != d.fix->edits.size()) continue;
      actions.push_back({{"title", d.fix->title},
                         {"kind", "quickfix"},
                         {"diagnostics", json::array({finding(d, doc->second.text)})},
                         {"isPreferred", !d.fix->unsafe},
                         {"edit", {{"changes", {{doc->first, edits}}}}}});
    }
    return actions;
  }

  std::optional<json> text_edit(const Edit& e, std::string_view text) const {
    std::string_view line = line_of(text, e.line);
    int row = e.line - 1;
    if (e.new_line) {
      const json at = {{"line", row}, {"character", 0}};
      return json{{"range", {{"start", at}, {"end", at}}}, {"newText", e.after + "\n"}};
    }
    if (e.whole_line) {
      if (line != e.before) return std::nullopt;
      return json{
          {"range",
           {{"start", {{"line", row}, {"character", 0}}}, {"end", {{"line", row + 1}, {"character", 0}}}}},
          {"newText", ""}};
    }
    // 0-based code points; an end column of 0 runs to the end of the line, as in nos fix.
    int first = e.column - 1;
    int last = e.end_column > 0 ? e.end_column - 1 : static_cast<int>(text::length(line));
    std::size_t begin = text::byte_of(line, first + 1), end = text::byte_of(line, last + 1);
    if (line.substr(begin, end - begin) != e.before) return std::nullopt;
    return json{{"range",
                 {{"start", {{"line", row}, {"character", position_in(line, first, encoding_)}}},
                  {"end", {{"line", row}, {"character", position_in(line, last, encoding_)}}}}},
                {"newText", e.after}};
  }

  // The findings nos check gives the document at this path with the editor's text. A file nos passes
  // over (a YAML file that is not a model, a path the config ignores) has none; one it cannot read has
  // one, at the top, saying why.
  json diagnostics(const std::string& uri) {
    OpenDocument& doc = documents_[uri];
    const std::string& text = doc.text;
    CheckOptions options = options_;
    options.paths = {path_of(uri)};
    options.jobs = 1;
    json out = json::array();
    try {
      CheckPlan plan = plan_check(options);
      if (plan.inputs.empty()) return out;
      plan.inputs.resize(1);
      plan.inputs[0].explicit_path = false;  // a YAML file that is not a model is passed over, not an error
      plan.inputs[0].bytes = text;
      CheckRun run = run_check(plan, options);
      for (const auto& file : run.files) {
        if (file.path != plan.inputs[0].path) continue;
        if (!file.error.empty())
          out.push_back(finding(whole_document(rule_ids::kUnreadable, file.error), text));
        for (const auto& d : file.diagnostics) {
          out.push_back(finding(d, text));
          if (d.fix) doc.fixable.push_back(d);
        }
      }
    } catch (const Error& e) {
      out.push_back(finding(whole_document(rule_ids::kConfig, e.what()), text));
    }
    return out;
  }

  json finding(const Diagnostic& d, std::string_view text) {
    int severity = d.severity == Severity::Error ? 1 : d.severity == Severity::Warning ? 2 : 3;
    std::string message = d.hint.empty() ? d.message : d.message + " (" + d.hint + ")";
    return {{"range", range_of(d, text, encoding_)},
            {"severity", severity},
            {"code", d.rule},
            {"source", "nos"},
            {"message", message}};
  }

  void publish(const std::string& uri, json diagnostics) {
    write_message(out_, {{"jsonrpc", "2.0"},
                         {"method", "textDocument/publishDiagnostics"},
                         {"params", {{"uri", uri}, {"diagnostics", std::move(diagnostics)}}}});
  }

  std::ostream& out_;
  const CheckOptions& options_;
  std::map<std::string, OpenDocument> documents_;
  std::string encoding_ = "utf-16";
  bool initialized_ = false;
  bool shut_down_ = false;
};

}  // namespace

int serve(std::istream& in, std::ostream& out, const CheckOptions& options) {
  Server server(out, options);
  std::string body;
  while (true) {
    try {
      if (!read_message(in, options.limits.max_input_bytes, body)) break;
    } catch (const std::exception& e) {
      server.fail(nullptr, kInvalidRequest, std::string("unreadable message: ") + e.what());
      break;  // the stream is out of step: nothing after this can be framed
    }
    json message = json::parse(body, nullptr, false);
    if (message.is_discarded() || !message.is_object()) {
      server.fail(nullptr, kParseError, "not a JSON object");
      continue;
    }
    try {
      if (!server.handle(message)) break;
    } catch (const json::exception& e) {  // a field missing or of the wrong type
      if (message.contains("id")) server.fail(message["id"], kInvalidRequest, e.what());
    }
  }
  return server.shut_down() ? 0 : 1;
}

}  // namespace nos::lsp
