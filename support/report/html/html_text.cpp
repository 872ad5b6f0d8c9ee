#include "support/report/html/html_text.hpp"

#include <cmath>
#include <cstdio>

namespace shield::report {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

std::string format_number(double value, int decimals) {
  if (!std::isfinite(value)) return "\u2013";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

const char* report_css() {
  return "body{font-family:sans-serif;margin:24px;color:#222;background:#fff;max-width:1400px}"
         "h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;border-bottom:1px solid #ccc;padding-bottom:4px;"
         "margin-top:28px}h3{font-size:15px;margin:16px 0 4px}"
         "table{border-collapse:collapse;font-size:13px;margin:8px 0}th,td{border:1px solid #ccc;padding:3px 7px;"
         "text-align:left;vertical-align:top}thead th{background:#eef2f6}td.num{text-align:right;"
         "font-variant-numeric:tabular-nums}table.kv th{background:#f5f5f5;width:190px}"
         ".good{color:#17692e}.bad{color:#b00020;font-weight:bold}.warn{color:#9a6200}"
         ".verdict{display:inline-block;padding:4px 10px;border-radius:4px;font-weight:bold;color:#fff}"
         ".verdict.good{background:#17692e;color:#fff}.verdict.bad{background:#b00020;color:#fff}"
         ".charts{display:flex;flex-wrap:wrap;gap:12px}svg.chart{border:1px solid #ddd}"
         "ul.msgs{margin:0;padding-left:18px;font-family:monospace;font-size:12px;word-break:break-all}"
         "p.fit{font-size:13px}p.note{color:#555;font-size:13px}";
}

}  // namespace shield::report
