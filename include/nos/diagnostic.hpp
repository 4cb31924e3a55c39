// A finding about a document: which rule, how severe, what is wrong and where. Rules produce them, the
// suppression steps filter them, emitters render them; none of those stages formats for a terminal.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nos/source.hpp"

namespace nos {

/// Ordered: a higher value is more severe, so "at or above --fail-on" is a comparison.
enum class Severity { Info, Warning, Error };

/// "info", "warning", "error": the names .nos.yaml, --fail-on and every report use.
const char* severity_name(Severity severity);
/// The inverse of severity_name; nullopt for anything else.
std::optional<Severity> parse_severity(std::string_view name);
/// Every severity's name, most severe first.
const std::vector<std::string>& severity_names();

/// In a YAML model, the scalar an edit changes: the node the Document locates at the edit's line and
/// this 1-based column, or the value of `key` in it when that node is a map or (an index) a sequence.
struct ScalarRef {
  int column = 0;
  std::string key;
  bool operator==(const ScalarRef&) const = default;
};

/// One replacement in the text as typed: code points [column, end_column) of a source line (1-based), or
/// the whole line with its line end when `whole_line`; or, when `new_line`, a line of its own holding
/// `after` inserted before the line (`before` empty, the columns 0); in a YAML model (`scalar` set),
/// bytes [column, end_column) of that scalar's value (0-based), whatever its quoting.
struct Edit {
  int line = 0;
  int column = 0;
  int end_column = 0;
  std::string before;  ///< what the span holds now; where it holds something else, the edit is not made
  std::string after;
  bool whole_line = false;
  bool new_line = false;
  std::optional<ScalarRef> scalar = {};
  bool operator==(const Edit&) const = default;
};

/// How `nos fix` mends a finding in a text export.
struct Fix {
  std::vector<Edit> edits;
  bool unsafe = false;  ///< changes item ids that other documents may cite: made only with --unsafe
  /// What the fix does, in a few words an editor can show as the quick fix (with why, when unsafe):
  /// "Add the label 'Overview' before the section".
  std::string title = {};
};

/// Another place a finding concerns, usually in another document of the set (a suite rule's finding: the
/// other file with the same URN, the standard a criterion was copied from).
struct RelatedLocation {
  std::string path;  ///< as printed, like FileFindings::path
  SourceLocation location;
  std::string message;  ///< what is there, e.g. "the same URN, also here"
};

struct Diagnostic {
  std::string rule;  ///< the rule's kebab-case id, e.g. "numbering-gap"
  Severity severity = Severity::Warning;
  std::string message;  ///< lower-case start, no final full stop, offending text quoted with '…'
  /// Where: line 0 means the document as a whole. column/end_column are in code points of the source
  /// line (end one past the span; 0 when the span is the whole line); DOCX also has paragraph/table/…
  SourceLocation location;
  std::string hint;         ///< how to fix it, when that is not obvious; may be empty
  std::string subject;      ///< what the finding is about, stable across edits: an item id ("P14"), a
                            ///< section or field key; empty when only the message identifies it
  std::string source_line;  ///< the offending line as the user's file has it, for the caret; may be empty
  std::optional<Fix> fix;   ///< set by the rules that can mend what they find
  std::vector<RelatedLocation> related = {};  ///< the other places, in other documents, it is about
};

/// The findings for one checked file. `path` is as it should be printed: relative to the working
/// directory when the file is under it, so output is the same on every machine. A file that could not
/// be read has no findings and its one-line error in `error`; every format names it.
struct FileFindings {
  std::string path;
  std::vector<Diagnostic> diagnostics;
  std::string error = {};
};

}  // namespace nos
