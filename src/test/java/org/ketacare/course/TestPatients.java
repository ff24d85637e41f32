package org.ketacare.course;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.ketacare.TestStaff;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Patients for course tests, made through the patient and screening API. */
public final class TestPatients {

	private static final String QUALIFYING = """
			{"pregnant": false, "breastfeeding": false, "bloodPressure": {"systolic": 128, "diastolic": 82},
			 "onBloodPressureTreatment": false, "heartDisease": "none", "previousKetamineReaction": false,
			 "psychosisHistory": false, "intracranialPressure": false, "substanceUseDisorder": false,
			 "severeLiverDisease": false, "uncontrolledHyperthyroidism": false, "raisedIntraocularPressure": false,
			 "aneurysmalVascularDisease": false, "seizureDisorder": false,
			 "antidepressantTrials": [
			   {"drug": "sertraline", "dailyDoseMg": 150, "weeks": 8, "adherence": "good", "doseAdequate": true,
			    "outcome": "no_response"},
			   {"drug": "venlafaxine", "dailyDoseMg": 225, "weeks": 10, "adherence": "good", "doseAdequate": true,
			    "outcome": "partial_response"}],
			 "augmentationTried": true, "doseChangesTried": true, "brainStimulation": ["tms", {"type": "ect"}],
			 "psychotherapyTried": true, "functionalImpairment": "very", "baselinePhq9": 19, "episodeMonths": 30}
			""";

	private TestPatients() {
	}

	/** A newly registered patient of the clinic, not screened. */
	public static UUID registered(MockMvc mvc, TestStaff staff, String clinic, String familyName) throws Exception {
		String body = mvc
			.perform(post("/api/v1/patients").with(TestStaff.as(staff.demo("intake." + clinic)))
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"givenName": "Alex", "familyName": "%s", "birthDate": "1980-05-17", "sexAtBirth": "male",
						 "email": "alex.%s@example.org", "weightKg": 80, "heightCm": 180}
						""".formatted(familyName, UUID.randomUUID().toString().substring(0, 8))))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return UUID.fromString(JsonPath.read(body, "$.id"));
	}

	/** A patient whose qualifying screening a physician of the clinic approved. */
	public static UUID approved(MockMvc mvc, TestStaff staff, String clinic, String familyName) throws Exception {
		UUID patient = registered(mvc, staff, clinic, familyName);
		String screening = JsonPath.read(mvc
			.perform(
					post("/api/v1/patients/{id}/screenings", patient).with(TestStaff.as(staff.demo("intake." + clinic)))
						.contentType(MediaType.APPLICATION_JSON)
						.content(QUALIFYING))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		mvc.perform(
				post("/api/v1/screenings/{id}/review", screening).with(TestStaff.as(staff.demo("physician." + clinic)))
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"decision\": \"APPROVED\", \"password\": \"" + TestStaff.DEMO_PASSWORD + "\"}"))
			.andExpect(status().is2xxSuccessful());
		return patient;
	}

}
