package dev.dpf.provisioning.dpu;

import dev.dpf.common.cluster.DpuClusterClients;
import dev.dpf.common.events.EventRecorder;
import dev.dpf.common.status.StatusConditions;
import dev.dpf.dms.DmsEndpoints;
import dev.dpf.dms.HostOps;
import dev.dpf.provisioning.bfb.BfbVolume;
import dev.dpf.provisioning.dpucluster.DpuClusterAllocator;
import dev.dpf.provisioning.nodeeffect.NodeEffects;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/** Everything the phases use, wired once by {@link DpuControllers}. */
final class DpuServices {

  final KubernetesClient client;
  final Clock clock;
  final StatusConditions conditions;
  final EventRecorder events;
  final ProvisioningSettings settings;
  final DpuControllerOptions options;
  final DmsEndpoints endpoints;
  final HostOps hostOps;
  final NodeEffects nodeEffects;
  final DpuClusterAllocator allocator;
  final DpuClusterClients dpuClusters;
  final DpuClusterNodes clusterNodes;
  final BfbVolume volume;
  final BackgroundTasks tasks;
  final DpuInstaller installer;
  final DpuResources resources;
  final DpuWatches watches = new DpuWatches();
  final DpuMetrics metrics;

  DpuServices(KubernetesClient client, Clock clock, StatusConditions conditions, EventRecorder events,
      ProvisioningSettings settings, DpuControllerOptions options, DmsEndpoints endpoints, HostOps hostOps,
      DpuClusterAllocator allocator, DpuClusterClients dpuClusters, DpuClusterNodes clusterNodes, BfbVolume volume,
      BackgroundTasks tasks, DpuInstaller installer, DpuMetrics metrics) {
    this.client = client;
    this.clock = clock;
    this.conditions = conditions;
    this.events = events;
    this.settings = settings;
    this.options = options;
    this.endpoints = endpoints;
    this.hostOps = hostOps;
    this.nodeEffects = new NodeEffects(client);
    this.allocator = allocator;
    this.dpuClusters = dpuClusters;
    this.clusterNodes = clusterNodes;
    this.volume = volume;
    this.tasks = tasks;
    this.installer = installer;
    this.resources = new DpuResources(client, dpuClusters);
    this.metrics = metrics;
  }
}
