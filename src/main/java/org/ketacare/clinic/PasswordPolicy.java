package org.ketacare.clinic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import org.ketacare.platform.InvalidInputException;

/**
 * What a staff password must be. Length matters more than character classes (NIST SP
 * 800-63B), so the rule is a minimum length, nothing that is trivially guessed from the
 * account, and nothing a cracker tries early (ASVS 2.1.7): nbvcxz estimates the guesses
 * from its lists of breached passwords, words, names, keyboard walks, dates and
 * sequences, with the person's username and name, the clinic's name and the product's
 * words counted as free to guess.
 */
final class PasswordPolicy {

	static final int MINIMUM_LENGTH = 12;

	static final int MAXIMUM_LENGTH = 128;

	/**
	 * The least estimated entropy accepted, in bits (2^35, about 3.4 × 10^10 guesses;
	 * nbvcxz's own default and above zxcvbn's strongest score of 10^10). Four unrelated
	 * common words or twelve random characters pass; a breached password with digits
	 * appended, a keyboard walk or a well-known phrase do not.
	 */
	static final double MINIMUM_ENTROPY_BITS = 35;

	static final String GUESSABLE = "is a commonly used password or too easy to guess; use a longer phrase of unrelated words";

	/** Words anyone attacking this clinic's accounts tries first. */
	private static final List<String> PRODUCT_WORDS = List.of("ketacare", "ketamine", "esketamine", "spravato",
			"clinic", "infusion");

	private static final int SHORTEST_PERSONAL_WORD = 3;

	private PasswordPolicy() {
	}

	/**
	 * Checks a new password for an account.
	 * @param field the input the password came from, named in the error
	 * @param password the new password
	 * @param username the account's username
	 * @param displayName the person's name
	 * @param clinicName the clinic's name
	 * @throws InvalidInputException naming the field and the rule broken
	 */
	static void check(String field, String password, String username, String displayName, String clinicName) {
		if (password == null || password.codePointCount(0, password.length()) < MINIMUM_LENGTH) {
			throw new InvalidInputException(field, "must be at least " + MINIMUM_LENGTH + " characters");
		}
		if (password.length() > MAXIMUM_LENGTH) {
			throw new InvalidInputException(field, "must be at most " + MAXIMUM_LENGTH + " characters");
		}
		if (username != null && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
			throw new InvalidInputException(field, "must not contain the username");
		}
		if (password.codePoints().distinct().count() < 4) {
			throw new InvalidInputException(field, "must not be one or a few characters repeated");
		}
		if (entropyBits(password, username, displayName, clinicName) < MINIMUM_ENTROPY_BITS) {
			throw new InvalidInputException(field, GUESSABLE);
		}
	}

	/**
	 * nbvcxz's estimate, with the account's own words in a dictionary it guesses first.
	 */
	static double entropyBits(String password, String... personalText) {
		List<Dictionary> dictionaries = new ArrayList<>(ConfigurationBuilder.getDefaultDictionaries());
		DictionaryBuilder personal = new DictionaryBuilder().setDictionaryName("account").setExclusion(true);
		personalWords(personalText).forEach((word) -> personal.addWord(word, 0));
		dictionaries.add(personal.createDictionary());
		Nbvcxz estimator = new Nbvcxz(new ConfigurationBuilder().setDictionaries(dictionaries)
			.setMinimumEntropy(MINIMUM_ENTROPY_BITS)
			.createConfiguration());
		return estimator.estimate(password).getEntropy();
	}

	/**
	 * The product's words and each text whole and split into its words, such as
	 * "nurse.main", "nurse" and "main", or "mental", "health" and "center".
	 */
	private static Set<String> personalWords(String... texts) {
		Set<String> words = new LinkedHashSet<>(PRODUCT_WORDS);
		for (String text : texts) {
			if (text == null) {
				continue;
			}
			String lower = text.strip().toLowerCase(Locale.ROOT);
			Stream
				.concat(Stream.of(lower, lower.replaceAll("[^\\p{L}\\p{N}]+", "")),
						Stream.of(lower.split("[^\\p{L}\\p{N}]+")))
				.filter((word) -> word.length() >= SHORTEST_PERSONAL_WORD)
				.forEach(words::add);
		}
		return words;
	}

}
