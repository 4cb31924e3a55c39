#include "batch/work_pool.hpp"

#include <algorithm>
#include <thread>
#include <vector>

namespace nos {

unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

void run_parallel(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& task,
                  const std::atomic<bool>* stop) {
  if (jobs == 0) jobs = default_jobs();
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i; (stop == nullptr || !stop->load()) && (i = next.fetch_add(1)) < count;) task(i);
  };
  std::size_t threads = std::min<std::size_t>(jobs, count);
  if (threads <= 1) return worker();
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
}

}  // namespace nos
