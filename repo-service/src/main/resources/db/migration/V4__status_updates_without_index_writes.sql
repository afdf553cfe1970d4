-- A claim and a lease renewal write only lease_owner and lease_expires_at. No query looks rows up by
-- lease_expires_at (claims read along next_sync_at and test the lease row by row), so its index only cost a write
-- per claim; without it, and with room left in each page, PostgreSQL writes those updates as heap-only tuples and
-- touches no index at all (ADR 0028). Pages filled from now on keep a fifth free for that.
DROP INDEX oci_repository_status_lease_idx;
ALTER TABLE oci_repository_status SET (fillfactor = 80);
