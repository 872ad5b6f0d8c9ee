#pragma once
// The local addresses a run's connections are bound to (--source_addresses): each source address
// brings its own ephemeral port range per destination, so one process can hold more connections
// to one server than the ~28k ports of a single address allow.

#include "support/base/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace shield::load {

// Parses a comma-separated list of IP addresses and IPv4 ranges ("127.0.0.2-127.0.0.9", both
// ends included, at most 65,536 addresses) into the addresses in order. Fails naming the item
// that is not an address, a reversed or mixed-family range, or an empty list.
base::result<std::vector<std::string>> parse_source_addresses(std::string_view text);

}  // namespace shield::load
