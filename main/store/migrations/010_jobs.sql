-- Issue 4: the host's scheduled jobs (hold expiry, bill closing, settlement). Each run is
-- recorded; the work itself is keyed by its data (a bill per customer and cycle, a batch
-- line per transfer), so a run repeated after a crash or restart does nothing twice, and a
-- run after downtime catches up every period it missed.
CREATE TABLE job_runs (
  id          INTEGER PRIMARY KEY,
  job         TEXT NOT NULL,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  status      TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  -- What the run did (counts, ids) or why it failed.
  outcome_json TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX job_runs_job ON job_runs (job, id);

-- The dashboard (main/dashboard) sums approved purchases by day, method and merchant over
-- the last 30 days; this covering index answers it without reading the purchases table,
-- so the figures stay fast with a hundred thousand purchases and more.
CREATE INDEX purchases_approved_day ON purchases (created_at, currency, method, merchant_id, amount_minor, top_up_minor)
  WHERE status = 'approved';
-- The journal filtered by code (all micropayments, all settlements), newest first: without
-- this, page 1000 of one code scanned the whole journal.
CREATE INDEX transfers_code ON transfers (code, id);
