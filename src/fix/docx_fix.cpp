// Making the edits in a DOCX: the w:t text behind each span of word/document.xml is changed (or, with
// tracked changes, marked deleted and inserted as Word revisions), and the part replaces the old one in
// the zip; every other part is copied as it is stored.
#include <charconv>
#include <sstream>

#include "fix/edits.hpp"
#include "reader/docx_trace.hpp"
#include "reader/xml_part.hpp"

namespace nos::fix {

namespace {

constexpr const char* kDocument = "word/document.xml";

/// Bytes [from, to) of a line, which are bytes [offset, offset + to - from) of text node `text`.
struct Span {
  pugi::xml_node text;
  std::size_t offset = 0, size = 0;
};

/// The text behind bytes [from, to) of a line, in order; nullopt when a byte of it is not w:t text (a
/// list number, a tab). An insertion (from == to) takes the piece it falls in or ends.
std::optional<std::vector<Span>> spans_of(const std::vector<detail::TextPiece>& pieces, std::size_t from,
                                          std::size_t to) {
  std::vector<Span> out;
  std::size_t at = from;
  for (const detail::TextPiece& p : pieces) {
    if (p.at + p.size < at || (p.at + p.size == at && at < to)) continue;
    if (p.at > at) break;
    const std::size_t end = std::min(to, p.at + p.size);
    out.push_back({p.text, p.offset + (at - p.at), end - at});
    at = end;
    if (at >= to) break;
  }
  if (out.empty() || at < to) return std::nullopt;
  return out;
}

class DocxEditor {
 public:
  DocxEditor(pugi::xml_document& doc, std::string w, const FixSettings& settings)
      : w_(std::move(w)), settings_(settings) {
    // Revision ids must differ from every w:id already in the part (comments, bookmarks, revisions).
    for (pugi::xml_node n = doc.first_child(); n;) {
      if (pugi::xml_attribute id = n.attribute(q("id").c_str())) {
        int v = 0;
        std::string_view s = id.value();
        if (std::from_chars(s.data(), s.data() + s.size(), v).ec == std::errc() && v >= next_id_)
          next_id_ = v + 1;
      }
      if (n.first_child()) {
        n = n.first_child();
        continue;
      }
      while (n && !n.next_sibling()) n = n.parent();
      if (n) n = n.next_sibling();
    }
  }

  /// Replaces the text of `spans` (one line's, in order) with `after`.
  bool replace(const std::vector<Span>& spans, const std::string& after) {
    if (settings_.tracked_changes) {
      for (const Span& s : spans)
        if (s.text.parent().parent().name() != q("r")) return false;
    }
    for (std::size_t i = spans.size(); i-- > 0;) {
      const Span& s = spans[i];
      if (!settings_.tracked_changes) {
        const std::string value = s.text.value();
        set_text(s.text, value.substr(0, s.offset) + (i == 0 ? after : "") + value.substr(s.offset + s.size));
        continue;
      }
      pugi::xml_node run = isolate(s.text, s.offset, s.offset + s.size);
      if (i > 0 || s.size > 0) {
        pugi::xml_node del = revision(run, "del");
        for (pugi::xml_node t = run.child(q("t").c_str()); t; t = t.next_sibling(q("t").c_str()))
          t.set_name(q("delText").c_str());
        if (i == 0 && !after.empty()) {
          pugi::xml_node ins = run_after(del, run.child(q("rPr").c_str()), after);
          revision(ins, "ins");
        }
      } else {
        set_text(run.child(q("t").c_str()).first_child(), after);
        revision(run, "ins");
      }
    }
    return true;
  }

  /// Deletes the paragraph that renders `spans` and nothing else; false when that would lose more than
  /// its text (a drawing, a section break, a table cell's last paragraph).
  bool delete_paragraph(const std::vector<Span>& spans) {
    pugi::xml_node p = spans.front().text;
    while (p && p.name() != q("p")) p = p.parent();
    if (!p || !keeps_nothing_else(p)) return false;
    for (const Span& s : spans) {
      pugi::xml_node up = s.text;
      while (up && up != p) up = up.parent();
      if (up != p) return false;
    }
    if (p.parent().name() == q("tc") && !p.previous_sibling(q("p").c_str()) &&
        !p.next_sibling(q("p").c_str()))
      return false;
    if (!settings_.tracked_changes) return p.parent().remove_child(p);
    if (!replace(spans, "")) return false;
    // The paragraph mark deleted too, so that accepting the revision joins nothing to the next paragraph.
    pugi::xml_node ppr = p.child(q("pPr").c_str());
    if (!ppr) ppr = p.prepend_child(q("pPr").c_str());
    pugi::xml_node rpr = ppr.child(q("rPr").c_str());
    if (!rpr) rpr = ppr.append_child(q("rPr").c_str());
    mark(rpr.prepend_child(q("del").c_str()));
    return true;
  }

 private:
  std::string q(std::string_view local) const { return w_ + std::string(local); }

  bool keeps_nothing_else(pugi::xml_node p) const {
    if (p.child(q("pPr").c_str()).child(q("sectPr").c_str())) return false;
    for (pugi::xml_node n = p.first_child(); n && n != p;) {
      std::string_view name = n.name();
      for (std::string_view kept : {"drawing", "pict", "object", "AlternateContent", "txbxContent"})
        if (name.ends_with(":" + std::string(kept))) return false;
      if (n.first_child()) {
        n = n.first_child();
        continue;
      }
      while (n != p && !n.next_sibling()) n = n.parent();
      if (n != p) n = n.next_sibling();
    }
    return true;
  }

  /// Sets text node `text` of a w:t to `value`, which Word keeps whole only when told to preserve space.
  static void set_text(pugi::xml_node text, std::string_view value) {
    text.set_value(std::string(value).c_str());
    pugi::xml_node t = text.parent();
    const bool edge_space = !value.empty() && (value.front() == ' ' || value.back() == ' ' ||
                                               value.front() == '\t' || value.back() == '\t');
    if (edge_space && !t.attribute("xml:space")) t.append_attribute("xml:space") = "preserve";
  }

  /// A new run after `node` with the run properties `rpr` and the text `value`.
  pugi::xml_node run_after(pugi::xml_node node, pugi::xml_node rpr, std::string_view value) {
    pugi::xml_node run = node.parent().insert_child_after(q("r").c_str(), node);
    if (rpr) run.append_copy(rpr);
    set_text(run.append_child(q("t").c_str()).append_child(pugi::node_pcdata), value);
    return run;
  }

  /// Splits the run of text node `text` so that bytes [from, to) of it are a run of their own (with the
  /// same properties), and returns that run.
  pugi::xml_node isolate(pugi::xml_node text, std::size_t from, std::size_t to) {
    pugi::xml_node t = text.parent(), run = t.parent();
    const pugi::xml_node rpr = run.child(q("rPr").c_str());
    const std::string value = text.value();
    if (to < value.size() || t.next_sibling()) {
      pugi::xml_node rest = run_after(run, rpr, value.substr(to));
      if (to == value.size()) rest.remove_child(q("t").c_str());
      while (pugi::xml_node n = t.next_sibling()) rest.append_move(n);
    }
    pugi::xml_node middle = run_after(run, rpr, value.substr(from, to - from));
    if (from > 0) {
      set_text(text, value.substr(0, from));
    } else {
      run.remove_child(t);
      if (!run.find_child([&](pugi::xml_node c) { return c.name() != q("rPr"); }))
        run.parent().remove_child(run);
    }
    return middle;
  }

  void mark(pugi::xml_node revision) {
    revision.append_attribute(q("id").c_str()) = next_id_++;
    revision.append_attribute(q("author").c_str()) = "nos";
    if (!settings_.date.empty()) revision.append_attribute(q("date").c_str()) = settings_.date.c_str();
  }

  /// Wraps `run` in a w:ins or w:del revision by "nos" and returns the revision.
  pugi::xml_node revision(pugi::xml_node run, std::string_view kind) {
    pugi::xml_node out = run.parent().insert_child_before(q(kind).c_str(), run);
    mark(out);
    out.append_move(run);
    return out;
  }

  std::string w_;
  const FixSettings& settings_;
  int next_id_ = 1;
};

}  // namespace

std::string edit_docx(std::string_view bytes, const Source& source, const std::vector<LineEdit>& edits,
                      const FixSettings& settings, std::vector<bool>& made) {
  const detail::ZipArchive zip(bytes, source.path, settings.limits.max_zip_entries, "DOCX");
  std::string data = detail::part_bytes(zip, kDocument, source.path, settings.limits);
  pugi::xml_document doc;
  detail::parse_part(doc, data, kDocument, source.path, settings.limits,
                     pugi::parse_declaration | pugi::parse_doctype | pugi::parse_pi | pugi::parse_comments |
                         pugi::parse_ws_pcdata);
  const detail::DocxTrace trace = detail::trace_docx_body(zip, doc, source.path, settings.limits);
  DocxEditor editor(doc, trace.w, settings);
  bool any = false;
  // From the last edit back, so that the offsets of the earlier ones still name the same text.
  for (std::size_t i = edits.size(); i-- > 0;) {
    const LineEdit& e = edits[i];
    if (e.line >= trace.lines.size()) continue;
    const std::vector<detail::TextPiece>& pieces = trace.lines[e.line];
    if (e.whole_line) {
      // A line that is a paragraph of its own.
      const bool alone = (e.line == 0 || source.lines[e.line - 1].location.paragraph !=
                                             source.lines[e.line].location.paragraph) &&
                         (e.line + 1 >= source.lines.size() || source.lines[e.line + 1].location.paragraph !=
                                                                   source.lines[e.line].location.paragraph);
      // Its list number or a cell's tab goes with it; its text is the pieces'.
      std::vector<Span> spans;
      for (const detail::TextPiece& p : pieces) spans.push_back({p.text, p.offset, p.size});
      made[i] = alone && !spans.empty() && e.after.empty() && editor.delete_paragraph(spans);
    } else {
      const auto spans = spans_of(pieces, e.from, e.to);
      made[i] = spans && editor.replace(*spans, e.after);
    }
    any = any || made[i];
  }
  if (!any) return std::string(bytes);
  std::ostringstream xml;
  doc.save(xml, "", pugi::format_raw, pugi::encoding_utf8);
  return detail::replace_zip_entry(bytes, kDocument, xml.str(), source.path);
}

}  // namespace nos::fix
