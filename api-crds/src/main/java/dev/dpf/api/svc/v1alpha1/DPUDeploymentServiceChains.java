package dev.dpf.api.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The later-release (object) shape of {@code DPUDeployment.spec.serviceChains}, the typed view of that untyped
 * field. The v24.10 shape (a plain list of switches) converts to {@code {switches: <list>}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUDeploymentServiceChains {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .build();

  @JsonPropertyDescription("UpgradePolicy of the chain: applyNodeEffect (default true) makes a chain change a "
      + "disruptive new revision.")
  private DPUServiceUpgradePolicy upgradePolicy;

  @JsonPropertyDescription("NodeEffect (interim v25.x field, replaced by upgradePolicy.applyNodeEffect).")
  private Boolean nodeEffect;

  @Required
  @Size(min = 1, max = 50)
  @JsonPropertyDescription("Switches of the generated DPUServiceChain.")
  private List<DPUDeploymentSwitch> switches;

  public DPUDeploymentServiceChains() {}

  public DPUDeploymentServiceChains(List<DPUDeploymentSwitch> switches) {
    this.switches = switches;
  }

  /**
   * Converts the stored value: a list becomes {@code {switches: list}}, an object is read as is, null/absent gives
   * null.
   *
   * @throws IllegalArgumentException for any other JSON type (see {@link #validate})
   */
  public static DPUDeploymentServiceChains fromJson(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isArray()) {
      List<DPUDeploymentSwitch> list = new ArrayList<>();
      for (JsonNode item : node) {
        list.add(MAPPER.convertValue(item, DPUDeploymentSwitch.class));
      }
      return new DPUDeploymentServiceChains(list);
    }
    if (node.isObject()) {
      return MAPPER.convertValue(node, DPUDeploymentServiceChains.class);
    }
    throw new IllegalArgumentException("serviceChains must be a list of switches or an object with switches, got "
        + node.getNodeType());
  }

  /** This value in the later (object) shape. */
  public JsonNode toJson() {
    return MAPPER.valueToTree(this);
  }

  /** The switches in the v24.10 (list) shape; the upgrade policy is dropped. */
  public JsonNode toLegacyJson() {
    return MAPPER.valueToTree(switches == null ? List.of() : switches);
  }

  /** Whether a chain change is disruptive: {@code upgradePolicy.applyNodeEffect}, else nodeEffect, else true. */
  public boolean applyNodeEffect() {
    if (upgradePolicy != null && upgradePolicy.getApplyNodeEffect() != null) {
      return upgradePolicy.getApplyNodeEffect();
    }
    return nodeEffect == null || nodeEffect;
  }

  /**
   * Checks an untyped {@code serviceChains} value against the rules of both shapes (the API server cannot evaluate
   * CEL on an untyped field): list of 1..50 switches, or an object with {@code switches}; each switch 1..50 ports and
   * serviceMTU 1280..9216; each port exactly one of service / serviceInterface; names and label maps bounded.
   *
   * @return error messages {@code <path>: <message>}, empty when valid or absent
   */
  public static List<String> validate(JsonNode node, String path) {
    List<String> errors = new ArrayList<>();
    if (node == null || node.isNull() || node.isMissingNode()) {
      return errors;
    }
    if (node.isArray()) {
      validateSwitches(node, path, errors);
    } else if (node.isObject()) {
      JsonNode switches = node.get("switches");
      if (switches == null || switches.isNull()) {
        errors.add(path + ".switches: Required value");
      } else if (!switches.isArray()) {
        errors.add(path + ".switches: must be a list");
      } else {
        validateSwitches(switches, path + ".switches", errors);
      }
      JsonNode policy = node.get("upgradePolicy");
      if (policy != null && !policy.isNull()) {
        if (!policy.isObject()) {
          errors.add(path + ".upgradePolicy: must be an object");
        } else if (policy.has("applyNodeEffect") && !policy.get("applyNodeEffect").isBoolean()) {
          errors.add(path + ".upgradePolicy.applyNodeEffect: must be a boolean");
        }
      }
      JsonNode nodeEffect = node.get("nodeEffect");
      if (nodeEffect != null && !nodeEffect.isNull() && !nodeEffect.isBoolean()) {
        errors.add(path + ".nodeEffect: must be a boolean");
      }
    } else {
      errors.add(path + ": must be a list of switches (v24.10) or an object with switches (later releases)");
    }
    return errors;
  }

  private static void validateSwitches(JsonNode switches, String path, List<String> errors) {
    size(switches.size(), 1, 50, path, errors);
    for (int i = 0; i < switches.size(); i++) {
      JsonNode sw = switches.get(i);
      String p = path + "[" + i + "]";
      if (!sw.isObject()) {
        errors.add(p + ": must be an object");
        continue;
      }
      JsonNode mtu = sw.get("serviceMTU");
      if (mtu != null && !mtu.isNull()) {
        if (!mtu.isIntegralNumber()) {
          errors.add(p + ".serviceMTU: must be an integer");
        } else if (mtu.asLong() < DPUDeploymentSwitch.MIN_SERVICE_MTU
            || mtu.asLong() > DPUDeploymentSwitch.MAX_SERVICE_MTU) {
          errors.add(p + ".serviceMTU: must be between " + DPUDeploymentSwitch.MIN_SERVICE_MTU + " and "
              + DPUDeploymentSwitch.MAX_SERVICE_MTU);
        }
      }
      JsonNode ports = sw.get("ports");
      if (ports == null || ports.isNull()) {
        errors.add(p + ".ports: Required value");
        continue;
      }
      if (!ports.isArray()) {
        errors.add(p + ".ports: must be a list");
        continue;
      }
      size(ports.size(), 1, 50, p + ".ports", errors);
      for (int j = 0; j < ports.size(); j++) {
        validatePort(ports.get(j), p + ".ports[" + j + "]", errors);
      }
    }
  }

  private static void validatePort(JsonNode port, String path, List<String> errors) {
    if (!port.isObject()) {
      errors.add(path + ": must be an object");
      return;
    }
    boolean service = present(port.get("service"));
    boolean serviceInterface = present(port.get("serviceInterface"));
    if (service == serviceInterface) {
      errors.add(path + ": either service or serviceInterface must be specified");
    }
    if (service) {
      JsonNode s = port.get("service");
      if (!s.isObject()) {
        errors.add(path + ".service: must be an object");
      } else {
        string(s.get("name"), 1, 28, path + ".service.name", errors);
        string(s.get("interface"), 1, 15, path + ".service.interface", errors);
        ipam(s.get("ipam"), path + ".service.ipam", errors);
      }
    }
    if (serviceInterface) {
      JsonNode s = port.get("serviceInterface");
      if (!s.isObject()) {
        errors.add(path + ".serviceInterface: must be an object");
      } else {
        labels(s.get("matchLabels"), path + ".serviceInterface.matchLabels", errors);
        ipam(s.get("ipam"), path + ".serviceInterface.ipam", errors);
      }
    }
  }

  private static void ipam(JsonNode ipam, String path, List<String> errors) {
    if (!present(ipam)) {
      return;
    }
    if (!ipam.isObject()) {
      errors.add(path + ": must be an object");
      return;
    }
    labels(ipam.get("matchLabels"), path + ".matchLabels", errors);
    for (String flag : List.of("defaultGateway", "setDefaultRoute")) {
      if (present(ipam.get(flag)) && !ipam.get(flag).isBoolean()) {
        errors.add(path + "." + flag + ": must be a boolean");
      }
    }
  }

  private static void labels(JsonNode labels, String path, List<String> errors) {
    if (!present(labels)) {
      errors.add(path + ": Required value");
      return;
    }
    if (!labels.isObject()) {
      errors.add(path + ": must be a map of strings");
      return;
    }
    size(labels.size(), 1, 50, path, errors);
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        errors.add(path + "." + e.getKey() + ": must be a string");
      }
    }
  }

  private static void string(JsonNode value, int min, int max, String path, List<String> errors) {
    if (!present(value)) {
      errors.add(path + ": Required value");
    } else if (!value.isTextual()) {
      errors.add(path + ": must be a string");
    } else if (value.textValue().length() < min || value.textValue().length() > max) {
      errors.add(path + ": length must be between " + min + " and " + max);
    }
  }

  private static void size(int size, int min, int max, String path, List<String> errors) {
    if (size < min) {
      errors.add(path + ": should have at least " + min + " items");
    } else if (size > max) {
      errors.add(path + ": must have at most " + max + " items");
    }
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull() && !node.isMissingNode();
  }

  public DPUServiceUpgradePolicy getUpgradePolicy() {
    return upgradePolicy;
  }

  public void setUpgradePolicy(DPUServiceUpgradePolicy upgradePolicy) {
    this.upgradePolicy = upgradePolicy;
  }

  public Boolean getNodeEffect() {
    return nodeEffect;
  }

  public void setNodeEffect(Boolean nodeEffect) {
    this.nodeEffect = nodeEffect;
  }

  public List<DPUDeploymentSwitch> getSwitches() {
    return switches;
  }

  public void setSwitches(List<DPUDeploymentSwitch> switches) {
    this.switches = switches;
  }
}
