-- 015_health: what /healthz and /metrics read about the jobs, shared by every
-- rmad process on the database: how many runs in a row failed, since when,
-- the last success and how long the last run took.
ALTER TABLE job_runs ADD COLUMN consecutive_failures integer NOT NULL DEFAULT 0;
ALTER TABLE job_runs ADD COLUMN failing_since timestamptz;
ALTER TABLE job_runs ADD COLUMN last_success_at timestamptz;
ALTER TABLE job_runs ADD COLUMN last_duration_ms bigint NOT NULL DEFAULT 0;
UPDATE job_runs SET last_success_at = last_run_at WHERE last_error = '';
UPDATE job_runs SET consecutive_failures = 1, failing_since = last_run_at WHERE last_error <> '';
