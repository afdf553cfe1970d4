package io.helmdeck.model.value;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OCI repository URL {@code oci://host[:port]/repository}, without tag, digest or credentials.
 *
 * <p>The scheme and host are normalised to lower case; the repository path is not (the OCI distribution
 * grammar only allows lowercase names, so an uppercase path is rejected). Error messages never repeat
 * the input, since a mistyped URL may carry a password.
 */
public final class OciUrl {

    public static final String SCHEME = "oci://";
    /** Distribution spec: clients limit host[:port] + "/" + repository to 255 characters. */
    public static final int MAX_LENGTH = 255;

    static final String FORMAT = "must be oci://host[:port]/repository, e.g. oci://ghcr.io/org/chart";
    static final String CREDENTIALS = "must not contain credentials; use the auth field";
    static final String DIGEST = "must not contain a digest; use ref.digest";
    static final String TAG = "must not contain a tag; use ref.tag";
    static final String HOST = "host must be a DNS name, an IPv4 address or a bracketed IPv6 address";
    static final String PORT = "port must be a number between 1 and 65535";
    static final String PATH = "repository path must consist of lowercase letters and digits, "
            + "separated by '.', '_', '__' or '-' within a component and '/' between components";

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 =
            Pattern.compile("(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})");
    private static final Pattern HEXTET = Pattern.compile("[0-9a-f]{1,4}");
    private static final Pattern DIGEST_SUFFIX =
            Pattern.compile("[A-Za-z0-9]+(?:[+._-][A-Za-z0-9]+)*:[A-Za-z0-9=_-]+");
    private static final Pattern PORT_DIGITS = Pattern.compile("\\d{1,5}");

    private final String host;
    private final int port; // 0 when absent
    private final String repository;
    private final String canonical;

    private OciUrl(String host, int port, String repository) {
        this.host = host;
        this.port = port;
        this.repository = repository;
        this.canonical = SCHEME + registry() + "/" + repository;
    }

    /** Parses and normalises {@code oci://host[:port]/repository}. */
    public static OciUrl parse(String s) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(FORMAT);
        }
        if (s.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("must not contain whitespace");
        }
        if (!s.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new IllegalArgumentException(FORMAT);
        }
        String rest = s.substring(SCHEME.length());
        checkAt(rest);
        if (rest.indexOf('?') >= 0 || rest.indexOf('#') >= 0) {
            throw new IllegalArgumentException("must not contain a query (?) or fragment (#)");
        }
        int slash = rest.indexOf('/');
        if (rest.isEmpty() || slash == 0) {
            throw new IllegalArgumentException("must include a host");
        }
        if (slash < 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException("must include a repository path, e.g. oci://ghcr.io/org/chart");
        }
        String authority = rest.substring(0, slash);
        String path = rest.substring(slash + 1);

        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException(HOST);
            }
            host = authority.substring(0, close + 1).toLowerCase(Locale.ROOT);
            if (!isIpv6(host.substring(1, host.length() - 1))) {
                throw new IllegalArgumentException(HOST);
            }
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (after.charAt(0) != ':') {
                    throw new IllegalArgumentException(HOST);
                }
                portText = after.substring(1);
            }
        } else {
            int colon = authority.indexOf(':');
            host = (colon < 0 ? authority : authority.substring(0, colon)).toLowerCase(Locale.ROOT);
            if (colon >= 0) {
                portText = authority.substring(colon + 1);
            }
            if (!isHostName(host)) {
                throw new IllegalArgumentException(HOST);
            }
        }
        int port = portText == null ? 0 : parsePort(portText);

        checkPath(path);
        OciUrl url = new OciUrl(host, port, path);
        if (url.canonical.length() - SCHEME.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters after oci://");
        }
        return url;
    }

    /** An '@' is either user info or a digest; tell which without ever repeating what surrounds it. */
    private static void checkAt(String rest) {
        int first = rest.indexOf('@');
        if (first < 0) {
            return;
        }
        int slash = rest.indexOf('/');
        int last = rest.lastIndexOf('@');
        String after = rest.substring(last + 1);
        // A password may itself contain '/' or '@', so anything but a clean "path@algo:hex" counts as user info.
        if (slash < 0 || first < slash || after.indexOf('/') >= 0) {
            throw new IllegalArgumentException(CREDENTIALS);
        }
        if (first == last && DIGEST_SUFFIX.matcher(after).matches()) {
            throw new IllegalArgumentException(DIGEST);
        }
        throw new IllegalArgumentException(PATH);
    }

    private static void checkPath(String path) {
        if (path.endsWith("/")) {
            throw new IllegalArgumentException("must not end with /");
        }
        String[] components = path.split("/", -1);
        for (int i = 0; i < components.length; i++) {
            String c = components[i];
            if (c.isEmpty()) {
                throw new IllegalArgumentException("must not contain empty path segments (//)");
            }
            if (c.indexOf(':') >= 0) {
                throw new IllegalArgumentException(i == components.length - 1 ? TAG : PATH);
            }
            if (!COMPONENT.matcher(c).matches()) {
                throw new IllegalArgumentException(PATH);
            }
        }
    }

    private static int parsePort(String text) {
        if (!PORT_DIGITS.matcher(text).matches()) {
            throw new IllegalArgumentException(PORT);
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(PORT);
        }
        return port;
    }

    private static boolean isHostName(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return false;
        }
        String[] labels = host.split("\\.", -1);
        // An all-numeric last label cannot be a DNS name (RFC 3696), so it must be an IPv4 address.
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            return isIpv4(host);
        }
        for (String label : labels) {
            if (!DNS_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv4(String s) {
        Matcher m = IPV4.matcher(s);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4291 text form without zone id; written out to avoid InetAddress, which may resolve names. */
    private static boolean isIpv6(String s) {
        if (s.indexOf('.') >= 0) {
            int colon = s.lastIndexOf(':');
            if (colon < 0 || !isIpv4(s.substring(colon + 1))) {
                return false;
            }
            s = s.substring(0, colon + 1) + "0:0";
        }
        String[] halves = s.split("::", -1);
        if (halves.length > 2) {
            return false;
        }
        int groups = 0;
        for (String half : halves) {
            if (half.isEmpty()) {
                continue;
            }
            for (String hextet : half.split(":", -1)) {
                if (!HEXTET.matcher(hextet).matches()) {
                    return false;
                }
                groups++;
            }
        }
        return halves.length == 2 ? groups <= 7 : groups == 8;
    }

    /** The host without port, lower case; IPv6 addresses keep their brackets. */
    public String host() {
        return host;
    }

    public OptionalInt port() {
        return port == 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** {@code host[:port]}: what an HTTP client connects to and what registry tokens are scoped to. */
    public String registry() {
        return port == 0 ? host : host + ":" + port;
    }

    /** The repository path without leading slash, e.g. {@code bitnamicharts/nginx}. */
    public String repository() {
        return repository;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OciUrl other && canonical.equals(other.canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    /** Canonical {@code oci://registry/repository}. */
    @Override
    public String toString() {
        return canonical;
    }
}
