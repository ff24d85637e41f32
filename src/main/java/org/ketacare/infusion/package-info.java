/**
 * The infusion visit: check-in, pre-infusion checks, the signed weight-based dose order,
 * IV preparation from the ledger, the infusion timeline, monitoring, recovery, discharge
 * and signing.
 */
package org.ketacare.infusion;
