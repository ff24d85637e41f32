package org.ketacare.web;

import java.util.List;
import java.util.Set;

import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

/**
 * The places each role goes.
 */
final class Navigation {

	private static final List<Item> ITEMS = List.of(new Item("Home", "/", Set.of(Role.values())),
			new Item("Patients", "/patients", Set.of(Role.INTAKE, Role.NURSE, Role.PHYSICIAN, Role.THERAPIST)),
			new Item("Screening", "/screening", Set.of(Role.INTAKE, Role.PHYSICIAN)),
			new Item("Schedule", "/schedule", Set.of(Role.INTAKE, Role.NURSE, Role.PHYSICIAN, Role.CLINIC_ADMIN)),
			new Item("Infusion board", "/infusions", Set.of(Role.NURSE, Role.PHYSICIAN)),
			new Item("Ketamine ledger", "/ledger", Set.of(Role.NURSE, Role.PHYSICIAN, Role.CLINIC_ADMIN)),
			new Item("Outcomes", "/outcomes", Set.of(Role.values())),
			new Item("Therapy sessions", "/therapy", Set.of(Role.THERAPIST)),
			new Item("Setting sign-off", "/settings/pending", Set.of(Role.PHYSICIAN)),
			new Item("Clinic settings", "/settings", Set.of(Role.CLINIC_ADMIN, Role.PHYSICIAN)),
			new Item("Staff", "/admin/staff", Set.of(Role.CLINIC_ADMIN)),
			new Item("Rooms and hours", "/admin/rooms", Set.of(Role.CLINIC_ADMIN)),
			new Item("Protocols", "/admin/protocols", Set.of(Role.CLINIC_ADMIN)),
			new Item("Audit trail", "/audit", Set.of(Role.CLINIC_ADMIN)));

	private Navigation() {
	}

	static List<Item> forStaff(StaffPrincipal principal) {
		return ITEMS.stream().filter((item) -> item.roles().stream().anyMatch(principal::hasRole)).toList();
	}

	/** One entry of the navigation. */
	record Item(String label, String path, Set<Role> roles) {
	}

}
