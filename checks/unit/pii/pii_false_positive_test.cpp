// Ordinary numbers, dates, prices and versions are not PII.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "fixtures/reference_backend/pii/pii_detector.hpp"
#include "checks/unit/pii/pii_test_values.hpp"

namespace shield::backend {
namespace {

using namespace shield::backend::testing;

const pii_detector& false_positive_detector() {
  static const pii_detector instance;
  return instance;
}

std::string describe(std::string_view text, const std::vector<pii_match>& found) {
  std::string out = "in \"" + std::string(text) + "\" found:";
  for (const pii_match& m : found)
    out +=
        " " + std::string(placeholder_type(m.kind)) + "=\"" + std::string(text.substr(m.begin, m.end - m.begin)) + "\"";
  return out;
}

#define EXPECT_NO_PII(text)                                               \
  do {                                                                    \
    const std::string t_ = (text);                                        \
    const std::vector<pii_match> f_ = false_positive_detector().find(t_); \
    EXPECT_TRUE(f_.empty()) << describe(t_, f_);                          \
  } while (false)

TEST(PiiFalsePositives, EverydayTextWithNumbers) {
  for (const char* text : {
           "El pedido 123456 llegó el 15/01/2024 a las 12:30:45.",
           "Fecha ISO 2024-01-15T10:30:00Z y también 2023-12-31.",
           "Cuesta 1.299,99 € o $1,299.99 (o 12.500.000 EUR).",
           "Versión 1.2.3.4.5, v2.10.1 y build 10.0.19045.3693.",
           "1.2.3.4.5",
           "Una versión 1.2.3.4.5.6 del software.",
           "Pi vale 3.14159 y e 2.71828; el 99.9% de los casos.",
           "Población: 47.615.034 habitantes; 1,234,567.89 dólares.",
           "Código postal 28013, año 1999, 42 manzanas, 7 días.",
           "ISBN 978-3-16-148410-0 y referencia 2024/000123.",
           "Coordenadas 40.416775, -3.703790.",
           "La cuenta: 123 + 456 = 579; 10 - 3 = 7.",
           "El número 123456789 no empieza por 6, 7, 8 o 9.",
           "Hash 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.",
           "UUID 550e8400-e29b-41d4-a716-446655440000.",
           "Sin arroba: ana.garcia.example.com; sin dominio: user@localhost.",
           "Precio 699,99 € y 612.345.678,00 € de presupuesto.",
           "Son las 18:45 del 31-12-2024; quedan 9 8 7 6 5 4 3 2 1 segundos.",
           "IP inválida 256.1.1.1, incompleta 192.168.1 y con ceros 010.001.001.001.",
           "El DNI 12345678 sin letra y el teléfono corto 612 345 67.",
           "Hace +5 grados y -3 de sensación.",
           "Calle Mayor 6, 28013 Madrid, piso 7, puerta 8, escalera 9.",
       })
    EXPECT_NO_PII(text);
}

TEST(PiiFalsePositives, RandomOrdinaryNumbers) {
  std::mt19937_64 rng(77);
  std::uniform_int_distribution<int> len(1, 12);
  for (int i = 0; i < 300; ++i) {
    // Integers too short for a card and not a Spanish phone (9 digits starting 6-9 excluded).
    std::string n = random_digits(rng, static_cast<std::size_t>(len(rng)), "12345");
    EXPECT_NO_PII("Tengo " + n + " unidades.");
    // Long numbers failing Luhn are not cards.
    std::string longer = random_digits(rng, 13 + static_cast<std::size_t>(i % 7), "123456789");
    if (test_luhn_ok(longer)) longer.back() = char('0' + (longer.back() - '0' + 1) % 10);
    ASSERT_FALSE(test_luhn_ok(longer));
    EXPECT_NO_PII("Referencia " + longer + ".");
  }
}

TEST(PiiFalsePositives, RandomDatesPricesDecimalsAndVersions) {
  std::mt19937_64 rng(78);
  auto num = [&](int lo, int hi) { return std::to_string(std::uniform_int_distribution<int>(lo, hi)(rng)); };
  for (int i = 0; i < 300; ++i) {
    EXPECT_NO_PII("el " + num(1, 28) + "/" + num(1, 12) + "/" + num(1900, 2100));
    EXPECT_NO_PII("el " + num(1900, 2100) + "-" + num(10, 12) + "-" + num(10, 28) + " a las " + num(10, 23) + ":" +
                  num(10, 59));
    EXPECT_NO_PII("cuesta " + num(1, 999) + "." + num(100, 999) + "," + num(10, 99) + " €");
    EXPECT_NO_PII("cuesta $" + num(1, 999) + "," + num(100, 999) + "." + num(10, 99));
    // A phone-shaped integer part is still a decimal number.
    EXPECT_NO_PII("valor " + random_digits(rng, 9, "6789") + "." + num(1, 99));
    EXPECT_NO_PII("versión " + num(0, 255) + "." + num(0, 255) + "." + num(0, 255) + "." + num(0, 255) + "." +
                  num(0, 255));
    EXPECT_NO_PII("v" + num(0, 255) + "." + num(0, 255) + "." + num(0, 255) + "." + num(0, 255));
  }
}

}  // namespace
}  // namespace shield::backend
