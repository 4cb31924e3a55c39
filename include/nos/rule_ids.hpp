// Ids of the findings made outside the rule pass, each spelt once: the rule catalogue lists them for
// `nos explain` and .nos.yaml, and the stage that makes the finding uses the same constant.
#pragma once

namespace nos::rule_ids {

inline constexpr const char* kModelSchema = "model-schema";              ///< by the YAML model loader
inline constexpr const char* kUnusedSuppression = "unused-suppression";  ///< by `nos check`'s ignores
inline constexpr const char* kTooManyFindings = "too-many-findings";     ///< by `nos check`'s caps
/// Not a rule: how every report names a file that could not be read.
inline constexpr const char* kUnreadable = "unreadable";
/// Not a rule: how the language server names a .nos.yaml or grammar it could not read, at a file's top.
inline constexpr const char* kConfig = "config";

}  // namespace nos::rule_ids
