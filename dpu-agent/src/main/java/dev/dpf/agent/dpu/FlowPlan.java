package dev.dpf.agent.dpu;

import dev.dpf.agent.ovs.OfFlow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What to send to bring a chain's flows from what the bridge has to what the chain wants, as one atomic bundle:
 * {@code delete_strict} of every static flow of the chain's cookie that is no longer wanted (learned flows are left
 * to their idle timeout), then {@code add} of every wanted flow (an add of an existing flow replaces its actions).
 */
public final class FlowPlan {

  private FlowPlan() {}

  /** The bundle lines; empty when the bridge has nothing of this cookie and nothing is wanted. */
  public static List<String> lines(FlowPipeline pipeline, long cookie, List<OfFlow> current, List<String> desired) {
    Set<String> wanted = new HashSet<>();
    for (String line : desired) {
      wanted.add(OfFlow.parse(line).key());
    }
    List<String> lines = new ArrayList<>();
    String mask = "cookie=" + OfFlow.cookieHex(cookie) + "/-1, ";
    for (OfFlow flow : current) {
      if (flow.cookie() == cookie && !pipeline.isLearned(flow) && !wanted.contains(flow.key())) {
        lines.add("delete_strict " + mask + flow.matchSpec());
      }
    }
    for (String line : desired) {
      lines.add("add " + line);
    }
    return lines;
  }

  /** Whether the bridge holds exactly the wanted static flows of the cookie (by table, priority and match). */
  public static boolean inPlace(FlowPipeline pipeline, long cookie, List<OfFlow> current, List<String> desired) {
    Set<String> wanted = new HashSet<>();
    for (String line : desired) {
      wanted.add(OfFlow.parse(line).key());
    }
    Set<String> present = new HashSet<>();
    for (OfFlow flow : current) {
      if (flow.cookie() == cookie && !pipeline.isLearned(flow)) {
        present.add(flow.key());
      }
    }
    return present.equals(wanted);
  }
}
