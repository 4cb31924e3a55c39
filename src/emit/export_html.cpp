// The HTML report of a repository: static pages that open from the disk, with no script, no font and
// no style sheet fetched from anywhere. index.html lists the standards, findings.html has the findings by
// rule, by suite and by file, standards/NAME.html shows one standard and its findings. Everything taken
// from a document or a file name is escaped.
#include <fmt/format.h>

#include <map>
#include <string_view>

#include "emit/escape.hpp"
#include "emit/export_formats.hpp"
#include "util/text.hpp"

namespace nos {
namespace {

std::string h(std::string_view s) { return xml_escaped(text::printable(s)); }

constexpr const char* kStyle =
    "body{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#222}"
    "table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3rem .5rem;"
    "text-align:left;vertical-align:top}th{background:#f3f3f3}nav a{margin-right:1rem}"
    ".error{color:#b00020}.warning{color:#8a5a00}.info{color:#245}li{margin:.2rem 0}"
    "dt{font-weight:bold}code{font-size:.9em}";

// `root` is the way back to the report's folder from the page ("" or "../").
std::string page(const std::string& title, const std::string& body, const std::string& root) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{0}</title>\n"
      "<link rel=\"icon\" href=\"data:,\">\n<style>{1}</style>\n</head>\n<body>\n"
      "<nav><a href=\"{2}index.html\">Standards</a><a href=\"{2}findings.html\">Findings</a></nav>\n"
      "<h1>{0}</h1>\n{3}</body>\n</html>\n",
      h(title), kStyle, root, body);
}

struct Counts {
  std::size_t error = 0, warning = 0, info = 0;
  void add(Severity s) { ++(s == Severity::Error ? error : s == Severity::Warning ? warning : info); }
  std::string cells() const { return fmt::format("<td>{}</td><td>{}</td><td>{}</td>", error, warning, info); }
};

struct Standard {
  const Document* doc;
  std::string stem;
  std::string suite;
  const FileFindings* findings = nullptr;
};

std::string name_of(const Document& doc) {
  return doc.urn.value_or("") + (doc.urn && doc.title ? " " : "") +
         doc.title.value_or(doc.urn ? "" : doc.source.path);
}

std::string finding_item(const Diagnostic& d, const std::string& path, const std::string& standard_link) {
  std::string where = d.location.line > 0 ? fmt::format("{}:{}", path, d.location.line) : path;
  return fmt::format("<li><span class=\"{0}\">{0}</span> {1}{2}: {3} <code>[{4}]</code></li>\n",
                     severity_name(d.severity), standard_link, h(where), h(d.message), h(d.rule));
}

std::string standard_page(const Standard& s, const Grammar& grammar) {
  const Document& doc = *s.doc;
  std::string body = fmt::format("<p>Read from <code>{}</code>.</p>\n", h(doc.source.path));
  std::string fields;
  for (const auto& f : doc.metadata) {
    if (!f.present()) continue;
    std::string value = f.value.value_or("");
    for (const auto& v : f.values) value += (value.empty() ? "" : "; ") + v;
    fields += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", h(field_title(grammar, f.key)), h(value));
  }
  if (!fields.empty()) body += "<table>\n" + fields + "</table>\n";
  for (const auto& sec : doc.sections) {
    if (!sec.present) continue;
    body += fmt::format("<h2>{}</h2>\n", h(section_title(grammar, sec.key)));
    for (const auto& p : sec.paragraphs) body += "<p>" + h(p) + "</p>\n";
    for (const auto& g : sec.groups) {
      if (g.heading) body += "<h3>" + h(*g.heading) + "</h3>\n";
      body += "<ul>\n";
      for (const auto& item : g.items)
        body += fmt::format("<li><strong>{}</strong> {}</li>\n", h(item.label()), h(item.text()));
      body += "</ul>\n";
    }
    if (!sec.entries.empty()) {
      body += "<dl>\n";
      for (const auto& e : sec.entries)
        body += fmt::format("<dt>{}</dt><dd>{}</dd>\n", h(e.term.value_or("")), h(e.definition));
      body += "</dl>\n";
    }
  }
  body += "<h2>Findings</h2>\n";
  if (!s.findings || s.findings->diagnostics.empty()) {
    body += "<p>None.</p>\n";
  } else {
    body += "<ul>\n";
    for (const auto& d : s.findings->diagnostics) body += finding_item(d, s.findings->path, "");
    body += "</ul>\n";
  }
  return page(name_of(doc), body, "../");
}

}  // namespace

std::vector<ExportFile> export_html(const std::vector<Document>& docs,
                                    const std::vector<FileFindings>& findings, const Grammar& grammar) {
  std::vector<Standard> standards;
  std::map<std::string, const Standard*> by_path;
  std::vector<std::string> taken;
  // Looked up by path rather than scanned per standard, which is quadratic over a large folder.
  std::map<std::string_view, const FileFindings*> findings_of;
  for (const auto& f : findings) findings_of[f.path] = &f;
  standards.reserve(docs.size());
  for (const auto& doc : docs) {
    const MetadataField* suite = doc.field("suite");
    Standard s{&doc, export_stem(doc, taken), suite && suite->value ? *suite->value : ""};
    if (auto at = findings_of.find(doc.source.path); at != findings_of.end()) s.findings = at->second;
    standards.push_back(s);
  }
  for (const auto& s : standards) by_path[s.doc->source.path] = &s;
  auto link_to = [](const Standard& s, const std::string& root) {
    return fmt::format("<a href=\"{}standards/{}.html\">{}</a>", root, h(s.stem),
                       h(s.doc->urn.value_or(s.stem)));
  };

  std::vector<ExportFile> out;
  Counts total;
  std::string rows;
  for (const auto& s : standards) {
    Counts c;
    if (s.findings)
      for (const auto& d : s.findings->diagnostics) c.add(d.severity);
    rows +=
        fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td>{}</tr>\n", link_to(s, ""),
                    h(s.doc->title.value_or("")), h(s.suite), h(s.doc->source.path), c.cells());
    out.push_back({"standards/" + s.stem + ".html", standard_page(s, grammar)});
  }

  // Findings grouped three ways; a file the check could not read is listed by file only.
  std::map<std::string, std::string> by_rule, by_suite, by_file;
  std::map<std::string, Counts> rule_counts, suite_counts;
  std::string unreadable;
  for (const auto& f : findings) {
    if (!f.error.empty()) unreadable += "<li>" + h(f.error) + "</li>\n";
    auto at = by_path.find(f.path);
    const Standard* s = at == by_path.end() ? nullptr : at->second;
    std::string suite = s && !s->suite.empty() ? s->suite : "(no suite)";
    for (const auto& d : f.diagnostics) {
      total.add(d.severity);
      std::string item = finding_item(d, f.path, s ? link_to(*s, "") + " " : "");
      by_rule[d.rule] += item;
      rule_counts[d.rule].add(d.severity);
      by_suite[suite] += item;
      suite_counts[suite].add(d.severity);
      by_file[f.path] += item;
    }
  }
  std::string findings_body = fmt::format(
      "<p>{} errors, {} warnings, {} info.</p>\n<p><a href=\"#rule\">By rule</a> · <a href=\"#suite\">By "
      "suite</a> · <a href=\"#file\">By file</a></p>\n",
      total.error, total.warning, total.info);
  auto grouped = [&](const char* id, const char* title, const std::map<std::string, std::string>& groups) {
    std::string body = fmt::format("<h2 id=\"{}\">{}</h2>\n", id, title);
    if (groups.empty()) body += "<p>None.</p>\n";
    for (const auto& [name, items] : groups)
      body += fmt::format("<h3>{}</h3>\n<ul>\n{}</ul>\n", h(name), items);
    return body;
  };
  findings_body += grouped("rule", "By rule", by_rule) + grouped("suite", "By suite", by_suite) +
                   grouped("file", "By file", by_file);
  if (!unreadable.empty())
    findings_body += "<h2>Files that could not be read</h2>\n<ul>\n" + unreadable + "</ul>\n";
  out.push_back({"findings.html", page("Findings", findings_body, "")});

  std::string summary;
  for (const auto& [rule, c] : rule_counts)
    summary += fmt::format("<tr><td>{}</td>{}</tr>\n", h(rule), c.cells());
  std::string suites;
  for (const auto& [suite, c] : suite_counts)
    suites += fmt::format("<tr><td>{}</td>{}</tr>\n", h(suite), c.cells());
  std::string index_body = fmt::format(
      "<p>{} standard{}; {} errors, {} warnings, {} info (<a href=\"findings.html\">all findings</a>).</p>\n"
      "<table>\n<tr><th>URN</th><th>Title</th><th>Suite</th><th>File</th><th>Errors</th><th>Warnings</th>"
      "<th>Info</th></tr>\n{}</table>\n",
      standards.size(), standards.size() == 1 ? "" : "s", total.error, total.warning, total.info, rows);
  if (!summary.empty())
    index_body +=
        "<h2>Findings by "
        "rule</h2>\n<table>\n<tr><th>Rule</th><th>Errors</th><th>Warnings</th><th>Info</th></tr>\n" +
        summary +
        "</table>\n<h2>Findings by suite</h2>\n<table>\n<tr><th>Suite</th><th>Errors</th>"
        "<th>Warnings</th><th>Info</th></tr>\n" +
        suites + "</table>\n";
  out.insert(out.begin(), {"index.html", page("National Occupational Standards", index_body, "")});
  return out;
}

}  // namespace nos
