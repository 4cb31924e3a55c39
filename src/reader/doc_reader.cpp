// The Word 97-2003 .doc reader: the OLE2 compound file through libgsf, then the main document text from
// the piece table, rendered as the lines the DOCX reader gives for a Word body.
//
// What it reads ([MS-DOC]):
//  * The FIB (nFib 193 and later: Word 97-2003; earlier versions and encrypted files are refused), the
//    CLX's piece table in the 0Table/1Table stream, and the main text (FibRgLw97.ccpText characters),
//    each piece 8-bit (Windows-1252) or UTF-16.
//  * \r ends a paragraph, \x07 a table cell; the paragraph properties (PAPX FKPs: sprmPFInTable,
//    sprmPFTtp, sprmPFInnerTtp) tell cell paragraphs and the row-end mark, so rows and cells are located
//    as in Word. \x0B and \x0C start a new line of the paragraph, \t is a tab, \x1E a hyphen; other
//    control characters (pictures, note references) show nothing.
//  * Fields (\x13 instruction \x14 result \x15): only the result; the field stack spans paragraphs.
//  * Text with the deleted-revision property (CHPX sprmCFRMarkDel) is skipped: the accepted view.
//  * Bookmarks (SttbfBkmk, PlcfBkf) become "[bookmark: NAME]" where they start.
//  * List numbers, which are not in the text: the paragraph's list override and level (sprmPIlfo,
//    sprmPIlvl) and the list tables (PlfLst, PlfLfo): the level's number text with its placeholders
//    replaced, then one space; bullets print nothing.
//  * Page headers and footers: the header document's stories (PlcfHdd), into `Source::page_lines`.
//  * Not read: numbering given by a paragraph style only, footnotes, comments and text boxes.
#include <fmt/format.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-input.h>
#include <gsf/gsf-utils.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "nos/error.hpp"
#include "reader/line_builder.hpp"
#include "reader/list_number.hpp"
#include "reader/readers.hpp"
#include "util/text.hpp"

namespace nos::detail {

namespace {

constexpr std::uint16_t kWordIdent = 0xA5EC;
constexpr std::uint16_t kFirstWord97Fib = 0xC0;
constexpr std::size_t kFkpSize = 512;
// Indexes of fc/lcb pairs in FibRgFcLcb97.
constexpr std::size_t kPlcfHdd = 11, kPlcfBteChpx = 12, kPlcfBtePapx = 13, kSttbfBkmk = 21, kPlcfBkf = 22,
                      kClx = 33, kPlfLst = 73, kPlfLfo = 74;
constexpr std::size_t kLevels = 9;

struct Unref {
  void operator()(void* p) const {
    if (p != nullptr) g_object_unref(p);
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, Unref>;

void quiet(const gchar*, GLogLevelFlags, const gchar*, gpointer) {}

/// libgsf needs its types registered once; its warnings about damaged files must not reach the terminal
/// (the error nos gives says it in one line).
void init_gsf() {
  static std::once_flag once;
  std::call_once(once, [] {
    gsf_init();
    for (const char* domain : {"libgsf", "libgsf:msole", "libgsf:utils", "GLib-GObject"}) {
      g_log_set_handler(domain, static_cast<GLogLevelFlags>(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL), quiet,
                        nullptr);
    }
  });
}

/// Little-endian reads that fail as "damaged" instead of reading past the end.
class Bytes {
 public:
  Bytes(std::string_view data, const std::string& path, std::string_view what)
      : data_(data), path_(path), what_(what) {}

  std::size_t size() const { return data_.size(); }

  void need(std::uint64_t offset, std::uint64_t count) const {
    if (offset > data_.size() || count > data_.size() - offset) {
      throw Error(
          ErrorKind::Input, path_,
          fmt::format("the .doc file is damaged: its {} is truncated or points outside itself", what_));
    }
  }

  std::uint8_t u8(std::uint64_t at) const {
    need(at, 1);
    return static_cast<std::uint8_t>(data_[at]);
  }
  std::uint16_t u16(std::uint64_t at) const {
    need(at, 2);
    return static_cast<std::uint16_t>(u8(at) | (u8(at + 1) << 8));
  }
  std::uint32_t u32(std::uint64_t at) const {
    return static_cast<std::uint32_t>(u16(at)) | (static_cast<std::uint32_t>(u16(at + 2)) << 16);
  }
  std::string_view slice(std::uint64_t at, std::uint64_t count) const {
    need(at, count);
    return data_.substr(at, count);
  }

 private:
  std::string_view data_;
  const std::string& path_;
  std::string_view what_;
};

/// [MS-CFB] 2.6.1: the directory's first entry is the root storage, with no siblings. libgsf reads the
/// siblings of a root that has some, attaches them to nothing and never frees them, so such a file is
/// refused before it is opened.
bool root_entry_ok(std::string_view bytes) {
  auto u32 = [&](std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 4; ++k)
      v |= std::uint32_t{static_cast<std::uint8_t>(bytes[at + k])} << (8 * k);
    return v;
  };
  if (bytes.size() < 512) return false;
  unsigned shift = static_cast<std::uint8_t>(bytes[0x1E]) | (static_cast<std::uint8_t>(bytes[0x1F]) << 8);
  if (shift != 9 && shift != 12) return false;  // 512- or 4096-byte sectors, the only sizes allowed
  std::uint64_t entry = (std::uint64_t{u32(0x30)} + 1) << shift;
  if (entry + 128 > bytes.size()) return false;
  constexpr std::uint8_t kRootStorage = 5;
  constexpr std::uint32_t kNoStream = 0xFFFFFFFF;
  return static_cast<std::uint8_t>(bytes[entry + 0x42]) == kRootStorage && u32(entry + 0x44) == kNoStream &&
         u32(entry + 0x48) == kNoStream;
}

std::optional<std::string> read_stream(GsfInfile* file, const char* name, const std::string& path,
                                       const Limits& limits) {
  GPtr<GsfInput> input(gsf_infile_child_by_name(file, name));
  if (!input) return std::nullopt;
  gsf_off_t size = gsf_input_size(input.get());
  if (size < 0 || static_cast<std::uint64_t>(size) > limits.max_part_bytes) {
    throw Error(ErrorKind::Input, path,
                fmt::format("the {} stream is larger than {} MiB (limit --max-part-size)", name,
                            limits.max_part_bytes >> 20));
  }
  std::string data(static_cast<std::size_t>(size), '\0');
  if (size > 0 && gsf_input_read(input.get(), static_cast<std::size_t>(size),
                                 reinterpret_cast<guint8*>(data.data())) == nullptr) {
    throw Error(ErrorKind::Input, path,
                fmt::format("the .doc file is damaged: its {} stream cannot be read", name));
  }
  return data;
}

/// Character or paragraph property runs (PlcBteChpx / PlcBtePapx and their 512-byte FKPs): the sprms in
/// effect at a file offset of the WordDocument stream.
class PropertyRuns {
 public:
  PropertyRuns(const Bytes& word, const Bytes& table, std::uint32_t fc, std::uint32_t lcb, bool paragraphs)
      : word_(word), paragraphs_(paragraphs) {
    if (lcb < 4) return;
    std::size_t n = (lcb - 4) / 8;
    for (std::size_t i = 0; i <= n; ++i) bounds_.push_back(table.u32(fc + 4 * i));
    for (std::size_t i = 0; i < n; ++i) pages_.push_back(table.u32(fc + 4 * (n + 1) + 4 * i) & 0x3FFFFF);
  }

  /// The grpprl of the run holding `fc` (empty when none does).
  std::string_view at(std::uint32_t fc) {
    if (fc >= run_begin_ && fc < run_end_) return run_;
    run_ = {};
    auto it = std::upper_bound(bounds_.begin(), bounds_.end(), fc);
    if (it == bounds_.begin() || it == bounds_.end()) return run_;
    std::size_t page = static_cast<std::size_t>(it - bounds_.begin()) - 1;
    std::uint64_t base = static_cast<std::uint64_t>(pages_[page]) * kFkpSize;
    std::size_t crun = word_.u8(base + kFkpSize - 1);
    if (crun == 0 || (crun + 1) * 4 > kFkpSize) return run_;
    std::size_t i = 0;
    while (i < crun && word_.u32(base + 4 * (i + 1)) <= fc) ++i;
    if (i == crun) return run_;
    run_begin_ = word_.u32(base + 4 * i);
    run_end_ = word_.u32(base + 4 * (i + 1));
    std::size_t entry = paragraphs_ ? 13 : 1;  // BxPap or a one-byte offset
    std::uint64_t offset = word_.u8(base + 4 * (crun + 1) + entry * i) * 2u;
    if (offset == 0) return run_;  // no properties beyond the defaults
    if (paragraphs_) {
      std::size_t cb = word_.u8(base + offset);
      std::size_t size = cb != 0 ? 2 * cb - 1 : 2u * word_.u8(base + offset + 1);
      std::uint64_t start = base + offset + (cb != 0 ? 1 : 2);
      if (start + size > base + kFkpSize || size < 2) return run_;
      run_ = word_.slice(start + 2, size - 2);  // after the style index
    } else {
      std::size_t cb = word_.u8(base + offset);
      if (base + offset + 1 + cb > base + kFkpSize) return run_;
      run_ = word_.slice(base + offset + 1, cb);
    }
    return run_;
  }

 private:
  const Bytes& word_;
  bool paragraphs_;
  std::vector<std::uint32_t> bounds_;
  std::vector<std::uint32_t> pages_;
  std::uint32_t run_begin_ = 1, run_end_ = 0;
  std::string_view run_;
};

/// The operand of sprm `id` in `grpprl` (the last one wins), or nullopt.
std::optional<std::uint32_t> sprm(std::string_view grpprl, std::uint16_t id) {
  std::optional<std::uint32_t> found;
  std::size_t i = 0;
  auto byte = [&](std::size_t k) { return static_cast<std::uint8_t>(grpprl[k]); };
  while (i + 2 <= grpprl.size()) {
    auto op = static_cast<std::uint16_t>(byte(i) | (byte(i + 1) << 8));
    i += 2;
    std::size_t size = 0;
    switch (op >> 13) {
      case 0:
      case 1:
        size = 1;
        break;
      case 2:
      case 4:
      case 5:
        size = 2;
        break;
      case 3:
        size = 4;
        break;
      case 7:
        size = 3;
        break;
      default:  // variable: a size byte (sprmTDefTable: a size word) first
        if (i >= grpprl.size()) return found;
        if (op == 0xD608 || op == 0xD606) {
          if (i + 2 > grpprl.size()) return found;
          size = static_cast<std::size_t>(byte(i) | (byte(i + 1) << 8)) + 1;
          ++i;
        } else {
          size = byte(i);
        }
        ++i;
        break;
    }
    if (i + size > grpprl.size()) return found;
    if (op == id) {
      std::uint32_t v = 0;
      for (std::size_t k = 0; k < std::min<std::size_t>(size, 4); ++k)
        v |= std::uint32_t{byte(i + k)} << (8 * k);
      found = v;
    }
    i += size;
  }
  return found;
}

/// Word's list tables (PlfLst with the LVLs after it, PlfLfo): the numbers Word prints before list
/// paragraphs, which are not in the text. Counters belong to the list (lsid), except that a list
/// override (LFO) that restarts a level keeps its own counters, as in the DOCX reader.
class Lists {
 public:
  Lists(const Bytes& table, std::uint32_t fc_lst, std::uint32_t lcb_lst, std::uint32_t fc_lfo,
        std::uint32_t lcb_lfo) {
    if (lcb_lst < 2 || lcb_lfo < 4) return;
    std::size_t count = table.u16(fc_lst);
    std::uint64_t lvl = std::uint64_t{fc_lst} + 2 + 28u * count;
    for (std::size_t i = 0; i < count; ++i) {
      std::uint64_t lstf = fc_lst + 2 + 28u * i;
      List& list = lists_[table.u32(lstf)];
      std::size_t levels = (table.u8(lstf + 26) & 1) != 0 ? 1 : kLevels;
      for (std::size_t k = 0; k < levels; ++k) lvl = read_level(table, lvl, list.levels[k]);
    }
    std::size_t overrides = table.u32(fc_lfo);
    table.need(fc_lfo, 4 + 16ull * overrides);
    std::uint64_t data = std::uint64_t{fc_lfo} + 4 + 16u * overrides;
    for (std::size_t i = 0; i < overrides; ++i) {
      Override o;
      o.lsid = table.u32(fc_lfo + 4 + 16u * i);
      std::size_t levels = table.u8(fc_lfo + 4 + 16u * i + 12);
      data += 4;  // the LFOData's cp
      for (std::size_t k = 0; k < levels; ++k) {
        auto start = static_cast<std::int32_t>(table.u32(data));
        std::uint32_t flags = table.u32(data + 4);
        data += 8;
        std::size_t level = flags & 0xF;
        if (level < kLevels && (flags & 0x10) != 0) {
          o.start[level] = start;
          o.restarts = true;
        }
        if ((flags & 0x20) != 0) {
          Level ignored;
          data = read_level(table, data, ignored);
        }
      }
      overrides_.push_back(o);
    }
  }

  /// The number of a paragraph in list override `ilfo` (1-based) at `ilvl`, or "".
  std::string next(std::uint32_t ilfo, std::uint32_t ilvl) {
    if (ilfo == 0 || ilfo > overrides_.size() || ilvl >= kLevels) return "";
    const Override& o = overrides_[ilfo - 1];
    auto list = lists_.find(o.lsid);
    if (list == lists_.end()) return "";
    const auto& levels = list->second.levels;
    auto& counters = o.restarts ? own_counters_[ilfo] : list_counters_[o.lsid];
    auto start = [&](std::size_t k) { return o.start[k].value_or(levels[k].start); };
    counters[ilvl] = counters[ilvl] ? std::min(*counters[ilvl], 999'999'999) + 1 : start(ilvl);
    for (std::size_t k = ilvl + 1; k < kLevels; ++k) counters[k].reset();
    const Level& level = levels[ilvl];
    if (level.format == "bullet") return "";
    std::string out;
    for (char32_t c : level.text) {
      if (c < kLevels) {
        std::size_t k = c;
        int value = counters[k].value_or(start(k));
        out += format_number(value, level.legal && k < ilvl ? "decimal" : levels[k].format);
      } else {
        text::append_utf8(out, c >= 0xD800 && c < 0xE000 ? char32_t{0xFFFD} : c);
      }
    }
    return out;
  }

 private:
  struct Level {
    int start = 1;
    std::string format = "decimal";
    bool legal = false;
    std::u32string text;
  };
  struct List {
    std::array<Level, kLevels> levels;
  };
  struct Override {
    std::uint32_t lsid = 0;
    std::array<std::optional<int>, kLevels> start;
    bool restarts = false;
  };

  static std::string format_of(std::uint8_t nfc) {
    switch (nfc) {
      case 1:
        return "upperRoman";
      case 2:
        return "lowerRoman";
      case 3:
        return "upperLetter";
      case 4:
        return "lowerLetter";
      case 5:
        return "ordinal";
      case 22:
        return "decimalZero";
      case 23:
        return "bullet";
      case 255:
        return "none";
      default:
        return "decimal";
    }
  }

  /// Reads the LVL at `at` into `level`; returns the offset after it.
  static std::uint64_t read_level(const Bytes& table, std::uint64_t at, Level& level) {
    level.start = std::clamp(static_cast<std::int32_t>(table.u32(at)), -1'000'000'000, 1'000'000'000);
    level.format = format_of(table.u8(at + 4));
    level.legal = (table.u8(at + 5) & 0x04) != 0;
    std::uint64_t xst = at + 28 + table.u8(at + 24) + table.u8(at + 25);
    std::size_t cch = table.u16(xst);
    table.need(xst + 2, 2ull * cch);
    level.text.clear();
    for (std::size_t i = 0; i < cch; ++i) level.text.push_back(table.u16(xst + 2 + 2 * i));
    return xst + 2 + 2 * cch;
  }

  std::map<std::uint32_t, List> lists_;
  std::vector<Override> overrides_;
  std::map<std::uint32_t, std::array<std::optional<int>, kLevels>> list_counters_;
  std::map<std::uint32_t, std::array<std::optional<int>, kLevels>> own_counters_;
};

struct Piece {
  std::uint32_t cp_begin, cp_end;
  std::uint32_t fc;
  bool compressed;
};

std::vector<Piece> read_pieces(const Bytes& table, std::uint32_t fc, std::uint32_t lcb) {
  std::uint64_t at = fc, end = std::uint64_t{fc} + lcb;
  table.need(fc, lcb);
  while (at < end) {
    std::uint8_t clxt = table.u8(at);
    if (clxt == 1) {  // Prc: a grpprl for the pieces' prm, not needed for the text
      at += 3 + table.u16(at + 1);
      continue;
    }
    if (clxt != 2) break;
    std::uint32_t size = table.u32(at + 1);
    table.need(at + 5, size);
    if (size < 4) break;
    std::size_t n = (size - 4) / 12;
    std::vector<Piece> pieces;
    pieces.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      std::uint32_t raw = table.u32(at + 5 + 4 * (n + 1) + 8 * i + 2);
      bool compressed = (raw & 0x40000000u) != 0;
      raw &= 0x3FFFFFFFu;
      pieces.push_back({table.u32(at + 5 + 4 * i), table.u32(at + 5 + 4 * (i + 1)),
                        compressed ? raw / 2 : raw, compressed});
    }
    return pieces;
  }
  return {};
}

/// Bookmark names by the character position they start at.
std::multimap<std::uint32_t, std::string> read_bookmarks(const Bytes& table, std::uint32_t fc_names,
                                                         std::uint32_t lcb_names, std::uint32_t fc_starts,
                                                         std::uint32_t lcb_starts) {
  std::multimap<std::uint32_t, std::string> out;
  if (lcb_names < 6 || lcb_starts < 4) return out;
  std::vector<std::string> names;
  std::uint64_t at = fc_names;
  bool extended = table.u16(at) == 0xFFFF;
  if (extended) at += 2;
  std::size_t count = table.u16(at);
  std::size_t extra = table.u16(at + 2);
  at += 4;
  for (std::size_t i = 0; i < count; ++i) {
    std::size_t cch = extended ? table.u16(at) : table.u8(at);
    at += extended ? 2 : 1;
    std::string name;
    for (std::size_t k = 0; k < cch; ++k) {
      text::append_utf8(name,
                        extended ? char32_t{table.u16(at + 2 * k)} : text::cp1252_char(table.u8(at + k)));
    }
    at += cch * (extended ? 2 : 1) + extra;
    names.push_back(std::move(name));
  }
  std::size_t starts = (lcb_starts - 4) / 8;  // a CP and a 4-byte FBKF per bookmark
  for (std::size_t i = 0; i < std::min(starts, names.size()); ++i) {
    out.emplace(table.u32(fc_starts + 4 * i), std::move(names[i]));
  }
  return out;
}

/// Calls `f(cp, fc, c)` for each character at a position in [begin, end), piece by piece; `after_piece()`
/// after each piece.
template <typename F, typename G>
void each_character(const Bytes& word, const std::vector<Piece>& pieces, std::uint32_t begin,
                    std::uint32_t end, F f, G after_piece) {
  for (const Piece& piece : pieces) {
    std::uint32_t to = std::min(piece.cp_end, end);
    for (std::uint32_t cp = std::max(piece.cp_begin, begin); cp < to; ++cp) {
      std::uint64_t fc = piece.fc + std::uint64_t{cp - piece.cp_begin} * (piece.compressed ? 1 : 2);
      char32_t c = piece.compressed ? text::cp1252_char(word.u8(fc)) : char32_t{word.u16(fc)};
      f(cp, static_cast<std::uint32_t>(fc), c);
    }
    after_piece();
  }
}

/// Renders one story (the main text, or a header or footer) character by character.
class Renderer {
 public:
  Renderer(PropertyRuns& chars, PropertyRuns& paras, Lists& lists, const std::string& path,
           const Limits& limits, std::multimap<std::uint32_t, std::string> bookmarks = {})
      : chars_(chars),
        paras_(paras),
        lists_(lists),
        path_(path),
        limits_(limits),
        bookmarks_(std::move(bookmarks)),
        next_bookmark_(bookmarks_.begin()) {}

  void check_size() const {
    if (out_.size() + run_.size() > limits_.max_part_bytes) {
      throw Error(ErrorKind::Input, path_,
                  fmt::format("the .doc file renders to more than {} MiB of text (limit --max-part-size)",
                              limits_.max_part_bytes >> 20));
    }
  }

  /// The lines of the story, which ends before `end`.
  std::vector<SourceLine> finish(std::uint32_t end) {
    flush_bookmarks(end + 1);
    if (!run_.empty() || !pending_.empty())
      paragraph_end(false, false, false, "");  // text after the last mark
    if (table_open_) out_.end_table();
    return out_.finish();
  }

  void character(std::uint32_t cp, std::uint32_t fc, char32_t c) {
    flush_bookmarks(cp);
    if (c == 0x13) {
      fields_.push_back(false);
      ++instructions_;
      return;
    }
    if (c == 0x14) {
      if (!fields_.empty() && !fields_.back()) {
        fields_.back() = true;
        --instructions_;
      }
      return;
    }
    if (c == 0x15) {
      if (!fields_.empty()) {
        if (!fields_.back()) --instructions_;
        fields_.pop_back();
      }
      return;
    }
    if (c == 0x0D || c == 0x07) {
      std::string_view papx = paras_.at(fc);
      bool in_table = sprm(papx, 0x2416).value_or(0) != 0;
      bool row_end = c == 0x07 && sprm(papx, 0x2417).value_or(0) != 0;
      bool inner_row_end = sprm(papx, 0x244C).value_or(0) != 0;
      std::string number;
      if (!row_end && !inner_row_end) {
        number = lists_.next(sprm(papx, 0x460B).value_or(0), sprm(papx, 0x260A).value_or(0));
      }
      paragraph_end(in_table || c == 0x07, c == 0x07 && !row_end, row_end || inner_row_end,
                    std::move(number));
      return;
    }
    if (instructions_ > 0) return;  // inside some field's instruction
    if (deleted(fc)) return;
    if (c == 0x0B || c == 0x0C) {
      run_.push_back('\n');
    } else if (c == 0x1E) {
      run_.push_back('-');
    } else if (c == '\t' || c >= 0x20) {
      if (c >= 0xD800 && c < 0xE000) c = 0xFFFD;  // UTF-16 pairs are rare in Word text; never invalid UTF-8
      text::append_utf8(run_, c);
    }
  }

 private:
  bool deleted(std::uint32_t fc) {
    std::optional<std::uint32_t> del = sprm(chars_.at(fc), 0x0800);
    return del && (*del == 1 || *del == 0x81);
  }

  void flush_bookmarks(std::uint32_t cp) {
    for (; next_bookmark_ != bookmarks_.end() && next_bookmark_->first <= cp; ++next_bookmark_) {
      if (!run_.empty()) {
        pending_.push_back({std::move(run_), false});
        run_.clear();
      }
      pending_.push_back({next_bookmark_->second, true});
    }
  }

  /// The paragraph whose mark was just read goes out now that its table properties are known.
  void paragraph_end(bool in_table, bool cell_end, bool row_end, std::string number) {
    if (!run_.empty()) pending_.push_back({std::move(run_), false});
    run_.clear();
    if (row_end) {  // the row-end mark is a paragraph of its own that shows nothing
      keep_bookmarks_only();
      row_open_ = cell_open_ = false;
      return;
    }
    if (in_table) {
      if (!table_open_) out_.begin_table();
      if (!row_open_) out_.begin_row();
      if (!cell_open_) out_.begin_cell();
      table_open_ = row_open_ = cell_open_ = true;
    } else if (table_open_) {
      out_.end_table();
      table_open_ = row_open_ = cell_open_ = false;
    }
    for (const auto& [value, is_bookmark] : pending_) {
      if (is_bookmark) {
        out_.bookmark(value);
        continue;
      }
      std::string_view s = value;
      for (;;) {
        std::size_t cut = s.find('\n');
        out_.text(s.substr(0, cut));
        if (cut == std::string_view::npos) break;
        out_.line_break();
        s.remove_prefix(cut + 1);
      }
    }
    pending_.clear();
    if (!out_.in_paragraph()) out_.begin_paragraph();
    if (!number.empty()) out_.set_number(std::move(number));
    out_.end_paragraph();
    if (cell_end) {
      out_.end_cell();
      cell_open_ = false;
    }
  }

  void keep_bookmarks_only() {
    std::erase_if(pending_, [](const auto& p) { return !p.second; });
  }

  PropertyRuns& chars_;
  PropertyRuns& paras_;
  Lists& lists_;
  const std::string& path_;
  const Limits& limits_;
  LineBuilder out_;
  std::string run_;
  std::vector<std::pair<std::string, bool>> pending_;  ///< text and bookmarks (true) of the open paragraph
  std::vector<bool> fields_;                           ///< open fields: true once past the separator
  std::size_t instructions_ = 0;                       ///< open fields not yet past their separator
  std::multimap<std::uint32_t, std::string> bookmarks_;
  std::multimap<std::uint32_t, std::string>::const_iterator next_bookmark_;
  bool table_open_ = false, row_open_ = false, cell_open_ = false;
};

/// What renders a story: the document's property runs and lists, and where errors go.
struct StoryContext {
  PropertyRuns& chars;
  PropertyRuns& paras;
  Lists& lists;
  const std::string& path;
  const Limits& limits;
};

/// Page headers and footers: the header document's stories (PlcfHdd; positions relative to `begin`),
/// six separators first, then six per section: even header, odd header, even footer, odd footer, first
/// header and first footer. An empty story takes the previous section's, so it adds nothing. The text is
/// walked once, whatever the number of stories.
void read_page_lines(const Bytes& word, const Bytes& table, const std::vector<Piece>& pieces,
                     std::uint32_t begin, std::uint32_t length, std::uint32_t fc, std::uint32_t lcb,
                     const StoryContext& context, Source& source) {
  constexpr std::size_t kSeparators = 6;
  constexpr PagePart kParts[] = {PagePart::EvenHeader, PagePart::Header,      PagePart::EvenFooter,
                                 PagePart::Footer,     PagePart::FirstHeader, PagePart::FirstFooter};
  if (length == 0 || lcb < 8) return;
  std::vector<std::uint64_t> starts;
  table.need(fc, lcb);
  for (std::size_t i = 0; i < lcb / 4; ++i) starts.push_back(std::uint64_t{begin} + table.u32(fc + 4 * i));
  std::unique_ptr<Renderer> story;  // not std::optional: GCC 12 warns of a maybe-uninitialized map in it
  std::size_t current = 0;
  auto end_story = [&](std::uint32_t end) {
    if (!story) return;
    std::size_t k = current - kSeparators;
    add_page_lines(source, story->finish(end), kParts[k % 6], static_cast<int>(k / 6) + 1);
    story.reset();
  };
  each_character(
      word, pieces, begin, begin + length,
      [&](std::uint32_t cp, std::uint32_t at, char32_t c) {
        auto next = std::upper_bound(starts.begin(), starts.end(), std::uint64_t{cp});
        auto k = static_cast<std::size_t>(next - starts.begin());  // story k - 1 holds cp
        if (k == 0 || next == starts.end() || k - 1 < kSeparators) return;
        if (!story || k - 1 != current) {
          end_story(cp);
          current = k - 1;
          story = std::make_unique<Renderer>(context.chars, context.paras, context.lists, context.path,
                                             context.limits);
        }
        story->character(cp, at, c);
      },
      [&] {
        if (story) story->check_size();
      });
  end_story(begin + length);
}

}  // namespace

Source read_doc_bytes(const std::string& bytes, const std::string& path, const Limits& limits) {
  init_gsf();
  const char* damaged =
      "the .doc file is damaged: its OLE2 compound file cannot be read (truncated or corrupt)";
  if (!root_entry_ok(bytes)) throw Error(ErrorKind::Input, path, damaged);
  GPtr<GsfInput> memory(gsf_input_memory_new(reinterpret_cast<const guint8*>(bytes.data()),
                                             static_cast<gsf_off_t>(bytes.size()), FALSE));
  GError* error = nullptr;
  GPtr<GsfInfile> ole(gsf_infile_msole_new(memory.get(), &error));
  if (error != nullptr) g_error_free(error);
  if (!ole) {
    throw Error(ErrorKind::Input, path, damaged);
  }
  std::optional<std::string> word_data = read_stream(ole.get(), "WordDocument", path, limits);
  if (!word_data) {
    throw Error(ErrorKind::Input, path,
                "this OLE2 compound file holds no WordDocument stream: not a Word document");
  }
  Bytes word(*word_data, path, "WordDocument stream");
  if (word.size() < 34 || word.u16(0) != kWordIdent) {
    throw Error(ErrorKind::Input, path,
                "the .doc file is damaged: its WordDocument stream has no Word header");
  }
  std::uint16_t fib = word.u16(2);
  if (fib < kFirstWord97Fib) {
    throw Error(
        ErrorKind::Input, path,
        "this is a Word 6.0/95 (or older) .doc file; only Word 97-2003 files are read: save it as .docx");
  }
  std::uint16_t flags = word.u16(0x0A);
  if ((flags & 0x0100) != 0) {
    throw Error(
        ErrorKind::Input, path,
        "this is an encrypted (password-protected) Word .doc file; remove the password in Word and save "
        "again");
  }
  std::optional<std::string> table_data =
      read_stream(ole.get(), (flags & 0x0200) != 0 ? "1Table" : "0Table", path, limits);
  if (!table_data) throw Error(ErrorKind::Input, path, "the .doc file is damaged: it has no table stream");
  Bytes table(*table_data, path, "table stream");

  // FibBase (32 bytes), then FibRgW97, FibRgLw97 and FibRgFcLcb97, each after its count.
  std::uint64_t rg_lw = 34 + 2u * word.u16(32) + 2;
  std::uint16_t cslw = word.u16(rg_lw - 2);
  // ccpText, then ccpFtn and ccpHdd: the header document follows the main text and the footnotes.
  std::uint32_t text_length = cslw > 3 ? word.u32(rg_lw + 12) : 0;
  std::uint32_t notes_length = cslw > 5 ? word.u32(rg_lw + 16) : 0;
  std::uint32_t headers_length = cslw > 5 ? word.u32(rg_lw + 20) : 0;
  std::uint64_t fc_lcb = rg_lw + 4u * cslw + 2;
  std::uint16_t pairs = word.u16(fc_lcb - 2);
  if (pairs <= kPlfLfo) throw Error(ErrorKind::Input, path, "the .doc file is damaged: its FIB is too short");
  auto fc = [&](std::size_t i) { return word.u32(fc_lcb + 8 * i); };
  auto lcb = [&](std::size_t i) { return word.u32(fc_lcb + 8 * i + 4); };
  if (std::max({text_length, notes_length, headers_length}) > limits.max_part_bytes) {
    throw Error(ErrorKind::Input, path,
                fmt::format("the .doc file declares more than {} MiB of text (limit --max-part-size)",
                            limits.max_part_bytes >> 20));
  }
  std::vector<Piece> pieces = read_pieces(table, fc(kClx), lcb(kClx));
  if (pieces.empty()) throw Error(ErrorKind::Input, path, "the .doc file is damaged: it has no piece table");
  PropertyRuns chars(word, table, fc(kPlcfBteChpx), lcb(kPlcfBteChpx), false);
  PropertyRuns paras(word, table, fc(kPlcfBtePapx), lcb(kPlcfBtePapx), true);

  Source source;
  source.path = path;
  source.format = "doc";
  source.encoding = "utf-16";
  Lists lists(table, fc(kPlfLst), lcb(kPlfLst), fc(kPlfLfo), lcb(kPlfLfo));
  Renderer body(chars, paras, lists, path, limits,
                read_bookmarks(table, fc(kSttbfBkmk), lcb(kSttbfBkmk), fc(kPlcfBkf), lcb(kPlcfBkf)));
  each_character(
      word, pieces, 0, text_length,
      [&](std::uint32_t cp, std::uint32_t at, char32_t c) { body.character(cp, at, c); },
      [&] { body.check_size(); });
  source.lines = body.finish(text_length);
  read_page_lines(word, table, pieces, text_length + notes_length, headers_length, fc(kPlcfHdd),
                  lcb(kPlcfHdd), {chars, paras, lists, path, limits}, source);
  return source;
}

}  // namespace nos::detail
