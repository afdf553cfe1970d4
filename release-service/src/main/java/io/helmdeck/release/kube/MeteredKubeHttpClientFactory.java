package io.helmdeck.release.kube;

import java.io.Closeable;
import java.io.IOException;
import java.util.Comparator;
import java.util.ServiceLoader;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.http.HttpClient;

/**
 * The fabric8 HTTP client factory of release-service: the factory fabric8 would otherwise pick (Quarkus' Vert.x one
 * in 3.33) with {@link KubeRequestCounter} added to every client it builds. Quarkus' {@code KubernetesClient}
 * producer and {@link ClusterConnection}'s kubeconfig client both find factories through {@link ServiceLoader}
 * ({@code META-INF/services}), and this one has the higher priority, so every Kubernetes request is counted
 * without touching the code that makes it.
 */
public class MeteredKubeHttpClientFactory implements HttpClient.Factory, Closeable {

    private static final String INTERCEPTOR = "helmdeck-kube-requests";
    private volatile HttpClient.Factory delegate;

    @Override
    public HttpClient.Builder newBuilder(Config config) {
        return delegate().newBuilder(config).addOrReplaceInterceptor(INTERCEPTOR, new KubeRequestCounter());
    }

    @Override
    public HttpClient.Builder newBuilder() {
        return delegate().newBuilder().addOrReplaceInterceptor(INTERCEPTOR, new KubeRequestCounter());
    }

    /** Above Quarkus' factory (1) and fabric8's own (0 and below); must not touch the delegate. */
    @Override
    public int priority() {
        return 10;
    }

    @Override
    public void close() throws IOException {
        if (delegate instanceof Closeable closeable) {
            closeable.close();
        }
    }

    private HttpClient.Factory delegate() {
        HttpClient.Factory current = delegate;
        if (current == null) {
            synchronized (this) {
                if (delegate == null) {
                    delegate = otherFactory();
                }
                current = delegate;
            }
        }
        return current;
    }

    /** The best other factory; providers are compared without instantiating this class again (no recursion). */
    private static HttpClient.Factory otherFactory() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = MeteredKubeHttpClientFactory.class.getClassLoader();
        }
        return ServiceLoader.load(HttpClient.Factory.class, loader).stream()
                .filter(provider -> provider.type() != MeteredKubeHttpClientFactory.class)
                .map(ServiceLoader.Provider::get)
                .max(Comparator.comparingInt(HttpClient.Factory::priority))
                .orElseThrow(() -> new IllegalStateException("no fabric8 HTTP client implementation on the class path"));
    }
}
