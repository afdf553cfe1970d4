package io.helmdeck.release.flux;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Flux's published CRDs (test resources): registration in the mock API server and schema validation. */
final class FluxCrds {

    static final String OCI_REPOSITORY = "flux/crds/source.toolkit.fluxcd.io_ocirepositories.yaml";
    static final String HELM_RELEASE = "flux/crds/helm.toolkit.fluxcd.io_helmreleases.yaml";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private FluxCrds() {
    }

    static CustomResourceDefinition load(String resource) {
        try (InputStream in = FluxCrds.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return Serialization.unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers both CRDs so the mock serves (and can address) the Flux kinds. */
    static void register(KubernetesClient client) {
        for (String r : new String[] {OCI_REPOSITORY, HELM_RELEASE}) {
            client.apiextensions().v1().customResourceDefinitions().resource(load(r)).create();
        }
    }

    /**
     * A validator for the served version's {@code openAPIV3Schema}, read as JSON Schema draft 4 (which OpenAPI 3.0
     * schemas are close to). {@code x-kubernetes-*} keys are dropped (CEL rules included), and objects that list
     * their properties reject unknown ones: the API server would silently prune a misspelt field, which is exactly
     * the mistake this check is meant to catch.
     */
    static JsonSchema servedSchema(String resource) {
        JsonNode served = null;
        for (JsonNode version : readTree(resource).path("spec").path("versions")) {
            if (version.path("served").asBoolean() && version.path("storage").asBoolean()) {
                served = version;
            }
        }
        if (served == null) {
            throw new IllegalStateException("no served storage version in " + resource);
        }
        JsonNode schema = served.path("schema").path("openAPIV3Schema").deepCopy();
        strict(schema);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
    }

    private static JsonNode readTree(String resource) {
        try (InputStream in = FluxCrds.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<ValidationMessage> validate(JsonSchema schema, GenericKubernetesResource resource) {
        return schema.validate(JSON.valueToTree(resource));
    }

    static Set<ValidationMessage> validate(JsonSchema schema, Map<String, Object> object) {
        return schema.validate(JSON.valueToTree(object));
    }

    private static void strict(JsonNode node) {
        if (node.isArray()) {
            node.forEach(FluxCrds::strict);
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        boolean preserveUnknown = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            if (it.next().startsWith("x-kubernetes-")) {
                it.remove();
            }
        }
        if (object.has("properties") && !object.has("additionalProperties") && !preserveUnknown) {
            object.put("additionalProperties", false);
        }
        // "properties" maps names to schemas: recurse into each schema, never treat the name map as a schema.
        if (object.get("properties") instanceof ObjectNode props) {
            props.forEach(FluxCrds::strict);
        }
        for (String key : new String[] {"items", "additionalProperties", "anyOf", "allOf", "oneOf", "not"}) {
            if (object.has(key)) {
                strict(object.get(key));
            }
        }
    }
}
