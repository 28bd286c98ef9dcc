// greentwin-report as a user runs it: the built binary on a small database made here, entering
// output, writing the energy report with its intensity lines, and refusing a bad period or an
// undeclared product with exit 2 and one line on stderr.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "report_test_support.h"

using namespace gt;
using namespace gt::report::testing;

namespace {

std::string readAll(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

struct Cli {
  TempFolder folder{"greentwin-report-cli"};
  std::filesystem::path binary =
      std::filesystem::path(GREENTWIN_BINARY_DIR) / "bin/greentwin-report";

  Cli() {
    std::filesystem::copy_file(
        std::filesystem::path(GREENTWIN_SOURCE_DIR) / "assets/demo/site.toml",
        folder.path() / "site.toml");
    std::ofstream(folder.path() / "accounting.toml")
        << bindingsHeader("factor_year = 2023") << kGridImportPoint
        << "[[product]]\nid = \"profile\"\nname_zh = \"铝型材\"\nname_en = \"aluminium profile\"\n"
           "unit = \"t\"\n"
           "[[benchmark]]\nindicator = \"energy_per_product:profile\"\nunit = \"kgce/t\"\n"
           "limit = 1000\nadvanced = 800\nsource = \"example limit standard\"\n";
    // October 2026 (UTC+8): 10 000 000 kWh between 1 October 00:00 and 31 October 00:00.
    const TimeMs oct1 = 1790784000000;
    writeReadingDb(folder.path() / "greentwin.db", {{"M-01.ep_imp", "kWh"}},
                   {{"M-01.ep_imp", oct1, 0.0}, {"M-01.ep_imp", oct1 + 30 * 86'400'000LL, 1e7}});
  }
  // Runs greentwin-report with `args` in the folder; returns the exit code.
  int run(const std::string& args) const {
    const std::string command = "cd " + folder.path().string() + " && " + binary.string() + " " +
                                args + " > stdout.txt 2> stderr.txt";
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::string err() const { return readAll(folder.path() / "stderr.txt"); }
};

}  // namespace

TEST_CASE("greentwin-report enters output and reports its intensity", "[report]") {
  const Cli cli;
  REQUIRE(cli.run("enter-output --site site.toml --db greentwin.db --period 2026-10 "
                  "--product profile --quantity 1200 --output-value 850 --value-added 210 "
                  "--by 'Li Wei' --why 'first entry' --source 'October statement'") == 0);
  CHECK(readAll(cli.folder.path() / "stdout.txt") ==
        "stored 1 production output entry in greentwin.db\n");

  REQUIRE(cli.run("--site site.toml --db greentwin.db --period 2026-10 --format csv,xlsx "
                  "--out out --lang en") == 0);
  const std::filesystem::path csv = cli.folder.path() / "out/demo-cnc-energy-2026-10.csv";
  CHECK(std::filesystem::exists(cli.folder.path() / "out/demo-cnc-energy-2026-10.xlsx"));
  const std::string text = readAll(csv);
  // 10 000 000 kWh x 0.1229 kgce/kWh = 1 229 tce (GB/T 2589-2020 Annex A); / 1 200 t =
  // 1.024166.. tce/t (seed 000 §9.7.1.4); / 850 x 10^4 yuan = 1.44588.. (§9.7.1.3.3 note 5).
  CHECK(text.find("Energy per unit of aluminium profile,1.02417,tce/t,") != std::string::npos);
  CHECK(text.find("Energy per 10^4 yuan of output value,1.44588,tce/10^4 yuan,") !=
        std::string::npos);
  CHECK(text.find("Comprehensive energy (tce),1229,-,undefined: no data in the base period,") !=
        std::string::npos);
  CHECK(text.find(",worse than the limit value,") != std::string::npos);
}

TEST_CASE("greentwin-report refuses a bad period or product with exit 2 and one line", "[report]") {
  const Cli cli;
  CHECK(cli.run("--site site.toml --db greentwin.db --period 2026-1 --out out") == 2);
  CHECK(cli.err() ==
        "greentwin-report: --period '2026-1': expected YYYY, YYYY-Qn, YYYY-MM, YYYY-Www, "
        "YYYY-MM-DD or YYYY-MM-DDTHH\n");
  CHECK_FALSE(std::filesystem::exists(cli.folder.path() / "out"));

  CHECK(cli.run("enter-output --site site.toml --db greentwin.db --period 2026-10 --product "
                "profil --quantity 1 --by a --why b --source c") == 2);
  CHECK(cli.err() ==
        "greentwin-report: product 'profil' is not declared in accounting.toml ([[product]]; "
        "declared: profile)\n");
}

TEST_CASE("greentwin-report writes a quarterly report with its intensity", "[report]") {
  const Cli cli;
  REQUIRE(cli.run("enter-output --site site.toml --db greentwin.db --period 2026-Q4 "
                  "--product profile --quantity 1200 --by 'Li Wei' --why 'quarter' "
                  "--source 'Q4 statement'") == 0);
  REQUIRE(cli.run("--site site.toml --db greentwin.db --period 2026-Q4 --format csv "
                  "--out out --lang en") == 0);
  const std::string text = readAll(cli.folder.path() / "out/demo-cnc-energy-2026-Q4.csv");
  CHECK(text.find("Quarterly energy report") != std::string::npos);
  // Q4 2026 (1 October - 1 January, UTC+8) holds the whole 10 000 000 kWh: x 0.1229 kgce/kWh =
  // 1 229 tce (GB/T 2589-2020 Annex A); / 1 200 t = 1.02417 tce/t (seed 000 §9.7.1.4). Q3, the
  // previous quarter, has no reading: its comparison is undefined.
  CHECK(text.find("Energy per unit of aluminium profile,1.02417,tce/t,") != std::string::npos);
  CHECK(text.find("Comprehensive energy (tce),1229,-,undefined: no data in the base period,") !=
        std::string::npos);
}
