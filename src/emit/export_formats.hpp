// Exports of standards to what other systems read: 1EdTech CASE 1.0 JSON, CSV, Markdown and a static
// HTML report. They only read the models (and, for the report, the findings); reading inputs, deciding
// where files go and writing them is `nos export`'s job.
#pragma once

#include <string>
#include <vector>

#include "nos/diagnostic.hpp"
#include "nos/grammar.hpp"
#include "nos/model.hpp"

namespace nos {

/// One file of an export: its name relative to the output (a "/" may separate a folder) and content.
struct ExportFile {
  std::string name;
  std::string content;
};

/// A standard's display name as a file name: its URN, else its source file's stem, reduced to
/// [A-Za-z0-9._-]; unique among `taken`, which it joins ("X", "X-2", "X-3" …).
std::string export_stem(const Document& doc, std::vector<std::string>& taken);

/// A section's or metadata field's title as the grammar's first label gives it ("Performance criteria").
std::string section_title(const Grammar& grammar, const std::string& key);
std::string field_title(const Grammar& grammar, const std::string& key);

/// The URNs a standard's "Links to other NOS" names (the grammar's URN shape), in order, each once.
std::vector<std::string> linked_urns(const Document& doc, const Grammar& grammar);

/// CASE 1.0 packages (CFDocument, CFItems, CFAssociations, CFDefinitions): one per suite, or per
/// standard when it names no suite; "SUITE.json" each. Identifiers are UUID v5 of the URN and the item.
std::vector<ExportFile> export_case(const std::vector<Document>& docs, const Grammar& grammar);

/// One row per item: urn, title, section, group, id, text (RFC 4180, CRLF); `bom` starts it with the
/// UTF-8 byte order mark Excel needs to read UTF-8.
std::string export_csv(const std::vector<Document>& docs, bool bom);

/// A standard as GitHub-flavoured Markdown.
std::string export_markdown(const Document& doc, const Grammar& grammar);

/// A static HTML report: index.html (the standards), findings.html (by rule, by suite, by file) and
/// standards/NAME.html per standard. `findings` are the check's, matched to documents by source path.
std::vector<ExportFile> export_html(const std::vector<Document>& docs,
                                    const std::vector<FileFindings>& findings, const Grammar& grammar);

}  // namespace nos
