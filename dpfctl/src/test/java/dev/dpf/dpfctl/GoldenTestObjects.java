package dev.dpf.dpfctl;

/** Small object sets for tests that are not golden cases. */
final class GoldenTestObjects {

  static final String SMALL = """
      apiVersion: operator.dpu.nvidia.com/v1alpha1
      kind: DPFOperatorConfig
      metadata: {name: dpfoperatorconfig, namespace: dpf-operator-system}
      status:
        conditions:
        - {type: Ready, status: 'True', reason: Success, lastTransitionTime: '2025-06-01T11:00:00Z'}
      ---
      apiVersion: svc.dpu.nvidia.com/v1alpha1
      kind: DPUService
      metadata: {name: a, namespace: dpf-operator-system}
      status:
        conditions:
        - {type: Ready, status: 'True', reason: Success, lastTransitionTime: '2025-06-01T11:00:00Z'}
      """;

  private GoldenTestObjects() {}
}
