// Command line of greentwin-factorygen: --out FILE.glb [--scale N] [--seed S].
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>

#include "factory_layout.h"

namespace gt::factorygen {

struct CliOptions {
  std::filesystem::path out;
  FactoryOptions factory;
};

struct CliHelp {};  // --help was asked for

// Parses argv. Returns the options, CliHelp, or an error message naming the bad argument.
std::variant<CliOptions, CliHelp, std::string> parseCommandLine(int argc, const char* const* argv);

// The usage text, including which --scale gives which size of model.
const char* usageText();

}  // namespace gt::factorygen
