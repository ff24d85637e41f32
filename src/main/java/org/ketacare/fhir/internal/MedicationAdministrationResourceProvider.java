package org.ketacare.fhir.internal;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.ketacare.infusion.VisitChart;
import org.ketacare.infusion.Visits;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.stereotype.Component;

/**
 * FHIR {@code MedicationAdministration}: the ketamine infusion of each visit that got as
 * far as one; read, and search by patient.
 */
@Component
public class MedicationAdministrationResourceProvider implements IResourceProvider, PatientCompartment {

	private final Visits visits;

	private final FhirCaller caller;

	private final PatientRecords records;

	MedicationAdministrationResourceProvider(Visits visits, FhirCaller caller, PatientRecords records) {
		this.records = records;
		this.visits = visits;
		this.caller = caller;
	}

	@Override
	public Class<MedicationAdministration> getResourceType() {
		return MedicationAdministration.class;
	}

	@Override
	public String resourceType() {
		return "MedicationAdministration";
	}

	@Override
	public List<MedicationAdministration> ofPatient(PatientRecord patient) {
		return patient.charts()
			.stream()
			.filter(VisitMapper::hasAdministration)
			.map(VisitMapper::administration)
			.toList();
	}

	@Read
	public MedicationAdministration read(@IdParam IdType id) {
		StaffPrincipal by = this.caller.staff();
		return this.caller.read(() -> {
			VisitChart chart = this.visits.findChart(by, FhirCaller.uuid(id))
				.filter(VisitMapper::hasAdministration)
				.orElseThrow(() -> FhirCaller.notFound("MedicationAdministration", id.getIdPart()));
			this.caller.shown(by, "MedicationAdministration", chart.visit().patientId(), "read");
			return VisitMapper.administration(chart);
		});
	}

	@Search
	public IBundleProvider search(@RequiredParam(name = MedicationAdministration.SP_PATIENT) ReferenceParam patient,
			@Sort SortSpec sort, @Offset Integer offset, @Count Integer count) {
		StaffPrincipal by = this.caller.staff();
		Comparator<MedicationAdministration> order = Paging.byDate(sort,
				(administration) -> administration.getEffectivePeriod().getStart());
		UUID patientId = this.caller.patientOf(by, patient).orElse(null);
		if (patientId == null) {
			return Paging.page(List.of(), offset, count);
		}
		return this.caller.read(() -> {
			List<MedicationAdministration> found = ofPatient(this.records.of(by, patientId)).stream()
				.sorted(order)
				.toList();
			this.caller.shown(by, "MedicationAdministration", patientId, "search");
			return Paging.page(found, offset, count);
		});
	}

}
