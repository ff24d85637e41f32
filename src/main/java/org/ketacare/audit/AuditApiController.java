package org.ketacare.audit;

import org.ketacare.platform.AuditRecord;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail for scripts: verify the chain, read events.
 */
@RestController
@PreAuthorize("hasRole('CLINIC_ADMIN')")
class AuditApiController {

	private final AuditTrail audit;

	AuditApiController(AuditTrail audit) {
		this.audit = audit;
	}

	@GetMapping("/api/v1/audit/verify")
	ChainVerification verify(@AuthenticationPrincipal StaffPrincipal me) {
		ChainVerification result = this.audit.verify(me.clinicId());
		this.audit.record(AuditRecord.success("AUDIT_VERIFIED")
			.details(result.intact() ? "intact, " + result.rowsChecked() + " rows"
					: "broken at row " + result.firstBrokenSeq() + ": " + result.problem()));
		return result;
	}

	@GetMapping("/api/v1/audit/events")
	AuditPage events(@AuthenticationPrincipal StaffPrincipal me, @RequestParam(required = false) String user,
			@RequestParam(required = false) String patient, @RequestParam(required = false) String action,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		if (size < 1 || size > 500) {
			throw new InvalidInputException("size", "must be 1 to 500");
		}
		AuditController.AuditFilter filter = AuditController.AuditFilter.parse(user, patient, action, from, to, page,
				me.clinicZone());
		if (!filter.errors().isEmpty()) {
			throw new InvalidInputException(filter.errors()
				.entrySet()
				.stream()
				.map((error) -> new InvalidInputException.FieldError(error.getKey(), error.getValue()))
				.toList());
		}
		this.audit.record(AuditRecord.success("AUDIT_VIEWED").details(filter.describe()));
		return this.audit.search(me.clinicId(), filter.toQuery(size));
	}

}
