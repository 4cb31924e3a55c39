// The names of FoundBy, in one table: a model's `found_by` and a grammar's `placement` spell them.
#include "nos/grammar.hpp"
#include "util/name_table.hpp"

namespace nos {

namespace {

constexpr NameTable<FoundBy, 5> kFoundBy = {{FoundBy::Label, "label"},
                                            {FoundBy::Cue, "cue"},
                                            {FoundBy::Numbering, "numbering"},
                                            {FoundBy::Bookmark, "bookmark"},
                                            {FoundBy::Position, "position"}};

}  // namespace

const char* found_by_name(FoundBy found_by) { return name_of(kFoundBy, found_by); }

std::optional<FoundBy> parse_found_by(std::string_view name) { return value_of(kFoundBy, name); }

}  // namespace nos
