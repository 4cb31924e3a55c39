// Writing output files so a reader never sees a half-written one: a temporary file beside the target,
// written in full and closed, then renamed over it. There is no fsync: an output survives a killed run,
// not a power cut, which keeps batch conversion of thousands of files fast.
#pragma once

#include <string>
#include <string_view>

namespace nos {

/// Writes `content` to `path` atomically. Throws nos::Error (ErrorKind::Output) naming the path.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace nos
