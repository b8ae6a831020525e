package dev.treue.core.evaluation;

/**
 * Cumulative gains and lift when contacting the highest-scored {@code depth} of members.
 *
 * @param depth share of members contacted, in (0, 1]
 * @param gain share of all churners among them (1 at depth 1)
 * @param lift {@code gain / depth}: how many times better than contacting members at random
 */
public record GainsPoint(double depth, double gain, double lift) {}
