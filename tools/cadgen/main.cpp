// greentwin-cadgen OUT.step|OUT.igs [--scale S]: writes the test CAD assembly (cad_fixtures.h)
// in the format the extension names, for trying the viewer's STEP/IGES import by hand.
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>
#include <string_view>

#include "cad_fixtures.h"

int main(int argc, char** argv) {
  std::filesystem::path out;
  double scale = 1.0;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--scale" && i + 1 < argc) {
      scale = std::strtod(argv[++i], nullptr);
    } else if (!arg.starts_with("--") && out.empty()) {
      out = arg;
    } else {
      out.clear();
      break;
    }
  }
  std::string ext = out.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool step = ext == ".step" || ext == ".stp";
  const bool iges = ext == ".iges" || ext == ".igs";
  if (out.empty() || (!step && !iges) || !(scale > 0.0)) {
    std::fputs("usage: greentwin-cadgen OUT.step|OUT.stp|OUT.iges|OUT.igs [--scale S]\n", stderr);
    return 2;
  }
  try {
    gt::tools::writeCadAssembly(
        out, step ? gt::tools::CadFileKind::Step : gt::tools::CadFileKind::Iges, scale);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
