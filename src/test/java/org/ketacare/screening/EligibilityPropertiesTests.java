package org.ketacare.screening;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ketacare.screening.Answers.Adherence;
import org.ketacare.screening.Answers.BrainStimulation;
import org.ketacare.screening.Answers.FunctionalImpairment;
import org.ketacare.screening.Answers.HeartDisease;
import org.ketacare.screening.Answers.TrialOutcome;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Properties of the eligibility rules over generated screenings: a contraindication is
 * never overruled, and taking answers away never makes a case look better.
 */
class EligibilityPropertiesTests {

	private static final Gen<Boolean> ANSWER = Generate
		.pick(java.util.Arrays.asList(null, Boolean.TRUE, Boolean.FALSE));

	private static final Gen<Boolean> MOSTLY_NO = Generate
		.pick(java.util.Arrays.asList(null, Boolean.TRUE, Boolean.FALSE, Boolean.FALSE, Boolean.FALSE, Boolean.FALSE));

	private static final Gen<RuleSet> RULES = (in) -> new RuleSet(integers().between(1, 4).generate(in),
			integers().between(4, 12).generate(in), integers().between(120, 160).generate(in),
			integers().between(70, 100).generate(in), integers().between(16, 21).generate(in),
			integers().between(55, 80).generate(in));

	private static final Gen<AntidepressantTrial> TRIAL = (in) -> new AntidepressantTrial(
			orNull(Generate.pick(List.of("sertraline", "venlafaxine", "bupropion"))).generate(in),
			orNull(integers().between(5, 400).map((Integer mg) -> BigDecimal.valueOf(mg))).generate(in),
			orNull(integers().between(0, 20)).generate(in), orNull(Generate.enumValues(Adherence.class)).generate(in),
			ANSWER.generate(in), orNull(Generate.enumValues(TrialOutcome.class)).generate(in));

	private static final Gen<ScreeningFacts> FACTS = (in) -> new ScreeningFacts(integers().between(15, 85).generate(in),
			MOSTLY_NO.generate(in), MOSTLY_NO.generate(in),
			orNull(integers().between(90, 190).zip(integers().between(50, 110), (s, d) -> new BloodPressure(s, d)))
				.generate(in),
			ANSWER.generate(in), orNull(Generate.enumValues(HeartDisease.class)).generate(in), null,
			MOSTLY_NO.generate(in), null, MOSTLY_NO.generate(in), MOSTLY_NO.generate(in), MOSTLY_NO.generate(in),
			MOSTLY_NO.generate(in), MOSTLY_NO.generate(in), MOSTLY_NO.generate(in), MOSTLY_NO.generate(in),
			MOSTLY_NO.generate(in), orNull(SourceDSL.lists().of(TRIAL).ofSizeBetween(0, 5)).generate(in),
			ANSWER.generate(in), ANSWER.generate(in),
			orNull(SourceDSL.lists().of(Generate.enumValues(BrainStimulation.class)).ofSizeBetween(0, 2)).generate(in),
			ANSWER.generate(in), orNull(Generate.enumValues(FunctionalImpairment.class)).generate(in),
			orNull(integers().between(0, 27)).generate(in), orNull(integers().between(0, 120)).generate(in));

	@Test
	void anyContraindicationMeansNeverEligible() {
		qt().forAll(FACTS, RULES).check((facts, rules) -> {
			Decision decision = EligibilityRules.decide(facts, rules);
			boolean contraindicated = Boolean.TRUE.equals(facts.pregnant())
					|| Boolean.TRUE.equals(facts.previousKetamineReaction())
					|| Boolean.TRUE.equals(facts.psychosisHistory())
					|| Boolean.TRUE.equals(facts.intracranialPressure())
					|| facts.heartDisease() == HeartDisease.UNSTABLE
					|| (facts.bloodPressure() != null && (facts.bloodPressure().systolic() > rules.maxSystolicMmHg()
							|| facts.bloodPressure().diastolic() > rules.maxDiastolicMmHg()));
			return !contraindicated || decision.outcome() == Outcome.INELIGIBLE;
		});
	}

	@Test
	void anyReasonAgainstMeansNeverEligible() {
		qt().forAll(FACTS, RULES).check((facts, rules) -> {
			Decision decision = EligibilityRules.decide(facts, rules);
			boolean against = decision.reasons()
				.stream()
				.anyMatch((r) -> r.kind().excludes() || r.kind().needsReview());
			return !against || decision.outcome() != Outcome.ELIGIBLE;
		});
	}

	@Test
	void removingInformationNeverTurnsNeedsReviewIntoEligible() {
		qt().forAll(FACTS, RULES, longs().all()).check((facts, rules, mask) -> {
			Outcome before = EligibilityRules.decide(facts, rules).outcome();
			Outcome after = EligibilityRules.decide(withoutAnswers(facts, mask), rules).outcome();
			return before != Outcome.NEEDS_REVIEW || after != Outcome.ELIGIBLE;
		});
	}

	@Test
	void removingInformationNeverMakesAnyCaseEligible() {
		qt().forAll(FACTS, RULES, longs().all()).check((facts, rules, mask) -> {
			Outcome before = EligibilityRules.decide(facts, rules).outcome();
			Outcome after = EligibilityRules.decide(withoutAnswers(facts, mask), rules).outcome();
			return before == Outcome.ELIGIBLE || after != Outcome.ELIGIBLE;
		});
	}

	@Test
	void theDecisionAlwaysNamesItsRulesAndAReasonForEachMissingAnswer() {
		qt().forAll(FACTS, RULES).check((facts, rules) -> {
			Decision decision = EligibilityRules.decide(facts, rules);
			boolean missingNamed = (facts.pregnant() != null)
					|| decision.reasons().stream().anyMatch((r) -> r.code().equals("PREGNANCY_UNKNOWN"));
			return missingNamed && decision.rulesVersion().equals("ketacare-eligibility/1")
					&& decision.maudsley().minimum() >= 3 && decision.maudsley().maximum() <= 15
					&& decision.maudsley().minimum() <= decision.maudsley().maximum();
		});
	}

	/** The same answers with those whose bit is set in {@code mask} taken away. */
	static ScreeningFacts withoutAnswers(ScreeningFacts f, long mask) {
		Mask m = new Mask(mask);
		List<AntidepressantTrial> trials = (f.antidepressantTrials() == null || m.drop()) ? null
				: f.antidepressantTrials()
					.stream()
					.map((t) -> new AntidepressantTrial(m.drop() ? null : t.drug(), m.drop() ? null : t.dailyDoseMg(),
							m.drop() ? null : t.weeks(), m.drop() ? null : t.adherence(),
							m.drop() ? null : t.doseAdequate(), m.drop() ? null : t.outcome()))
					.toList();
		return new ScreeningFacts(f.ageYears(), m.keep(f.pregnant()), m.keep(f.breastfeeding()),
				m.keep(f.bloodPressure()), m.keep(f.onBloodPressureTreatment()), m.keep(f.heartDisease()),
				f.heartDiseaseDetails(), m.keep(f.previousKetamineReaction()), f.previousKetamineReactionDetails(),
				m.keep(f.psychosisHistory()), m.keep(f.intracranialPressure()), m.keep(f.substanceUseDisorder()),
				m.keep(f.severeLiverDisease()), m.keep(f.uncontrolledHyperthyroidism()),
				m.keep(f.raisedIntraocularPressure()), m.keep(f.aneurysmalVascularDisease()),
				m.keep(f.seizureDisorder()), trials, m.keep(f.augmentationTried()), m.keep(f.doseChangesTried()),
				m.keep(f.brainStimulation()), m.keep(f.psychotherapyTried()), m.keep(f.functionalImpairment()),
				m.keep(f.baselinePhq9()), m.keep(f.episodeMonths()));
	}

	private static <T> Gen<T> orNull(Gen<T> gen) {
		return gen.mix(Generate.constant((T) null), 25);
	}

	/** Reads one bit of the mask per answer, from the lowest up, wrapping around. */
	private static final class Mask {

		private final long bits;

		private int next;

		Mask(long bits) {
			this.bits = bits;
		}

		boolean drop() {
			boolean drop = ((this.bits >>> (this.next % 64)) & 1) == 1;
			this.next++;
			return drop;
		}

		<T> T keep(T value) {
			return drop() ? null : value;
		}

	}

}
