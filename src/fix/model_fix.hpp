// nos fix in a YAML model: the edits of its scalars, planned as edits of the lines their tokens stand on.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "fix/edits.hpp"

namespace nos::fix {

/// The findings' scalar edits (Edit::scalar) that still hold what the rule saw, as one LineEdit per scalar
/// rewriting its token on its line; unsafe fixes are listed in result.unsafe unless `unsafe`. A scalar
/// whose token runs over several lines (a block scalar, a folded one) is not edited.
std::vector<LineEdit> plan_model(std::string_view bytes, const Source& source,
                                 const std::vector<Diagnostic>& diagnostics, bool unsafe,
                                 const Limits& limits, FixResult& result);

/// Loads the fixed model back and checks that each rewritten scalar holds its new value, so nos fix never
/// writes YAML that reads otherwise. Throws nos::Error (Output) when one does not.
void check_model_written(const std::string& fixed, const Source& source, const std::vector<LineEdit>& edits,
                         const Limits& limits);

}  // namespace nos::fix
