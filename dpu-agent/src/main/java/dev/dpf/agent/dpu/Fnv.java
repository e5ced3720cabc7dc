package dev.dpf.agent.dpu;

import java.nio.charset.StandardCharsets;

/** FNV-1a hashes of UTF-8 strings (flow cookies, patch port names). */
public final class Fnv {

  private static final long OFFSET_64 = 0xcbf29ce484222325L;
  private static final long PRIME_64 = 0x100000001b3L;
  private static final int OFFSET_32 = 0x811c9dc5;
  private static final int PRIME_32 = 0x01000193;

  private Fnv() {}

  public static long fnv1a64(String s) {
    long hash = OFFSET_64;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= PRIME_64;
    }
    return hash;
  }

  public static int fnv1a32(String s) {
    int hash = OFFSET_32;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= PRIME_32;
    }
    return hash;
  }

  /** The flow cookie of a ServiceChain: FNV-1a-64 of {@code <namespace>/<name>}. */
  public static long chainCookie(String namespace, String name) {
    return fnv1a64(namespace + "/" + name);
  }

  /** The cookie as written in flow text: unsigned decimal. */
  public static String cookieText(long cookie) {
    return Long.toUnsignedString(cookie);
  }
}
