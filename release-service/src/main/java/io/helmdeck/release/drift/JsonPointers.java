package io.helmdeck.release.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * JSON pointers (RFC 6901) as drift detection uses them: {@code /spec/template/spec/containers/0/image}. A pointer
 * names one field; {@code ~1} stands for {@code /} and {@code ~0} for {@code ~} inside a name
 * ({@code /metadata/annotations/example.com~1owner}).
 */
public final class JsonPointers {

    /** Longest pointer accepted in an ignore rule. */
    public static final int MAX_LENGTH = 1024;

    private JsonPointers() {
    }

    /** Why {@code pointer} is not a usable pointer to a field, or empty when it is one. */
    public static Optional<String> problem(String pointer) {
        if (pointer == null || pointer.isEmpty()) {
            return Optional.of("must be a JSON pointer to a field, e.g. /spec/replicas");
        }
        if (pointer.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (pointer.charAt(0) != '/') {
            return Optional.of("must start with '/' (a JSON pointer, RFC 6901), e.g. /spec/replicas");
        }
        for (int i = 0; i < pointer.length(); i++) {
            if (pointer.charAt(i) == '~' && (i + 1 == pointer.length()
                    || (pointer.charAt(i + 1) != '0' && pointer.charAt(i + 1) != '1'))) {
                return Optional.of("has '~' not followed by 0 or 1 (write ~0 for '~' and ~1 for '/')");
            }
        }
        return Optional.empty();
    }

    /** One more step below {@code parent}: the field name escaped as RFC 6901 says. */
    public static String child(String parent, String name) {
        return parent + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    /** The unescaped field names of a valid pointer, outermost first. */
    public static List<String> tokens(String pointer) {
        List<String> tokens = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    /** Whether {@code pointer} is {@code ancestor} itself or a field somewhere under it. */
    public static boolean within(String pointer, String ancestor) {
        return pointer.equals(ancestor) || pointer.startsWith(ancestor + "/");
    }
}
