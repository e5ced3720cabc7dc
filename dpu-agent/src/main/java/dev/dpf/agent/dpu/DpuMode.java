package dev.dpf.agent.dpu;

import dev.dpf.agent.AgentContext;
import dev.dpf.agent.AgentMode;
import dev.dpf.agent.AgentOptions;
import dev.dpf.agent.ovs.OvsSettings;
import java.nio.file.Path;

/**
 * DPU mode ({@code --mode=dpu}, upstream's sfc-controller): the {@link DpuModeAgent} controllers for this DPU node's
 * ServiceInterfaces and ServiceChains, on the agent's operator and client (the DPU cluster). Open vSwitch is found
 * through {@code DPF_OVS_RUN_DIR} (default {@code /var/run/openvswitch}: db.sock and the bridge sockets).
 */
public final class DpuMode implements AgentMode {

  @Override
  public String name() {
    return AgentOptions.MODE_DPU;
  }

  @Override
  public void register(AgentContext context) {
    String runDir = System.getenv().getOrDefault("DPF_OVS_RUN_DIR", OvsSettings.DEFAULT_RUN_DIR.toString());
    AgentConfig config = AgentConfig.defaults().withWatchNamespaces(context.options().watchNamespaces());
    DpuModeAgent agent = new DpuModeAgent(context.client(), context.options().nodeName(),
        OvsSettings.inRunDir(Path.of(runDir)), config);
    agent.attach(context.operator());
    context.onStop(agent);
  }
}
