-- Drift detection (ADR 0023). Versioned high so it merges after other branches' migrations.
-- The release's driftDetection as the client wrote it (JSON); NULL = the defaults (mode enabled, no ignore rules).
ALTER TABLE helm_release ADD COLUMN drift_detection TEXT;
-- What the last drift check found: JSON array of drifted objects; NULL = never checked.
ALTER TABLE helm_release_status ADD COLUMN drift TEXT;
