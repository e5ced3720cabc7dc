package dev.dpf.api.crd;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsOrArray;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Schemas that fabric8's annotations cannot express: fields whose shape changed between DPF releases and which
 * accept both shapes. They are untyped ({@code x-kubernetes-preserve-unknown-fields}) and constrained with plain
 * OpenAPI keywords, because the API server runs no CEL on untyped fields.
 * <ul>
 *   <li>{@code nodeEffect.drain}: an object {@code {automaticNodeReboot}} (v24.10) or a boolean (later); and drain
 *       excludes every other effect (the object-level CEL rule cannot see an untyped field);</li>
 *   <li>{@code DPUDeployment spec.serviceChains}: a list of switches (v24.10) or an object
 *       {@code {upgradePolicy, switches}} (later).</li>
 * </ul>
 */
final class SchemaUnions {

  private static final List<String> OTHER_EFFECTS = List.of("taint", "noEffect", "customLabel", "customAction", "hold");

  private SchemaUnions() {}

  static void apply(CustomResourceDefinition crd) {
    for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
      JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
      walk(root);
      if ("dpudeployments.svc.dpu.nvidia.com".equals(crd.getMetadata().getName())) {
        JSONSchemaProps spec = root.getProperties().get("spec");
        spec.getProperties().put("serviceChains", listOrObject(spec.getProperties().get("serviceChains"), "switches"));
      }
    }
  }

  private static void walk(JSONSchemaProps schema) {
    if (schema == null) {
      return;
    }
    Map<String, JSONSchemaProps> properties = schema.getProperties();
    if (properties != null) {
      if (isNodeEffect(properties)) {
        drainUnion(schema);
      }
      properties.values().forEach(SchemaUnions::walk);
    }
    if (schema.getItems() != null) {
      walk(schema.getItems().getSchema());
    }
    if (schema.getAdditionalProperties() != null) {
      walk(schema.getAdditionalProperties().getSchema());
    }
  }

  private static boolean isNodeEffect(Map<String, JSONSchemaProps> properties) {
    JSONSchemaProps drain = properties.get("drain");
    return drain != null && drain.getType() == null && properties.containsKey("taint")
        && properties.containsKey("noEffect");
  }

  private static void drainUnion(JSONSchemaProps nodeEffect) {
    JSONSchemaProps drain = nodeEffect.getProperties().get("drain");
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode reboot = f.objectNode().put("automaticNodeReboot", true);
    ObjectNode noReboot = f.objectNode().put("automaticNodeReboot", false);
    drain.setEnum(List.of(BooleanNode.TRUE, BooleanNode.FALSE, f.objectNode(), reboot, noReboot));
    List<JSONSchemaProps> pairs = new ArrayList<>();
    for (String other : OTHER_EFFECTS) {
      if (nodeEffect.getProperties().containsKey(other)) {
        pairs.add(new JSONSchemaPropsBuilder().withRequired("drain", other).build());
      }
    }
    nodeEffect.setNot(new JSONSchemaPropsBuilder().withAnyOf(pairs).build());
  }

  /**
   * Turns the typed object schema generated for {@code field} (via {@code @SchemaFrom}) into "that object, or a list
   * of the items of its {@code listProperty}".
   */
  static JSONSchemaProps listOrObject(JSONSchemaProps object, String listProperty) {
    if (object == null || object.getProperties() == null || !object.getProperties().containsKey(listProperty)) {
      throw new IllegalStateException("expected an object schema with property " + listProperty);
    }
    object.getProperties().values().forEach(SchemaUnions::celToOpenApi);
    JSONSchemaProps list = object.getProperties().get(listProperty);
    JSONSchemaProps union = new JSONSchemaProps();
    union.setDescription(object.getDescription());
    union.setXKubernetesPreserveUnknownFields(true);
    union.setProperties(object.getProperties());
    union.setRequired(object.getRequired() != null && !object.getRequired().isEmpty()
        ? object.getRequired() : List.of(listProperty));
    union.setItems(new JSONSchemaPropsOrArray(null, list.getItems().getSchema()));
    union.setMinItems(list.getMinItems());
    union.setMaxItems(list.getMaxItems());
    // scalars are neither: booleans and "" by enum, other strings by maxLength, numbers by an empty range
    union.setNot(new JSONSchemaPropsBuilder()
        .withEnum(BooleanNode.TRUE, BooleanNode.FALSE, TextNode.valueOf("")).build());
    union.setMaxLength(0L);
    union.setMinimum(1.0);
    union.setMaximum(0.0);
    return union;
  }

  /**
   * Removes CEL rules below an untyped node (not allowed there); the one rule that matters, "exactly one of
   * service / serviceInterface", becomes a oneOf.
   */
  private static void celToOpenApi(JSONSchemaProps schema) {
    if (schema == null) {
      return;
    }
    if (schema.getXKubernetesValidations() != null && !schema.getXKubernetesValidations().isEmpty()) {
      Map<String, JSONSchemaProps> props = schema.getProperties();
      if (props != null && props.containsKey("service") && props.containsKey("serviceInterface")) {
        schema.setOneOf(List.of(new JSONSchemaPropsBuilder().withRequired("service").build(),
            new JSONSchemaPropsBuilder().withRequired("serviceInterface").build()));
      }
      schema.setXKubernetesValidations(null);
    }
    if (schema.getProperties() != null) {
      schema.getProperties().values().forEach(SchemaUnions::celToOpenApi);
    }
    if (schema.getItems() != null) {
      celToOpenApi(schema.getItems().getSchema());
    }
    if (schema.getAdditionalProperties() != null) {
      celToOpenApi(schema.getAdditionalProperties().getSchema());
    }
  }

}
