package dev.dpf.agent.dpu;

import dev.dpf.agent.ovs.OfFlow;

/**
 * The OpenFlow layout of a chain's switches (reference §3.9). Both are learning switches: frames are flooded to every
 * other port of the switch and the source MAC is learned (idle timeout 10 s) so replies go to one port only.
 */
public enum FlowPipeline {
  /** v24.10: table 0 only; static flows priority 20, learned flows priority 30. */
  SINGLE_TABLE(0, 30),
  /**
   * Later releases (default): table 0 learns and resubmits to table 1; table 1 has multicast (priority 2), learned
   * unicast (1) and flooding unicast (0).
   */
  TWO_TABLE(1, 1);

  public static final int LEARNING_TABLE = 0;
  public static final int SWITCHING_TABLE = 1;
  public static final int PRIORITY_MULTICAST = 2;
  public static final int PRIORITY_UNICAST_LEARNT = 1;
  public static final int PRIORITY_UNICAST = 0;
  public static final int PRIORITY_V2410_STATIC = 20;
  public static final int PRIORITY_V2410_LEARNT = 30;
  public static final int PRIORITY_CUSTOM = 50;

  private final int learnedTable;
  private final int learnedPriority;

  FlowPipeline(int learnedTable, int learnedPriority) {
    this.learnedTable = learnedTable;
    this.learnedPriority = learnedPriority;
  }

  /** Whether a flow of a chain's cookie was created by a learn action (never deleted by a re-apply). */
  public boolean isLearned(OfFlow flow) {
    return flow.table() == learnedTable && flow.priority() == learnedPriority;
  }
}
