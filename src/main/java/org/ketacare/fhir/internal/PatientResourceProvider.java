package org.ketacare.fhir.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.ketacare.patient.PatientQuery;
import org.ketacare.patient.PatientRegistry;
import org.ketacare.platform.NotFoundException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.stereotype.Component;

/** FHIR {@code Patient}: read by id, and search by MRN, name and birth date. */
@Component
public class PatientResourceProvider implements IResourceProvider, PatientCompartment {

	/** More matches than this and the caller should narrow the search. */
	static final int MAX_MATCHES = 500;

	private final PatientRegistry registry;

	private final FhirCaller caller;

	PatientResourceProvider(PatientRegistry registry, FhirCaller caller) {
		this.registry = registry;
		this.caller = caller;
	}

	@Override
	public Class<Patient> getResourceType() {
		return Patient.class;
	}

	@Override
	public String resourceType() {
		return "Patient";
	}

	@Override
	public List<Patient> ofPatient(StaffPrincipal by, UUID patientId) {
		return List.of(PatientMapper.toFhir(this.registry.get(by.clinicId(), patientId), by.clinicSlug()));
	}

	@Read
	public Patient read(@IdParam IdType id) {
		StaffPrincipal by = this.caller.staff();
		UUID patientId = FhirCaller.uuid(id);
		return this.caller.read(() -> {
			org.ketacare.patient.Patient patient;
			try {
				patient = this.registry.get(by.clinicId(), patientId);
			}
			catch (NotFoundException ex) {
				throw FhirCaller.notFound("Patient", id.getIdPart());
			}
			this.caller.shown(by, "Patient", patientId, "read");
			return PatientMapper.toFhir(patient, by.clinicSlug());
		});
	}

	@Search
	public List<Patient> search(@OptionalParam(name = Patient.SP_IDENTIFIER) TokenParam identifier,
			@OptionalParam(name = Patient.SP_NAME) StringParam name,
			@OptionalParam(name = Patient.SP_BIRTHDATE) DateParam birthDate) {
		StaffPrincipal by = this.caller.staff();
		List<String> words = new ArrayList<>();
		Predicate<org.ketacare.patient.Patient> matches = (patient) -> true;
		if (identifier != null) {
			if (identifier.getSystem() != null
					&& !identifier.getSystem().equals(PatientMapper.mrnSystem(by.clinicSlug()))) {
				return List.of();
			}
			String mrn = identifier.getValue();
			words.add(mrn);
			matches = matches.and((patient) -> patient.mrn().equalsIgnoreCase(mrn));
		}
		if (name != null) {
			if (name.isExact() || name.isContains()) {
				throw new InvalidRequestException("Patient name is searched by the start of a name only");
			}
			words.add(name.getValue());
		}
		if (birthDate != null) {
			if (birthDate.getPrefix() != null && birthDate.getPrefix() != ParamPrefixEnum.EQUAL) {
				throw new InvalidRequestException("Patient birthdate is searched by equality only (no prefix)");
			}
			PatientQuery.Term day = PatientQuery.parse(birthDate.getValueAsString(), null).terms().get(0);
			if (day.bornFrom() == null) {
				throw new InvalidRequestException("Patient birthdate must be a date such as 1984-03-21");
			}
			words.add(birthDate.getValueAsString());
			matches = matches.and((patient) -> !patient.birthDate().isBefore(day.bornFrom())
					&& !patient.birthDate().isAfter(day.bornTo()));
		}
		PatientQuery query = PatientQuery.parse(String.join(" ", words), null);
		List<Patient> found = new ArrayList<>();
		for (org.ketacare.patient.Patient patient : this.registry.find(by.clinicId(), query, 0, MAX_MATCHES)) {
			if (matches.test(patient)) {
				this.caller.shown(by, "Patient", patient.id(), "search");
				found.add(PatientMapper.toFhir(patient, by.clinicSlug()));
			}
		}
		return found;
	}

}
