#pragma once

// Line-by-line exposition parser state (internal; see exposition_parser.hpp for the rules).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "support/prom/exposition.hpp"
#include "support/prom/exposition_parser.hpp"
#include "support/prom/family_checks.hpp"
#include "support/prom/scratch.hpp"
#include "support/prom/series_index.hpp"

namespace shield::prom::detail {

// Which metadata line is being applied.
enum class metadata_kind { help, type, unit };

class line_parser {
 public:
  line_parser(exposition& out, exposition_storage& storage, const parse_options& options);

  // Parses storage.text into out.
  void run();

 private:
  static constexpr std::size_t none = static_cast<std::size_t>(-1);

  // One label of the previous label set: where it ended and the label hash sum up to it.
  struct label_memo {
    std::size_t end = 0;     // offset just past its closing quote, from the byte after '{'
    std::uint64_t hash = 0;  // sum of hash_label() over it and the labels before it
  };
  // How the previous sample's name resolved; reused while the open family repeats the name.
  struct name_memo {
    std::string_view name;         // sample name (the view later samples of that name share)
    std::size_t family = none;     // index of the family it joined
    bool suffix_allowed = false;   // suffix_allowed() for that family's type
    std::uint64_t series_key = 0;  // series_key(suffix, 0)
  };

  void handle_line(std::string_view line);
  // Comment and metadata lines (exposition_metadata.cpp).
  void handle_comment_text(std::string_view line, std::size_t hash_pos);
  void handle_comment_openmetrics(std::string_view line);
  void apply_metadata(metadata_kind kind, std::string_view name, std::string_view payload);
  void check_name_clash(const metric_family& family);
  // Sample lines (exposition_samples.cpp).
  void handle_sample(std::string_view line);
  bool parse_labels(std::string_view line, std::size_t& pos);
  std::size_t reuse_labels(std::string_view line, std::size_t section);
  std::span<const label> commit_labels();
  bool parse_label_value(std::string_view line, std::size_t& pos, std::string_view& value);
  bool skip_separator(std::string_view line, std::size_t& pos, bool required);
  void add_sample(sample s);
  // The exemplar of a bucket sample lies within the bucket's range.
  void check_exemplar_in_bucket(const sample& s);
  // Family bookkeeping.
  metric_family* family_for_sample(std::string_view name);
  void start_family(std::string_view name);
  void reserve_samples(metric_family& family);
  void close_family();
  // Stores an unescaped copy and returns a view of it.
  std::string_view keep(std::string&& text);
  void error(std::string_view rule, std::string message) { errors_.add(line_no_, rule, std::move(message)); }

  exposition& out_;                   // result being filled
  exposition_storage& storage_;       // owns the text, unescaped strings and label pool
  const bool om_;                     // OpenMetrics rules instead of 0.0.4
  error_collector errors_;            // capped error list writing into out_.errors
  std::size_t line_no_ = 0;           // 1-based number of the line being parsed
  std::size_t line_start_ = 0;        // offset of that line in the text
  std::size_t current_ = none;        // index of the open family in out_.families
  bool current_has_samples_ = false;  // open family already has samples (metadata now too late)
  bool help_seen_ = false;            // open family had a HELP line (even an empty one)
  bool type_seen_ = false;            // open family had a TYPE line
  bool unit_seen_ = false;            // open family had a UNIT line
  bool eof_seen_ = false;             // OpenMetrics "# EOF" reached
  bool sample_has_exemplar_ = false;  // the sample being added carried an exemplar
  double exemplar_value_ = 0.0;       // and this value (a bucket's must lie within its le)
  std::unordered_map<std::string_view, std::size_t> families_by_name_;  // every family seen so far
  scratch<series_index> series_;                                        // open family's series hash -> sample index
  le_cache thresholds_;                                                 // parsed le values of every histogram family
  std::string scratch_;                                                 // reused buffer for unescaping
  std::vector<label> pending_labels_;   // labels of the sample being parsed, copied to storage on success
  std::uint64_t pending_hash_ = 0;      // hash_labels(pending_labels_), summed while parsing
  std::vector<label_memo> memo_;        // one per entry of pending_labels_
  const char* memo_section_ = nullptr;  // first byte after '{' of the label set pending_labels_ came from
  name_memo last_sample_;               // the previous sample's name
  std::span<const label> last_labels_;  // labels committed last, reused when the next set is identical
  std::uint64_t last_labels_hash_ = 0;  // hash of last_labels_
};

}  // namespace shield::prom::detail
