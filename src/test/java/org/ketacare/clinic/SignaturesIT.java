package org.ketacare.clinic;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ketacare.KetaCareIntegrationTest;
import org.ketacare.TestStaff;
import org.ketacare.platform.InvalidInputException;
import org.ketacare.platform.Role;
import org.ketacare.platform.RuleViolationException;
import org.ketacare.platform.StaffPrincipal;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@KetaCareIntegrationTest
class SignaturesIT {

	private static final Set<Role> CLINICAL = Set.of(Role.NURSE, Role.PHYSICIAN);

	@Autowired
	Signatures signatures;

	@Autowired
	TestStaff staff;

	@Test
	void aSignatureRecordsTheSignersNameTimeAndMeaning() {
		StaffPrincipal physician = this.staff.create("main", Role.PHYSICIAN);
		Signature signature = this.signatures.sign(physician, TestStaff.PASSWORD, "Approved", Set.of(Role.PHYSICIAN));
		assertThat(signature.signerId()).isEqualTo(physician.staffId());
		assertThat(signature.signerName()).isEqualTo(physician.displayName());
		assertThat(signature.meaning()).isEqualTo("Approved");
		assertThat(signature.signedAt()).isNotNull();
	}

	@Test
	void aWitnessIsAnotherPersonOfTheClinicWhoGivesTheirOwnPassword() {
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		StaffPrincipal witness = this.staff.create("main", Role.NURSE);
		Signature signature = this.signatures.witness(nurse, witness.username(), TestStaff.PASSWORD, "Witnessed waste",
				CLINICAL);
		assertThat(signature.signerId()).isEqualTo(witness.staffId());
	}

	@Test
	void theActorCannotWitnessThemself() {
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		assertThatThrownBy(
				() -> this.signatures.witness(nurse, nurse.username(), TestStaff.PASSWORD, "Witnessed waste", CLINICAL))
			.isInstanceOf(RuleViolationException.class);
	}

	@Test
	void aWitnessFromAnotherClinicOrWithAWrongPasswordSignsNothing() {
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		StaffPrincipal northNurse = this.staff.create("north", Role.NURSE);
		StaffPrincipal witness = this.staff.create("main", Role.NURSE);
		assertThatThrownBy(() -> this.signatures.witness(nurse, northNurse.username(), TestStaff.PASSWORD,
				"Witnessed waste", CLINICAL))
			.isInstanceOfSatisfying(InvalidInputException.class,
					(ex) -> assertThat(ex.errors().get(0).field()).isEqualTo("witnessUsername"));
		assertThatThrownBy(
				() -> this.signatures.witness(nurse, witness.username(), "wrong password", "Witnessed waste", CLINICAL))
			.isInstanceOfSatisfying(InvalidInputException.class,
					(ex) -> assertThat(ex.errors().get(0).field()).isEqualTo("witnessPassword"));
	}

	@Test
	void aWitnessNeedsAnAllowedRole() {
		StaffPrincipal nurse = this.staff.create("main", Role.NURSE);
		StaffPrincipal intake = this.staff.create("main", Role.INTAKE);
		assertThatThrownBy(() -> this.signatures.witness(nurse, intake.username(), TestStaff.PASSWORD,
				"Witnessed waste", CLINICAL))
			.isInstanceOf(InvalidInputException.class);
	}

}
