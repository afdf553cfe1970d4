package io.helmdeck.release.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kubernetes verbs as an operator reads them in helmdeck_kube_requests_total, from method and path alone. */
class KubeRequestCounterTest {

    @ParameterizedTest
    @CsvSource({
            "GET, /api/v1/namespaces/t1/configmaps/app, get",
            "GET, /api/v1/namespaces/t1/configmaps?labelSelector=owner%3Dhelm, list",
            "GET, /api/v1/namespaces/t1/pods?watch=true&resourceVersion=5, watch",
            "GET, /apis/apps/v1/namespaces/t1/deployments, list",
            "GET, /apis/apps/v1/namespaces/t1/deployments/web/status, get",
            "GET, /api/v1/namespaces, list",
            "GET, /api/v1/namespaces/t1, get",
            "GET, /apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com, get",
            "GET, /version, get",
            "GET, /apis, get",
            "POST, /api/v1/namespaces/t1/secrets, create",
            "PUT, /api/v1/namespaces/t1/secrets/sh.helm.release.v1.app.v1, update",
            "PATCH, /apis/apps/v1/namespaces/t1/deployments/web?fieldManager=helmdeck, patch",
            "DELETE, /api/v1/namespaces/t1/configmaps/app, delete",
            "DELETE, /api/v1/namespaces/t1/configmaps?labelSelector=a%3Db, deletecollection",
            "DELETE, /api/v1/namespaces/t1, delete",
    })
    void verbFollowsTheApiServersNaming(String method, String uri, String verb) {
        assertThat(KubeRequestCounter.verb(method, URI.create("https://kube.example:6443" + uri))).isEqualTo(verb);
    }
}
