// Planning a conversion: walk the sources, filter, map each input to its output, and check the whole
// plan before anything is written. Everything that could make the run write in the wrong place is
// refused here: two inputs for one output, outputs outside the output directory (through "..",
// absolute paths or symlinks), an output that is an input, an output directory inside a source tree.
#include <dirent.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>

#include "nos/convert.hpp"
#include "nos/emit.hpp"
#include "nos/error.hpp"
#include "nos/reader.hpp"
#include "util/glob.hpp"
#include "util/text.hpp"

namespace nos {

namespace {

namespace fs = std::filesystem;

using FileId = std::pair<dev_t, ino_t>;

bool is_hidden(std::string_view name) {
  // Dot files (version control, our own temporary files) and Word's "~$name.docx" lock files.
  return name.starts_with('.') || name.starts_with("~$");
}

// `relative` is the path under the source directory; a glob without "/" matches its last name.
bool any_match(const std::vector<std::string>& globs, const std::string& relative) {
  return std::any_of(globs.begin(), globs.end(), [&](const auto& g) { return glob_match(g, relative); });
}

std::vector<std::string> trimmed_globs(std::vector<std::string> globs) {
  for (auto& g : globs) {
    while (g.size() > 1 && g.back() == '/') g.pop_back();  // "drafts/" names a directory
    if (g.starts_with("./")) g.erase(0, 2);
  }
  return globs;
}

std::string with_model_extension(const std::string& relative, ModelFormat format) {
  fs::path p(relative);
  p.replace_extension(format == ModelFormat::Json ? ".json" : ".yaml");
  return p.generic_string();
}

std::string strip_trailing_slashes(std::string s) {
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

bool is_within(const fs::path& inner, const fs::path& outer) {
  auto [o, i] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return o == outer.end();
}

class Planner {
 public:
  explicit Planner(const ConvertOptions& options)
      : options_(options),
        include_(trimmed_globs(options.include)),
        exclude_(trimmed_globs(options.exclude)) {}

  ConvertPlan run() {
    if (options_.out_dir.empty()) throw Error(ErrorKind::Usage, "", "--out-dir is required");
    plan_.out_dir = strip_trailing_slashes(fs::path(options_.out_dir).lexically_normal().generic_string());
    std::error_code ec;
    out_canonical_ = fs::weakly_canonical(fs::absolute(plan_.out_dir), ec);
    if (ec) throw Error(ErrorKind::Usage, plan_.out_dir, fmt::format("cannot resolve: {}", ec.message()));
    struct stat st {};
    if (::stat(plan_.out_dir.c_str(), &st) == 0) {
      if (!S_ISDIR(st.st_mode)) throw Error(ErrorKind::Usage, plan_.out_dir, "exists and is not a directory");
      out_id_ = FileId{st.st_dev, st.st_ino};
    }

    for (const auto& source : options_.sources) add_source(source);
    for (const auto& listed : options_.listed) add_listed(listed);
    check_outputs();
    return std::move(plan_);
  }

 private:
  void add_source(const std::string& source) {
    struct stat st {};
    if (::stat(source.c_str(), &st) != 0) {
      plan_.errors.push_back(fmt::format(
          "{}: {}", source, errno == ENOENT ? "no such file or directory" : std::strerror(errno)));
      return;
    }
    if (S_ISDIR(st.st_mode)) {
      check_out_dir_not_inside(source);
      visited_.insert({st.st_dev, st.st_ino});
      walk(strip_trailing_slashes(source), "");
    } else {
      add_input(source, fs::path(source).filename().string(), st);
    }
  }

  void add_listed(const std::string& listed) {
    fs::path p = fs::path(listed).lexically_normal();
    std::string relative = strip_trailing_slashes(p.generic_string());
    if (p.is_absolute() || relative.empty() || relative == "." || relative == ".." ||
        relative.starts_with("../")) {
      plan_.errors.push_back(fmt::format(
          "{}: a listed path must be relative and stay below the current directory, since it is mirrored "
          "under {}",
          listed, plan_.out_dir));
      return;
    }
    struct stat st {};
    if (::stat(listed.c_str(), &st) != 0) {
      plan_.errors.push_back(
          fmt::format("{}: {}", listed, errno == ENOENT ? "no such file" : std::strerror(errno)));
      return;
    }
    if (S_ISDIR(st.st_mode)) {
      plan_.errors.push_back(
          fmt::format("{}: is a directory; list files, or pass the directory as SRC", listed));
      return;
    }
    add_input(listed, relative, st);
  }

  // The output directory may sit inside a source tree only when the walk will not enter it.
  void check_out_dir_not_inside(const std::string& source) {
    std::error_code ec;
    fs::path root = fs::canonical(source, ec);
    if (ec || !is_within(out_canonical_, root)) return;
    fs::path rel = out_canonical_.lexically_relative(root);
    if (rel.empty() || rel == ".")
      throw Error(ErrorKind::Usage, plan_.out_dir,
                  fmt::format("is the source directory {}; choose another", source));
    std::string prefix;
    for (const auto& part : rel) {
      std::string name = part.string();
      prefix = prefix.empty() ? name : prefix + "/" + name;
      if (is_hidden(name) || any_match(exclude_, prefix)) return;
    }
    throw Error(ErrorKind::Usage, plan_.out_dir,
                fmt::format("is inside the source tree {}; choose another directory or pass --exclude '{}'",
                            source, rel.generic_string()));
  }

  void walk(const std::string& dir, const std::string& relative_dir) {
    std::vector<std::string> names;
    if (DIR* d = ::opendir(dir.c_str())) {
      while (dirent* e = ::readdir(d)) {
        std::string_view name = e->d_name;
        if (!is_hidden(name)) names.emplace_back(name);
      }
      ::closedir(d);
    } else {
      plan_.errors.push_back(fmt::format("{}: cannot read the directory: {}", dir, std::strerror(errno)));
      return;
    }
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
      std::string path = dir + "/" + name;
      std::string relative = relative_dir.empty() ? name : relative_dir + "/" + name;
      struct stat st {};
      if (::stat(path.c_str(), &st) != 0) {
        // A broken symlink is worth a note; anything else (a path too long, no permission) would
        // leave a document out unseen, so the run does not start.
        if (errno == ENOENT)
          plan_.notes.push_back(fmt::format("{}: skipped: a broken symlink", path));
        else
          plan_.errors.push_back(fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
        continue;
      }
      if (any_match(exclude_, relative)) continue;
      if (S_ISDIR(st.st_mode)) {
        FileId id{st.st_dev, st.st_ino};
        if (out_id_ && *out_id_ == id) continue;  // never read our own outputs
        if (!visited_.insert(id).second) {
          plan_.notes.push_back(
              fmt::format("{}: skipped: a symlink loop, or a directory already walked", path));
          continue;
        }
        walk(path, relative);
      } else if (S_ISREG(st.st_mode)) {
        if (!selected(relative, name)) {
          ++plan_.ignored;
          continue;
        }
        add_input(path, relative, st);
      }
      // Sockets, FIFOs and devices are no documents; a FIFO would block the run.
    }
  }

  bool selected(const std::string& relative, std::string_view name) const {
    if (!include_.empty()) return any_match(include_, relative);
    std::string ext = text::lower(fs::path(name).extension().string());
    return is_document_extension(ext);
  }

  void add_input(const std::string& path, const std::string& relative, const struct stat& st) {
    ConvertInput input;
    input.path = path;
    input.relative = relative;
    input.output = plan_.out_dir + "/" + with_model_extension(relative, options_.format);
    input_ids_.insert({st.st_dev, st.st_ino});
    plan_.inputs.push_back(std::move(input));
  }

  void check_outputs() {
    std::unordered_map<std::string, std::size_t> by_output;
    std::unordered_map<std::string, std::size_t> by_folded_output;  // for case-insensitive file systems
    std::set<std::string> parents;
    const std::string manifest = plan_.out_dir + "/" + kManifestName;
    for (std::size_t i = 0; i < plan_.inputs.size(); ++i) {
      const ConvertInput& in = plan_.inputs[i];
      auto [it, fresh] = by_output.emplace(in.output, i);
      if (!fresh) {
        plan_.errors.push_back(
            fmt::format("{}: both {} and {} would be written here; convert them into "
                        "different directories, or leave one out with --exclude",
                        in.output, plan_.inputs[it->second].path, in.path));
        continue;
      }
      auto [twin, unique] = by_folded_output.emplace(text::lower(in.output), i);
      if (!unique) {
        const ConvertInput& other = plan_.inputs[twin->second];
        plan_.errors.push_back(
            fmt::format("{}: differs from {} only in case, so {} and {} would be written to one file on a "
                        "case-insensitive file system; rename one, or leave one out with --exclude",
                        in.output, other.output, other.path, in.path));
        continue;
      }
      if (in.output == manifest) {
        plan_.errors.push_back(
            fmt::format("{}: {} would overwrite the incremental manifest", in.output, in.path));
        continue;
      }
      parents.insert(fs::path(in.output).parent_path().string());
      struct stat st {};
      if (::lstat(in.output.c_str(), &st) != 0) continue;
      if (input_ids_.count({st.st_dev, st.st_ino}))
        plan_.errors.push_back(fmt::format("{}: is an input; refusing to overwrite it", in.output));
      else if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode))
        plan_.errors.push_back(
            fmt::format("{}: exists and is not a regular file; refusing to replace it", in.output));
    }
    // A symlink inside the output directory could lead a write elsewhere, and the run never follows
    // one (it opens each directory below DIR without following symlinks): refuse them all now.
    std::set<std::string> reported;
    for (const auto& parent : parents) {
      std::string link = first_symlink(parent);
      if (link.empty() || !reported.insert(link).second) continue;
      std::error_code ec;
      fs::path resolved = fs::weakly_canonical(fs::absolute(link), ec);
      if (ec || !is_within(resolved, out_canonical_))
        plan_.errors.push_back(fmt::format(
            "{}: leads outside {} (through a symlink); refusing to write there", link, plan_.out_dir));
      else
        plan_.errors.push_back(fmt::format(
            "{}: is a symlink; outputs are never written through one (replace it with a directory)", link));
    }
    if (!options_.report.empty()) {
      struct stat st {};
      std::error_code ec;
      fs::path report = fs::weakly_canonical(fs::absolute(options_.report), ec);
      if (!ec && is_within(report, out_canonical_) &&
          by_output.count(plan_.out_dir + "/" + report.lexically_relative(out_canonical_).generic_string()))
        plan_.errors.push_back(fmt::format("{}: the report would overwrite a model", options_.report));
      else if (::stat(options_.report.c_str(), &st) == 0 && input_ids_.count({st.st_dev, st.st_ino}))
        plan_.errors.push_back(fmt::format("{}: the report would overwrite an input", options_.report));
    }
  }

  // The first symlink on the way from the output directory to `dir`; "" when there is none.
  std::string first_symlink(const std::string& dir) const {
    fs::path rel = fs::path(dir).lexically_relative(plan_.out_dir);
    fs::path at = plan_.out_dir;
    for (const auto& part : rel) {
      if (part == ".") continue;
      at /= part;
      struct stat st {};
      if (::lstat(at.c_str(), &st) != 0) return "";  // not made yet: the run makes a directory
      if (S_ISLNK(st.st_mode)) return at.string();
    }
    return "";
  }

  const ConvertOptions& options_;
  std::vector<std::string> include_;
  std::vector<std::string> exclude_;
  ConvertPlan plan_;
  fs::path out_canonical_;
  std::optional<FileId> out_id_;
  std::set<FileId> visited_;
  std::set<FileId> input_ids_;
};

}  // namespace

ConvertPlan plan_conversion(const ConvertOptions& options) { return Planner(options).run(); }

}  // namespace nos
