#include "checks/metrics/prometheus_variables.hpp"

namespace shield::metrics {

base::result<std::vector<std::string>> prometheus_variable_source::label_values(std::string_view match,
                                                                                std::string_view label) {
  return client_.label_values(label, match);
}

base::result<std::vector<std::string>> prometheus_variable_source::label_names(std::string_view match) {
  return client_.label_names(match);
}

base::result<std::vector<std::string>> prometheus_variable_source::query_result(std::string_view expr) {
  const prom::query_response answer = client_.query(expr);
  if (!answer.ok()) return base::fail(answer.describe());
  std::vector<std::string> rows;
  for (const prom::api_series& s : answer.series) {
    // Grafana's text: name{a="b", c="d"} value timestamp_ms
    std::string row;
    std::string labels;
    for (const auto& [name, value] : s.labels) {
      if (name == "__name__") {
        row = value;
      } else {
        labels += (labels.empty() ? "" : ", ") + name + "=\"" + value + "\"";
      }
    }
    row += "{" + labels + "}";
    if (!s.samples.empty()) {
      row +=
          " " + s.samples.back().text + " " + std::to_string(static_cast<long long>(s.samples.back().timestamp * 1000));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace shield::metrics
