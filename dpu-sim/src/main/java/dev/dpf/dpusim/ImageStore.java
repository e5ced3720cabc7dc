package dev.dpf.dpusim;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The image store of one simulated DMS ({@code dmsd -image_folder}). What was received is always recorded (size,
 * SHA-256, bf.cfg text); bytes are kept only in the optional image folder, never in memory (a bf.cfg's text is
 * kept, it is at most 1 MiB here).
 *
 * <p>"Already present" (the gNOI short-circuit: {@code validated} without a transfer) means: with an image folder,
 * a file of that name exists there, exactly like DMS on DPF's shared BFB volume, where the controller deletes a
 * stale {@code <dpu>.cfg} before installing it; without a folder, a non-{@code .cfg} version was received before
 * (a bf.cfg is always transferred again, because no one can delete a stale copy from a private store).
 */
final class ImageStore {

  static final long MAX_CFG_BYTES = 1024 * 1024;

  private final Path folder;
  private final Clock clock;
  private final Map<String, StoredImage> received = new LinkedHashMap<>();

  ImageStore(Path folder, Clock clock) {
    this.folder = folder;
    this.clock = clock;
  }

  static boolean isCfg(String version) {
    return version.endsWith(".cfg");
  }

  /** Whether an Install of {@code version} can be answered with {@code validated} at once. */
  synchronized boolean present(String version) {
    if (folder != null) {
      return Files.isRegularFile(folder.resolve(version));
    }
    return !isCfg(version) && received.containsKey(version);
  }

  /** Whether Activate may use {@code version}. */
  synchronized boolean available(String version) {
    return received.containsKey(version) || (folder != null && Files.isRegularFile(folder.resolve(version)));
  }

  synchronized Optional<StoredImage> image(String version) {
    return Optional.ofNullable(received.get(version));
  }

  synchronized Map<String, StoredImage> images() {
    return Map.copyOf(received);
  }

  /** The text of a bf.cfg: as received, or read from the image folder. */
  synchronized Optional<String> cfgText(String version) {
    StoredImage image = received.get(version);
    if (image != null && image.text().isPresent()) {
      return image.text();
    }
    if (folder != null && Files.isRegularFile(folder.resolve(version))) {
      try {
        return Optional.of(Files.readString(folder.resolve(version), StandardCharsets.UTF_8));
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  Upload begin(String version) throws IOException {
    return new Upload(version);
  }

  private synchronized void commit(StoredImage image) {
    received.put(image.version(), image);
  }

  /** One transfer in progress. */
  final class Upload {
    private final String version;
    private final MessageDigest digest;
    private final ByteArrayOutputStream text;
    private final Path temp;
    private final OutputStream file;
    private long size;

    private Upload(String version) throws IOException {
      this.version = version;
      try {
        this.digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      this.text = isCfg(version) ? new ByteArrayOutputStream() : null;
      if (folder != null) {
        Files.createDirectories(folder);
        this.temp = Files.createTempFile(folder, ".dms-upload-", ".part");
        this.file = Files.newOutputStream(temp);
      } else {
        this.temp = null;
        this.file = null;
      }
    }

    long size() {
      return size;
    }

    /** Adds a chunk; false if a bf.cfg grew beyond {@link #MAX_CFG_BYTES}. */
    boolean write(ByteString chunk) throws IOException {
      for (java.nio.ByteBuffer buffer : chunk.asReadOnlyByteBufferList()) {
        digest.update(buffer);
      }
      size += chunk.size();
      if (text != null) {
        if (size > MAX_CFG_BYTES) {
          return false;
        }
        chunk.writeTo(text);
      }
      if (file != null) {
        chunk.writeTo(file);
      }
      return true;
    }

    StoredImage commit() throws IOException {
      if (file != null) {
        file.close();
        Files.move(temp, folder.resolve(version), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      }
      StoredImage image = new StoredImage(version, size, HexFormat.of().formatHex(digest.digest()), clock.instant(),
          text == null ? Optional.empty() : Optional.of(text.toString(StandardCharsets.UTF_8)));
      ImageStore.this.commit(image);
      return image;
    }

    void abort() {
      if (file != null) {
        try {
          file.close();
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
