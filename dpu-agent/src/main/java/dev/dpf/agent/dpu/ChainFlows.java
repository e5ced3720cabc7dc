package dev.dpf.agent.dpu;

import java.util.ArrayList;
import java.util.List;

/** Generates the flow lines of a chain (reference §3.9): pure, one list of resolved ports per switch. */
public final class ChainFlows {

  /** PTP multicast MAC forwarded between the uplink and a service by the custom flows. */
  public static final String PTP_MAC = "01:80:c2:00:00:0e";
  static final String MULTICAST = "01:00:00:00:00:00/01:00:00:00:00:00";

  /**
   * A resolved port of a switch.
   *
   * @param ofport the OpenFlow port number
   * @param physical whether the ServiceInterface is of type physical (an uplink)
   * @param customFlows whether it is a service port whose pod asks for the PTP custom flows
   *     ({@code svc.dpu.nvidia.com/custom-flows: firefly})
   */
  public record Port(long ofport, boolean physical, boolean customFlows) {
    public static Port of(long ofport) {
      return new Port(ofport, false, false);
    }
  }

  private ChainFlows() {}

  /** Every line of a chain, switch by switch; switches with fewer than two ports produce nothing. */
  public static List<String> generate(FlowPipeline pipeline, long cookie, List<List<Port>> switches) {
    List<String> lines = new ArrayList<>();
    for (List<Port> ports : switches) {
      lines.addAll(forSwitch(pipeline, cookie, ports));
    }
    return lines;
  }

  public static List<String> forSwitch(FlowPipeline pipeline, long cookie, List<Port> ports) {
    List<String> lines = new ArrayList<>();
    if (ports.size() < 2) {
      return lines;
    }
    String c = Fnv.cookieText(cookie);
    for (Port in : ports) {
      List<Port> peers = ports.stream().filter(p -> p != in).toList();
      List<String> learns = new ArrayList<>();
      List<String> outputs = new ArrayList<>();
      for (Port peer : peers) {
        outputs.add("output:" + peer.ofport());
      }
      if (pipeline == FlowPipeline.SINGLE_TABLE) {
        for (Port peer : peers) {
          learns.add(learn(c, 0, FlowPipeline.PRIORITY_V2410_LEARNT, peer.ofport()));
        }
        lines.add("cookie=" + c + ", table=0, priority=" + FlowPipeline.PRIORITY_V2410_STATIC + ", in_port="
            + in.ofport() + " actions=" + String.join(",", learns) + "," + String.join(",", outputs));
      } else {
        for (Port peer : peers) {
          learns.add(learn(c, FlowPipeline.SWITCHING_TABLE, FlowPipeline.PRIORITY_UNICAST_LEARNT, peer.ofport()));
        }
        lines.add("cookie=" + c + ", table=" + FlowPipeline.LEARNING_TABLE + ", priority="
            + FlowPipeline.PRIORITY_UNICAST + ", in_port=" + in.ofport() + " actions=" + String.join(",", learns)
            + ",resubmit(," + FlowPipeline.SWITCHING_TABLE + ")");
        lines.add("cookie=" + c + ", table=" + FlowPipeline.SWITCHING_TABLE + ", priority="
            + FlowPipeline.PRIORITY_MULTICAST + ", in_port=" + in.ofport() + ", dl_dst=" + MULTICAST + " actions="
            + String.join(",", outputs));
        lines.add("cookie=" + c + ", table=" + FlowPipeline.SWITCHING_TABLE + ", priority="
            + FlowPipeline.PRIORITY_UNICAST + ", in_port=" + in.ofport() + " actions=" + String.join(",", outputs));
      }
    }
    List<Port> uplinks = ports.stream().filter(Port::physical).toList();
    if (uplinks.size() == 1) {
      Port uplink = uplinks.get(0);
      for (Port service : ports.stream().filter(Port::customFlows).toList()) {
        lines.add(custom(c, uplink.ofport(), service.ofport()));
        lines.add(custom(c, service.ofport(), uplink.ofport()));
      }
    }
    return lines;
  }

  private static String learn(String cookie, int table, int priority, long inPort) {
    return "learn(cookie=" + cookie + ",idle_timeout=10,table=" + table + ",priority=" + priority + ",in_port="
        + inPort + ",dl_dst=dl_src,output:NXM_OF_IN_PORT[])";
  }

  private static String custom(String cookie, long in, long out) {
    return "cookie=" + cookie + ", table=0, priority=" + FlowPipeline.PRIORITY_CUSTOM + ", in_port=" + in
        + ", dl_dst=" + PTP_MAC + ", actions=output=" + out;
  }
}
