package dev.preaug.core.etl;

/**
 * What happened to the records of one read range. {@code records == emitted + dummies +
 * modelImages + undecodable + filtered} once the range is exhausted.
 *
 * @param records records in the range that were looked at
 * @param emitted records returned as samples
 * @param dummies dummy records 0 of 8B and 9B files
 * @param modelImages trailing non-sample records dropped by {@code skipModelImages}
 * @param undecodable records whose label code maps to no character (only with undecodable=skip)
 * @param filtered records whose label is in none of the selected groups
 */
public record EtlReadStats(
    long records, long emitted, long dummies, long modelImages, long undecodable, long filtered) {

  /** Sums two stats, e.g. over the ranges of one file. */
  public EtlReadStats plus(EtlReadStats o) {
    return new EtlReadStats(records + o.records, emitted + o.emitted, dummies + o.dummies,
        modelImages + o.modelImages, undecodable + o.undecodable, filtered + o.filtered);
  }
}
