#include "support/base/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "support/base/detail/os_failure.hpp"
#include "support/base/secrets.hpp"

namespace shield::base {

using detail::os_failure;

namespace {

// Writes all of content to fd, retrying short writes and EINTR; errno of the failure, else 0.
int write_all(int fd, std::string_view content) {
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0) return EIO;
    done += static_cast<std::size_t>(n);
  }
  return 0;
}

}  // namespace

result<void> write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  // Every file the suite writes goes through here: no registered secret reaches the disk.
  const std::string scrubbed = have_secrets() ? scrub(content) : std::string();
  if (have_secrets()) content = scrubbed;
  std::filesystem::path temp = path;
  temp += ".tmp." + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return os_failure("cannot create", temp, errno);
  // Every path below closes fd exactly once and removes temp unless it was renamed.
  if (const int err = write_all(fd, content); err != 0) {
    ::close(fd);
    ::unlink(temp.c_str());
    return os_failure("cannot write", temp, err);
  }
  // Data on disk before the rename, so a crash leaves the old file or the whole new one.
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    return os_failure("cannot flush", temp, err);
  }
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return os_failure("cannot close", temp, err);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return os_failure("cannot rename " + temp.string() + " to", path, err);
  }
  return {};
}

}  // namespace shield::base
