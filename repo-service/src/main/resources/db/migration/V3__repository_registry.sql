-- The registry (host[:port]) of each repository, so claims can spread work across registries and skip the ones a
-- worker is saturating. Derived from url, which is stored canonical (oci://registry/repository).
ALTER TABLE oci_repository ADD COLUMN registry VARCHAR(300);
UPDATE oci_repository SET registry = split_part(substring(url FROM 7), '/', 1);
ALTER TABLE oci_repository ALTER COLUMN registry SET NOT NULL;
CREATE INDEX oci_repository_registry_idx ON oci_repository (registry);
