package dev.dpf.agent.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The SR-IOV part of the host network, read and written through sysfs under a configurable root ({@code /sys} on a
 * host; a temporary tree laid out the same way in tests):
 * <pre>
 * &lt;root&gt;/bus/pci/devices/&lt;pci&gt;.0/net/&lt;pf0 netdev&gt;/      PF0 netdev (first entry in name order)
 * &lt;root&gt;/bus/pci/devices/&lt;pci&gt;.&lt;fn&gt;/sriov_numvfs         number of VFs (written only when it is 0)
 * &lt;root&gt;/bus/pci/devices/&lt;pci&gt;.&lt;fn&gt;/sriov_totalvfs       upper bound (checked when present)
 * &lt;root&gt;/bus/pci/devices/&lt;pci&gt;.1/device                 PCI device id; PF1 is used for 0xa2dc / 0xa2d6
 * &lt;root&gt;/class/net/&lt;pf0&gt;/device/virtfn0/net/&lt;vf netdev&gt;/   VF0's netdev
 * </pre>
 * This is what upstream's {@code hostnetwork.sh} does with {@code ls}, {@code cat} and {@code echo}.
 */
public final class Sysfs {

  /** PCI device ids of BlueField-3 (integrated ConnectX-7) and BlueField-2 (integrated ConnectX-6 Dx) functions. */
  public static final Set<String> DPU_DEVICE_IDS = Set.of("0xa2dc", "0xa2d6");

  private static final Pattern PCI_WITH_DOMAIN = Pattern.compile("^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}$");
  private static final Pattern PCI_WITHOUT_DOMAIN = Pattern.compile("^[0-9a-f]{2}:[0-9a-f]{2}$");

  /**
   * A physical function: its PCI address ({@code 0000:4b:00.0}), sysfs device folder and netdev (null when the
   * function has no network interface, which is allowed for PF1).
   */
  public record PhysicalFunction(String pciAddress, Path device, String netdev) {
    public String describe() {
      return netdev == null ? pciAddress : netdev + " (" + pciAddress + ")";
    }
  }

  /** The VF count of a PF after {@link #ensureNumVfs}: the count, and whether this call wrote it. */
  public record NumVfs(int count, boolean written) {}

  private final Path root;

  public Sysfs(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /**
   * The DPU's PCI address ({@code 0000:4b:00}, no function) from the DPU label value ({@code 0000-4b-00}; the form
   * without domain, {@code 4b-00}, gets domain {@code 0000}). Anything else is rejected, so the value can never
   * address a path outside {@code bus/pci/devices}.
   */
  public static String pciAddressFromLabel(String label) throws HostNetworkException {
    if (label == null || label.isBlank()) {
      throw new HostNetworkException("the DPU has no PCI address (label provisioning.dpu.nvidia.com/dpu-pciAddress)");
    }
    String address = label.trim().toLowerCase(Locale.ROOT).replace('-', ':');
    if (PCI_WITHOUT_DOMAIN.matcher(address).matches()) {
      address = "0000:" + address;
    }
    if (!PCI_WITH_DOMAIN.matcher(address).matches()) {
      throw new HostNetworkException("invalid PCI address \"" + label
          + "\" in label provisioning.dpu.nvidia.com/dpu-pciAddress (expected e.g. 0000-4b-00)");
    }
    return address;
  }

  /** {@code <root>/bus/pci/devices/<pci>.<function>}. */
  public Path pciFunction(String pciAddress, int function) {
    return root.resolve("bus").resolve("pci").resolve("devices").resolve(pciAddress + "." + function);
  }

  /** PF0 of the DPU: function 0 must exist and have a network interface. */
  public PhysicalFunction pf0(String pciAddress) throws HostNetworkException {
    Path device = pciFunction(pciAddress, 0);
    if (!Files.isDirectory(device)) {
      throw new HostNetworkException("no such PCI device " + pciAddress + ".0 (" + device + " does not exist)");
    }
    Path net = device.resolve("net");
    String netdev = firstEntry(net).orElseThrow(() -> new HostNetworkException("PCI device " + pciAddress
        + ".0 has no network interface (" + net + " is missing or empty; is the mlx5_core driver bound?)"));
    return new PhysicalFunction(pciAddress + ".0", device, netdev);
  }

  /** PF1 of the DPU: present when function 1 exists and its PCI device id is a DPU's. */
  public Optional<PhysicalFunction> pf1(String pciAddress) throws HostNetworkException {
    Path device = pciFunction(pciAddress, 1);
    if (!Files.isDirectory(device)) {
      return Optional.empty();
    }
    Path idFile = device.resolve("device");
    if (!Files.isRegularFile(idFile)) {
      return Optional.empty();
    }
    String id = read(idFile).toLowerCase(Locale.ROOT);
    if (!DPU_DEVICE_IDS.contains(id)) {
      return Optional.empty();
    }
    return Optional.of(new PhysicalFunction(pciAddress + ".1", device, firstEntry(device.resolve("net")).orElse(null)));
  }

  /**
   * Creates {@code wanted} VFs on a PF whose {@code sriov_numvfs} is 0; a non-zero value is never changed (the
   * kernel refuses to change it without going through 0, and VFs in use would disappear).
   */
  public NumVfs ensureNumVfs(PhysicalFunction pf, int wanted) throws HostNetworkException {
    Path file = pf.device().resolve("sriov_numvfs");
    if (!Files.isRegularFile(file)) {
      throw new HostNetworkException(pf.describe() + " does not support SR-IOV (" + file + " does not exist)");
    }
    int current = readInt(file);
    if (current != 0 || wanted == 0) {
      return new NumVfs(current, false);
    }
    Path totalFile = pf.device().resolve("sriov_totalvfs");
    if (Files.isRegularFile(totalFile)) {
      int total = readInt(totalFile);
      if (wanted > total) {
        throw new HostNetworkException("NUM_OF_VFS " + wanted + " exceeds the " + total + " VFs " + pf.describe()
            + " supports (" + totalFile + ")");
      }
    }
    try {
      // one write(2) like `echo N > sriov_numvfs`; the driver creates the VFs before it returns
      Files.write(file, (wanted + "\n").getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new HostNetworkException("writing " + wanted + " to " + file + " failed: " + describe(e), e);
    }
    return new NumVfs(wanted, true);
  }

  /** The netdev of VF {@code index} of a PF: {@code <root>/class/net/<pf>/device/virtfn<index>/net/<vf>}. */
  public Optional<String> vfNetdev(String pfNetdev, int index) throws HostNetworkException {
    return firstEntry(vfNetDir(pfNetdev, index));
  }

  public Path vfNetDir(String pfNetdev, int index) {
    return root.resolve("class").resolve("net").resolve(pfNetdev).resolve("device").resolve("virtfn" + index)
        .resolve("net");
  }

  private static Optional<String> firstEntry(Path dir) throws HostNetworkException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    TreeSet<String> names = new TreeSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        names.add(entry.getFileName().toString());
      }
    } catch (IOException e) {
      throw new HostNetworkException("cannot list " + dir + ": " + describe(e), e);
    }
    return names.isEmpty() ? Optional.empty() : Optional.of(names.first());
  }

  private static int readInt(Path file) throws HostNetworkException {
    String text = read(file);
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new HostNetworkException("unexpected content in " + file + ": \"" + abbreviate(text) + "\"");
    }
  }

  private static String read(Path file) throws HostNetworkException {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw new HostNetworkException("cannot read " + file + ": " + describe(e), e);
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }

  static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
