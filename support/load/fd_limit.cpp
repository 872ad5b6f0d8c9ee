#include "support/load/fd_limit.hpp"

#include <sys/resource.h>

#include <cerrno>
#include <cstring>

namespace shield::load {

std::uint64_t files_needed(std::uint64_t connections) noexcept { return connections + 64; }

std::string ensure_open_files(std::uint64_t needed) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
    return std::string("cannot read the open-file limit: ") + std::strerror(errno);
  if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= needed) return {};
  if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < needed) {
    return "the run needs " + std::to_string(needed) + " open files but the hard limit is " +
           std::to_string(limit.rlim_max) + ": raise it (ulimit -Hn, or LimitNOFILE) or lower --concurrency";
  }
  limit.rlim_cur = needed;
  if (setrlimit(RLIMIT_NOFILE, &limit) != 0) {
    return "cannot raise the open-file limit to " + std::to_string(needed) + ": " + std::strerror(errno);
  }
  return {};
}

}  // namespace shield::load
