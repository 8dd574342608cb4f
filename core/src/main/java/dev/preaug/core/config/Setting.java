package dev.preaug.core.config;

/** A config value and where it came from ("defaults", "my.conf line 12", "--shards"). */
public final class Setting {
  private final String value;
  private final String origin;

  public Setting(String value, String origin) {
    this.value = value;
    this.origin = origin;
  }

  public String value() {
    return value;
  }

  public String origin() {
    return origin;
  }

  @Override
  public String toString() {
    return value + " (" + origin + ")";
  }
}
