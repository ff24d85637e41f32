package org.ketacare.fhir.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ExportPartTests {

	@Test
	void fillsUpToItsCapacityOneLinePerResourceThenStartsTheNextPart() {
		ExportPart part = new ExportPart("Observation", 2);
		assertThat(part.isEmpty()).isTrue();

		part.add("{\"a\":1}");
		part.add("{\"b\":2}");

		assertThat(part.isFull()).isTrue();
		assertThat(part.count()).isEqualTo(2);
		assertThat(part.ndjson()).isEqualTo("{\"a\":1}\n{\"b\":2}\n");
		part.next();
		assertThat(part.number()).isEqualTo(2);
		assertThat(part.isEmpty()).isTrue();
		assertThat(part.ndjson()).isEmpty();
	}

	@Test
	void aResourceIsOneLine() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ExportPart("Patient", 10).add("{\n}"));
	}

}
