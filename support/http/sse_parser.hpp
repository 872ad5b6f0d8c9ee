#pragma once
// Incremental Server-Sent Events parser (WHATWG event-stream format), independent of I/O.

#include <cstddef>
#include <string>
#include <string_view>

namespace shield::http {

// One dispatched event; the views stay valid until the parser's next call.
struct sse_message {
  std::string_view event;  // "event:" field, empty for the default "message" type
  std::string_view data;   // "data:" lines joined with '\n'
  std::string_view id;     // "id:" field of this event, empty when absent
};

// Feed bytes as they arrive, split anywhere; handles \n, \r\n and \r line ends, multi-line
// data, comments, fields without a value, and a leading byte-order mark.
class sse_parser {
 public:
  // Consumes bytes from `input` (advancing it) until one event completes, then returns true and
  // message() describes it; returns false once `input` is used up without a complete event.
  bool next(std::string_view& input);

  // The event completed by the last next() that returned true.
  sse_message message() const { return {event_, data_, id_}; }

  // Forgets any partial line or event (new stream).
  void reset();

 private:
  // Applies one complete line; true when it was the blank line that dispatches an event.
  bool on_line(std::string_view line);
  // Clears the fields of the event being built.
  void clear_event();

  std::string line_;             // partial line carried across inputs
  std::string data_;             // data of the event being built (or just dispatched)
  std::string event_;            // event type of the event being built
  std::string id_;               // id of the event being built
  bool has_data_ = false;        // a data field was seen since the last dispatch
  bool dispatched_ = false;      // the fields hold a dispatched event, clear before the next line
  bool skip_lf_ = false;         // last line ended in '\r': a following '\n' belongs to it
  std::size_t bom_matched_ = 0;  // leading byte-order-mark bytes seen; 3 once past the start
};

}  // namespace shield::http
