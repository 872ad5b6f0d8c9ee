#pragma once

// Reuse of the large buffers of exposition storage (internal). Parsing a big exposition copies the
// text and fills label blocks of several MB; touching that much fresh memory costs page faults
// that outweigh the parse itself. When an exposition's storage is freed, its text buffer and
// standard-size label blocks (emptied, capacity kept) are kept for the next parse on the same
// thread, within per-thread limits. Nothing of the old content is visible through the API.

#include <cstddef>
#include <memory>
#include <vector>

#include "support/prom/exposition.hpp"

namespace shield::prom::detail {

// Labels per standard label block.
inline constexpr std::size_t label_block_size = 8192;

// New empty storage that gives its buffers back to this thread's spares when freed; with
// reuse_text, its text buffer is a spare one (capacity only) when one is kept.
[[nodiscard]] std::shared_ptr<exposition_storage> make_recycling_storage(bool reuse_text);

// An empty label block with room for at least n labels: a spare one when n fits a standard block.
[[nodiscard]] std::vector<label> take_label_block(std::size_t n);

}  // namespace shield::prom::detail
