-- 001: initial schema. Decimals as TEXT, vectors as BLOB (little-endian Float64Array),
-- timestamps as ISO-8601 UTC text (design.md).

CREATE TABLE datasets (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  synthetic   INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
  created_at  TEXT NOT NULL
);

-- One asset's daily OHLCV history inside a dataset, with its provenance and import report.
CREATE TABLE series (
  dataset_id    TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  asset         TEXT NOT NULL,
  format        TEXT NOT NULL,
  source_file   TEXT NOT NULL,
  content_hash  TEXT NOT NULL,
  first_date    TEXT NOT NULL,
  last_date     TEXT NOT NULL,
  row_count     INTEGER NOT NULL,
  imported_at   TEXT NOT NULL,
  report_json   TEXT NOT NULL,
  PRIMARY KEY (dataset_id, asset)
);

CREATE TABLE bars (
  dataset_id  TEXT NOT NULL,
  asset       TEXT NOT NULL,
  date        TEXT NOT NULL,
  open        TEXT NOT NULL,
  high        TEXT NOT NULL,
  low         TEXT NOT NULL,
  close       TEXT NOT NULL,
  volume      TEXT NOT NULL,
  PRIMARY KEY (dataset_id, asset, date),
  FOREIGN KEY (dataset_id, asset) REFERENCES series(dataset_id, asset) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE books (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  synthetic     INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
  content_hash  TEXT NOT NULL,
  source        TEXT NOT NULL,
  created_at    TEXT NOT NULL
);

CREATE TABLE instruments (
  book_id        TEXT NOT NULL REFERENCES books(id) ON DELETE CASCADE,
  id             TEXT NOT NULL,
  seq            INTEGER NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('perpetual', 'future', 'option')),
  underlying     TEXT NOT NULL,
  settlement     TEXT NOT NULL CHECK (settlement IN ('linear', 'inverse')),
  contract_size_usd TEXT,
  expiry         TEXT,
  strike         TEXT,
  option_type    TEXT CHECK (option_type IS NULL OR option_type IN ('call', 'put')),
  PRIMARY KEY (book_id, id)
) WITHOUT ROWID;

CREATE TABLE accounts (
  book_id      TEXT NOT NULL REFERENCES books(id) ON DELETE CASCADE,
  id           TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  margin_mode  TEXT NOT NULL CHECK (margin_mode IN ('cross', 'isolated')),
  PRIMARY KEY (book_id, id)
) WITHOUT ROWID;

CREATE TABLE positions (
  book_id          TEXT NOT NULL,
  account_id       TEXT NOT NULL,
  seq              INTEGER NOT NULL,
  instrument_id    TEXT NOT NULL,
  quantity         TEXT NOT NULL,
  entry_price      TEXT NOT NULL,
  isolated_margin  TEXT,
  leverage         TEXT,
  PRIMARY KEY (book_id, account_id, seq),
  FOREIGN KEY (book_id, account_id) REFERENCES accounts(book_id, id) ON DELETE CASCADE,
  FOREIGN KEY (book_id, instrument_id) REFERENCES instruments(book_id, id)
) WITHOUT ROWID;

CREATE TABLE collateral (
  book_id     TEXT NOT NULL,
  account_id  TEXT NOT NULL,
  asset       TEXT NOT NULL,
  balance     TEXT NOT NULL,
  PRIMARY KEY (book_id, account_id, asset),
  FOREIGN KEY (book_id, account_id) REFERENCES accounts(book_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

-- Margin model configurations (validated JSON parameters; decimals inside as strings).
CREATE TABLE models (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL,
  params_json   TEXT NOT NULL,
  content_hash  TEXT NOT NULL,
  preset        INTEGER NOT NULL DEFAULT 0 CHECK (preset IN (0, 1)),
  provenance_json TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE scenarios (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  definition_json TEXT NOT NULL,
  content_hash  TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE runs (
  id             TEXT PRIMARY KEY,
  kind           TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
  label          TEXT NOT NULL DEFAULT '',
  input_hash     TEXT NOT NULL,
  inputs_json    TEXT NOT NULL,
  params_json    TEXT NOT NULL,
  seed           INTEGER,
  app_version    TEXT NOT NULL,
  result_hash    TEXT,
  error          TEXT,
  owner_pid      INTEGER,
  created_at     TEXT NOT NULL,
  started_at     TEXT NOT NULL,
  finished_at    TEXT,
  duration_ms    REAL
);
CREATE INDEX runs_by_kind ON runs(kind, created_at);
CREATE INDEX runs_by_status ON runs(status);

-- A run's results: JSON summaries and Float64Array vectors, written in ONE transaction with the
-- run's final status, so a failed, cancelled or killed run leaves none.
CREATE TABLE run_results (
  run_id        TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  name          TEXT NOT NULL,
  summary_json  TEXT NOT NULL,
  PRIMARY KEY (run_id, name)
) WITHOUT ROWID;

CREATE TABLE run_vectors (
  run_id   TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  name     TEXT NOT NULL,
  length   INTEGER NOT NULL,
  data     BLOB NOT NULL,
  PRIMARY KEY (run_id, name)
) WITHOUT ROWID;
