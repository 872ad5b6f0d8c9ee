#include "support/report/compare/compare_table.hpp"

#include <algorithm>

namespace shield::report {

namespace {

column_align align_of(const text_table& t, std::size_t column) {
  return column < t.aligns.size() ? t.aligns[column] : column_align::left;
}

std::string cell_of(const std::vector<std::string>& row, std::size_t column) {
  return column < row.size() ? row[column] : std::string{};
}

std::string pad(const std::string& text, std::size_t width, column_align align) {
  if (text.size() >= width) return text;
  const std::string fill(width - text.size(), ' ');
  return align == column_align::right ? fill + text : text + fill;
}

void trim_right(std::string& line) {
  while (!line.empty() && line.back() == ' ') line.pop_back();
}

std::string escape_cell(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string render_console_table(const text_table& table) {
  const std::size_t columns = table.headers.size();
  std::vector<std::size_t> width(columns, 0);
  for (std::size_t i = 0; i < columns; ++i) {
    width[i] = table.headers[i].size();
    for (const auto& row : table.rows) width[i] = std::max(width[i], cell_of(row, i).size());
  }
  const auto line_of = [&](auto&& cell) {
    std::string line;
    for (std::size_t i = 0; i < columns; ++i) {
      if (i != 0) line += "  ";
      line += pad(cell(i), width[i], align_of(table, i));
    }
    trim_right(line);
    return line + "\n";
  };
  std::string out = line_of([&](std::size_t i) { return table.headers[i]; });
  out += line_of([&](std::size_t i) { return std::string(width[i], '-'); });
  for (const auto& row : table.rows) out += line_of([&](std::size_t i) { return cell_of(row, i); });
  return out;
}

std::string render_markdown_table(const text_table& table) {
  const std::size_t columns = table.headers.size();
  std::string out = "|";
  for (const auto& header : table.headers) out += " " + escape_cell(header) + " |";
  out += "\n|";
  for (std::size_t i = 0; i < columns; ++i) out += align_of(table, i) == column_align::right ? "---:|" : "---|";
  out += "\n";
  for (const auto& row : table.rows) {
    out += "|";
    for (std::size_t i = 0; i < columns; ++i) out += " " + escape_cell(cell_of(row, i)) + " |";
    out += "\n";
  }
  return out;
}

std::string markdown_code(const std::string& text) {
  // A fence longer than any backtick run inside; padded when the text touches a backtick.
  std::size_t longest = 0;
  std::size_t run = 0;
  for (const char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(longest + 1, '`');
  const bool padded = !text.empty() && (text.front() == '`' || text.back() == '`');
  return fence + (padded ? " " : "") + text + (padded ? " " : "") + fence;
}

}  // namespace shield::report
