package io.helmdeck.release.lookup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jboss.logging.Logger;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Points the Kubernetes connection of Helm's engine (helm-java, in process) at a kubeconfig file Helmdeck owns, so
 * that {@code lookup} never follows the operator's environment (ADR 0016).
 *
 * <p>helm-java 0.0.21 builds Helm's client from {@code KUBECONFIG}, {@code ~/.kube/config} and the {@code HELM_KUBE*}
 * variables, and Go reads those from its own copy of the environment, made once when the native library loads: from
 * the environment block the process was started with, not from libc's current {@code environ}. Measured on this
 * machine: {@code setenv} of a variable absent at launch is never seen by Go; {@code setenv} of a variable present at
 * launch, done before the library loads, is (glibc replaces the entry in place). So this class overwrites, before
 * Helm's library is first loaded, {@code KUBECONFIG} with Helmdeck's file when the process has one, otherwise
 * {@code HOME} with a directory whose {@code .kube/config} is that file, and empties every {@code HELM_KUBE*} variable
 * present. Java's own view ({@link System#getenv()}) is a snapshot taken before, so the cluster connection Helmdeck
 * itself detects is unaffected. Whether Helm really reads the file is proved by a probe render (see
 * {@code ChartRenderer}), not assumed.
 *
 * <p>Process-wide by nature: the state lives in system properties so that every class loader (Quarkus tests load the
 * application more than once per JVM) finds the same file.
 */
public final class HelmEngineEnvironment {

    private static final Logger LOG = Logger.getLogger(HelmEngineEnvironment.class);
    static final String KUBECONFIG_PROPERTY = "helmdeck.lookup.helm-kubeconfig";
    static final String PROBLEM_PROPERTY = "helmdeck.lookup.helm-kubeconfig-problem";
    /** Helm's environment settings that would otherwise change the server, user or credentials it connects with. */
    private static final List<String> HELM_KUBE_VARIABLES = List.of("HELM_KUBEAPISERVER", "HELM_KUBECONTEXT",
            "HELM_KUBETOKEN", "HELM_KUBEASUSER", "HELM_KUBEASGROUPS", "HELM_KUBECAFILE", "HELM_KUBETLS_SERVER_NAME",
            "HELM_KUBEINSECURE_SKIP_TLS_VERIFY");
    /** Written until a proxy is up: nothing listens on port 1, so an early lookup fails instead of going elsewhere. */
    private static final String CLOSED = "http://127.0.0.1:1";

    private HelmEngineEnvironment() {
    }

    /** Where Helm's connection was pointed, or why it could not be. */
    public record Status(Path kubeconfig, String problem) {
        public boolean redirected() {
            return kubeconfig != null;
        }
    }

    interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /**
     * Redirects Helm's connection once per process; later calls return the first result. Call it before anything
     * in the process uses helm-java.
     */
    public static synchronized Status prepare() {
        Status known = current();
        if (known != null) {
            return known;
        }
        Status status;
        try {
            status = redirect(System.getenv());
        } catch (IOException | RuntimeException | LinkageError e) {
            status = new Status(null, "cannot point Helm's engine at Helmdeck's connection: " + e);
        }
        if (status.redirected()) {
            System.setProperty(KUBECONFIG_PROPERTY, status.kubeconfig().toString());
            LOG.debugf("Helm's engine reads its Kubernetes connection from %s", status.kubeconfig());
        } else {
            System.setProperty(PROBLEM_PROPERTY, status.problem());
            LOG.warnf("Charts that call lookup will not render: %s", status.problem());
        }
        return status;
    }

    /** The result of {@link #prepare()}, or {@code null} before it ran in this process. */
    public static Status current() {
        String file = System.getProperty(KUBECONFIG_PROPERTY);
        if (file != null) {
            return new Status(Path.of(file), null);
        }
        String problem = System.getProperty(PROBLEM_PROPERTY);
        return problem == null ? null : new Status(null, problem);
    }

    private static Status redirect(Map<String, String> launchEnvironment) throws IOException {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return new Status(null, "Helm's connection can only be redirected on Linux (measured with glibc); this is "
                    + System.getProperty("os.name"));
        }
        Path dir = createPrivateDirectory();
        Path home = Files.createDirectories(dir.resolve("home").resolve(".kube")).getParent();
        Path kubeconfig = home.resolve(".kube").resolve("config");
        write(kubeconfig, CLOSED);
        LibC libc = Native.load("c", LibC.class);
        List<String> changed = new ArrayList<>();
        if (launchEnvironment.containsKey("KUBECONFIG")) {
            set(libc, "KUBECONFIG", kubeconfig.toString());
            changed.add("KUBECONFIG");
        } else if (launchEnvironment.containsKey("HOME")) {
            // client-go reads $HOME/.kube/config when KUBECONFIG is not set; Java's user.home does not depend on it.
            set(libc, "HOME", home.toString());
            changed.add("HOME");
        } else {
            return new Status(null, "the process was started with neither KUBECONFIG nor HOME, so Helm's engine "
                    + "cannot be pointed at Helmdeck's cluster connection; start it with HOME set");
        }
        for (String name : HELM_KUBE_VARIABLES) {
            if (launchEnvironment.containsKey(name)) {
                set(libc, name, ""); // empty is Helm's "not set" for each of these
                changed.add(name);
            }
        }
        LOG.debugf("set %s for Helm's engine", changed);
        return new Status(kubeconfig, null);
    }

    private static void set(LibC libc, String name, String value) {
        if (libc.setenv(name, value, 1) != 0) {
            throw new IllegalStateException("setenv(" + name + ") failed with errno " + Native.getLastError());
        }
    }

    /**
     * Replaces the kubeconfig Helm reads: one cluster at {@code server}, no credentials. Atomic, because renders that
     * do not use {@code lookup} read the file at any time.
     */
    static void write(Path kubeconfig, String server) throws IOException {
        String yaml = "apiVersion: v1\n"
                + "kind: Config\n"
                + "clusters:\n"
                + "- name: helmdeck\n"
                + "  cluster:\n"
                + "    server: \"" + server + "\"\n"
                + "users:\n"
                + "- name: helmdeck\n"
                + "  user: {}\n"
                + "contexts:\n"
                + "- name: helmdeck\n"
                + "  context:\n"
                + "    cluster: helmdeck\n"
                + "    user: helmdeck\n"
                + "current-context: helmdeck\n";
        Path dir = kubeconfig.getParent();
        Path next = posix()
                ? Files.createTempFile(dir, "config-", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, "config-", ".tmp");
        try {
            Files.writeString(next, yaml, StandardCharsets.UTF_8);
            Files.move(next, kubeconfig, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(next);
        }
    }

    private static Path createPrivateDirectory() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        // Random name, owner only: the file carries the proxy's current token (in the server URL).
        Path dir = posix()
                ? Files.createTempDirectory(tmp, "helmdeck-helm-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                : Files.createTempDirectory(tmp, "helmdeck-helm-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "helmdeck-helm-env-cleanup"));
        return dir;
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // Only a leftover temporary directory; its token died with the process.
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
