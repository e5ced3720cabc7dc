package dev.dpf.agent.dpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpf.agent.ovs.OfFlow;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The atomic re-apply of a chain: obsolete static flows deleted, learned flows kept, wanted flows added. */
class FlowPlanTest {

  static final long C = 0x76d7c02f63d63171L;

  /** Lines as {@code ovs-ofctl --no-names --no-stats dump-flows} prints them. */
  static final List<OfFlow> DUMP = List.of(
      OfFlow.parse(" cookie=0x76d7c02f63d63171, priority=0,in_port=1 actions=learn(table=1,idle_timeout=10,"
          + "priority=1,cookie=0x76d7c02f63d63171,in_port=12,NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[],"
          + "output:NXM_OF_IN_PORT[]),resubmit(,1)"),
      OfFlow.parse(" cookie=0x76d7c02f63d63171, table=1, priority=2,in_port=1,"
          + "dl_dst=01:00:00:00:00:00/01:00:00:00:00:00 actions=output:12"),
      OfFlow.parse(" cookie=0x76d7c02f63d63171, table=1, priority=0,in_port=1 actions=output:12"),
      OfFlow.parse(" cookie=0x76d7c02f63d63171, table=1, idle_timeout=10, priority=1,in_port=12,"
          + "dl_dst=52:54:00:00:00:01 actions=output:1"),
      OfFlow.parse(" cookie=0x5, priority=0,in_port=1 actions=drop"));

  @Test
  void parsesDumpLines() {
    assertThat(DUMP.get(0).cookie()).isEqualTo(C);
    assertThat(DUMP.get(0).table()).isZero();
    assertThat(DUMP.get(1).key()).isEqualTo("1/2/dl_dst=01:00:00:00:00:00/01:00:00:00:00:00,in_port=1");
    assertThat(DUMP.get(3).match()).containsExactly("in_port=12", "dl_dst=52:54:00:00:00:01");
    assertThat(OfFlow.parse("cookie=8563524526239265137, table=1, priority=2, in_port=1, "
        + "dl_dst=01:00:00:00:00:00/01:00:00:00:00:00 actions=output:12").key()).isEqualTo(DUMP.get(1).key());
    assertThat(OfFlow.parse("cookie=1, table=0, priority=50, in_port=1, dl_dst=01:80:c2:00:00:0e, "
        + "actions=output=4").match()).containsExactly("in_port=1", "dl_dst=01:80:c2:00:00:0e");
  }

  @Test
  void replacesStaticFlowsAndKeepsLearnedOnes() {
    List<String> desired = ChainFlows.generate(FlowPipeline.TWO_TABLE, C, List.of(List.of(
        ChainFlows.Port.of(1), ChainFlows.Port.of(13))));
    List<String> lines = FlowPlan.lines(FlowPipeline.TWO_TABLE, C, DUMP, desired);
    // the in_port=1 flows keep their keys (actions change through add); nothing to delete
    assertThat(lines).noneMatch(l -> l.startsWith("delete"));
    assertThat(lines).hasSize(6).allMatch(l -> l.startsWith("add cookie=8563524526239265137, "));

    List<String> other = ChainFlows.generate(FlowPipeline.TWO_TABLE, C, List.of(List.of(
        ChainFlows.Port.of(2), ChainFlows.Port.of(13))));
    assertThat(FlowPlan.lines(FlowPipeline.TWO_TABLE, C, DUMP, other)).startsWith(
        "delete_strict cookie=0x76d7c02f63d63171/-1, table=0,priority=0,in_port=1",
        "delete_strict cookie=0x76d7c02f63d63171/-1, table=1,priority=2,in_port=1,"
            + "dl_dst=01:00:00:00:00:00/01:00:00:00:00:00",
        "delete_strict cookie=0x76d7c02f63d63171/-1, table=1,priority=0,in_port=1")
        .hasSize(9);
  }

  @Test
  void nothingWantedDeletesTheStaticFlows() {
    assertThat(FlowPlan.lines(FlowPipeline.TWO_TABLE, C, DUMP, List.of())).hasSize(3)
        .allMatch(l -> l.startsWith("delete_strict"));
    assertThat(FlowPlan.lines(FlowPipeline.TWO_TABLE, 99, DUMP, List.of())).isEmpty();
  }

  @Test
  void inPlaceComparesKeys() {
    List<String> desired = ChainFlows.generate(FlowPipeline.TWO_TABLE, C, List.of(List.of(
        ChainFlows.Port.of(1), ChainFlows.Port.of(12))));
    assertThat(FlowPlan.inPlace(FlowPipeline.TWO_TABLE, C, DUMP, desired)).isFalse();
    assertThat(FlowPlan.inPlace(FlowPipeline.TWO_TABLE, C, DUMP, desired.subList(0, 3))).isTrue();
  }
}
