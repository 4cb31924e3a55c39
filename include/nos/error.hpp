// The one error type the library throws: a message a user can act on, and what kind of failure it is.
#pragma once

#include <stdexcept>
#include <string>

namespace nos {

enum class ErrorKind {
  Input,    ///< the document cannot be read: missing, unreadable, empty, corrupt, over a limit
  Grammar,  ///< the grammar file is invalid
  Config,   ///< the configuration file is invalid
  Usage,    ///< the command line asks for something impossible
  Output,   ///< an output file cannot be written
};

class Error : public std::runtime_error {
 public:
  /// `path` names the file at fault ("" when none); `what` says what is wrong, lower-case, no final full
  /// stop.
  Error(ErrorKind kind, std::string path, const std::string& what)
      : std::runtime_error(path.empty() ? what : path + ": " + what), kind_(kind), path_(std::move(path)) {}

  ErrorKind kind() const { return kind_; }
  const std::string& path() const { return path_; }

 private:
  ErrorKind kind_;
  std::string path_;
};

}  // namespace nos
