package io.helmdeck.release.render;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;

import io.helmdeck.model.ChartMetadata;
import io.helmdeck.release.kube.ReleaseIdentity;
import io.helmdeck.release.lookup.ClusterLookup;

/**
 * Renders a chart archive with Helm's own engine (helm-java, in process) and splits the result as Helm splits a
 * release: CRDs, resources in install order, hooks, NOTES and the stored manifest. Helm's {@code lookup} reads the
 * configured cluster as the release's identity, never the process environment's (see {@link ClusterLookup}).
 * Blocking: call it on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class ChartRenderer {

    private static final Logger LOG = Logger.getLogger(ChartRenderer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEBUG_HINT = "Use --debug flag to render out invalid YAML";
    /** The lookup proxy's address as Helm's errors quote it; its path holds a (short-lived) token. */
    private static final String LOOKUP_PROXY_URL = "http://127\\.0\\.0\\.1:[0-9]+/t/[A-Za-z0-9_-]+";

    private final RenderConfig config;
    private final ChartUnpacker unpacker;
    private final Semaphore permits;
    private final ClusterLookup lookup;
    /** Set once the first render that may call lookup has proved Helm sends lookups to {@link #lookup}, or not. */
    private volatile boolean lookupRoutingChecked;
    /** Why Helm's lookups do not reach {@link #lookup}; {@code null} when they do (or before the check). */
    private volatile String lookupRoutingProblem;

    /** A renderer without a cluster: {@code lookup} finds nothing, as with {@code helm template}. */
    public ChartRenderer(RenderConfig config) {
        this(config, ClusterLookup.withoutCluster());
    }

    @Inject
    public ChartRenderer(RenderConfig config, ClusterLookup lookup) {
        this.config = config;
        this.lookup = lookup;
        this.unpacker = new ChartUnpacker(config.archive());
        // Concurrent helm-java calls are safe (each builds its own Helm action); the bound is on disk and memory.
        this.permits = new Semaphore(Math.max(1, config.maxConcurrent()), true);
    }

    /** Renders {@code request} with Helmdeck's own identity for {@code lookup}; see {@link #render(RenderRequest, ReleaseIdentity)}. */
    public RenderedRelease render(RenderRequest request) throws RenderException {
        return render(request, ReleaseIdentity.helmdeck());
    }

    /**
     * Renders {@code request}; waits for a free render slot first. The chart's {@code lookup} calls read the
     * configured cluster as {@code identity} (what it may not read is not found), or find nothing without a cluster.
     *
     * @throws RenderException the archive is unsafe or broken, or Helm cannot render the chart (template error, unmet
     *                         {@code kubeVersion}, missing dependency); the message says which, for users
     */
    public RenderedRelease render(RenderRequest request, ReleaseIdentity identity) throws RenderException {
        validate(request);
        if (identity == null) {
            throw new RenderException("an identity is required to render a chart");
        }
        if (request.chartArchive().length > config.archive().maxCompressedSize()) {
            throw new RenderException("chart archive is " + request.chartArchive().length + " bytes, more than the "
                    + config.archive().maxCompressedSize() + " allowed");
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException("rendering was interrupted", e);
        }
        long start = System.nanoTime();
        Path dir = null;
        try {
            dir = createRenderDir();
            return render(request, identity, dir);
        } finally {
            try {
                if (dir != null) {
                    deleteTree(dir);
                }
            } finally {
                permits.release();
                LOG.debugf("rendered release %s in %d ms", request.releaseName(), (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    private RenderedRelease render(RenderRequest request, ReleaseIdentity identity, Path dir) throws RenderException {
        WorkingCopy copy = WorkingCopy.unpack(new ByteArrayInputStream(request.chartArchive()), dir.resolve("chart"),
                unpacker);
        ChartMetadata chart = ChartYamlReader.metadata(copy.root().resolve("Chart.yaml"));
        Map<String, Object> chartValues = ChartYamlReader.values(copy.root().resolve("values.yaml"));
        // Read before the copy is rewritten for rendering: CRDs are used exactly as the chart ships them.
        Map<String, List<ManifestObject>> crdsByMarker = new LinkedHashMap<>();
        for (WorkingCopy.ChartDir each : copy.charts()) {
            crdsByMarker.put(each.marker(), CrdReader.read(each));
        }
        copy.prepareForRender(new ReleaseFacts(request.revision(), request.upgrade()));
        Path valuesFile = writeValues(dir, request.values());
        String output;
        if (LookupDetector.mayCallLookup(copy.root(), valuesFile)) {
            try (ClusterLookup.Session session = lookupSession(chart, identity, dir)) {
                output = template(request, chart, copy.root(), valuesFile);
                LOG.debugf("rendered %s with %d lookup requests as %s", request.releaseName(),
                        session.lookupRequests(), identity);
            }
        } else {
            try (ClusterLookup.Session ignored = sharedSession()) {
                output = template(request, chart, copy.root(), valuesFile);
            }
        }
        return split(output, chart, chartValues, crdsByMarker);
    }

    private ClusterLookup.Session sharedSession() throws RenderException {
        try {
            return lookup.withoutLookup();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException("rendering was interrupted", e);
        }
    }

    /**
     * Waits for Helm's engine alone, pointed at {@code identity}'s view of the cluster. The first time, proves that
     * Helm really sends lookups there: a chart would otherwise read whichever cluster the process environment names.
     */
    private ClusterLookup.Session lookupSession(ChartMetadata chart, ReleaseIdentity identity, Path dir)
            throws RenderException {
        if (!lookup.environment().redirected()) {
            throw lookupRefused(chart, lookup.environment().problem());
        }
        ClusterLookup.Session session;
        try {
            session = lookup.forLookup(identity);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException("rendering was interrupted", e);
        } catch (RuntimeException e) {
            // E.g. the configured kubeconfig cannot be read any more: the chart cannot be rendered faithfully.
            throw new RenderException("chart " + chart.name() + " " + chart.version() + " may call lookup, and the "
                    + "cluster connection cannot be used: " + e.getMessage(), e);
        }
        try {
            if (!lookupRoutingChecked) {
                lookupRoutingProblem = probeLookupRouting(session, dir);
                lookupRoutingChecked = true;
                if (lookupRoutingProblem != null) {
                    LOG.errorf("Charts that call lookup will not render: %s", lookupRoutingProblem);
                }
            }
            if (lookupRoutingProblem != null) {
                throw lookupRefused(chart, lookupRoutingProblem);
            }
            return session;
        } catch (RenderException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * Renders a tiny chart whose {@code lookup} asks for an API group no cluster has, and checks that the request
     * arrived through {@code session}; the render's own outcome does not matter. Returns the problem, or null.
     */
    private String probeLookupRouting(ClusterLookup.Session session, Path dir) throws RenderException {
        Path probe = dir.resolve("lookup-probe");
        try {
            Files.createDirectories(probe.resolve("templates"));
            Files.writeString(probe.resolve("Chart.yaml"), "apiVersion: v2\nname: helmdeck-lookup-probe\n"
                    + "version: 0.0.1\n", StandardCharsets.UTF_8);
            Files.writeString(probe.resolve("templates").resolve("probe.yaml"),
                    "{{- $probe := lookup \"probe.helmdeck.invalid/v1\" \"Probe\" \"\" \"probe\" }}\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RenderException("cannot prepare the lookup probe: " + e.getMessage(), e);
        }
        try {
            new Helm(probe).template().withName("probe").withNamespace("default")
                    .withKubeVersion(config.defaultKubeVersion()).call();
        } catch (IllegalStateException e) {
            // Expected: no cluster serves the probe's API group. Only whether the request came through counts.
        } finally {
            GoSignalGuard.restoreJvmHandlers();
        }
        if (session.lookupRequests() > 0) {
            return null;
        }
        return "Helm's engine did not send its lookup to Helmdeck's cluster connection (it was probably loaded "
                + "before Helmdeck pointed it there; see docs/decisions/0016-lookup-through-the-cluster-connection.md)";
    }

    private static RenderException lookupRefused(ChartMetadata chart, String why) {
        return new RenderException("chart " + chart.name() + " " + chart.version() + " may call lookup, which Helmdeck "
                + "can only serve from its own cluster connection, and that is not possible in this process: " + why
                + ". Rendering it anyway would read whichever cluster the process environment names.");
    }

    private String template(RenderRequest request, ChartMetadata chart, Path chartDir, Path valuesFile)
            throws RenderException {
        String kubeVersion = request.kubeVersion() == null || request.kubeVersion().isBlank()
                ? config.defaultKubeVersion() : request.kubeVersion();
        try {
            return new Helm(chartDir).template()
                    .withName(request.releaseName())
                    .withNamespace(request.namespace())
                    .withKubeVersion(kubeVersion)
                    .withValuesFile(valuesFile)
                    .call();
        } catch (IllegalStateException e) {
            // helm-java reports every Helm error this way; its message is Helm's own.
            String message = HookKeys.reveal(String.valueOf(e.getMessage())).replace(DEBUG_HINT, "")
                    .replaceAll(LOOKUP_PROXY_URL, "(Helmdeck's cluster connection)").strip();
            throw new RenderException("chart " + chart.name() + " " + chart.version() + " cannot be rendered: "
                    + message, e);
        } finally {
            GoSignalGuard.restoreJvmHandlers();
        }
    }

    private static RenderedRelease split(String output, ChartMetadata chart, Map<String, Object> chartValues,
            Map<String, List<ManifestObject>> crdsByMarker) throws RenderException {
        List<YamlDocuments.Doc> manifestDocs = new ArrayList<>();
        List<Hook> hooks = new ArrayList<>();
        Set<String> renderedCharts = new HashSet<>();
        String notes = "";
        for (YamlDocuments.Doc doc : YamlDocuments.parseManifest(HookKeys.reveal(output))) {
            ManifestObject object = doc.object();
            if (object != null && isCarrier(object)) {
                renderedCharts.add(String.valueOf(object.body().get("chart")));
                if (object.body().get("notes") instanceof String encoded) {
                    notes = HookKeys.reveal(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
                }
                continue;
            }
            if (object == null) {
                manifestDocs.add(doc); // a document of only comments: Helm keeps it in the manifest
                continue;
            }
            HookParser.Kind kind = HookParser.classify(object);
            if (kind instanceof HookParser.HookObject hook) {
                hooks.add(hook.hook());
            } else if (kind instanceof HookParser.UnknownHook unknown) {
                LOG.infof("skipping %s %s from %s: unknown hook %s, as Helm does", object.kind(), object.name(),
                        object.source(), unknown.value());
            } else {
                manifestDocs.add(doc);
            }
        }
        manifestDocs.sort(InstallOrder.byKind(YamlDocuments.Doc::kind));
        StringBuilder manifest = new StringBuilder();
        List<ManifestObject> resources = new ArrayList<>();
        for (YamlDocuments.Doc doc : manifestDocs) {
            manifest.append("---\n");
            if (doc.source() != null) {
                manifest.append("# Source: ").append(doc.source()).append('\n');
            }
            manifest.append(doc.content()).append('\n');
            if (doc.object() != null) {
                resources.add(doc.object());
            }
        }
        List<ManifestObject> crds = new ArrayList<>();
        boolean top = true;
        for (Map.Entry<String, List<ManifestObject>> entry : crdsByMarker.entrySet()) {
            // Helm drops disabled subcharts (condition/tags) before rendering, and their CRDs with them.
            if (top || renderedCharts.contains(entry.getKey())) {
                crds.addAll(entry.getValue());
            }
            top = false;
        }
        return new RenderedRelease(chart, chartValues, List.copyOf(crds), List.copyOf(resources), List.copyOf(hooks),
                notes, manifest.toString());
    }

    private static boolean isCarrier(ManifestObject object) {
        return WorkingCopy.CARRIER_API_VERSION.equals(object.apiVersion())
                && WorkingCopy.CARRIER_KIND.equals(object.kind());
    }

    /** The release's values as a values file; JSON is YAML, and hook keys in values are hidden like the chart's. */
    private static Path writeValues(Path dir, Map<String, Object> values) throws RenderException {
        try {
            String json = JSON.writeValueAsString(values == null ? Map.of() : values);
            Path file = dir.resolve("values.yaml");
            Files.writeString(file, HookKeys.hide(json), StandardCharsets.UTF_8);
            return file;
        } catch (JsonProcessingException e) {
            throw new RenderException("the release's values cannot be written as YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RenderException("cannot write the release's values for rendering: " + e.getMessage(), e);
        }
    }

    private Path createRenderDir() throws RenderException {
        try {
            Path work = Files.createDirectories(config.workDir());
            // The directory holds the release's values, which may carry secrets: owner only.
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                return Files.createTempDirectory(work, "render-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            return Files.createTempDirectory(work, "render-");
        } catch (IOException e) {
            throw new RenderException("cannot create a working directory for rendering under " + config.workDir()
                    + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // The render's result stands; a leftover directory is only disk space, but it may hold values.
            LOG.warnf("could not delete the render working directory %s: %s", dir, e.getMessage());
        }
    }

    private static void validate(RenderRequest request) throws RenderException {
        if (request == null || request.chartArchive() == null || request.chartArchive().length == 0) {
            throw new RenderException("no chart archive to render");
        }
        if (request.releaseName() == null || request.releaseName().isBlank()) {
            throw new RenderException("a release name is required to render a chart");
        }
        if (request.namespace() == null || request.namespace().isBlank()) {
            throw new RenderException("a namespace is required to render a chart");
        }
    }
}
