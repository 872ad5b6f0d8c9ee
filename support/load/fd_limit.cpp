#include "support/load/fd_limit.hpp"

#include <sys/resource.h>

#include <cerrno>
#include <cstring>

namespace shield::load {

std::uint64_t files_needed(std::uint64_t connections) noexcept { return connections + 64; }

base::result<void> ensure_open_files(std::uint64_t needed) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
    return base::fail(std::string("cannot read the open-file limit: ") + std::strerror(errno));
  if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= needed) return {};
  if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < needed) {
    const auto hard = std::to_string(limit.rlim_max);
    return base::fail("the run needs " + std::to_string(needed) + " open files (one per connection, plus " +
                      std::to_string(files_needed(0)) + ") but the hard limit is " + hard +
                      " per process: split the connections over shard processes (--shard=I/N --run_id=ID, each " +
                      "holding its share, joined by shield_merge), or raise the hard limit (ulimit -Hn as root, " +
                      "or LimitNOFILE=), or lower --concurrency");
  }
  limit.rlim_cur = needed;
  if (setrlimit(RLIMIT_NOFILE, &limit) != 0) {
    return base::fail("cannot raise the open-file limit to " + std::to_string(needed) + ": " + std::strerror(errno));
  }
  return {};
}

}  // namespace shield::load
