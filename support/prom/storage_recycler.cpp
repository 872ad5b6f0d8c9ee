#include "support/prom/storage_recycler.hpp"

#include <algorithm>
#include <string>
#include <utility>

// Under AddressSanitizer buffers are not kept: a view used after its exposition was freed must
// still be reported, not read recycled memory.
#if defined(__SANITIZE_ADDRESS__)
#define SHIELD_PROM_KEEP_BUFFERS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SHIELD_PROM_KEEP_BUFFERS 0
#endif
#endif
#ifndef SHIELD_PROM_KEEP_BUFFERS
#define SHIELD_PROM_KEEP_BUFFERS 1
#endif

namespace shield::prom::detail {
namespace {

constexpr bool keep_buffers = SHIELD_PROM_KEEP_BUFFERS != 0;

constexpr std::size_t max_kept_text = std::size_t{16} << 20;  // larger text buffers are freed
constexpr std::size_t max_kept_blocks = 64;                   // 16 MB of labels at most

// Buffers kept on one thread.
struct spare_buffers {
  std::string text;                        // empty, with the largest capacity seen (up to the limit)
  std::vector<std::vector<label>> blocks;  // empty standard-size label blocks

  ~spare_buffers();
};

// Set when this thread's spares are destroyed (thread exit): storage freed later is simply deleted.
thread_local bool spares_gone = false;

spare_buffers::~spare_buffers() { spares_gone = true; }

spare_buffers& spares() {
  thread_local spare_buffers kept;
  return kept;
}

// Deleter of recycling storage. Keeping buffers is optional, so a failure to keep them (no memory
// for the spare list) just frees them.
void recycle(exposition_storage* storage) noexcept {
  if (keep_buffers && !spares_gone) {
    try {
      spare_buffers& kept = spares();
      if (storage->text.capacity() > kept.text.capacity() && storage->text.capacity() <= max_kept_text) {
        storage->text.clear();
        kept.text.swap(storage->text);
      }
      for (std::vector<label>& block : storage->label_blocks) {
        if (kept.blocks.size() >= max_kept_blocks) {
          break;
        }
        if (block.capacity() == label_block_size) {
          block.clear();
          kept.blocks.push_back(std::move(block));
        }
      }
    } catch (...) {
      // Whatever was not kept is freed with the storage.
    }
  }
  delete storage;
}

}  // namespace

std::shared_ptr<exposition_storage> make_recycling_storage(bool reuse_text) {
  std::shared_ptr<exposition_storage> storage(new exposition_storage, recycle);
  if (keep_buffers && reuse_text && !spares_gone) {
    storage->text.swap(spares().text);
  }
  return storage;
}

std::vector<label> take_label_block(std::size_t n) {
  if (keep_buffers && n <= label_block_size && !spares_gone) {
    spare_buffers& kept = spares();
    if (!kept.blocks.empty()) {
      std::vector<label> block = std::move(kept.blocks.back());
      kept.blocks.pop_back();
      return block;
    }
  }
  std::vector<label> block;
  block.reserve(std::max(label_block_size, n));
  return block;
}

}  // namespace shield::prom::detail
