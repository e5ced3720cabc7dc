package dev.dpf.provisioning.nodeeffect;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import dev.dpf.api.provisioning.v1alpha1.NodeEffect;
import dev.dpf.api.provisioning.v1alpha1.ProvisioningLabels;
import dev.dpf.common.rbac.Rbac;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node effects of a DPU on its host Node (reference 6.2, 9.3, 9.12–9.14, 11.6), for the DPU controller.
 *
 * <table>
 *   <caption>What each effect does</caption>
 *   <tr><th>effect</th><th>{@link #apply}</th><th>{@link #releaseOnReady}</th><th>{@link #releaseAll}</th></tr>
 *   <tr><td>{@code noEffect} / none</td><td>nothing</td><td>nothing</td><td>nothing</td></tr>
 *   <tr><td>{@code taint}</td><td>add unless a taint with the same key exists</td><td>remove taints with the
 *       key</td><td>remove taints with the key</td></tr>
 *   <tr><td>{@code customLabel}</td><td>set the labels</td><td>nothing (quirk Q10: labels stay while
 *       Ready)</td><td>remove the labels that still have our values</td></tr>
 *   <tr><td>{@code drain}</td><td>create or join the host's NodeMaintenance; done when it is
 *       Ready</td><td colspan="2">leave the NodeMaintenance; the last DPU removes the requestor, then deletes
 *       it ({@link NodeMaintenances})</td></tr>
 *   <tr><td>{@code hold}</td><td>set annotation {@value ProvisioningLabels#WAIT_FOR_EXTERNAL_NODEEFFECT}
 *       {@code "true"} on the DPU when absent; done once someone sets it to a false Go bool</td><td>nothing</td>
 *       <td>nothing</td></tr>
 *   <tr><td>{@code customAction}</td><td colspan="3">not supported: {@link NodeEffectException} (terminal,
 *       {@value #REASON_INVALID_NODE_EFFECT})</td></tr>
 * </table>
 *
 * <p>Every method is idempotent and cheap to call on each reconcile: given the host Node from an informer cache it
 * makes no API call when nothing changes (drain and hold read their object). Waiting is reported as a
 * {@link NodeEffectResult} that is not done (the caller watches NodeMaintenances / its DPU and is woken by their
 * events); failures throw {@link NodeEffectException}. The effect type comes from {@link NodeEffect#effectType()}
 * (upstream precedence; both shapes of {@code drain}).
 */
@Rbac(group = "provisioning.dpu.nvidia.com", resources = {"dpus"}, verbs = {"get", "patch"})
public final class NodeEffects {

  /** DPU {@code NodeEffectReady} reason for API failures (upstream spelling). */
  public static final String REASON_ERROR_OCCURED = "ErrorOccured";
  /** DPU {@code NodeEffectReady} reason while the NodeMaintenance is not Ready (later releases). */
  public static final String REASON_NODE_MAINTENANCE_NOT_READY = "NodeMaintenanceIsNotReady";
  /** DPU {@code NodeEffectReady} reason while held (later releases). */
  public static final String REASON_EXTERNAL_NODE_EFFECT = "ExternalNodeEffect";
  public static final String MESSAGE_EXTERNAL_NODE_EFFECT = "DPU is in wait-for-external-nodeeffect node effect";
  /** DPU {@code NodeEffectReady} reason for a node effect this release cannot carry out (later releases). */
  public static final String REASON_INVALID_NODE_EFFECT = "InvalidNodeEffect";

  static final NodeEffect.Type DRAIN = NodeEffect.Type.DRAIN;

  private final KubernetesClient client;
  private final HostNodes nodes;
  private final NodeMaintenances maintenances;

  public NodeEffects(KubernetesClient client) {
    this.client = client;
    this.nodes = new HostNodes(client);
    this.maintenances = new NodeMaintenances(client);
  }

  public NodeMaintenances maintenances() {
    return maintenances;
  }

  /** Applies the DPU's node effect; reads the host Node when needed. */
  public NodeEffectResult apply(DPU dpu) {
    return apply(dpu, null);
  }

  /**
   * Applies the DPU's node effect.
   *
   * @param hostNode the host Node as the caller knows it (e.g. from an informer), or null to read it
   */
  public NodeEffectResult apply(DPU dpu, Node hostNode) {
    NodeEffect effect = effect(dpu);
    NodeEffect.Type type = effect.effectType();
    String nodeName = dpu.getSpec().getNodeName();
    switch (type) {
      case CUSTOM_LABEL -> nodes.addLabels(nodeName, hostNode, effect.getCustomLabel());
      case TAINT -> nodes.ensureTaint(nodeName, hostNode, effect.getTaint());
      case DRAIN -> {
        return maintenances.apply(dpu, nodeName, extraRequestors(effect));
      }
      case HOLD -> {
        return hold(dpu);
      }
      case CUSTOM_ACTION -> throw unsupported("customAction");
      default -> {
        // noEffect, or no effect at all: nothing to do on the host
      }
    }
    return NodeEffectResult.done(type);
  }

  /** Releases what must not outlive provisioning once the DPU is Ready: taint and drain (not customLabel, Q10). */
  public NodeEffectResult releaseOnReady(DPU dpu) {
    return releaseOnReady(dpu, null);
  }

  public NodeEffectResult releaseOnReady(DPU dpu, Node hostNode) {
    return release(dpu, hostNode, false);
  }

  /** Removes the node effect completely (DPU in Error or being deleted): taint, customLabel and drain. */
  public NodeEffectResult releaseAll(DPU dpu) {
    return releaseAll(dpu, null);
  }

  public NodeEffectResult releaseAll(DPU dpu, Node hostNode) {
    return release(dpu, hostNode, true);
  }

  private NodeEffectResult release(DPU dpu, Node hostNode, boolean all) {
    NodeEffect effect = effect(dpu);
    NodeEffect.Type type = effect.effectType();
    String nodeName = dpu.getSpec().getNodeName();
    switch (type) {
      case TAINT -> nodes.removeTaint(nodeName, hostNode, effect.getTaint().getKey());
      case CUSTOM_LABEL -> {
        if (all) {
          nodes.removeLabels(nodeName, hostNode, effect.getCustomLabel());
        }
      }
      case DRAIN -> {
        return maintenances.release(dpu, nodeName);
      }
      default -> {
        // noEffect, hold, customAction: nothing on the host to undo
      }
    }
    return NodeEffectResult.done(type);
  }

  /** The hold effect (11.6): mark the DPU as held once, then wait for a false value. */
  private NodeEffectResult hold(DPU dpu) {
    Map<String, String> annotations = dpu.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(ProvisioningLabels.WAIT_FOR_EXTERNAL_NODEEFFECT);
    if (value == null) {
      String patch = HostNodes.json(Map.of("metadata", Map.of("annotations",
          Map.of(ProvisioningLabels.WAIT_FOR_EXTERNAL_NODEEFFECT, "true"))));
      try {
        client.resources(DPU.class).inNamespace(dpu.getMetadata().getNamespace())
            .withName(dpu.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
      } catch (KubernetesClientException e) {
        throw new NodeEffectException(REASON_ERROR_OCCURED, "setting annotation "
            + ProvisioningLabels.WAIT_FOR_EXTERNAL_NODEEFFECT + " on DPU " + dpu.getMetadata().getName()
            + " failed: " + message(e), false, e);
      }
    } else if (ProvisioningLabels.parseGoBool(value).equals(Optional.of(Boolean.FALSE))) {
      return NodeEffectResult.done(NodeEffect.Type.HOLD);
    }
    return NodeEffectResult.waiting(NodeEffect.Type.HOLD, REASON_EXTERNAL_NODE_EFFECT, MESSAGE_EXTERNAL_NODE_EFFECT);
  }

  private static NodeEffect effect(DPU dpu) {
    NodeEffect effect = dpu.getSpec().getNodeEffect();
    if (effect == null) {
      // the schema default; a DPU read from the API server always has one
      effect = NodeEffect.drain(true);
    }
    if (!effect.drainShapeValid()) {
      throw new NodeEffectException(REASON_INVALID_NODE_EFFECT, "invalid node effect: drain must be a boolean or an "
          + "object {automaticNodeReboot: <boolean>}", true, null);
    }
    return effect;
  }

  private static List<String> extraRequestors(NodeEffect effect) {
    List<String> extra = new ArrayList<>();
    if (effect.getNodeMaintenanceAdditionalRequestors() != null) {
      extra.addAll(effect.getNodeMaintenanceAdditionalRequestors());
    }
    if (effect.getUpgradePolicy() != null && effect.getUpgradePolicy().getNodeMaintenanceAdditionalRequestors() != null) {
      effect.getUpgradePolicy().getNodeMaintenanceAdditionalRequestors().stream().filter(r -> !extra.contains(r))
          .forEach(extra::add);
    }
    return extra;
  }

  private static NodeEffectException unsupported(String effect) {
    return new NodeEffectException(REASON_INVALID_NODE_EFFECT, "node effect (" + effect + ") is not supported by "
        + "this release", true, null);
  }

  static String message(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getStatus().getMessage();
    }
    return e.getMessage();
  }
}
