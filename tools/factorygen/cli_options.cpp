// Argument parsing for greentwin-factorygen. Hand-written: the tool depends on nothing but
// the standard library and glm, so it builds before anything else in the tree.
#include "cli_options.h"

#include <charconv>
#include <string_view>

namespace gt::factorygen {
namespace {

template <typename T>
bool parseNumber(std::string_view text, T& value) {
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  return result.ec == std::errc{} && result.ptr == text.data() + text.size();
}

}  // namespace

const char* usageText() {
  return "usage: greentwin-factorygen --out FILE.glb [--scale N] [--seed S]\n"
         "  --out FILE   GLB file to write (folders are created)\n"
         "  --scale N    production halls, 1..1000 (default 1: the demo site, ~0.23 M triangles).\n"
         "               Each extra hall adds ~0.108 M drawn triangles: 8 gives ~0.98 M,\n"
         "               92 gives ~10.0 M. Halls are instanced, so the file stays ~4-5 MB.\n"
         "  --seed S     seed for trees, cars, rack contents and parts (default 2024)\n";
}

std::variant<CliOptions, CliHelp, std::string> parseCommandLine(int argc, const char* const* argv) {
  CliOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") return CliHelp{};
    if (arg != "--out" && arg != "--scale" && arg != "--seed") {
      return "unknown option " + std::string(arg);
    }
    if (i + 1 >= argc) return "missing value after " + std::string(arg);
    const std::string_view value = argv[++i];
    if (arg == "--out") {
      options.out = std::filesystem::path(value);
    } else if (arg == "--scale") {
      if (!parseNumber(value, options.factory.scale) || options.factory.scale < 1 ||
          options.factory.scale > 1000) {
        return "--scale wants a whole number from 1 to 1000, got '" + std::string(value) + "'";
      }
    } else {
      if (!parseNumber(value, options.factory.seed)) {
        return "--seed wants a non-negative whole number, got '" + std::string(value) + "'";
      }
    }
  }
  if (options.out.empty()) return std::string("--out FILE.glb is required");
  return options;
}

}  // namespace gt::factorygen
