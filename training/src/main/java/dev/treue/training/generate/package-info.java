/**
 * {@code ./treue generate}: a synthetic loyalty programme with a known truth.
 *
 * <p>Every member gets hidden traits ({@link dev.treue.training.generate.LatentTraits}: purchase rate,
 * dropout hazard, engagement, preferences), is simulated day by day from signup
 * ({@link dev.treue.training.generate.MemberSimulator}) inside a deterministic programme
 * ({@link dev.treue.training.generate.ProgrammeState}: tiers, points lots, offers), and is scored at
 * every month-end by {@link dev.treue.training.generate.ChurnOracle} from the belief of
 * {@link dev.treue.training.generate.AliveFilter}, which together compute the exact
 * probability of "no purchase in the next horizon days" given what the generator knows except the
 * hidden alive/dead state and the future random draws. Files are written by
 * {@link dev.treue.training.generate.ProgrammeGenerator}; members are independent and seeded from
 * (seed, member index), so the output is byte-identical for a seed whatever the thread count.
 */
package dev.treue.training.generate;
