package org.ketacare.screening;

import java.util.List;

/**
 * What the eligibility rules made of a screening, with every reason.
 *
 * @param rulesVersion the rules' id and version, such as {@code ketacare-eligibility/1}
 * @param ruleParameters the clinic's numbers the rules were applied with
 */
record Decision(Outcome outcome, List<Reason> reasons, MaudsleyScore maudsley, String rulesVersion,
		String ruleParameters) {
}
