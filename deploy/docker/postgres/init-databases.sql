-- One database per service that keeps data (spec §1). The postgres image runs this once, when its
-- data volume is first initialised; later changes need `docker compose down -v` or manual SQL.
CREATE DATABASE helmdeck_repo;
CREATE DATABASE helmdeck_release;
