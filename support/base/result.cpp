#include "support/base/result.hpp"

#include <boost/system/system_error.hpp>
#include <boost/throw_exception.hpp>

#include <ostream>
#include <stdexcept>

namespace shield::base {

std::ostream& operator<<(std::ostream& out, const failure& f) { return out << f.message; }

void throw_exception_from_error(const failure& f, const boost::source_location& loc) {
  if (f.code) boost::throw_exception(boost::system::system_error(f.code, f.message), loc);
  boost::throw_exception(std::runtime_error(f.message), loc);
}

}  // namespace shield::base
