package io.helmdeck.portal.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.helmdeck.portal.config.PortalConfig;
import org.junit.jupiter.api.Test;

class ApiTargetTest {

    static final PortalConfig CONFIG = new PortalConfig() {
        @Override
        public String repoServiceUrl() {
            return "http://repo:8081/";
        }

        @Override
        public String releaseServiceUrl() {
            return "http://release:8082";
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(1);
        }
    };

    @Test
    void eachPublicPathGoesToTheServiceThatOwnsIt() {
        assertThat(ApiTarget.baseUrl("/api/v1/tenants/a/oci-repositories", CONFIG)).contains("http://repo:8081");
        assertThat(ApiTarget.baseUrl("/api/v1/tenants/a/oci-repositories:test", CONFIG)).contains("http://repo:8081");
        assertThat(ApiTarget.baseUrl("/api/v1/tenants/a/oci-repositories%3Atest", CONFIG)).contains("http://repo:8081");
        assertThat(ApiTarget.baseUrl("/api/v1/tenants/a/oci-repositories/x/tags", CONFIG)).contains("http://repo:8081");
        assertThat(ApiTarget.baseUrl("/api/v1/artifacts/sha256:ab", CONFIG)).contains("http://repo:8081");
        assertThat(ApiTarget.baseUrl("/api/v1/tenants/a/helm-releases/x/rollback", CONFIG)).contains("http://release:8082");
        assertThat(ApiTarget.baseUrl("/api/v1/tenants/a/cluster-policy", CONFIG)).contains("http://release:8082");
        assertThat(ApiTarget.baseUrl("/api/v1/tenants/a/cluster-policy/x", CONFIG)).isEmpty();
    }

    @Test
    void internalAndUnknownPathsAreNotForwarded() {
        assertThat(ApiTarget.baseUrl("/internal/v1/leases", CONFIG)).isEmpty();
        assertThat(ApiTarget.baseUrl("/api/v1/tenants/a/helm-releases/../../../internal/v1/x", CONFIG)).isEmpty();
        assertThat(ApiTarget.baseUrl("/api/v1/tenants/a/oci-repositoriesX", CONFIG)).isEmpty();
        assertThat(ApiTarget.baseUrl("/api/v1/admin/keys", CONFIG)).isEmpty();
        assertThat(ApiTarget.baseUrl("/api/v1/tenants/a/helm-releases/%2e%2e/%2e%2e/x", CONFIG)).isEmpty();
    }
}
