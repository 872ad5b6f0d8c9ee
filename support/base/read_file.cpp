#include "support/base/read_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "support/base/detail/os_failure.hpp"

namespace shield::base {

result<std::string> read_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return detail::os_failure("cannot read", path, errno);
  std::string content;
  int err = 0;
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    err = errno;
  } else if (S_ISDIR(st.st_mode)) {
    err = EISDIR;  // open() succeeds on a directory; read() would fail with a less clear message
  } else {
    char buffer[64 * 1024];
    for (;;) {
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) err = errno;
      if (n <= 0) break;
      content.append(buffer, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  if (err != 0) return detail::os_failure("cannot read", path, err);
  return content;
}

}  // namespace shield::base
