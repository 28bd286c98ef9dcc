// The production_output table of the reading database (schema version 5, docs/storage.md):
// product output and output value entered per period for the intensities of issue 6. Shared by
// greentwin-ingest's createSchema and greentwin-report's enter-output, which creates it itself in
// a database an older greentwin-ingest made: the statement is idempotent on purpose.
#pragma once

namespace gt {

// Rows are only ever added: a correction is a new row for the same (product, start_t, end_t),
// and the newest one counts; the older ones stay as the audit trail (who, when, why, source).
inline constexpr const char* kProductionOutputTableSql = R"sql(
CREATE TABLE IF NOT EXISTS production_output(
  id           INTEGER PRIMARY KEY,
  period       TEXT NOT NULL,
  start_t      INTEGER NOT NULL,
  end_t        INTEGER NOT NULL,
  product      TEXT NOT NULL,
  quantity     REAL,
  unit         TEXT NOT NULL,
  output_value REAL,
  value_added  REAL,
  entered_by   TEXT NOT NULL,
  entered_t    INTEGER NOT NULL,
  reason       TEXT NOT NULL,
  source       TEXT NOT NULL,
  via          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS production_output_span ON production_output(start_t, end_t);
)sql";

}  // namespace gt
