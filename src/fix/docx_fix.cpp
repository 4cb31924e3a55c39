// Making the edits in a DOCX: the w:t text behind each span of word/document.xml, or of the page header
// or footer part a line is in, is changed (or, with tracked changes, marked deleted and inserted as Word
// revisions), and each changed part replaces the old one in the zip; every other part is copied as it
// is stored.
#include <algorithm>
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

/// A WordprocessingML name as the reader spells it: "w:" and `local`.
std::string q(std::string_view local) { return std::string(detail::kWordPrefix) + std::string(local); }

/// Raises `next_id` past every w:id in `doc` (comments, bookmarks, revisions), which revision ids must
/// differ from in every part of the document.
void skip_ids(const pugi::xml_document& doc, int& next_id) {
  const std::string name = q("id");
  for (pugi::xml_node n = doc.first_child(); n;) {
    if (pugi::xml_attribute id = n.attribute(name.c_str())) {
      int v = 0;
      std::string_view s = id.value();
      if (std::from_chars(s.data(), s.data() + s.size(), v).ec == std::errc() && v >= next_id)
        next_id = v + 1;
    }
    if (n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n && !n.next_sibling()) n = n.parent();
    if (n) n = n.next_sibling();
  }
}

/// Edits one part: the body, or a page header or footer.
class DocxEditor {
 public:
  DocxEditor(const FixSettings& settings, int& next_id) : settings_(settings), next_id_(next_id) {}

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

  /// The label `value` before the paragraph of text node `text`. In a label | content table (the official
  /// NOS template), where the paragraph opens a cell and the cell before it in the row is empty, the
  /// label goes in that cell, as the rows above hold theirs, with the run properties of the label cell
  /// above; a label inside the content cell would read as content in Word. Elsewhere outside a table it
  /// is a new paragraph with the properties of the content's but for its list numbering, style and
  /// indent (a label is not a list item), and the run properties of `text`. False in any other cell.
  bool insert_label(pugi::xml_node text, std::string_view value) {
    pugi::xml_node p = text;
    while (p && p.name() != q("p")) p = p.parent();
    if (!p) return false;
    if (p.parent().name() == q("tc")) return fill_label_cell(p, value);
    pugi::xml_node label = p.parent().insert_child_before(q("p").c_str(), p);
    if (pugi::xml_node ppr = p.child(q("pPr").c_str())) {
      pugi::xml_node copy = label.append_copy(ppr);
      for (std::string_view dropped : {"numPr", "pStyle", "ind", "sectPr", "pPrChange"})
        copy.remove_child(q(dropped).c_str());
      if (pugi::xml_node rpr = copy.child(q("rPr").c_str()))
        for (std::string_view dropped : {"ins", "del", "moveFrom", "moveTo"})
          rpr.remove_child(q(dropped).c_str());
    }
    pugi::xml_node run = label.append_child(q("r").c_str());
    if (pugi::xml_node rpr = text.parent().parent().child(q("rPr").c_str())) run.append_copy(rpr);
    set_text(run.append_child(q("t").c_str()).append_child(pugi::node_pcdata), value);
    if (!settings_.tracked_changes) return true;
    // The paragraph mark inserted too, so that rejecting the revision leaves no empty paragraph.
    pugi::xml_node ppr = label.child(q("pPr").c_str());
    if (!ppr) ppr = label.prepend_child(q("pPr").c_str());
    pugi::xml_node rpr = ppr.child(q("rPr").c_str());
    if (!rpr) rpr = ppr.append_child(q("rPr").c_str());
    mark(rpr.prepend_child(q("ins").c_str()));
    revision(run, "ins");
    return true;
  }

  /// Makes `revision` (a w:ins, w:del or w:pPrChange) one by "nos", with the next free id.
  void mark(pugi::xml_node revision) {
    revision.append_attribute(q("id").c_str()) = next_id_++;
    revision.append_attribute(q("author").c_str()) = "nos";
    if (!settings_.date.empty()) revision.append_attribute(q("date").c_str()) = settings_.date.c_str();
  }

 private:
  /// The first run of `node` with w:t text, or null.
  pugi::xml_node first_text_run(pugi::xml_node node) const {
    for (pugi::xml_node n = node.first_child(); n && n != node;) {
      if (n.name() == q("t") && *n.child_value() && n.parent().name() == q("r")) return n.parent();
      if (n.first_child()) {
        n = n.first_child();
        continue;
      }
      while (n != node && !n.next_sibling()) n = n.parent();
      if (n != node) n = n.next_sibling();
    }
    return {};
  }

  bool fill_label_cell(pugi::xml_node p, std::string_view value) {
    const pugi::xml_node cell = p.parent(), label_cell = cell.previous_sibling(q("tc").c_str());
    pugi::xml_node target = label_cell.child(q("p").c_str());
    if (p.previous_sibling(q("p").c_str()) || !target || first_text_run(label_cell)) return false;
    const pugi::xml_node above =
        first_text_run(cell.parent().previous_sibling(q("tr").c_str()).child(q("tc").c_str()));
    pugi::xml_node run = target.append_child(q("r").c_str());
    if (pugi::xml_node rpr = above.child(q("rPr").c_str())) run.append_copy(rpr);
    set_text(run.append_child(q("t").c_str()).append_child(pugi::node_pcdata), value);
    if (settings_.tracked_changes) revision(run, "ins");
    return true;
  }

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

  /// Wraps `run` in a w:ins or w:del revision by "nos" and returns the revision.
  pugi::xml_node revision(pugi::xml_node run, std::string_view kind) {
    pugi::xml_node out = run.parent().insert_child_before(q(kind).c_str(), run);
    mark(out);
    out.append_move(run);
    return out;
  }

  const FixSettings& settings_;
  int& next_id_;
};

/// A part nos fix may edit, with the pieces of its lines, which are lines [first, first + lines.size())
/// of the document's (body lines, then page header and footer lines).
struct EditedPart {
  std::string name;
  pugi::xml_document& doc;
  const std::vector<std::vector<detail::TextPiece>>& lines;
  std::size_t first = 0;
  bool changed = false;
};

// ---------------------------------------------------------------------------------------------------
// Word's own list numbers: a number Word makes from numbering.xml is in no w:t. Renumbering such an item
// changes the list instead: the paragraph continues the list of the numbered paragraph before it.

/// The ancestor w:p of `node`, or null.
pugi::xml_node paragraph_of(pugi::xml_node node) {
  while (node && node.name() != q("p")) node = node.parent();
  return node;
}

/// The node before `node` in document order (its previous sibling's last descendant, else its parent).
pugi::xml_node before(pugi::xml_node node) {
  if (!node.previous_sibling()) return node.parent();
  node = node.previous_sibling();
  while (node.last_child()) node = node.last_child();
  return node;
}

/// The paragraph's own w:numPr, or null.
pugi::xml_node num_pr(pugi::xml_node p) { return p.child(q("pPr").c_str()).child(q("numPr").c_str()); }

int level_of(pugi::xml_node numpr) {
  return numpr.child(q("ilvl").c_str()).attribute(q("val").c_str()).as_int(0);
}

/// A paragraph moved into the list of the one before it: its w:numId value, and the w:pPrChange that
/// records the old properties when the change is a tracked one.
struct ListMove {
  std::size_t edit;
  pugi::xml_attribute num_id;
  std::string old;
  pugi::xml_node change;
};

/// Makes the renumbering edits that fall in Word's own list numbers of body lines (in document order,
/// so that each paragraph joins the list its predecessor has joined already) by giving each paragraph
/// the w:numId of the numbered paragraph before it at its level. An edit is made only when Word then
/// prints the number the edit asks for, which nos checks by rendering the body again; the others are
/// undone. With tracked changes, each made edit is a w:pPrChange holding the paragraph's old properties.
bool continue_lists(const detail::ZipArchive& zip, pugi::xml_document& doc, const detail::DocxTrace& trace,
                    const std::vector<LineEdit>& edits, const FixSettings& settings, const std::string& path,
                    int& next_id, std::vector<bool>& made) {
  const std::string val = q("val");
  std::vector<ListMove> moves;
  for (std::size_t i = 0; i < edits.size(); ++i) {
    const LineEdit& e = edits[i];
    if (e.new_line || e.whole_line || e.line >= trace.lines.size()) continue;
    const std::vector<detail::TextPiece>& pieces = trace.lines[e.line];
    if (pieces.empty() || e.to > pieces.front().at) continue;  // not (only) the list number
    pugi::xml_node p = paragraph_of(pieces.front().text);
    pugi::xml_node numpr = num_pr(p);
    pugi::xml_attribute id = numpr.child(q("numId").c_str()).attribute(val.c_str());
    if (!id || p.child(q("pPr").c_str()).child(q("pPrChange").c_str())) continue;
    pugi::xml_node prev = before(p);
    while (prev && prev.parent() && !(prev.name() == q("p") && num_pr(prev))) prev = before(prev);
    if (!prev || !prev.parent() || level_of(num_pr(prev)) != level_of(numpr)) continue;
    const std::string to = num_pr(prev).child(q("numId").c_str()).attribute(val.c_str()).value();
    if (to.empty() || to == id.value()) continue;
    ListMove move{i, id, id.value(), {}};
    if (settings.tracked_changes) {
      pugi::xml_node ppr = p.child(q("pPr").c_str());
      move.change = ppr.append_child(q("pPrChange").c_str());
      DocxEditor(settings, next_id).mark(move.change);
      pugi::xml_node old = move.change.append_child(q("pPr").c_str());
      for (pugi::xml_node c = ppr.first_child(); c != move.change; c = c.next_sibling())
        if (c.name() != q("rPr") && c.name() != q("sectPr")) old.append_copy(c);
    }
    id.set_value(to.c_str());
    moves.push_back(std::move(move));
  }
  // Undo the moves whose line does not read as wanted, until those left all do.
  for (bool undone = !moves.empty(); undone;) {
    undone = false;
    const detail::DocxTrace again = detail::trace_docx_body(zip, doc, path, settings.limits);
    std::erase_if(moves, [&](ListMove& m) {
      const LineEdit& e = edits[m.edit];
      std::string wanted = trace.texts[e.line];
      wanted.replace(e.from, e.to - e.from, e.after);
      if (e.line < again.texts.size() && again.texts[e.line] == wanted) return false;
      m.num_id.set_value(m.old.c_str());
      if (m.change) m.change.parent().remove_child(m.change);
      return undone = true;
    });
  }
  for (const ListMove& m : moves) made[m.edit] = true;
  return !moves.empty();
}

}  // namespace

std::string edit_docx(std::string_view bytes, const Source& source, const std::vector<LineEdit>& edits,
                      const FixSettings& settings, std::vector<bool>& made) {
  const detail::ZipArchive zip(bytes, source.path, settings.limits.max_zip_entries, "DOCX");
  std::string data = detail::part_bytes(zip, kDocument, source.path, settings.limits);
  pugi::xml_document doc;
  detail::parse_part(doc, data, kDocument, source.path, settings.limits, detail::kKeepXml);
  const detail::DocxTrace trace = detail::trace_docx_body(zip, doc, source.path, settings.limits);
  std::vector<EditedPart> parts{{kDocument, doc, trace.lines, 0}};
  for (const auto& page : trace.pages)
    parts.push_back({page->part, page->doc, page->lines, source.lines.size() + page->first_line});
  int next_id = 1;
  for (const EditedPart& part : parts) skip_ids(part.doc, next_id);
  parts.front().changed = continue_lists(zip, doc, trace, edits, settings, source.path, next_id, made);
  std::vector<const SourceLine*> lines;  // the body's, then the page headers' and footers'
  for (const auto* all : {&source.lines, &source.page_lines})
    for (const SourceLine& l : *all) lines.push_back(&l);
  auto same_paragraph = [&](std::size_t a, std::size_t b) {
    if (b >= lines.size()) return false;
    const SourceLocation &x = lines[a]->location, &y = lines[b]->location;
    return x.paragraph == y.paragraph && x.part == y.part && x.word_section == y.word_section;
  };
  // From the last edit back, so that the offsets of the earlier ones still name the same text.
  for (std::size_t i = edits.size(); i-- > 0;) {
    const LineEdit& e = edits[i];
    if (made[i]) continue;  // a list number, made above
    auto part = std::find_if(parts.begin(), parts.end(), [&](const EditedPart& p) {
      return e.line >= p.first && e.line - p.first < p.lines.size();
    });
    if (part == parts.end() || e.line >= lines.size()) continue;
    const std::vector<detail::TextPiece>& pieces = part->lines[e.line - part->first];
    DocxEditor editor(settings, next_id);
    const bool opens = e.line == 0 || !same_paragraph(e.line, e.line - 1);
    if (e.new_line) {
      made[i] = opens && !pieces.empty() && editor.insert_label(pieces.front().text, e.after);
    } else if (e.whole_line) {
      // A line that is a paragraph of its own.
      const bool alone = opens && !same_paragraph(e.line, e.line + 1);
      // Its list number or a cell's tab goes with it; its text is the pieces'.
      std::vector<Span> spans;
      for (const detail::TextPiece& p : pieces) spans.push_back({p.text, p.offset, p.size});
      made[i] = alone && !spans.empty() && e.after.empty() && editor.delete_paragraph(spans);
    } else {
      const auto spans = spans_of(pieces, e.from, e.to);
      made[i] = spans && editor.replace(*spans, e.after);
    }
    part->changed = part->changed || made[i];
  }
  std::string out(bytes);
  for (const EditedPart& part : parts) {
    if (!part.changed) continue;
    std::ostringstream xml;
    part.doc.save(xml, "", pugi::format_raw, pugi::encoding_utf8);
    out = detail::replace_zip_entry(out, part.name, xml.str(), source.path);
  }
  return out;
}

}  // namespace nos::fix
