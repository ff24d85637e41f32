package org.ketacare.web;

import java.util.List;
import java.util.Set;

import org.ketacare.platform.Role;
import org.ketacare.platform.StaffPrincipal;

/**
 * The places each role goes. Pages that later work fills say so ("coming") rather than
 * pretend to exist.
 */
final class Navigation {

	private static final List<Item> ITEMS = List.of(new Item("Home", "/", Set.of(Role.values()), true),
			new Item("Patients", "/patients", Set.of(Role.INTAKE, Role.NURSE, Role.PHYSICIAN, Role.THERAPIST), true),
			new Item("Screening", "/screening", Set.of(Role.INTAKE, Role.PHYSICIAN), true),
			new Item("Schedule", "/schedule", Set.of(Role.INTAKE, Role.NURSE, Role.PHYSICIAN, Role.CLINIC_ADMIN), true),
			new Item("Infusion board", "/infusions", Set.of(Role.NURSE, Role.PHYSICIAN), true),
			new Item("Ketamine ledger", "/ledger", Set.of(Role.NURSE, Role.PHYSICIAN, Role.CLINIC_ADMIN), true),
			new Item("Outcomes", "/outcomes", Set.of(Role.values()), true),
			new Item("Therapy sessions", "/therapy", Set.of(Role.THERAPIST), false),
			new Item("Setting sign-off", "/settings/pending", Set.of(Role.PHYSICIAN), true),
			new Item("Clinic settings", "/settings", Set.of(Role.CLINIC_ADMIN, Role.PHYSICIAN), true),
			new Item("Staff", "/admin/staff", Set.of(Role.CLINIC_ADMIN), true),
			new Item("Rooms and hours", "/admin/rooms", Set.of(Role.CLINIC_ADMIN), true),
			new Item("Protocols", "/admin/protocols", Set.of(Role.CLINIC_ADMIN), true),
			new Item("Audit trail", "/audit", Set.of(Role.CLINIC_ADMIN), true));

	private Navigation() {
	}

	static List<Item> forStaff(StaffPrincipal principal) {
		return ITEMS.stream().filter((item) -> item.roles().stream().anyMatch(principal::hasRole)).toList();
	}

	/**
	 * One entry of the navigation.
	 *
	 * @param available whether the page exists yet; others are listed as coming
	 */
	record Item(String label, String path, Set<Role> roles, boolean available) {
	}

}
