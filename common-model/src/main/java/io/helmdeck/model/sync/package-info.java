/**
 * Records of the internal API between sync workers and repo-service. Unlike the public API, these ignore unknown
 * fields, so a worker and a repo-service of neighbouring versions keep working during a rolling upgrade.
 */
package io.helmdeck.model.sync;
