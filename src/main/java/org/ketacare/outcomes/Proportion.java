package org.ketacare.outcomes;

/**
 * A count out of a number of patients, with its 95 % Wilson score interval (Wilson 1927),
 * which stays within 0–100 % and behaves for small counts and for 0 or all.
 *
 * @param count the patients with the outcome
 * @param of the patients assessed
 * @param lower the lower bound of the interval, as a share from 0 to 1; {@code null} when
 * none were assessed
 * @param upper the upper bound, as a share
 */
public record Proportion(int count, int of, Double lower, Double upper) {

	/** The normal quantile for a two-sided 95 % interval. */
	static final double Z_95 = 1.959963984540054;

	public static Proportion of(int count, int of) {
		if (count < 0 || of < 0 || count > of) {
			throw new IllegalArgumentException("a proportion needs 0 <= count <= of, not " + count + "/" + of);
		}
		if (of == 0) {
			return new Proportion(0, 0, null, null);
		}
		double n = of;
		double share = count / n;
		double z2 = Z_95 * Z_95;
		double denominator = 1 + z2 / n;
		double centre = (share + z2 / (2 * n)) / denominator;
		double half = Z_95 * Math.sqrt(share * (1 - share) / n + z2 / (4 * n * n)) / denominator;
		return new Proportion(count, of, Math.max(0, centre - half), Math.min(1, centre + half));
	}

	/** The share as a fraction from 0 to 1, or {@code null} when none were assessed. */
	public Double rate() {
		return (this.of > 0) ? (double) this.count / this.of : null;
	}

}
