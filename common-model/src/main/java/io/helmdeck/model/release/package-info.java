/**
 * Records of the internal API between repo-service and release-service. They ignore unknown fields, so services of
 * neighbouring versions keep working during a rolling upgrade.
 */
package io.helmdeck.model.release;
