// Writing output files so a reader never sees a half-written one: a temporary file beside the target,
// written in full and closed, then renamed over it. There is no fsync: an output survives a killed run,
// not a power cut, which keeps batch conversion of thousands of files fast.
//
// A target that exists and is not a regular file is never replaced: renaming over /dev/null as root
// would put a regular file in its place. A character device or a FIFO (/dev/null, /dev/stdout, a
// pipe) is written through; a FIFO nobody reads is refused rather than waited on; a directory, a
// socket or a block device is refused.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace nos {

/// Writes `content` to `path` atomically. Throws nos::Error (ErrorKind::Output) naming the path.
void write_file_atomically(const std::string& path, std::string_view content);

/// The same with the content written by `write` as it is made, so a large output is never held whole:
/// the stream goes into the temporary file (or through to a device). If `write` throws, the temporary
/// file is removed and the exception passed on.
void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write);

/// The same for `name` (one path component) inside the open directory `dir_fd`: nothing on the way is
/// looked up by path again, and a symlink at `name` is replaced, never followed. `shown` names the file
/// in errors.
void write_file_atomically_at(int dir_fd, const std::string& name, std::string_view content,
                              const std::string& shown);

/// For a name write_file_atomically gives its temporary files, ".NAME.tmp-XXXXXX", the NAME part (its
/// end only, when the whole would be over 255 bytes); empty for any other name.
std::string_view temporary_file_target(std::string_view name);

}  // namespace nos
