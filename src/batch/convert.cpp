// Running a conversion plan on the worker pool. Each input is read once, parsed and emitted, and its
// model written atomically; a failure is recorded against that input and the run goes on. The model
// carries the input's path relative to its source argument, so its bytes depend on nothing but the
// input, the grammar and the format: not on -j, the working directory or where the tree is mounted.
#include "nos/convert.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <ostream>
#include <set>
#include <string_view>

#include "batch/manifest.hpp"
#include "batch/work_pool.hpp"
#include "nos/error.hpp"
#include "nos/nos.hpp"
#include "util/atomic_file.hpp"
#include "util/fd.hpp"

namespace nos {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr auto kManifestSaveInterval = std::chrono::seconds(2);

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::int64_t mtime_ns(const struct stat& st) {
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

struct InputFile {
  std::string bytes;
  struct stat st {};
};

// One open, one fstat, one read: the size limit is checked before a byte is read.
InputFile read_input(const std::string& path, const Limits& limits) {
  InputFile f;
  // Not blocking: a FIFO would otherwise wait for a writer before fstat could refuse it.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    throw Error(
        ErrorKind::Input, path,
        errno == ENOENT ? std::string("no such file") : fmt::format("cannot open: {}", std::strerror(errno)));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  if (::fstat(fd, &f.st) != 0)
    throw Error(ErrorKind::Input, path, fmt::format("cannot stat: {}", std::strerror(errno)));
  if (!S_ISREG(f.st.st_mode)) throw Error(ErrorKind::Input, path, "not a regular file");
  auto size = static_cast<std::size_t>(f.st.st_size);
  if (size > limits.max_input_bytes)
    throw Error(ErrorKind::Input, path,
                fmt::format("the file is {} MiB, over the limit of {} MiB (--max-input-size)", size >> 20,
                            limits.max_input_bytes >> 20));
  f.bytes.resize(size);
  std::size_t done = 0;
  while (done < size) {
    ssize_t n = ::read(fd, f.bytes.data() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(ErrorKind::Input, path, fmt::format("read error: {}", std::strerror(errno)));
    if (n == 0) break;  // shrank while we read: take what is there
    done += static_cast<std::size_t>(n);
  }
  f.bytes.resize(done);
  return f;
}

// Removes the temporary files a killed run may have left; only ours (models, manifest) go.
void remove_stale_temps(int dir_fd) {
  DIR* d = ::fdopendir(::dup(dir_fd));
  if (!d) return;
  std::vector<std::string> stale;
  while (dirent* e = ::readdir(d)) {
    std::string_view target = temporary_file_target(e->d_name);
    if (target.ends_with(".yaml") || target.ends_with(".json")) stale.emplace_back(e->d_name);
  }
  ::closedir(d);
  for (const auto& name : stale) ::unlinkat(dir_fd, name.c_str(), 0);
}

// The output directory, opened once and locked: one run at a time per directory, since two would delete
// each other's temporary files. Every directory below it is opened from it one name at a time, never
// following a symlink, so swapping a directory for a symlink during the run cannot lead a write
// elsewhere (the plan refused symlinks that were there before).
class OutputTree {
 public:
  explicit OutputTree(const std::string& dir)
      : dir_(dir), root_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    if (root_.get() < 0)
      throw Error(ErrorKind::Output, dir, fmt::format("cannot open: {}", std::strerror(errno)));
    if (::flock(root_.get(), LOCK_EX | LOCK_NB) != 0)
      throw Error(ErrorKind::Output, dir, "another nos convert is writing to this directory");
  }

  int root() const { return root_.get(); }

  /// The directory `relative` (below the output directory; "" is the output directory itself), made
  /// when `create` and missing. Throws nos::Error (ErrorKind::Output) naming the first directory on the
  /// way that cannot be opened, or is a symlink.
  Fd open(const std::string& relative, bool create) const {
    Fd at(::dup(root_.get()));
    std::string shown = dir_;
    for (const auto& part : fs::path(relative)) {
      std::string name = part.string();
      shown += "/" + name;
      int fd = ::openat(at.get(), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0 && errno == ENOENT && create && ::mkdirat(at.get(), name.c_str(), 0777) == 0)
        fd = ::openat(at.get(), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0 && (errno == ELOOP || errno == ENOTDIR))
        throw Error(ErrorKind::Output, shown,
                    "is a symlink or not a directory; refusing to write through it");
      if (fd < 0)
        throw Error(ErrorKind::Output, shown,
                    fmt::format("cannot open the directory: {}", std::strerror(errno)));
      at = Fd(fd);
    }
    return at;
  }

 private:
  std::string dir_;
  Fd root_;
};

std::string output_key(const ConvertPlan& plan, const ConvertInput& in) {
  return in.output.substr(plan.out_dir.size() + 1);
}

// Creates the output directories, and cleans what a killed run may have left in them.
void prepare_directories(const ConvertPlan& plan, const OutputTree& tree) {
  std::set<std::string> dirs{""};
  for (const auto& in : plan.inputs) dirs.insert(fs::path(output_key(plan, in)).parent_path().string());
  for (const auto& dir : dirs) remove_stale_temps(tree.open(dir, true).get());
}

// The report counts items by the id the grammar gives its section's items ("P", "K"), the report's keys,
// so a grammar that names its sections otherwise still has them counted.
void count_items(const Document& doc, const Grammar& grammar, ConvertResult& r) {
  for (const auto& s : doc.sections) {
    if (s.kind != SectionKind::Items) continue;
    const int spec = grammar.section_index(s.key);
    const auto& items = grammar.sections[static_cast<std::size_t>(spec)].items;
    const std::string_view id = items.empty() ? "" : std::string_view(items.front().id);
    if (id == "P") r.performance_criteria += s.item_count();
    if (id == "K") r.knowledge += s.item_count();
    for (const auto& g : s.groups)
      for (const auto& item : g.items) r.unnumbered += item.numbered() ? 0 : 1;
  }
  r.unplaced = doc.unplaced.size();
}

class Runner {
 public:
  Runner(const ConvertPlan& plan, const ConvertOptions& options, const ConvertObserver& observer,
         std::atomic<bool>& stop)
      : plan_(plan),
        options_(options),
        grammar_(options.grammar ? *options.grammar : Grammar::builtin()),
        observer_(observer),
        stop_(stop),
        manifest_path_(plan.out_dir + "/" + kManifestName) {}

  ConvertRun run() {
    if (!plan_.errors.empty()) throw Error(ErrorKind::Usage, "", "the conversion plan has errors");
    start_ = Clock::now();
    std::error_code ec;
    fs::create_directories(plan_.out_dir, ec);
    if (ec)
      throw Error(ErrorKind::Output, plan_.out_dir,
                  fmt::format("cannot create the directory: {}", ec.message()));
    tree_.emplace(plan_.out_dir);
    prepare_directories(plan_, *tree_);
    if (options_.incremental) {
      old_ = batch::Manifest::load(manifest_path_, batch::run_fingerprint(grammar_, options_.format));
      // Entries for outputs this run does not touch stay; the others are re-added as inputs finish.
      current_.fingerprint = old_.fingerprint;
      current_.entries = old_.entries;
      for (const auto& in : plan_.inputs) current_.entries.erase(output_key(plan_, in));
    }
    run_.results.resize(plan_.inputs.size());
    run_.counts.total = plan_.inputs.size();
    last_save_ = Clock::now();

    run_parallel(
        plan_.inputs.size(), options_.jobs, [this](std::size_t i) { convert_one(i); }, &stop_);

    run_.counts.seconds = seconds_since(start_);
    run_.counts.interrupted = stop_.load() && !run_.counts.stopped_early;
    if (options_.incremental) save_manifest();
    return std::move(run_);
  }

 private:
  void convert_one(std::size_t i) {
    const ConvertInput& in = plan_.inputs[i];
    const auto t0 = Clock::now();
    ConvertResult r;
    std::optional<batch::ManifestEntry> entry;
    try {
      InputFile file = read_input(in.path, options_.limits);
      if (options_.incremental) {
        entry.emplace();
        entry->relative = in.relative;
        entry->size = file.bytes.size();
        entry->mtime_ns = mtime_ns(file.st);
        entry->hash = content_hash(file.bytes);
        if (const batch::ManifestEntry* was = unchanged(in, *entry)) {
          auto mtime = entry->mtime_ns;
          *entry = *was;
          entry->mtime_ns = mtime;
          r.status = ConvertStatus::Skipped;
          r.performance_criteria = entry->performance_criteria;
          r.knowledge = entry->knowledge;
          r.unplaced = entry->unplaced;
          r.unnumbered = entry->unnumbered;
        }
      }
      if (r.status != ConvertStatus::Skipped) {
        Document doc = parse(read_source_bytes(std::move(file.bytes), in.path, options_.limits), grammar_);
        doc.source.path = in.relative;
        fs::path key = output_key(plan_, in);
        Fd dir = tree_->open(key.parent_path().string(), false);
        write_file_atomically_at(dir.get(), key.filename().string(), emit_model(doc, options_.format),
                                 in.output);
        count_items(doc, grammar_, r);
        r.status = ConvertStatus::Converted;
        if (entry) record_output(dir.get(), key.filename().string(), r, *entry);
      }
    } catch (const Error& e) {
      r.status = ConvertStatus::Failed;
      r.error = e.path().empty() ? fmt::format("{}: {}", in.path, e.what()) : e.what();
    } catch (const std::exception& e) {
      r.status = ConvertStatus::Failed;
      r.error = fmt::format("{}: internal error: {}", in.path, e.what());
    }
    r.milliseconds = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    finish(i, std::move(r), std::move(entry));
  }

  // Skipped only when the manifest saw this very content made into the output that is still there.
  // Returns the manifest's entry when it matches, nullptr otherwise.
  const batch::ManifestEntry* unchanged(const ConvertInput& in, const batch::ManifestEntry& now) const {
    auto it = old_.entries.find(output_key(plan_, in));
    if (it == old_.entries.end()) return nullptr;
    const batch::ManifestEntry& was = it->second;
    if (was.relative != now.relative || was.size != now.size || was.hash != now.hash) return nullptr;
    struct stat st {};
    fs::path key = output_key(plan_, in);
    bool same_output = ::fstatat(tree_->open(key.parent_path().string(), false).get(), key.filename().c_str(),
                                 &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                       static_cast<std::uint64_t>(st.st_size) == was.output_size &&
                       mtime_ns(st) == was.output_mtime_ns;
    return same_output ? &was : nullptr;
  }

  static void record_output(int dir_fd, const std::string& name, const ConvertResult& r,
                            batch::ManifestEntry& entry) {
    struct stat st {};
    if (::fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return;
    entry.output_size = static_cast<std::uint64_t>(st.st_size);
    entry.output_mtime_ns = mtime_ns(st);
    entry.performance_criteria = r.performance_criteria;
    entry.knowledge = r.knowledge;
    entry.unplaced = r.unplaced;
    entry.unnumbered = r.unnumbered;
  }

  void finish(std::size_t i, ConvertResult r, std::optional<batch::ManifestEntry> entry) {
    std::lock_guard<std::mutex> guard(mutex_);
    ConvertCounts& c = run_.counts;
    ++c.done;
    switch (r.status) {
      case ConvertStatus::Converted:
        ++c.converted;
        break;
      case ConvertStatus::Skipped:
        ++c.skipped;
        break;
      case ConvertStatus::Failed:
        ++c.failed;
        if (options_.fail_fast && !c.stopped_early) {
          c.stopped_early = true;
          stop_.store(true);
        }
        break;
      case ConvertStatus::Pending:
        break;
    }
    if (r.has_warnings()) ++c.with_warnings;
    if (options_.incremental && r.status != ConvertStatus::Failed && entry)
      current_.entries[output_key(plan_, plan_.inputs[i])] = std::move(*entry);
    run_.results[i] = std::move(r);
    c.seconds = seconds_since(start_);
    if (observer_) observer_(plan_.inputs[i], run_.results[i], c);
    if (options_.incremental && Clock::now() - last_save_ > kManifestSaveInterval) {
      save_manifest();
      last_save_ = Clock::now();
    }
  }

  void save_manifest() {
    try {
      write_file_atomically_at(tree_->root(), kManifestName, current_.to_json(), manifest_path_);
    } catch (const Error&) {
      // A manifest that cannot be saved costs only time on the next run, which converts again.
    }
  }

  const ConvertPlan& plan_;
  const ConvertOptions& options_;
  const Grammar& grammar_;
  const ConvertObserver& observer_;
  std::atomic<bool>& stop_;
  std::string manifest_path_;
  std::optional<OutputTree> tree_;
  batch::Manifest old_;
  batch::Manifest current_;
  ConvertRun run_;
  std::mutex mutex_;
  Clock::time_point start_;
  Clock::time_point last_save_;
};

}  // namespace

const char* status_name(ConvertStatus status) {
  switch (status) {
    case ConvertStatus::Converted:
      return "converted";
    case ConvertStatus::Failed:
      return "failed";
    case ConvertStatus::Skipped:
      return "skipped";
    case ConvertStatus::Pending:
      return "pending";
  }
  return "pending";
}

ConvertRun run_conversion(const ConvertPlan& plan, const ConvertOptions& options,
                          const ConvertObserver& observer, std::atomic<bool>* stop) {
  std::atomic<bool> own_stop{false};
  return Runner(plan, options, observer, stop ? *stop : own_stop).run();
}

void write_conversion_report(std::ostream& out, const ConvertPlan& plan, const ConvertRun& run) {
  using batch::quote_json;
  const ConvertCounts& c = run.counts;
  out << fmt::format(
      "{{\n  \"nos\": \"{}\",\n  \"out_dir\": {},\n  \"totals\": {{\"inputs\": {}, \"converted\": {}, "
      "\"with_warnings\": {}, \"failed\": {}, \"skipped\": {}, \"pending\": {}, \"interrupted\": {}, "
      "\"elapsed_s\": {:.3f}, \"files_per_s\": {:.1f}}},\n  \"inputs\": [",
      NOS_VERSION, quote_json(plan.out_dir), c.total, c.converted, c.with_warnings, c.failed, c.skipped,
      c.total - c.done, c.interrupted || c.stopped_early ? "true" : "false", c.seconds,
      c.seconds > 0 ? static_cast<double>(c.done) / c.seconds : 0.0);
  for (std::size_t i = 0; i < plan.inputs.size(); ++i) {
    const ConvertInput& in = plan.inputs[i];
    const ConvertResult& r = run.results[i];
    out << fmt::format("{}\n    {{\"path\": {}, \"status\": \"{}\", \"output\": {}", i ? "," : "",
                       quote_json(in.path), status_name(r.status), quote_json(in.output));
    if (r.status == ConvertStatus::Converted || r.status == ConvertStatus::Skipped)
      out << fmt::format(
          ", \"items\": {{\"P\": {}, \"K\": {}}}, \"diagnostics\": {{\"unplaced\": {}, \"unnumbered\": {}}}",
          r.performance_criteria, r.knowledge, r.unplaced, r.unnumbered);
    if (r.status == ConvertStatus::Failed) out << fmt::format(", \"error\": {}", quote_json(r.error));
    if (r.status != ConvertStatus::Pending) out << fmt::format(", \"ms\": {:.3f}", r.milliseconds);
    out << "}";
  }
  out << (plan.inputs.empty() ? "]\n}\n" : "\n  ]\n}\n");
}

}  // namespace nos
