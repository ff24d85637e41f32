package org.ketacare.fhir.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.ketacare.patient.PatientQuery;
import org.ketacare.patient.PatientRegistry;
import org.ketacare.platform.NotFoundException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** FHIR {@code Patient}: read by id, and search by MRN, name and birth date. */
@Component
public class PatientResourceProvider implements IResourceProvider, PatientCompartment {

	private static final Set<String> EVERYTHING_PARAMETERS = Set.of(Constants.PARAM_COUNT, Constants.PARAM_OFFSET,
			Constants.PARAM_FORMAT, Constants.PARAM_PRETTY);

	private final PatientRegistry registry;

	private final FhirCaller caller;

	private final PatientRecords records;

	private final ObjectProvider<PatientCompartment> compartments;

	PatientResourceProvider(PatientRegistry registry, FhirCaller caller,
			ObjectProvider<PatientCompartment> compartments, PatientRecords records) {
		this.records = records;
		this.registry = registry;
		this.caller = caller;
		this.compartments = compartments;
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
	public List<Patient> ofPatient(PatientRecord patient) {
		StaffPrincipal by = patient.by();
		return List.of(PatientMapper.toFhir(this.registry.get(by.clinicId(), patient.patientId()), by.clinicSlug()));
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

	/**
	 * {@code Patient/{id}/$everything}: the patient and every resource about them, type
	 * by type, each oldest first, a page at a time.
	 */
	@Operation(name = "$everything", idempotent = true, bundleType = BundleTypeEnum.SEARCHSET)
	public IBundleProvider everything(@IdParam IdType id,
			@OperationParam(name = Constants.PARAM_COUNT) UnsignedIntType count,
			@OperationParam(name = Constants.PARAM_OFFSET) UnsignedIntType offset, RequestDetails request) {
		for (String parameter : request.getParameters().keySet()) {
			if (!EVERYTHING_PARAMETERS.contains(parameter)) {
				throw new InvalidRequestException(
						"Patient/$everything does not support the parameter " + parameter + "; it takes _count only");
			}
		}
		StaffPrincipal by = this.caller.staff();
		UUID patientId = FhirCaller.uuid(id);
		return this.caller.read(() -> {
			List<IBaseResource> everything = new ArrayList<>();
			PatientRecord record = this.records.of(by, patientId);
			try {
				everything.addAll(ofPatient(record));
			}
			catch (NotFoundException ex) {
				throw FhirCaller.notFound("Patient", id.getIdPart());
			}
			this.compartments.orderedStream()
				.filter((compartment) -> compartment != this)
				.sorted(Comparator.comparing(PatientCompartment::resourceType))
				.forEach((compartment) -> everything.addAll(compartment.ofPatient(record)));
			this.caller.shown(by, "Patient", patientId, "$everything");
			return Paging.page(everything, (offset == null) ? null : offset.getValue(),
					(count == null) ? null : count.getValue());
		});
	}

	@Search
	public IBundleProvider search(@OptionalParam(name = Patient.SP_IDENTIFIER) TokenParam identifier,
			@OptionalParam(name = Patient.SP_NAME) StringParam name,
			@OptionalParam(name = Patient.SP_BIRTHDATE) DateParam birthDate, @Offset Integer offset,
			@Count Integer count) {
		StaffPrincipal by = this.caller.staff();
		PatientQuery query = PatientQuery.parse((name == null) ? null : nameWords(name), null);
		if (identifier != null) {
			if (identifier.getSystem() != null
					&& !identifier.getSystem().equals(PatientMapper.mrnSystem(by.clinicSlug()))) {
				return Paging.page(List.of(), offset, count);
			}
			if (identifier.getValue() == null || identifier.getValue().isBlank()) {
				throw new InvalidRequestException("Patient identifier must name an MRN, such as K000123");
			}
			query = query.withMrn(identifier.getValue().strip());
		}
		if (birthDate != null) {
			if (birthDate.getPrefix() != null && birthDate.getPrefix() != ParamPrefixEnum.EQUAL) {
				throw new InvalidRequestException("Patient birthdate is searched by equality only (no prefix)");
			}
			PatientQuery.Term day = PatientQuery.parse(birthDate.getValueAsString(), null).terms().get(0);
			if (day.bornFrom() == null) {
				throw new InvalidRequestException("Patient birthdate must be a date such as 1984-03-21");
			}
			query = query.bornBetween(day.bornFrom(), day.bornTo());
		}
		PatientQuery matching = query;
		int from = Paging.offset(offset);
		int size = Paging.count(count);
		return this.caller.read(() -> {
			List<Patient> shown = new ArrayList<>();
			for (org.ketacare.patient.Patient patient : this.registry.find(by.clinicId(), matching, from, size)) {
				this.caller.shown(by, "Patient", patient.id(), "search");
				shown.add(PatientMapper.toFhir(patient, by.clinicSlug()));
			}
			return Paging.page(shown, from, size, this.registry.count(by.clinicId(), matching));
		});
	}

	private static String nameWords(StringParam name) {
		if (name.isExact() || name.isContains()) {
			throw new InvalidRequestException("Patient name is searched by the start of a name only");
		}
		if (name.getValue().isBlank()) {
			throw new InvalidRequestException("Patient name must not be empty");
		}
		// A date in a name search would match birth dates.
		if (PatientQuery.parse(name.getValue(), null).terms().stream().anyMatch((t) -> t.bornFrom() != null)) {
			throw new InvalidRequestException("Patient name must be a name; search birth dates with birthdate");
		}
		return name.getValue();
	}

}
