package dev.dpf.provisioning.bfcfg;

/** The files bf.cfg writes on the DPU through cloud-init (reference 9.7), as text. */
final class Scripts {

  private Scripts() {}

  /** networkd bridge br-comm-ch over the host-facing VF representor pf0vf0, addressed by DHCP. */
  static final String COMM_CH_NETPLAN = """
      network:
        version: 2
        renderer: networkd
        ethernets:
          pf0vf0: {}
        bridges:
          br-comm-ch:
            dhcp4: yes
            interfaces:
              - pf0vf0
      """;

  /** OOB port without DHCP; the tmfifo (rshim) link with its fixed address. */
  static final String OOB_TMFIFO_NETPLAN = """
      network:
        version: 2
        renderer: networkd
        ethernets:
          oob_net0:
            dhcp4: false
          tmfifo_net0:
            dhcp4: false
            addresses:
              - 192.168.100.2/30
      """;

  static final String SYSCTL_APPEND = """
      net.ipv4.ip_forward=1
      net.bridge.bridge-nf-call-iptables=1
      net.bridge.bridge-nf-call-ip6tables=1
      """;

  /** The standard kubeadm kubelet drop-in. */
  static final String KUBELET_DROP_IN = """
      [Service]
      Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf \
      --kubeconfig=/etc/kubernetes/kubelet.conf"
      Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
      EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
      EnvironmentFile=-/etc/default/kubelet
      ExecStart=
      ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
      """;

  static final String KUBEADM_JOIN_SERVICE = """
      [Unit]
      Description=DPF: join this DPU to its DPU cluster with kubeadm
      After=network-online.target
      Wants=network-online.target

      [Service]
      Type=simple
      ExecStart=/bin/bash /opt/dpf/join_k8s_cluster.sh

      [Install]
      WantedBy=multi-user.target
      """;

  static final String BOOTSTRAP_DPF_SERVICE = """
      [Unit]
      Description=DPF: create the scalable functions DPF needs
      After=network-online.target
      Wants=network-online.target
      Before=kubelet.service

      [Service]
      Type=oneshot
      ExecStart=/bin/bash /opt/dpf/configure-sfs.sh setup

      [Install]
      WantedBy=multi-user.target
      """;

  static final String RESOLVED_CONF = """
      [Resolve]
      DNSStubListener=no
      """;

  static final String NETWORK_MANAGER_CONF = """
      [main]
      dns=none
      """;

  static final String CLEANUP_DNS = """
      #!/bin/bash
      set -euo pipefail
      RESOLV_CONF=/etc/resolv.conf
      if [ -e "${RESOLV_CONF}" ] || [ -L "${RESOLV_CONF}" ]; then
          cp -P -p "${RESOLV_CONF}" "${RESOLV_CONF}.bak"
          rm -f "${RESOLV_CONF}"
      fi
      ln -s /var/run/systemd/resolve/resolv.conf "${RESOLV_CONF}"
      systemctl mask dnsmasq
      """;

  static final String REMOVE_KUBELET_DROP_IN = """
      #!/bin/bash
      DROP_IN=/usr/lib/systemd/system/kubelet.service.d/90-kubelet-bluefield.conf
      if [ -f "${DROP_IN}" ]; then
          cp -p "${DROP_IN}" "${DROP_IN}.bak"
          rm -f "${DROP_IN}"
      fi
      """;

  /** Creates scalable functions 0..count-1 on the first PF; errors (e.g. an existing SF) are ignored. */
  static String configureSfs(int count) {
    return """
        #!/bin/bash
        set -x
        PF_TOTAL_SF=%d
        case "$1" in
            setup) ;;
            *) echo "usage: $0 setup"; exit 1 ;;
        esac
        for i in $(seq 0 $((PF_TOTAL_SF - 1))); do
            /sbin/mlnx-sf --action create --device 0000:03:00.0 --sfnum "${i}" || true
        done
        """.formatted(count);
  }

  /**
   * Waits for br-comm-ch and its IPv4 address, enables kubelet, and runs the join command until it succeeds (5 s
   * apart, removing a half-written CA and bootstrap kubeconfig between attempts). A marker file prevents re-joining
   * after a DPU reboot.
   */
  static String joinScript(String joinCommand) {
    return """
        #!/bin/bash
        BRIDGE=br-comm-ch
        MARKER=/opt/dpf/joined_cluster_successfully
        until [ -d "/sys/class/net/${BRIDGE}" ]; do
            sleep 5
        done
        until ip -4 addr show "${BRIDGE}" | grep -q 'inet '; do
            sleep 5
        done
        systemctl enable kubelet
        if [ -e "${MARKER}" ]; then
            echo "${MARKER} exists: this DPU already joined its cluster"
            exit 0
        fi
        while true; do
            if %s; then
                touch "${MARKER}"
                exit 0
            fi
            sleep 5
            rm -f /etc/kubernetes/pki/ca.crt /etc/kubernetes/bootstrap-kubelet.conf
        done
        """.formatted(joinCommand);
  }

  static String setNvconfig(String parameters) {
    return """
        #!/bin/bash
        set -e
        for dev in /dev/mst/*; do
            echo "setting NVConfig on ${dev}"
            mlxconfig -d "${dev}" -y set %s
        done
        """.formatted(parameters);
  }

  static String ovs(String script) {
    return "#!/bin/bash\nset -e\n" + script + (script.endsWith("\n") ? "" : "\n");
  }

  /** Applies grub changes; reboots the DPU itself when the controller will not reboot the host. */
  static String restart(boolean additionalReboot) {
    return "#!/bin/bash\nset -e\nupdate-grub\n" + (additionalReboot ? "reboot\n" : "");
  }

  /**
   * Makes nvcr.io pulls go through {@code endpoint} and skips TLS verification for nvcr.io: sets the two keys in
   * {@code /etc/containerd/config.toml}, under plugin {@code io.containerd.cri.v1.images} for containerd 2 and later,
   * {@code io.containerd.grpc.v1.cri} before. An existing table gets its key replaced, a missing one is appended.
   */
  static String configContainerd(String endpoint) {
    return """
        #!/bin/bash
        set -e
        CONFIG=/etc/containerd/config.toml
        ENDPOINT=%s
        if [ ! -f "${CONFIG}" ]; then
            echo "${CONFIG} not found"
            exit 1
        fi
        MAJOR=$(containerd --version | awk '{print $3}' | sed 's/^v//' | cut -d. -f1)
        if [ "${MAJOR:-1}" -ge 2 ] 2>/dev/null; then
            PLUGIN=io.containerd.cri.v1.images
        else
            PLUGIN=io.containerd.grpc.v1.cri
        fi
        # set_key <table> <key> <value>: replace the key inside [table], or append the table with the key
        set_key() {
            awk -v table="[$1]" -v key="$2" -v value="$3" '
                { trimmed = $0; gsub(/^[ \\t]+|[ \\t]+$/, "", trimmed) }
                trimmed == table { print; print "  " key " = " value; inside = 1; found = 1; next }
                inside && substr(trimmed, 1, 1) == "[" { inside = 0 }
                inside && index(trimmed, key) == 1 && substr(trimmed, length(key) + 1) ~ /^[ \\t]*=/ { next }
                { print }
                END { if (!found) { print ""; print table; print "  " key " = " value } }
            ' "${CONFIG}" > "${CONFIG}.dpf"
            mv "${CONFIG}.dpf" "${CONFIG}"
        }
        set_key "plugins.\\"${PLUGIN}\\".registry.configs.\\"nvcr.io\\".tls" insecure_skip_verify true
        set_key "plugins.\\"${PLUGIN}\\".registry.mirrors.\\"nvcr.io\\"" endpoint "[\\"${ENDPOINT}\\"]"
        """.formatted(shellQuote(endpoint));
  }

  /** A single-quoted shell word. */
  static String shellQuote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
