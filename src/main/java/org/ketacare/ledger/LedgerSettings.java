package org.ketacare.ledger;

import java.util.List;

import org.ketacare.clinic.SettingCatalogue;
import org.ketacare.clinic.SettingDefinition;

import org.springframework.stereotype.Component;

import static org.ketacare.clinic.SettingDefinition.clinicalNumber;
import static org.ketacare.clinic.SettingDefinition.preference;
import static org.ketacare.clinic.SettingType.DECIMAL;
import static org.ketacare.clinic.SettingType.INTEGER;

/**
 * The record-keeping numbers of the controlled-substance ledger, with the defaults and
 * sources of the clinical reference (shared/clinical/reference.md §5). A state's stricter
 * rule wins: a clinic raises retention or shortens the inventory interval and the
 * deadlines, never the other way.
 */
@Component
class LedgerSettings implements SettingCatalogue {

	static final String POSSIBLE_LOSS_THRESHOLD_MG = "ledger.discrepancy.possible-loss-threshold-mg";

	static final String RETENTION_YEARS = "ledger.retention-years";

	static final String INVENTORY_INTERVAL_MONTHS = "ledger.inventory.interval-months";

	static final String LOSS_NOTICE_BUSINESS_DAYS = "ledger.loss.notice-business-days";

	static final String FORM_106_DAYS = "ledger.loss.form106-days";

	static final String EXPIRY_WARNING_DAYS = "ledger.expiry-warning-days";

	private static final String GROUP = "Controlled-substance ledger";

	@Override
	public List<SettingDefinition> settings() {
		return List.of(
				clinicalNumber(POSSIBLE_LOSS_THRESHOLD_MG, GROUP,
						"Count difference that opens a possible significant loss case", DECIMAL, "10", "mg", "0",
						"1000",
						"Clinic policy (a physician confirms it): 21 CFR 1301.76(b) judges significance by quantity, "
								+ "pattern and local diversion trends; minor discrepancies are noted in the records "
								+ "(reference §5, security-and-scale A4)"),
				clinicalNumber(RETENTION_YEARS, GROUP, "Keep ledger records and inventories for at least", INTEGER, "2",
						"a", "2", "25",
						"21 CFR 1304.04(a): at least 2 years from the date of the record; many states require longer"),
				clinicalNumber(INVENTORY_INTERVAL_MONTHS, GROUP, "Take a new inventory at least every", INTEGER, "24",
						"mo", "12", "24",
						"21 CFR 1304.11(c): biennial (24 months); some states require it yearly, e.g. Iowa 481-553.5, "
								+ "South Carolina"),
				clinicalNumber(LOSS_NOTICE_BUSINESS_DAYS, GROUP,
						"Written notice to the DEA Field Division after a theft or significant loss is found, within",
						INTEGER, "1", "business day", "0", "1",
						"21 CFR 1301.76(b): in writing within one business day of discovery"),
				clinicalNumber(FORM_106_DAYS, GROUP, "DEA Form 106 filed electronically within", INTEGER, "45", "d",
						"1", "45", "21 CFR 1301.76(b) as amended by 88 FR 40707 (effective 24 Jul 2023): 45 days"),
				preference(EXPIRY_WARNING_DAYS, GROUP, "Warn about vials expiring within", INTEGER, "60", "d", "0",
						"365", "Clinic preference"));
	}

}
