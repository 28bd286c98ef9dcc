// `greentwin-report enter-output`: stores product output and output value for a period, typed on
// the command line or imported from a CSV file, with who, why and the source document
// (docs/reports.md, "Production output").
#pragma once

namespace gt::report {

// argv[1] is "enter-output". Returns the exit code: 0 stored, 2 anything to fix (the caller
// prints the exceptions: ConfigError, ReportError).
int runEnterOutput(int argc, char** argv);

}  // namespace gt::report
