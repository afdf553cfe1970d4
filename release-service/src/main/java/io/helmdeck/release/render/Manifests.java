package io.helmdeck.release.render;

import java.util.List;
import java.util.Objects;

/** Reads a stored release manifest (as {@link RenderedRelease#manifest()} wrote it) back into objects. */
public final class Manifests {
    private Manifests() {
    }

    /**
     * The objects of {@code manifest}, in its order (Helm's install order when it was rendered). Re-applying a kept
     * revision from its manifest needs no render: helm-java leaks a little memory per render (ADR 0007).
     */
    public static List<ManifestObject> parse(String manifest) throws RenderException {
        return YamlDocuments.parseManifest(manifest).stream().map(YamlDocuments.Doc::object)
                .filter(Objects::nonNull).toList();
    }
}
