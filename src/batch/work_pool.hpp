// A fixed pool of worker threads over an indexed list of tasks: the one place nos runs work in parallel
// (used by convert and check). Results are keyed by index, so output never depends on the number of jobs.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>

namespace nos {

/// Runs task(i) for every i in [0, count) on `jobs` threads (0 = one per core) and returns when all
/// started tasks have finished. Tasks are handed out in index order. Once `stop` is set, no new task
/// starts. A task must not throw; catch and record failures inside it.
void run_parallel(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& task,
                  const std::atomic<bool>* stop = nullptr);

/// The default number of jobs: the number of cores, at least 1.
unsigned default_jobs();

}  // namespace nos
