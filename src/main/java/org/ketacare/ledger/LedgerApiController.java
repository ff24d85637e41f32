package org.ketacare.ledger;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger for scripts and other systems. Entries can be read but never changed: there
 * is no PUT, PATCH or DELETE for them (405), and there is no way to dispense.
 */
@RestController
class LedgerApiController {

	private final Ledger ledger;

	LedgerApiController(Ledger ledger) {
		this.ledger = ledger;
	}

	@PostMapping("/api/v1/ledger/receipts")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	ResponseEntity<ReceiptResponse> receive(@AuthenticationPrincipal StaffPrincipal me,
			@RequestBody(required = false) NewReceipt receipt) {
		requireBody(receipt);
		List<Vial> vials = this.ledger.receive(me, receipt);
		return ResponseEntity.status(201)
			.body(new ReceiptResponse(vials.get(0).receiptId(), vials.stream().map(VialResponse::of).toList()));
	}

	@PostMapping("/api/v1/ledger/draws")
	@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN')")
	ResponseEntity<DrawResponse> draw(@AuthenticationPrincipal StaffPrincipal me,
			@RequestBody(required = false) NewDraw draw) {
		requireBody(draw);
		if (draw.idempotencyKey() == null || draw.idempotencyKey().isBlank()) {
			throw new InvalidInputException("idempotencyKey",
					"is required: send a new key per draw, and the same key when you retry it");
		}
		Draw made = this.ledger.draw(me, draw);
		Vial vial = this.ledger.vial(me.clinicId(), made.vialId());
		return ResponseEntity.created(URI.create("/api/v1/ledger/draws/" + made.id()))
			.body(DrawResponse.of(made, vial));
	}

	@GetMapping("/api/v1/ledger/draws/{drawId}")
	@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN', 'CLINIC_ADMIN')")
	DrawResponse draw(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID drawId) {
		Draw draw = this.ledger.viewDraw(me, drawId);
		return DrawResponse.of(draw, this.ledger.vial(me.clinicId(), draw.vialId()));
	}

	@PostMapping("/api/v1/ledger/waste")
	@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN')")
	ResponseEntity<LedgerEntry> waste(@AuthenticationPrincipal StaffPrincipal me,
			@RequestBody(required = false) NewWaste waste) {
		requireBody(waste);
		LedgerEntry entry = this.ledger.waste(me, waste);
		return ResponseEntity.created(URI.create("/api/v1/ledger/entries/" + entry.id())).body(entry);
	}

	@GetMapping("/api/v1/ledger/vials/{vialId}")
	@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN', 'CLINIC_ADMIN')")
	VialDetailResponse vial(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID vialId) {
		Ledger.VialHistory history = this.ledger.vialHistory(me, vialId);
		return new VialDetailResponse(VialResponse.of(history.vial()), history.entries());
	}

	@GetMapping("/api/v1/ledger/entries/{entryId}")
	@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN', 'CLINIC_ADMIN')")
	LedgerEntry entry(@AuthenticationPrincipal StaffPrincipal me, @PathVariable UUID entryId) {
		return this.ledger.entry(me.clinicId(), entryId);
	}

	@GetMapping("/api/v1/ledger/balance")
	@PreAuthorize("hasAnyRole('NURSE', 'PHYSICIAN', 'CLINIC_ADMIN')")
	List<LedgerQueries.StockLine> balance(@AuthenticationPrincipal StaffPrincipal me) {
		return this.ledger.stock(me.clinicId());
	}

	/**
	 * Bodies are optional to Spring so that authorization is decided before the body is
	 * looked at: a caller without the role gets 403 whatever they send.
	 */
	private static void requireBody(Object body) {
		if (body == null) {
			throw new InvalidInputException("body", "is required: send the request as JSON");
		}
	}

	record ReceiptResponse(UUID receiptId, List<VialResponse> vials) {
	}

	record VialResponse(UUID id, String label, String product, String ndc, BigDecimal concentrationMgPerMl,
			BigDecimal containerMl, String lot, LocalDate expiry, String location, VialStatus status,
			BigDecimal balanceMg, BigDecimal balanceMl) {

		static VialResponse of(Vial vial) {
			return new VialResponse(vial.id(), vial.label(), vial.productName(), vial.ndc(),
					vial.concentrationMgPerMl(), vial.containerMl(), vial.lot(), vial.expiry(), vial.locationName(),
					vial.status(), vial.balanceMg(), vial.balanceMl());
		}

	}

	record VialDetailResponse(VialResponse vial, List<LedgerEntry> entries) {
	}

	record DrawResponse(UUID id, UUID vialId, UUID visitId, UUID patientId, BigDecimal mg, BigDecimal ml,
			BigDecimal administeredMg, BigDecimal wastedMg, BigDecimal remainingMg, String drawnBy,
			java.time.Instant drawnAt, BigDecimal vialBalanceMg) {

		static DrawResponse of(Draw draw, Vial vial) {
			return new DrawResponse(draw.id(), draw.vialId(), draw.visitId(), draw.patientId(), draw.drawnMg(),
					draw.drawnMl(), draw.administeredMg(), draw.wastedMg(), draw.remainingMg(), draw.drawnByName(),
					draw.drawnAt(), vial.balanceMg());
		}

	}

}
