package dev.dpf.dpuservice.dpudeployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Exact quantity values and Kubernetes' canonical string form (Go {@code resource.Quantity.String()}): decimal
 * quantities as an integer mantissa with an SI suffix whose exponent is a multiple of 3 ({@code 1500m}, {@code 12},
 * {@code 2k}); binary quantities ({@code Ki}, {@code Mi}, ...) as the largest power of 1024 that divides them, falling
 * back to the decimal form below 1024 or for fractions.
 */
public final class Quantities {

  /** A value and whether it is expressed in binary (power-of-two) units. */
  public record Value(BigDecimal amount, boolean binary) {
    public Value plus(Value other) {
      return new Value(amount.add(other.amount), binary || other.binary);
    }

    public Value minus(Value other) {
      return new Value(amount.subtract(other.amount), binary || other.binary);
    }

    public Value negate() {
      return new Value(amount.negate(), binary);
    }

    public int signum() {
      return amount.signum();
    }

    @Override
    public String toString() {
      return format(amount, binary);
    }
  }

  private static final String[] DECIMAL_SUFFIXES = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
  private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  private static final BigInteger THOUSAND = BigInteger.valueOf(1000);
  private static final BigInteger KIBI = BigInteger.valueOf(1024);

  private Quantities() {}

  public static Value zero() {
    return new Value(BigDecimal.ZERO, false);
  }

  /** Parses an int-or-string list value; throws IllegalArgumentException with the value for a bad quantity. */
  public static Value parse(IntOrString value) {
    String text = value.getIntVal() != null ? String.valueOf(value.getIntVal()) : value.getStrVal();
    return parse(text);
  }

  public static Value parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("quantities must match the regular expression: \"" + text + "\"");
    }
    try {
      Quantity q = Quantity.parse(text.trim());
      String format = q.getFormat() == null ? "" : q.getFormat();
      return new Value(Quantity.getAmountInBytes(q).stripTrailingZeros(), format.endsWith("i"));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("quantities must match the regular expression: \"" + text + "\"");
    }
  }

  /** Canonical string of an amount. */
  public static String format(BigDecimal amount, boolean binary) {
    if (amount.signum() < 0) {
      return "-" + format(amount.negate(), binary);
    }
    if (amount.signum() == 0) {
      return "0";
    }
    if (binary && amount.stripTrailingZeros().scale() <= 0 && amount.compareTo(BigDecimal.valueOf(1024)) >= 0) {
      BigInteger mantissa = amount.toBigIntegerExact();
      int i = 0;
      while (i < BINARY_SUFFIXES.length - 1 && mantissa.mod(KIBI).signum() == 0) {
        mantissa = mantissa.divide(KIBI);
        i++;
      }
      return mantissa + BINARY_SUFFIXES[i];
    }
    // decimal: smallest exponent (multiple of 3, >= -9) giving an integer mantissa, then drop factors of 1000
    int exponent = -9;
    BigDecimal scaled = amount.movePointRight(9);
    if (scaled.stripTrailingZeros().scale() > 0) {
      scaled = scaled.setScale(0, java.math.RoundingMode.UP); // Go rounds sub-nano values up
    }
    BigInteger mantissa = scaled.toBigIntegerExact();
    while (exponent < 18 && mantissa.mod(THOUSAND).signum() == 0) {
      mantissa = mantissa.divide(THOUSAND);
      exponent += 3;
    }
    return mantissa + DECIMAL_SUFFIXES[(exponent + 9) / 3];
  }
}
