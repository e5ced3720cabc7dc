package dev.dpf.provisioning.dpuset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dpf.api.provisioning.v1alpha1.DPU;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectationsTest {

  private final Expectations expectations = new Expectations(Clock.systemUTC());

  private static DPU dpu(String name, String uid) {
    DPU dpu = new DPU();
    dpu.getMetadata().setName(name);
    dpu.getMetadata().setUid(uid);
    return dpu;
  }

  @Test
  void aCreateIsPendingUntilTheCacheShowsIt() {
    expectations.created("ns/set", "a");
    expectations.observe("ns/set", List.of());
    assertThat(expectations.pendingCreates("ns/set")).containsExactly("a");

    expectations.observe("ns/set", List.of(dpu("a", "u1")));
    assertThat(expectations.pendingCreates("ns/set")).isEmpty();
  }

  @Test
  void aCreateSeenByTheInformerIsMetEvenIfTheDpuIsGoneBeforeTheNextReconcile() {
    expectations.created("ns/set", "a");
    expectations.createObserved("ns/set", "a");
    // the DPU was deleted before a reconcile saw it: the cache shows nothing, and nothing is pending
    expectations.observe("ns/set", List.of());
    assertThat(expectations.pendingCreates("ns/set")).isEmpty();
  }

  @Test
  void aFailedCreateIsNotPending() {
    expectations.created("ns/set", "a");
    expectations.createFailed("ns/set", "a");
    assertThat(expectations.pendingCreates("ns/set")).isEmpty();
  }

  @Test
  void deletesArePendingWhileTheCacheStillShowsTheDpuLive() {
    expectations.deleted("ns/set", "u1");
    expectations.observe("ns/set", List.of(dpu("a", "u1")));
    assertThat(expectations.pendingDeletes("ns/set")).containsExactly("u1");
    expectations.observe("ns/set", List.of());
    assertThat(expectations.pendingDeletes("ns/set")).isEmpty();
  }
}
