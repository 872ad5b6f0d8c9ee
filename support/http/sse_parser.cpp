#include "support/http/sse_parser.hpp"

namespace shield::http {

namespace {
constexpr std::string_view bom = "\xEF\xBB\xBF";
}  // namespace

void sse_parser::reset() {
  line_.clear();
  clear_event();
  dispatched_ = false;
  skip_lf_ = false;
  bom_matched_ = 0;
}

void sse_parser::clear_event() {
  data_.clear();
  event_.clear();
  id_.clear();
  has_data_ = false;
}

bool sse_parser::next(std::string_view& input) {
  if (dispatched_) {
    clear_event();
    dispatched_ = false;
  }
  while (!input.empty()) {
    if (skip_lf_) {
      skip_lf_ = false;
      if (input.front() == '\n') {
        input.remove_prefix(1);
        continue;
      }
    }
    if (bom_matched_ < bom.size()) {
      // A stream may start with a UTF-8 byte-order mark, which is not part of the first line.
      if (input.front() == bom[bom_matched_]) {
        input.remove_prefix(1);
        ++bom_matched_;
        continue;
      }
      line_.append(bom.substr(0, bom_matched_));  // a partial match was line content
      bom_matched_ = bom.size();
    }
    std::size_t end = input.find_first_of("\r\n");
    if (end == std::string_view::npos) {
      line_.append(input);
      input = {};
      return false;
    }
    skip_lf_ = input[end] == '\r';
    bool dispatch = false;
    if (line_.empty()) {
      dispatch = on_line(input.substr(0, end));  // whole line in this input: no copy
    } else {
      line_.append(input.substr(0, end));
      dispatch = on_line(line_);
      line_.clear();
    }
    input.remove_prefix(end + 1);
    if (dispatch) {
      dispatched_ = true;
      return true;
    }
  }
  return false;
}

bool sse_parser::on_line(std::string_view line) {
  if (line.empty()) {
    if (!has_data_) {
      clear_event();  // an event without data is not dispatched
      return false;
    }
    if (!data_.empty() && data_.back() == '\n') data_.pop_back();
    return true;
  }
  if (line.front() == ':') return false;  // comment
  std::string_view name = line;
  std::string_view value;
  if (std::size_t colon = line.find(':'); colon != std::string_view::npos) {
    name = line.substr(0, colon);
    value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (name == "data") {
    data_.append(value);
    data_.push_back('\n');
    has_data_ = true;
  } else if (name == "event") {
    event_.assign(value);
  } else if (name == "id") {
    if (value.find('\0') == std::string_view::npos) id_.assign(value);
  }
  // "retry" and unknown fields are ignored: the client does not reconnect streams.
  return false;
}

}  // namespace shield::http
